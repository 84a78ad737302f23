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
from ..permissions import can_change
from ..reads.changes import M2MValues
from ..reads.restore_preview import inline_restore_plan
from ..workflow import restored_reason
from .locking import save_locked


def _restore_inlines(case, as_of, user):
    steps = inline_restore_plan(case, as_of)
    # Deletions first, so that a row put back does not collide with one added since.
    for step in sorted(steps, key=lambda step: step.action != "delete"):
        if step.action == "delete":
            step.obj._history_user = user
            step.obj.delete()
        elif step.action == "insert":
            obj = step.model(pk=step.obj.id, **step.values)
            obj._history_user = user
            obj.save(force_insert=True)
        else:
            for name, value in step.values.items():
                setattr(step.obj, name, value)
            step.obj._history_user = user
            step.obj.save()


class RestoreRefused(Exception):
    """The version cannot be restored; `problems` (rules.Problem or text) say why."""

    def __init__(self, problems):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = list(problems)


def restore_version(case, history_id, user, *, expected_version=None):
    """Make `case` look as it did in history record `history_id`, and record that as a change.

    Restores the case's own fields, its targets and regions, and its inlines. Raises
    PermissionDenied, RestoreRefused or locking.StaleCaseError; nothing is written then.
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

    def restore_related(case):
        case.sdg_targets.set(targets)
        case.regions.set(regions)
        _restore_inlines(case, record.history_date, user)

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
