"""Reference data: the SDG goals and targets, M49 regions, countries and organizations."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .. import rules

hex_colour_validator = RegexValidator(
    r"^#[0-9A-F]{6}$", _("Enter a colour as # and six upper-case hex digits, e.g. #E5243B.")
)
target_code_validator = RegexValidator(
    r"^(1[0-7]|[1-9])\.([1-9]|1[0-9]|[a-d])$",
    _("Enter an SDG target code such as 1.3, 8.10 or 17.a."),
)
region_code_validator = RegexValidator(
    r"^[0-9]{3}$", _("Enter a three-digit UN M49 code such as 002 or 014.")
)
country_code_validator = RegexValidator(
    r"^[A-Z]{2}$", _("Enter a two-letter upper-case ISO 3166-1 code such as KE.")
)


def case_list_url(**filters):
    return reverse("cases:case_list") + "?" + urlencode(filters)


class SdgGoal(models.Model):
    number = models.PositiveSmallIntegerField(
        _("number"),
        primary_key=True,
        validators=[
            MinValueValidator(rules.GOAL_NUMBERS.start),
            MaxValueValidator(rules.GOAL_NUMBERS.stop - 1),
        ],
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("Official short name."))
    colour = models.CharField(
        _("colour"),
        max_length=7,
        validators=[hex_colour_validator],
        help_text=_("Official colour."),
    )
    text_colour = models.CharField(
        _("text colour"),
        max_length=7,
        choices=[("#000000", _("black")), ("#FFFFFF", _("white"))],
        help_text=_("Black or white, whichever passes WCAG AA contrast on the goal's colour."),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")

    def __str__(self):
        return f"{self.number}. {self.name}"

    def get_absolute_url(self):
        return case_list_url(goal=self.number)


class SdgTarget(models.Model):
    code = models.CharField(
        _("code"), max_length=5, primary_key=True, validators=[target_code_validator]
    )
    goal = models.ForeignKey(
        SdgGoal, on_delete=models.PROTECT, related_name="targets", verbose_name=_("goal")
    )
    label = models.CharField(
        _("label"), max_length=200, help_text=_("A short label of our own, not the official text.")
    )
    position = models.PositiveIntegerField(
        _("position"), unique=True, help_text=_("Natural order: 8.2 before 8.10 before 8.a.")
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self):
        return f"{self.code} {self.label}"

    def get_absolute_url(self):
        return case_list_url(target=self.code)


class Region(models.Model):
    code = models.CharField(
        _("M49 code"), max_length=3, primary_key=True, validators=[region_code_validator]
    )
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent region"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return case_list_url(region=self.code)


class Country(models.Model):
    code = models.CharField(
        _("ISO code"), max_length=2, primary_key=True, validators=[country_code_validator]
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("The UN's short name."))
    # The Chinese name in pinyin, for ordering (cases/pinyin.py); set on every save.
    name_pinyin = models.TextField(editable=False, blank=True, default="")
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="countries",
        verbose_name=_("region"),
        help_text=_("The smallest UN M49 region that contains the country."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return case_list_url(country=self.code)


class Organization(models.Model):
    class Kind(models.TextChoices):
        UN = "un", _("UN entity")
        GOVERNMENT = "government", _("Government")
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organization")
        NETWORK = "network", _("Network or partnership")
        ACADEMIC = "academic", _("Academic institution")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        PRIVATE = "private", _("Private sector")
        DONOR = "donor", _("Donor agency")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # The Chinese name in pinyin, for ordering (cases/pinyin.py); set on every save.
    name_pinyin = models.TextField(editable=False, blank=True, default="")
    acronym = models.CharField(
        _("acronym"), max_length=30, blank=True, help_text=_("May be empty in one language.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    url = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        if self.acronym and self.acronym != self.name:
            return f"{self.name} ({self.acronym})"
        return self.name

    def get_absolute_url(self):
        return case_list_url(organization=self.slug)
