"""Public reads from a read replica, everything else from the primary.

With REPLICA_DATABASE_URL set, the pages readers see (GET and HEAD outside the admin, for
visitors without a session) read from the `replica` alias. Writes, reads inside a transaction,
the admin, signed-in editors (who must see what they just saved), management commands and the
shell all use `default`. Stamps that decide whether a cached page is current are read with an
explicit `.using("default")`, so a lagging replica never re-caches an old page.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"
_public_read = ContextVar("public_read", default=False)


def is_public_read(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith("/" + settings.ADMIN_URL)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class PublicReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _public_read.set(is_public_read(request))
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            _public_read.get()
            and REPLICA in connections.settings
            and not connections["default"].in_atomic_block
        ):
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
