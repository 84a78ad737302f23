from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Case catalogue")

    def ready(self):
        from . import signals
        from .search import sqlite

        signals.connect()
        # SQLite has no full-text search of its own: cases/search/sqlite.py matches in Python.
        connection_created.connect(
            sqlite.register_sqlite_functions, dispatch_uid="search_sqlite_functions"
        )
