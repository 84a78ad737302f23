"""Public submissions: storing one, and an editor's decision on it.

`receive` stores what the public form validated (never a case). `accept` turns it into a
**draft** case with exactly the submitted content, in the language it was written in (its
organizations: those picked, then those an editor mapped typed names to, see
`submission_mapping`), marked
with its origin (the case's source names the submission; `case.submissions` leads back to the
submitter for staff). `accept_as_changes` proposes the submitted text as changes awaiting
review to a published case (`revisions.propose`): nothing public changes until a Publisher
approves. `decline` records the reason; `ask` emails the submitter a question, and `amend`
stores their corrected submission (through the private link) until someone decides. Every step
writes one history record of the submission, and the email to the submitter is sent after the
transaction commits (`cases.submission_mail`): a mail server that is down never loses a submission.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override
from modeltranslation.utils import build_localized_fieldname

from .. import submission_mail
from ..models import (
    Case,
    CaseCountry,
    CaseLink,
    CaseOrganization,
    Contact,
    Organization,
    SdgTarget,
    Submission,
)
from ..permissions import can_moderate
from ..workflow import REASON_SUBMISSION
from . import revisions
from .history import record_case_history

Status = Submission.Status


class SubmissionRefused(Exception):
    """The submission was already decided (by someone else, or in another tab)."""


def _record(submission, reason, user=None):
    """One history record of the submission as it is now (the step's name as the reason)."""
    record = submission.history.model(
        history_date=timezone.now(),
        history_type="~" if reason != "received" else "+",
        history_user=user if user is not None and user.is_authenticated else None,
        history_change_reason=reason,
        **{
            field.attname: getattr(submission, field.attname)
            for field in submission.history.model.tracked_fields
        },
    )
    record.save()


def receive(values, language):
    """Store a validated submission (`values`: the public form's cleaned data)."""
    with transaction.atomic():
        submission = Submission(language=language, **values)
        submission.skip_history_when_saving = True
        submission.save()
        del submission.skip_history_when_saving
        _record(submission, "received")
        transaction.on_commit(lambda: submission_mail.send(submission.pk, "received"))
    return submission


def _open_for_decision(submission, user):
    if not can_moderate(user):
        raise PermissionDenied
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.status != Status.RECEIVED:
        if locked.status == Status.ACCEPTED:
            message = _("This submission was already accepted by %(user)s.")
        else:
            message = _("This submission was already declined by %(user)s.")
        raise SubmissionRefused(message % {"user": locked.decided_by or "?"})
    return locked


def _save_step(submission, step, user, *, email=True):
    submission.skip_history_when_saving = True
    submission.save()
    del submission.skip_history_when_saving
    _record(submission, step, user)
    if email:
        transaction.on_commit(lambda: submission_mail.send(submission.pk, step))


def _decided(submission, user, status, step):
    submission.status = status
    submission.decided_by = user.get_username()
    submission.decided_at = timezone.now()
    _save_step(submission, step, user)


def _free_slug(title, number):
    base = slugify(title)[:60].strip("-") or f"submission-{number}"
    slug, count = base, 1
    while Case.objects.filter(slug=slug).exists():
        count += 1
        slug = f"{base}-{count}"
    return slug


def _localized(field, language):
    return build_localized_fieldname(field, language)


def draft_values(submission):
    """The case's fields as the submission gives them (in the submission's language)."""
    language = submission.language
    with override(language):
        source = _("Shared through “Share your practice” (submission no. %(number)s, %(date)s)") % {
            "number": submission.pk,
            "date": submission.created_at.date().isoformat(),
        }
    values = {
        _localized("title", language): submission.title,
        _localized("headline", language): submission.headline,
        _localized("challenge", language): submission.challenge,
        _localized("solution", language): submission.solution,
        _localized("source", language): source,
        "start_year": submission.start_year,
        "end_year": submission.end_year,
    }
    if submission.project_status:
        values["status"] = submission.project_status
        # The submitter stated the status when they wrote.
        values["status_as_of"] = timezone.localdate(submission.created_at).year
    return values


def accept(submission, user):
    """Create a draft case from `submission`; returns the case."""
    with transaction.atomic():
        submission = _open_for_decision(submission, user)
        case = Case(
            slug=_free_slug(submission.title, submission.pk),
            publication_status=Case.PublicationStatus.DRAFT,
            **draft_values(submission),
        )
        case.skip_history_when_saving = True
        case.save()
        case.sdg_targets.set(SdgTarget.objects.filter(code__in=submission.sdg_targets))
        del case.skip_history_when_saving
        for order, code in enumerate(submission.countries):
            CaseCountry.objects.create(case=case, country_id=code, order=order)
        _add_organizations(case, submission)
        for order, url in enumerate(submission.links):
            CaseLink.objects.create(case=case, url=url, order=order)
        if submission.consent_publish_contact:  # else the contacts stay with the submission
            for order, contact in enumerate(submission.contacts):
                Contact.objects.create(
                    case=case,
                    name=contact["name"],
                    email=contact["email"],
                    order=order,
                    **{_localized("job_title", submission.language): contact["job_title"]},
                )
        record_case_history(case, user=user, reason=REASON_SUBMISSION, history_type="+")
        submission.case = case
        _decided(submission, user, Status.ACCEPTED, "accepted")
    return case


def _add_organizations(case, submission):
    """The picked organizations, then those an editor mapped typed names to, each once per
    role (a mapped name may be an organization also picked)."""
    picked = [(role, slug) for role, slugs in submission.organizations.items() for slug in slugs]
    mappings = submission.organization_mappings
    mapped = [  # in the order the names were typed
        (role, mappings[role][name])
        for role, names in submission.new_organizations.items()
        for name in names
        if name in mappings.get(role, {})
    ]
    known = Organization.objects.in_bulk(
        [slug for _role, slug in picked + mapped], field_name="slug"
    )
    added = set()
    for role, slug in picked + mapped:
        # An organization deleted since it was picked or mapped: the submission still names it.
        if slug in known and (role, slug) not in added:
            CaseOrganization.objects.create(
                case=case, organization=known[slug], role=role, order=len(added)
            )
            added.add((role, slug))


def accept_as_changes(submission, case, user):
    """Propose the submitted texts (and added SDG targets) as changes to the published `case`.

    Only what the submission fills is proposed; the case's rows stay as they are (the
    submission's countries, organizations and links are on its page for the editor).
    Raises revisions.RevisionRefused when the proposal breaks a case rule.
    """
    with transaction.atomic():
        submission = _open_for_decision(submission, user)
        values = {
            name: value
            for name, value in draft_values(submission).items()
            if value not in (None, "") and not name.startswith("source")
        }
        targets = set(case.sdg_targets.values_list("code", flat=True)) | set(
            SdgTarget.objects.filter(code__in=submission.sdg_targets).values_list("code", flat=True)
        )
        revisions.propose(case, user, values=values, sdg_targets=sorted(targets))
        submission.case = case
        submission.changes_published_case = True
        _decided(submission, user, Status.ACCEPTED, "accepted")
    return case


def ask(submission, user, question):
    """Email the submitter a question (replies go to the editors); they may amend the
    submission through their private link until it is decided."""
    question = (question or "").strip()
    if not question:
        raise SubmissionRefused(_("Write the question: the submitter will read it."))
    with transaction.atomic():
        submission = _open_for_decision(submission, user)
        submission.question = question
        submission.asked_at = timezone.now()
        _save_step(submission, "asked", user)
    return submission


def amend(submission, values):
    """The submitter's corrected submission (`values`: the public form's cleaned data), while
    no editor has decided on it."""
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status != Status.RECEIVED:
            raise SubmissionRefused(
                _("This submission was already decided on and can no longer be changed.")
            )
        for name, value in values.items():
            setattr(locked, name, value)
        locked.amended_at = timezone.now()
        _save_step(locked, "amended", None, email=False)
    return locked


def decline(submission, user, reason):
    reason = (reason or "").strip()
    if not reason:
        raise SubmissionRefused(_("Give the reason for declining: the submitter will read it."))
    with transaction.atomic():
        submission = _open_for_decision(submission, user)
        submission.decline_reason = reason
        _decided(submission, user, Status.DECLINED, "declined")
    return submission


def record_email_problem(submission_pk, problem):
    """After a failed send: shown in the queue. A plain update (no history record)."""
    Submission.objects.filter(pk=submission_pk).update(email_problem=problem[:300])


ERASED_FIELDS = {"submitter_name": "", "submitter_organization": "", "submitter_email": ""}


def _without_contact(rows, email):
    """Drop from each row's contacts the ones with `email` (a JSON list: filtered here, the
    same on SQLite and PostgreSQL)."""
    for pk, contacts in rows.values_list("pk", "contacts"):
        kept = [
            contact for contact in contacts if contact.get("email", "").lower() != email.lower()
        ]
        if len(kept) != len(contacts):
            rows.model.objects.filter(pk=pk).update(contacts=kept)


def erase_submitter(email):
    """Erase a submitter's personal data (on their request) from their submissions and from
    every history row of them; a project contact too where it has the submitter's address.
    Returns (submissions, history rows) changed. Earlier backups are not touched."""
    email = email.strip()
    history = Submission.history.model
    with transaction.atomic():
        matching = Submission.objects.filter(submitter_email__iexact=email)
        pks = list(matching.values_list("pk", flat=True))
        _without_contact(Submission.objects.filter(pk__in=pks), email)
        count = matching.update(**ERASED_FIELDS)
        rows = history.objects.filter(id__in=pks) | history.objects.filter(
            submitter_email__iexact=email
        )
        _without_contact(rows, email)
        row_count = rows.update(**ERASED_FIELDS)
        for submission in Submission.objects.filter(pk__in=pks):
            _record(submission, "erased")
    return count, row_count
