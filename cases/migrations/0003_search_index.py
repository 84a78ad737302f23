"""Search index: on PostgreSQL, a stored weighted tsvector built from the two search columns.

`Case.search_document` and `Case.search_english` (plain text, one line per weight: A title and
short name, B headline, C organization and country names, D challenge and solution) are written
by cases/search.py on every save. Here PostgreSQL derives `search_vector` from them:

- 'simple' (no stemming) for the CJK bigrams and lower-cased words of search_document,
- 'english' (Snowball stems) for search_english,

each line weighted A..D, as a STORED generated column with a GIN index. Stored, not an
expression index, because ranking (ts_rank) must read the vector of every match: re-parsing the
text per row would cost more than the search itself. The column is not a model field (SQLite has
no tsvector); only search.py reads it. A migration that alters search_document or
search_english on PostgreSQL must drop and re-create this column around the change.

pg_trgm serves the "did you mean" suggestions (similarity over a few hundred names: no index).

SQLite gets nothing here: search.py matches there with Python functions.
After migrating a database that already holds cases, run `manage.py rebuild_search_index`.
"""

from django.db import migrations

SECTIONS = (("1", "A"), ("2", "B"), ("3", "C"), ("4", "D"))
VECTOR = " || ".join(
    f"setweight(to_tsvector('{config}'::regconfig, split_part({column}, E'\\n', {line})), '{weight}')"
    for column, config in (("search_document", "simple"), ("search_english", "english"))
    for line, weight in SECTIONS
)

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"ALTER TABLE cases_case ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED",
    "CREATE INDEX case_search_vector_idx ON cases_case USING gin (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS case_search_vector_idx",
    "ALTER TABLE cases_case DROP COLUMN IF EXISTS search_vector",
]


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_editor_groups")]

    operations = [
        migrations.RunPython(run_on_postgresql(FORWARD), run_on_postgresql(BACKWARD)),
    ]
