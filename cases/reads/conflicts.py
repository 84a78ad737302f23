"""What others saved after the version an editor opened (the conflict message's content)."""

import dataclasses

from django.utils.translation import gettext as _

from ..models import Case
from ..workflow import REASON_BASELINE
from .changes import M2MValues, field_changes, inline_change, inline_records


@dataclasses.dataclass
class Conflict:
    """What was saved after the version an editor opened."""

    editors: list
    saved_at: object
    base: object  # the history record of the opened version (None if not recorded)
    field_changes: list
    inline_changes: list


def changes_since(case, version):
    """What others saved after `version` of `case` (compares its record with the newest)."""
    records = list(
        Case.history.filter(id=case.pk, version__gte=version)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    base = next((r for r in reversed(records) if r.version == version), None)
    later = [r for r in records if r.version > version]
    if not later:
        return Conflict([], None, base, [], [])
    newest = later[-1]
    editors = []
    for record in later:
        name = record.history_user.get_username() if record.history_user else _("someone")
        if name not in editors:
            editors.append(name)
    if base is None:
        return Conflict(editors, newest.history_date, None, [], [])
    m2m = M2MValues([base, newest])
    inline_records_since = [
        record
        for record in inline_records(case.pk, after=base.history_date)
        if record.history_change_reason != REASON_BASELINE
    ]
    inline_changes = [c for c in map(inline_change, inline_records_since) if c is not None]
    return Conflict(
        editors, newest.history_date, base, field_changes(base, newest, m2m), inline_changes
    )


def no_conflict_details():
    """A conflict known only by its version number (the opened version was not recorded)."""
    return Conflict([], None, None, [], [])
