"""Writes of the search columns (`search_document`, `search_english`): derived data, not edits.

Written with queryset updates: no save(), no signals, no history rows and no version bump.
`cases.signals` calls these after every write that changes searched text; `rebuild_search_index`
after loaddata or a change to `cases/search/`.
"""

import contextlib
import contextvars

from django.db import connection
from django.db.models import Prefetch

from .. import catalogue_version
from ..models import Case, Country, Organization
from ..progress import Progress
from ..search.documents import (
    CASE_SECTIONS,
    SEARCHED_COUNTRY_FIELDS,
    SEARCHED_ORGANIZATION_FIELDS,
    build_search_document,
)

REFRESH_BATCH_SIZE = 500


def _cases_for_refresh(case_ids):
    organizations = Organization.objects.only("pk", *SEARCHED_ORGANIZATION_FIELDS)
    countries = Country.objects.only("pk", *SEARCHED_COUNTRY_FIELDS)
    columns = [column for section in CASE_SECTIONS for column in section]
    return (
        Case.objects.filter(pk__in=case_ids)
        .only("pk", *columns)
        .prefetch_related(
            Prefetch("organizations", queryset=organizations),
            Prefetch("countries", queryset=countries),
        )
        .order_by()
    )


def refresh_case(case):
    """Recompute a just-saved case's search columns, store them and set them on `case` too.

    Keeping the instance current matters: a later `case.save()` of the same object would
    otherwise write its stale columns back (and history records copy the instance).
    """
    case.search_document, case.search_english = build_search_document(case)
    Case.objects.filter(pk=case.pk).update(
        search_document=case.search_document, search_english=case.search_english
    )


_deferred = contextvars.ContextVar("deferred_search_refreshes", default=None)


@contextlib.contextmanager
def refreshes_deferred():
    """Within it, refresh_search_documents only notes the cases; they are refreshed once each
    on leaving. For a write of many rows of one case (an import writes each country and
    organization row, and each would refresh the case again)."""
    if _deferred.get() is not None:
        yield
        return
    pending = {}
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    # Only after the writes succeeded (an exception has left the block by now).
    refresh_search_documents(list(pending))


def refresh_search_documents(case_ids, batch_size=REFRESH_BATCH_SIZE):
    """Recompute and store the search columns of these cases; returns how many were written.

    Written with a queryset update (bulk_update), so no save(), no signals, no history rows and
    no version bump: the search data is derived, not an edit.
    """
    pending = _deferred.get()
    if pending is not None:
        pending.update(dict.fromkeys(case_ids))
        return 0
    case_ids = list(dict.fromkeys(case_ids))
    written = 0
    for start in range(0, len(case_ids), batch_size):
        cases = list(_cases_for_refresh(case_ids[start : start + batch_size]))
        for case in cases:
            case.search_document, case.search_english = build_search_document(case)
        Case.objects.bulk_update(cases, ["search_document", "search_english"])
        written += len(cases)
    return written


def rebuild_search_index(case_ids, batch_size=REFRESH_BATCH_SIZE, stream=None):
    """Refresh many cases at once (the command), then tidy PostgreSQL's index.

    Search results change, so the catalogue version moves on (queryset updates send no
    signals)."""
    case_ids = list(case_ids)
    count = 0
    with Progress(len(case_ids), "Search index", stream) as progress:
        for start in range(0, len(case_ids), batch_size):
            written = refresh_search_documents(case_ids[start : start + batch_size], batch_size)
            count += written
            progress.advance(written)
    if count:
        tidy_search_index()
        catalogue_version.bump()
    return count


def tidy_search_index():
    """After many writes: move the rows the GIN index queued while they were written into the
    index proper (every search scans that queue), and refresh the planner's statistics."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list('case_search_vector_idx'::regclass)")
            cursor.execute("ANALYZE cases_case")


SEARCH_INDEX_SQL = "CREATE INDEX case_search_vector_idx ON cases_case USING gin (search_vector)"


@contextlib.contextmanager
def search_index_dropped():
    """For a bulk load on PostgreSQL: drop the GIN index, build it once at the end (as
    migration 0003 makes it); much faster than updating it row by row."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS case_search_vector_idx")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(SEARCH_INDEX_SQL)
            cursor.execute("ANALYZE cases_case")
