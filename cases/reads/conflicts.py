"""What others saved after the version an editor opened (the conflict message's content).

Two things can be stale: the live case (its `version`), and its pending revision (a "token",
`<revision id>.<revision version>`, or "" for none). `changes_since` answers for the live case,
from its history; `revision_changes_since` for the revision, from the revision's history.
Both return a `Conflict`; `conflict_snapshots` adds the content on both sides, which the
change form merges row by row.
"""

import dataclasses

from django.utils.translation import gettext as _

from ..models import Case, CaseRevision
from ..workflow import REASON_BASELINE
from .changes import M2MValues, field_changes, inline_change, inline_records
from .snapshots import Snapshot, field_differences, live_snapshot, row_differences, snapshot_at

CASE_SAVED = "case_saved"
REVISION_SAVED = "revision_saved"  # or sent back
REVISION_APPROVED = "revision_approved"
REVISION_WITHDRAWN = "revision_withdrawn"


@dataclasses.dataclass
class Conflict:
    """What was saved after the version an editor opened."""

    editors: list
    saved_at: object
    base: object  # what the editor opened: a history record or a Snapshot (None: unknown)
    field_changes: list
    inline_changes: list
    what: str = CASE_SAVED  # what the others did
    base_snapshot: object = None  # set by conflict_snapshots() / revision_changes_since()
    theirs_snapshot: object = None


def _usernames(records):
    names = []
    for record in records:
        name = record.history_user.get_username() if record.history_user else _("someone")
        if name not in names:
            names.append(name)
    return names


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
    editors = _usernames(later)
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


def conflict_snapshots(case, conflict):
    """Add the opened and the current content of the live case to a `changes_since` conflict."""
    if conflict.base is not None and conflict.base_snapshot is None:
        conflict.base_snapshot = snapshot_at(case, conflict.base)
    if conflict.theirs_snapshot is None:
        conflict.theirs_snapshot = live_snapshot(case)
    return conflict


def parse_token(token):
    """(revision id, revision version) from "<id>.<version>", or None ("" or damaged)."""
    first, _sep, second = (token or "").partition(".")
    numbers = [part for part in (first, second) if part.isascii() and part.isdigit()]
    if len(numbers) != 2 or max(len(first), len(second)) > 9:
        return None
    return int(first), int(second)


def revision_state(revision_id, version):
    """The content of a revision as it was at `version` (None if not recorded)."""
    record = (
        CaseRevision.history.filter(id=revision_id, version=version)
        .order_by("-history_date", "-history_id")
        .first()
    )
    return Snapshot.from_json(record.content) if record is not None else None


def revision_changes_since(case, token, expected_version):
    """What others did to the case's pending changes after a form was opened on `token`.

    An empty token means the form was opened on the live case at `expected_version`; the
    revision was created since. The revision may also have been approved or withdrawn since.
    """
    opened = parse_token(token)
    if opened is None:
        record = Case.history.filter(id=case.pk, version=expected_version).first()
        base = snapshot_at(case, record) if record is not None else None
    else:
        base = revision_state(*opened)
    current = CaseRevision.objects.filter(case=case).active().first()
    if current is not None:
        theirs = Snapshot.from_json(current.content)
        steps = CaseRevision.history.filter(id=current.pk).select_related("history_user")
        if opened is not None and opened[0] == current.pk:
            steps = steps.filter(version__gt=opened[1])
        what = REVISION_SAVED
    else:
        theirs = live_snapshot(case)
        steps = CaseRevision.history.filter(id=opened[0] if opened else None).select_related(
            "history_user"
        )
        last = steps.order_by("-history_date").first()
        what = REVISION_APPROVED if last and last.status == "approved" else REVISION_WITHDRAWN
    steps = list(steps.order_by("history_date", "history_id"))
    saved_at = steps[-1].history_date if steps else None
    if base is None:
        return Conflict(_usernames(steps), saved_at, None, [], [], what, None, theirs)
    return Conflict(
        _usernames(steps),
        saved_at,
        base,
        field_differences(base, theirs),
        row_differences(base, theirs),
        what,
        base,
        theirs,
    )
