"""Pending changes to a published case, and who has a case open in the admin.

A **revision** holds an editor's proposed content of a case (fields, SDG targets, regions and
inline rows, as JSON in the shape of `cases.reads.snapshots`) until a Publisher approves it or
sends it back; the live case, which the public sees, does not change until then. At most one
revision per case is active (open or sent back): the named partial unique constraint says so
in the database, so two editors who propose at the same moment cannot both create one.

**Presence** is a soft lock: who opened a case's change form, and when they were last seen.
It only informs (the change form says who else is editing); it never blocks a save.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .case import Case


class CaseRevisionQuerySet(models.QuerySet):
    def active(self):
        """Open or sent back: the one revision of its case that editors still work on."""
        return self.filter(status__in=CaseRevision.ACTIVE_STATUSES)

    def waiting_for_review(self):
        return self.filter(status=CaseRevision.Status.OPEN)


class CaseRevision(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting review")
        SENT_BACK = "sent_back", _("Sent back")
        APPROVED = "approved", _("Approved")
        WITHDRAWN = "withdrawn", _("Discarded")

    ACTIVE_STATUSES = (Status.OPEN, Status.SENT_BACK)

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("case")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    content = models.JSONField(
        _("proposed content"),
        encoder=DjangoJSONEncoder,
        help_text=_("The case as proposed: fields, SDG targets, regions and rows."),
    )
    base_version = models.PositiveIntegerField(
        _("based on version"),
        help_text=_("The version of the published case that the proposal started from."),
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Raised by one on every save, so that two editors never overwrite each other."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    comment = models.TextField(
        _("comment"), blank=True, help_text=_("Why a Publisher sent the revision back.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(
        _("submitted at"), help_text=_("When the revision last entered the review queue.")
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    objects = CaseRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status__in=["open", "sent_back"]),
                name="one_active_revision_per_case",
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"], name="revision_queue_idx")]

    def __str__(self):
        return _("Revision of “%(case)s”") % {"case": self.case}

    # No get_absolute_url: a revision has no public page (the public never sees it).

    @property
    def is_active(self):
        return self.status in self.ACTIVE_STATUSES

    @property
    def token(self):
        """What a form carries to say which state of the revision it was opened on."""
        return f"{self.pk}.{self.version}"


class EditingPresence(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="+", verbose_name=_("case")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    opened_at = models.DateTimeField(_("opened at"))
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        ordering = ["opened_at", "pk"]
        verbose_name = _("editor with the case open")
        verbose_name_plural = _("editors with the case open")
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="presence_once_per_editor"),
        ]

    def __str__(self):
        return f"{self.user} – {self.case}"
