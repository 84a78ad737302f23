"""The editorial workflow as one table: draft -> in review -> published (-> unpublished: a draft
again), and "mark as reviewed today".

Each action says who may take it, from which publication statuses it is refused and why, whether
the case must first meet the review rules, what it writes, and the reason the history records.
`cases.writes.workflow` carries actions out; the history pages label them; the admin presents
them. Other reasons the history records (a restore, the state before the first change) are here
too, so that every stored reason has one label.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .parsing import parse_positive_int

DRAFT, REVIEW, PUBLISHED = "draft", "review", "published"  # Case.PublicationStatus values

ALREADY_IN_REVIEW = _("It is already in review.")
ALREADY_PUBLISHED = _("It is already published.")
NOT_PUBLISHED = _("It is not published.")


def _to_review(case):
    return {"publication_status": REVIEW}


def _publish(case):
    # A publisher has checked the case: it also counts as reviewed today. The first
    # publication date is kept when a case is published again.
    return {
        "publication_status": PUBLISHED,
        "published_at": case.published_at or timezone.now(),
        "reviewed_at": timezone.localdate(),
    }


def _unpublish(case):
    return {"publication_status": DRAFT}


def _mark_reviewed(case):
    return {"reviewed_at": timezone.localdate()}


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per action
class Action:
    name: str
    reason: str  # stored in the history record's change reason
    history_label: str  # how the history shows that reason
    new_values: object  # case -> {field: value}
    publisher_only: bool = False
    needs_review_rules: bool = False  # the case must meet rules.review_problems first
    refused_from: dict = field(default_factory=dict)  # publication status -> why not
    permission_message: str = ""  # why a user without the permission may not

    def status_problems(self, case):
        message = self.refused_from.get(case.publication_status)
        return [str(message)] if message else []


SEND_TO_REVIEW = Action(
    "send_to_review",
    reason="review",
    history_label=_("Sent to review"),
    new_values=_to_review,
    needs_review_rules=True,
    refused_from={REVIEW: ALREADY_IN_REVIEW, PUBLISHED: ALREADY_PUBLISHED},
)
PUBLISH = Action(
    "publish",
    reason="published",
    history_label=_("Published"),
    new_values=_publish,
    publisher_only=True,
    needs_review_rules=True,
    refused_from={PUBLISHED: ALREADY_PUBLISHED},
    permission_message=_("Only publishers can publish cases."),
)
UNPUBLISH = Action(
    "unpublish",
    reason="unpublished",
    history_label=_("Unpublished"),
    new_values=_unpublish,
    publisher_only=True,
    refused_from={DRAFT: NOT_PUBLISHED, REVIEW: NOT_PUBLISHED},
    permission_message=_("Only publishers can unpublish cases."),
)
MARK_REVIEWED = Action(
    "mark_reviewed",
    reason="reviewed",
    history_label=_("Marked as reviewed"),
    new_values=_mark_reviewed,
)
ACTIONS = {action.name: action for action in (SEND_TO_REVIEW, PUBLISH, UNPUBLISH, MARK_REVIEWED)}
WORKFLOW_REASONS = [action.reason for action in ACTIONS.values()]

# Reasons recorded outside the workflow.
REASON_BASELINE = "baseline"  # the stored state, recorded just before the first change
REASON_RESTORED = "restored"  # stored as "restored:<history_id>"
REASON_REVISION = "revision"  # an approved revision, stored as "revision:<revision id>"
REASON_SUBMISSION = "submission"  # a draft made from a public submission
REASON_IMPORTED = "imported"  # written by an import of a publication volume
# Organizations added to a draft by mapping the names its submission typed.
REASON_SUBMISSION_MAPPED = "submission-mapped"
HISTORY_LABELS = {
    REASON_BASELINE: _("State before the first recorded change"),
    REASON_SUBMISSION: _("Created from a public submission"),
    REASON_IMPORTED: _("Imported from a publication volume"),
    REASON_SUBMISSION_MAPPED: _("Organizations added from a public submission"),
    **{action.reason: action.history_label for action in ACTIONS.values()},
}


def restored_reason(history_id):
    return f"{REASON_RESTORED}:{history_id}"


def _number_after(prefix, reason):
    prefix += ":"
    if not (reason or "").startswith(prefix):
        return None
    number = reason[len(prefix) :]
    return parse_positive_int(number, max_digits=18)


def restored_history_id(reason):
    """The history id a "restored:<id>" reason names, or None (also for other reasons)."""
    return _number_after(REASON_RESTORED, reason)


def revision_reason(revision_id):
    return f"{REASON_REVISION}:{revision_id}"


def revision_history_id(reason):
    """The revision a "revision:<id>" reason names, or None (also for other reasons)."""
    return _number_after(REASON_REVISION, reason)


def reason_label(reason):
    """The label of a stored reason that names no earlier version ("" for none)."""
    if not reason:
        return ""
    return str(HISTORY_LABELS.get(reason, reason))
