"""The catalogue version: the one number every page cache key and the catalogue index follow.

Every write that the public can see (publishing, editing, unpublishing or deleting a case, its
inline rows, a renamed target, country, region or organization) bumps it; signals in
`cases/signals.py` do this for every ORM save and delete. Bulk writes that send no signals
(`QuerySet.update()`, `bulk_create()`, `loaddata`'s raw saves) must call `bump()` themselves:
`generate_cases`, `rebuild_search_index` and `load_catalogue` do.

The version is a time in microseconds, at least one more than the last: it only grows, and a
value rolled back with its transaction is never handed out again (the next bump is later), so
nothing built for a rolled-back state (a test's, say) is ever taken for a committed one. Both
the bump and the read use the primary database ("default"), never a read replica: a page
must not be cached under a version whose data a lagging replica does not have yet.
"""

import contextlib
import contextvars
import time

from django.db import connections
from django.db.models import F, Value
from django.db.models.functions import Greatest

PRIMARY = "default"
STATE_ID = 1


def current():
    """The catalogue version as the primary database holds it now (one indexed read)."""
    from .models import CatalogueState

    remembered = _read_in_this_request.get()
    if remembered is not None:
        return remembered
    # Plain SQL: every request reads it, a cached page's request little else, and building
    # the ORM's query took three times as long as running it (bench/results.md).
    connection = connections[PRIMARY]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('version')} FROM {quote(CatalogueState._meta.db_table)}"  # noqa: S608
            f" WHERE {quote('id')} = %s",
            [STATE_ID],
        )
        row = cursor.fetchone()
    return (row[0] if row else None) or 0


_bump_deferred = contextvars.ContextVar("catalogue_version_bump_deferred", default=None)


@contextlib.contextmanager
def bumps_deferred():
    """Within it, bumps are noted and made once on leaving (if any was asked for, and the block
    succeeded): for a write of many rows at once, such as an imported case."""
    if _bump_deferred.get() is not None:
        yield
        return
    asked = []
    token = _bump_deferred.set(asked)
    try:
        yield
    finally:
        _bump_deferred.reset(token)
    if asked:
        bump()


def bump():
    """Move the version on; returns nothing (the new value is read with `current()`).

    One UPDATE: concurrent bumps queue on the row's lock, and each takes the value the one
    before it committed, so no two committed bumps give the same version.
    """
    from .models import CatalogueState

    asked = _bump_deferred.get()
    if asked is not None:
        asked.append(True)
        return

    now = time.time_ns() // 1000
    updated = (
        CatalogueState.objects.using(PRIMARY)
        .filter(pk=STATE_ID)
        .update(version=Greatest(F("version") + 1, Value(now)))
    )
    if not updated:
        CatalogueState.objects.using(PRIMARY).get_or_create(pk=STATE_ID, defaults={"version": now})


_read_in_this_request = contextvars.ContextVar("catalogue_version", default=None)


@contextlib.contextmanager
def read_once(version):
    """Within the block, `current()` answers `version` without asking again (the page cache
    reads the version once per request; the catalogue index then uses the same one)."""
    token = _read_in_this_request.set(version)
    try:
        yield
    finally:
        _read_in_this_request.reset(token)
