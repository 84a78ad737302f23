"""Restoring an earlier version of a case: its fields, targets, regions and inline rows.

The publication status, publication date and review date stay as they are: restoring old text
must not publish or unpublish a case.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .. import rules
from ..fields import CONTENT_FIELDS
from ..models import Case
from ..permissions import can_change, edits_need_review
from ..reads.changes import M2MValues
from ..reads.restore_preview import inline_restore_plan
from ..reads.revisions import active_revision
from ..reads.snapshots import snapshot_at
from ..workflow import restored_reason
from .inline_rows import apply_inline_steps
from .locking import StaleCaseError, save_locked
from .revisions import propose_snapshot


class RestoreRefused(Exception):
    """The version cannot be restored; `problems` (rules.Problem or text) say why."""

    def __init__(self, problems):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = list(problems)


def restore_version(case, history_id, user, *, expected_version=None):
    """Make `case` look as it did in history record `history_id`, and record that as a change.

    Restores the case's own fields, its targets and regions, and its inlines; returns the new
    history record. For an Editor and a published case, the old version becomes a pending
    revision instead (the public sees it once a Publisher approves it): the revision is
    returned then. Raises PermissionDenied, RestoreRefused or locking.StaleCaseError; nothing
    is written then.
    """
    if not can_change(user):
        raise PermissionDenied(_("You do not have permission to change cases."))
    record = Case.history.filter(id=case.pk, history_id=history_id).first()
    if record is None:
        raise RestoreRefused([_("There is no such version of this case.")])
    m2m = M2MValues([record])
    targets, regions = m2m.get(record, "sdg_targets"), m2m.get(record, "regions")
    problems = rules.case_problems(
        record,
        past_draft=case.is_past_draft,
        target_count=len(targets),
        other_cases=Case.objects.exclude(pk=case.pk),
    )
    if problems:
        raise RestoreRefused(problems)
    if edits_need_review(user, case):
        return _restore_as_revision(case, record, user, expected_version)

    def restore_related(case):
        case.sdg_targets.set(targets)
        case.regions.set(regions)
        apply_inline_steps(inline_restore_plan(case, record.history_date), user)

    try:
        with transaction.atomic():
            return save_locked(
                case,
                user=user,
                reason=restored_reason(record.history_id),
                expected_version=expected_version,
                values={name: getattr(record, name) for name in CONTENT_FIELDS},
                after_save=restore_related,
            )
    except IntegrityError as error:
        raise RestoreRefused(
            [_("This version cannot be restored: it conflicts with the case's current data.")]
        ) from error


def _restore_as_revision(case, record, user, expected_version):
    if active_revision(case) is not None:
        raise RestoreRefused(
            [
                _(
                    "this case has changes awaiting review. Restore an earlier version once "
                    "they are approved or discarded."
                )
            ]
        )
    stored_version = Case.objects.values_list("version", flat=True).get(pk=case.pk)
    if expected_version is not None and expected_version != stored_version:
        raise StaleCaseError(case.pk, expected_version)
    snapshot = snapshot_at(case, record)
    # As for a direct restore, the review date stays as it is.
    snapshot.fields["reviewed_at"] = case.reviewed_at
    return propose_snapshot(case, snapshot, user, expected_revision="")
