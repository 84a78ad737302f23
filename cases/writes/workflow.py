"""Carrying out the workflow's actions (`cases.workflow`): checks, then one locked save."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .. import rules
from ..permissions import can_change, can_delete_case, can_publish
from ..workflow import ACTIONS, SEND_TO_REVIEW
from .locking import save_locked
from .review_queue import announce_entered_queue


def permission_problem(user, action):
    """Why `user` may not take `action` (an Action or its name) at all, or None."""
    action = ACTIONS.get(action, action)
    if action.publisher_only and not can_publish(user):
        return str(action.permission_message)
    if not can_change(user):
        return _("You do not have permission to change cases.")
    return None


def action_problems(case, action):
    """Why `action` cannot be taken on `case` as stored (empty list: it can)."""
    action = ACTIONS.get(action, action)
    problems = action.status_problems(case)
    if problems or not action.needs_review_rules:
        return problems
    return [str(p) for p in rules.review_problems(case, case.sdg_targets.count())]


def take_action(case, user, action, *, expected_version=None):
    """Take `action` (an Action or its name) on `case` as `user`; returns the history record.

    Raises PermissionDenied, rules.RuleViolation-like ValidationError (see below) or
    locking.StaleCaseError; nothing is written then.
    """
    action = ACTIONS.get(action, action)
    denied = permission_problem(user, action)
    if denied:
        raise PermissionDenied(denied)
    problems = action_problems(case, action)
    if problems:
        raise ActionRefused(problems)
    with transaction.atomic():
        record = save_locked(
            case,
            user=user,
            reason=action.reason,
            expected_version=expected_version,
            values=action.new_values(case),
        )
    if action is SEND_TO_REVIEW:
        announce_entered_queue(case, user=user)
    return record


class ActionRefused(Exception):
    """The case is not ready for the action; `messages` says why."""

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = list(messages)


def delete_case(case, user):
    if not can_delete_case(user, case):
        raise PermissionDenied(_("Only publishers can delete a published case."))
    case._history_user = user
    case.delete()
