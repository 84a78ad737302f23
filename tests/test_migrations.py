"""Migrations run forwards, backwards to nothing, and forwards again, on a fresh database
(PostgreSQL, where the search column and its index are created and dropped)."""

import pytest
from django.db import connection

from tests.fresh_database import fresh_database
from tests.site.settings_run import manage

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="runs on PostgreSQL (make test DATABASE_URL=...)"
)
def test_migrations_run_forwards_backwards_and_forwards_again(tmp_path):
    with fresh_database(tmp_path, migrate=False) as url:
        steps = [
            manage("migrate", "--noinput", "-v0", DEBUG="true", DATABASE_URL=url),
            manage("load_catalogue", "-v0", DEBUG="true", DATABASE_URL=url),
            manage("migrate", "cases", "zero", "--noinput", "-v0", DEBUG="true", DATABASE_URL=url),
            manage("migrate", "--noinput", "-v0", DEBUG="true", DATABASE_URL=url),
            manage("load_catalogue", "-v0", DEBUG="true", DATABASE_URL=url),
            manage("showmigrations", "cases", DEBUG="true", DATABASE_URL=url),
        ]

    for step in steps:
        assert step.returncode == 0, step.stderr
    applied = [line.strip() for line in steps[-1].stdout.splitlines()[1:]]
    assert applied and all(line.startswith("[X]") for line in applied)


@pytest.mark.django_db(transaction=True)
def test_the_single_contact_of_a_submission_becomes_its_first_contact():
    """0011 copies contact_name/job_title/email into `contacts` (history rows too); 0012 drops
    them. Submissions without a contact get none."""
    from django.db.migrations.executor import MigrationExecutor

    before = [("cases", "0010_issue12_status_as_of_and_pinyin_keys")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("cases")
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    common = {
        "language": "en",
        "title": "Solar kiosks",
        "challenge": "c",
        "solution": "s",
        "submitter_name": "Li Wei",
        "submitter_email": "li.wei@example.org",
    }
    with_contact = old.get_model("cases", "Submission").objects.create(
        token="a",
        contact_name="Amina Otieno",
        contact_job_title="Programme lead",
        contact_email="amina@example.org",
        **common,
    )
    old.get_model("cases", "Submission").objects.create(token="b", **common)
    old.get_model("cases", "HistoricalSubmission").objects.create(
        id=with_contact.pk,
        token="a",
        contact_name="Amina Otieno",
        history_date="2026-12-01T00:00:00Z",
        history_type="+",
        created_at="2026-12-01T00:00:00Z",
        **common,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    new = executor.loader.project_state(latest).apps

    submissions = new.get_model("cases", "Submission").objects.order_by("token")
    assert [row.contacts for row in submissions] == [
        [{"name": "Amina Otieno", "job_title": "Programme lead", "email": "amina@example.org"}],
        [],
    ]
    [history] = new.get_model("cases", "HistoricalSubmission").objects.all()
    assert history.contacts == [{"name": "Amina Otieno", "job_title": "", "email": ""}]
