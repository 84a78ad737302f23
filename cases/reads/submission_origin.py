"""Where a case came from, for the staff who may see submissions: the public submissions it
was made from (or that proposed changes to it), with the submitter's details and the typed
organization names still unmapped. One query. Reads only."""

import dataclasses

from ..models import Submission
from .submission_mapping import unmapped_names


@dataclasses.dataclass(frozen=True)
class Origin:
    submission: Submission
    unmapped: list  # (role label, name): suggestions no editor has mapped yet


def origins_of(case):
    submissions = Submission.objects.filter(case=case).order_by("created_at", "pk")
    return [Origin(submission, unmapped_names(submission)) for submission in submissions]
