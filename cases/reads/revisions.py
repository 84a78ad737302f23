"""Pending revisions as the admin shows them: the one a case has, what approving it would
change (a field-by-field and row-by-row difference against the published case), and every
revision a case had, with its steps, for the history page."""

import dataclasses

from django.utils.translation import gettext as _

from ..fields import INLINE_KINDS
from ..models import Case, CaseRevision
from ..workflow import revision_history_id
from .changes import field_label, inline_kind
from .merge import merge_snapshots
from .snapshots import (
    Snapshot,
    describe_row,
    field_differences,
    live_snapshot,
    row_differences,
    snapshot_at,
)


def active_revision(case):
    """The case's open or sent-back revision, or None."""
    if case is None or case.pk is None:
        return None
    return (
        CaseRevision.objects.filter(case_id=case.pk)
        .active()
        .select_related("proposed_by", "reviewed_by")
        .first()
    )


def revision_token(revision):
    return revision.token if revision is not None else ""


def proposed_snapshot(revision):
    return Snapshot.from_json(revision.content)


@dataclasses.dataclass
class Review:
    """What approving a revision would do, against the published case as it is now."""

    revision: object
    case: object
    live_version: int
    to_apply: object  # the Snapshot an approval writes
    field_changes: list  # published case -> after approval
    inline_changes: list
    live_changed: bool  # the published case was saved since the revision was started
    base_known: bool  # its state then is recorded, so its changes since are kept
    live_field_changes: list  # what changed in the published case since then
    live_inline_changes: list
    changed_by_both: list  # labels of fields and rows both changed: the revision's text wins


def _base_record(case, version):
    return (
        Case.history.filter(id=case.pk, version=version)
        .order_by("-history_date", "-history_id")
        .first()
    )


def review_of(revision):
    """What approving `revision` writes, and whether the published case changed meanwhile.

    When it did, the approval keeps those changes wherever the revision left the same field or
    row as it was (a three-way merge); where both changed something, the revision's text wins,
    and `changed_by_both` says where.
    """
    case = Case.objects.get(pk=revision.case_id)
    live = live_snapshot(case)
    proposed = proposed_snapshot(revision)
    live_changed = case.version != revision.base_version
    base, to_apply, both = None, proposed, []
    live_fields, live_rows = [], []
    if live_changed:
        record = _base_record(case, revision.base_version)
        if record is not None:
            base = snapshot_at(case, record)
            merged = merge_snapshots(base, live, proposed)
            to_apply = merged.snapshot
            both = [str(field_label(Case, name)) for name in merged.both_changed_fields]
            both += [_row_label(merge) for merge in merged.row_conflicts]
            live_fields, live_rows = field_differences(base, live), row_differences(base, live)
    return Review(
        revision=revision,
        case=case,
        live_version=case.version,
        to_apply=to_apply,
        field_changes=field_differences(live, to_apply),
        inline_changes=row_differences(live, to_apply),
        live_changed=live_changed,
        base_known=base is not None,
        live_field_changes=live_fields,
        live_inline_changes=live_rows,
        changed_by_both=both,
    )


def _row_label(merge):
    model = INLINE_KINDS[merge.kind]
    row = merge.yours or merge.theirs
    return f"{inline_kind(model)} “{describe_row(model, row)}”"


@dataclasses.dataclass
class RevisionStep:
    date: object
    user: object
    action: str
    comment: str = ""


@dataclasses.dataclass
class RevisionEntry:
    revision: object
    steps: list  # RevisionStep, oldest first


STEP_LABELS = {
    ("", "open"): "proposed",
    ("open", "open"): "edited",
    ("sent_back", "open"): "resubmitted",
    ("sent_back", "sent_back"): "edited",
    ("open", "sent_back"): "sent_back",
    ("sent_back", "approved"): "approved",
    ("open", "approved"): "approved",
    ("open", "withdrawn"): "withdrawn",
    ("sent_back", "withdrawn"): "withdrawn",
}


def step_label(code):
    return {
        "proposed": _("Proposed"),
        "edited": _("Edited"),
        "resubmitted": _("Edited and sent for review again"),
        "sent_back": _("Sent back"),
        "approved": _("Approved"),
        "withdrawn": _("Discarded"),
    }[code]


def revisions_of(case):
    """Every revision of the case, newest first, each with its steps (who did what, when)."""
    revisions = list(
        CaseRevision.objects.filter(case_id=case.pk).select_related("proposed_by", "reviewed_by")
    )
    records = (
        CaseRevision.history.filter(id__in=[revision.pk for revision in revisions])
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    steps, previous = {}, {}
    for record in records:
        code = STEP_LABELS.get((previous.get(record.id, ""), record.status), "edited")
        previous[record.id] = record.status
        comment = record.comment if code == "sent_back" else ""
        step = RevisionStep(record.history_date, record.history_user, step_label(code), comment)
        steps.setdefault(record.id, []).append(step)
    return [RevisionEntry(revision, steps.get(revision.pk, [])) for revision in revisions]


def approved_revisions(records):
    """{revision id: revision} for the history records that an approval wrote."""
    ids = {revision_history_id(record.history_change_reason) for record in records} - {None}
    if not ids:
        return {}
    return CaseRevision.objects.select_related("proposed_by", "reviewed_by").in_bulk(ids)
