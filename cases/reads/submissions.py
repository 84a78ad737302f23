"""Reading public submissions: the submitter's status page, and duplicates."""

from datetime import timedelta

from django.utils import timezone

from ..models import Submission

DUPLICATE_WINDOW_DAYS = 7


def by_token(token):
    if not isinstance(token, str) or len(token) > 64:
        return None
    return Submission.objects.select_related("case").filter(token=token).first()


def duplicate_of(title, email):
    """A submission with the same project name from the same email in the last week (a
    double click, or the form sent again), or None."""
    since = timezone.now() - timedelta(days=DUPLICATE_WINDOW_DAYS)
    return (
        Submission.objects.filter(
            title__iexact=title.strip(),
            submitter_email__iexact=email.strip(),
            created_at__gte=since,
        )
        .order_by("-created_at")
        .first()
    )


def submitter_export(email):
    """Everything stored about the submitter with `email`: their submissions, as data."""
    fields = [
        field.name
        for field in Submission._meta.concrete_fields
        if field.name not in ("id", "token", "case")
    ]
    rows = []
    for submission in Submission.objects.filter(submitter_email__iexact=email.strip()).order_by(
        "created_at"
    ):
        row = {name: getattr(submission, name) for name in fields}
        row["case"] = submission.case.slug if submission.case else None
        rows.append(row)
    return rows
