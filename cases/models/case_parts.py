"""The rows that belong to a case: its countries and organizations with their roles, its
contacts and its links."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Case
from .reference import Country, Organization


class CaseCountry(models.Model):
    class Role(models.TextChoices):
        PROVIDER = "provider", _("Provider")
        BENEFICIARY = "beneficiary", _("Beneficiary")
        PARTICIPANT = "participant", _("Participant")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, verbose_name=_("case"))
    country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["case", "order", "pk"]
        verbose_name = _("case country")
        verbose_name_plural = _("case countries")
        constraints = [
            models.UniqueConstraint(fields=["case", "country"], name="case_country_once"),
        ]

    def __str__(self):
        return f"{self.case} – {self.country}"


class CaseOrganization(models.Model):
    class Role(models.TextChoices):
        NOMINATOR = "nominator", _("Nominated by")
        FUNDER = "funder", _("Supported by")
        IMPLEMENTER = "implementer", _("Implemented by")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, verbose_name=_("case"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, verbose_name=_("organization")
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["case", "role", "order", "pk"]
        verbose_name = _("case organization")
        verbose_name_plural = _("case organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organization", "role"], name="case_organization_role_once"
            ),
        ]

    def __str__(self):
        return f"{self.case} – {self.organization} ({self.get_role_display()})"


class Contact(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("case")
    )
    name = models.CharField(_("name"), max_length=200)
    honorific = models.CharField(
        _("honorific"), max_length=30, blank=True, help_text=_("Mr, Ms, Dr… as written.")
    )
    job_title = models.CharField(
        _("job title"), max_length=300, blank=True, help_text=_("Title and organization.")
    )
    email = models.EmailField(_("email"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["case", "order", "pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.name


class CaseLink(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="links", verbose_name=_("case")
    )
    url = models.URLField(_("URL"), max_length=500)
    label = models.CharField(_("label"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["case", "order", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.label or self.url
