"""The history of a case: every recorded version, newest first, with what changed in each."""

import dataclasses

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import Case
from ..workflow import REASON_BASELINE, reason_label, restored_history_id
from .changes import M2MValues, field_changes, inline_change, inline_records


@dataclasses.dataclass
class HistoryEntry:
    record: object
    reason: str
    changes: list
    inline_changes: list
    is_first: bool


def reason_display(reason, records_by_id=None):
    """How the history shows a stored change reason; a restore names the version it restored."""
    history_id = restored_history_id(reason)
    if history_id is None and not (reason or "").startswith("restored"):
        return reason_label(reason)
    restored = (records_by_id or {}).get(history_id)
    if restored is None:
        return _("Restored an earlier version")
    return _("Restored the version of %(date)s") % {
        "date": date_format(timezone.localtime(restored.history_date), "DATETIME_FORMAT")
    }


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
                reason=reason_display(record.history_change_reason, records_by_id),
                changes=changes,
                inline_changes=[c for c in map(inline_change, window) if c is not None],
                is_first=older is None,
            )
        )
    return entries
