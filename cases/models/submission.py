"""A practice proposed by the public through "Share your practice" (/<lang>/submit/).

A submission is never a case and never public: it waits in the admin's "Submissions" queue
until an editor accepts it (which creates a draft case, or proposes changes to a published
case, through `cases.writes.submissions`) or declines it with a reason. What the submitter
picked from the catalogue (countries, SDG targets, organizations) is kept as codes and slugs,
as typed: a submission records what was sent, even if an organization is renamed or deleted
later. Organization names the submitter typed stay suggestions until an editor maps them.

The submitter's own name, organization and email are personal data: only staff see them, and
`manage.py submitter_data` exports or erases them (history rows included).
"""

import secrets

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .case import Case

ORGANIZATION_ROLES = ("nominator", "funder", "implementer")


def new_token():
    return secrets.token_urlsafe(32)


class Submission(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    token = models.CharField(
        _("private link key"),
        max_length=64,
        unique=True,
        default=new_token,
        editable=False,
        help_text=_("The secret part of the submitter's status link."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        help_text=_("The language the submitter wrote in; editors translate into the other."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    title = models.CharField(_("project name"), max_length=300)
    headline = models.CharField(_("tagline"), max_length=300, blank=True)
    challenge = models.TextField(_("challenge"))
    solution = models.TextField(_("solution"))
    countries = models.JSONField(_("countries"), default=list, blank=True)
    sdg_targets = models.JSONField(_("SDG targets"), default=list, blank=True)
    organizations = models.JSONField(
        _("organizations"),
        default=dict,
        blank=True,
        encoder=DjangoJSONEncoder,
        help_text=_("Known organizations picked, by role: {role: [slug, ...]}."),
    )
    new_organizations = models.JSONField(
        _("organizations typed in"),
        default=dict,
        blank=True,
        help_text=_(
            "Names the submitter typed, by role. Suggestions only: an editor maps them to "
            "existing organizations or creates them."
        ),
    )
    project_status = models.CharField(
        _("project status"), max_length=10, choices=Case.Status.choices, blank=True
    )
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    contacts = models.JSONField(
        _("contacts"),
        default=list,
        blank=True,
        help_text=_("The project's contact people: [{name, job_title, email}, ...]."),
    )
    organization_mappings = models.JSONField(
        _("organizations mapped"),
        default=dict,
        blank=True,
        help_text=_(
            "What editors decided for each typed name, by role: {role: {name: slug}}. A name "
            "not here is still a suggestion."
        ),
    )
    submitter_name = models.CharField(_("submitter's name"), max_length=200)
    submitter_organization = models.CharField(
        _("submitter's organization"), max_length=200, blank=True
    )
    submitter_email = models.EmailField(_("submitter's email"))
    consent_contact = models.BooleanField(
        _("agrees to be contacted"),
        default=False,
        help_text=_("The submitter agrees that editors contact them about this submission."),
    )
    consent_publish_contact = models.BooleanField(
        _("agrees to publication of the contact details"),
        default=False,
        help_text=_("Only then may the contact details appear on the public case page."),
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("case"),
        help_text=_("The draft made from it, or the published case it proposes changes to."),
    )
    changes_published_case = models.BooleanField(
        _("changes a published case"),
        default=False,
        help_text=_("Accepted as changes awaiting review to a published case, not as a draft."),
    )
    question = models.TextField(
        _("question to the submitter"),
        blank=True,
        help_text=_("What the editors last asked; the submitter may amend until it is accepted."),
    )
    asked_at = models.DateTimeField(_("asked at"), null=True, blank=True)
    amended_at = models.DateTimeField(_("last amended at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    decided_by = models.CharField(
        _("decided by"), max_length=150, blank=True, help_text=_("The editor's user name.")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    email_problem = models.CharField(
        _("email problem"),
        max_length=300,
        blank=True,
        help_text=_("Why the last email to the submitter could not be sent (empty when it was)."),
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        permissions = [("moderate_submission", _("Can accept or decline public submissions"))]
        indexes = [models.Index(fields=["status", "-created_at"], name="submission_queue_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The submitter's private status page (the token is the only key)."""
        return reverse("cases:submission_status", kwargs={"token": self.token})

    @property
    def awaits_answer(self):
        """The editors asked a question that the submitter has not answered by amending."""
        if not self.question or self.status != self.Status.RECEIVED:
            return False
        return self.amended_at is None or self.amended_at < self.asked_at

    @property
    def public_status(self):
        """What the status page says: received, in review, published or declined."""
        if self.status == self.Status.DECLINED:
            return "declined"
        if self.status == self.Status.ACCEPTED:
            waiting = self.case is None or not self.case.is_published
            if self.changes_published_case and self.case is not None:
                # Accepted as changes to a published case: public once a Publisher approves.
                waiting = self.case.revisions.active().exists()
            return "in_review" if waiting else "published"
        return "received"
