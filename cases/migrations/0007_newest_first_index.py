"""An index that serves the list's order, NEWEST_FIRST, for published cases, on PostgreSQL.

SQLite cannot write NULLS LAST in an index definition; it needs none (it puts NULLs last when
sorting DESC). So this is SQL for PostgreSQL only, not a Meta.indexes entry.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS case_published_newest_idx ON cases_case "
    "(published_at DESC NULLS LAST, slug) WHERE publication_status = 'published'"
)
DROP = "DROP INDEX IF EXISTS case_published_newest_idx"


def run_on_postgresql(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_catalogue_state")]

    operations = [migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP))]
