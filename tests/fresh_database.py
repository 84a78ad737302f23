"""A second, freshly migrated database on the same server as the tests' own (a file for
SQLite), reached from child processes: what a restore drill loads a backup into."""

import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg2
from django.db import connection

from tests.site.settings_run import manage


def _postgres_url(settings_dict, name):
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


@contextmanager
def fresh_database(tmp_path: Path, migrate=True):
    """Yields the DATABASE_URL of an empty database, migrated unless told otherwise."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        drop = None
    else:
        name = f"{settings_dict['NAME']}_fresh_{uuid.uuid4().hex[:8]}"
        admin = psycopg2.connect(_postgres_url(settings_dict, "postgres"))
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        url = _postgres_url(settings_dict, name)

        def drop():
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.close()

    try:
        if migrate:
            result = manage("migrate", "--noinput", "-v0", DEBUG="true", DATABASE_URL=url)
            assert result.returncode == 0, result.stderr
        yield url
    finally:
        if drop:
            drop()
