"""The Publishers' queue: cases in review and pending revisions, the oldest first."""

import dataclasses

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from ..models import Case, CaseRevision
from ..workflow import REVIEW, SEND_TO_REVIEW

IN_REVIEW, PENDING_CHANGES = "in_review", "pending_changes"


@dataclasses.dataclass
class QueueItem:
    kind: str  # IN_REVIEW (a case not yet published) or PENDING_CHANGES (a revision)
    case: object
    since: object  # when it entered the queue
    by: str  # who put it there ("" if not recorded)
    revision: object = None

    def age(self, now=None):
        return (now or timezone.now()) - self.since


@dataclasses.dataclass
class QueueCounts:
    in_review: int
    pending_changes: int

    @property
    def total(self):
        return self.in_review + self.pending_changes


def _sent_to_review(column):
    return Subquery(
        Case.history.filter(id=OuterRef("pk"), history_change_reason=SEND_TO_REVIEW.reason)
        .order_by("-history_date", "-history_id")
        .values(column)[:1]
    )


def review_queue():
    """Everything waiting for a Publisher, the longest-waiting first."""
    cases = Case.objects.filter(publication_status=REVIEW).annotate(
        sent_at=_sent_to_review("history_date"),
        sent_by=_sent_to_review("history_user__username"),
    )
    items = [
        QueueItem(IN_REVIEW, case, case.sent_at or case.updated_at, case.sent_by or "")
        for case in cases
    ]
    items += [
        QueueItem(PENDING_CHANGES, revision.case, revision.submitted_at, _name(revision), revision)
        for revision in CaseRevision.objects.waiting_for_review().select_related(
            "case", "proposed_by"
        )
    ]
    return sorted(items, key=lambda item: (item.since, item.case.pk))


def sent_back():
    """Revisions a Publisher returned to the editors, the most recent first."""
    return list(
        CaseRevision.objects.filter(status=CaseRevision.Status.SENT_BACK)
        .select_related("case", "proposed_by", "reviewed_by")
        .order_by("-reviewed_at", "-pk")
    )


def queue_counts():
    return QueueCounts(
        in_review=Case.objects.filter(publication_status=REVIEW).count(),
        pending_changes=CaseRevision.objects.waiting_for_review().count(),
    )


def _name(revision):
    return revision.proposed_by.get_username() if revision.proposed_by else ""
