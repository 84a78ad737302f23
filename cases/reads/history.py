"""The history of a case: every recorded version, newest first, with what changed in each."""

import dataclasses

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import Case
from ..workflow import (
    REASON_BASELINE,
    REASON_REVISION,
    reason_label,
    restored_history_id,
    revision_history_id,
)
from .changes import M2MValues, field_changes, inline_change, inline_records
from .revisions import approved_revisions


@dataclasses.dataclass
class HistoryEntry:
    record: object
    reason: str
    changes: list
    inline_changes: list
    is_first: bool


def _when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _username(user):
    return user.get_username() if user is not None else _("someone")


def revision_display(revision):
    """How the history names the approval of `revision` (proposed by, approved by, when)."""
    if revision is None:
        return _("Approved a revision")
    return _("Revision proposed by %(proposer)s on %(date)s, approved by %(reviewer)s") % {
        "proposer": _username(revision.proposed_by),
        "date": _when(revision.created_at),
        "reviewer": _username(revision.reviewed_by),
    }


def reason_display(reason, records_by_id=None, revisions_by_id=None):
    """How the history shows a stored change reason; a restore names the version it restored,
    an approval the revision it applied."""
    if (reason or "").startswith(REASON_REVISION + ":"):
        return revision_display((revisions_by_id or {}).get(revision_history_id(reason)))
    history_id = restored_history_id(reason)
    if history_id is None and not (reason or "").startswith("restored"):
        return reason_label(reason)
    restored = (records_by_id or {}).get(history_id)
    if restored is None:
        return _("Restored an earlier version")
    return _("Restored the version of %(date)s") % {"date": _when(restored.history_date)}


def case_history(case):
    """Every recorded version of the case, newest first, each with what changed since the one
    before it: its own fields, targets and regions, and its inlines."""
    records = list(
        Case.history.filter(id=case.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    m2m = M2MValues(records)
    inlines = [
        record
        for record in inline_records(case.pk)
        if record.history_change_reason != REASON_BASELINE
    ]
    records_by_id = {record.history_id: record for record in records}
    revisions_by_id = approved_revisions(records)
    entries = []
    for index, record in enumerate(records):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = field_changes(older, record, m2m) if older else []
        window = [
            inline
            for inline in inlines
            if (older is None or inline.history_date > older.history_date)
            and inline.history_date <= record.history_date
        ]
        entries.append(
            HistoryEntry(
                record=record,
                reason=reason_display(record.history_change_reason, records_by_id, revisions_by_id),
                changes=changes,
                inline_changes=[c for c in map(inline_change, window) if c is not None],
                is_first=older is None,
            )
        )
    return entries
