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
