"""Reading public submissions: the submitter's status page, duplicates, a submitter's data,
and the moderator's side-by-side view."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from .. import display
from ..models import Submission
from ..models.submission import ORGANIZATION_ROLES

DUPLICATE_WINDOW_DAYS = 7


def by_token(token):
    if not isinstance(token, str) or len(token) > 64:
        return None
    return Submission.objects.select_related("case").filter(token=token).first()


def form_initial(submission):
    """The public form's values for `submission`, so the submitter can correct it."""
    initial = {
        name: getattr(submission, name)
        for name in (
            "title",
            "headline",
            "challenge",
            "solution",
            "countries",
            "sdg_targets",
            "project_status",
            "start_year",
            "end_year",
            "contacts",
            "submitter_name",
            "submitter_organization",
            "submitter_email",
            "consent_contact",
            "consent_publish_contact",
        )
    }
    initial["links"] = "\n".join(submission.links)
    for role in ORGANIZATION_ROLES:
        initial[role] = submission.organizations.get(role, [])
        initial[f"new_{role}"] = "\n".join(submission.new_organizations.get(role, []))
    return initial


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


@dataclass(frozen=True)
class ComparedField:
    label: str
    submitted: str
    current: str

    @property
    def differs(self):
        return self.submitted.strip() != self.current.strip()


def side_by_side(submission, case):
    """The submission next to `case` (its draft, or a published case it may change), field by
    field, in the language the submission was written in."""
    language = submission.language

    def text(field):
        return getattr(case, build_localized_fieldname(field, language)) or ""

    targets = sorted(case.sdg_targets.values_list("code", flat=True))
    countries = list(case.casecountry_set.order_by("order").values_list("country_id", flat=True))
    pairs = [
        (_("Project name"), submission.title, text("title")),
        (_("Tagline"), submission.headline, text("headline")),
        (_("Challenge"), submission.challenge, text("challenge")),
        (_("Solution"), submission.solution, text("solution")),
        (
            _("Status"),
            submission.get_project_status_display() if submission.project_status else "",
            case.get_status_display(),
        ),
        (
            _("Period"),
            display.period(submission.start_year, submission.end_year),
            display.period(case.start_year, case.end_year),
        ),
        (_("SDG targets"), ", ".join(sorted(submission.sdg_targets)), ", ".join(targets)),
        (_("Countries"), ", ".join(submission.countries), ", ".join(countries)),
    ]
    return [ComparedField(str(label), submitted, current) for label, submitted, current in pairs]
