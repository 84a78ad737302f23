"""The catalogue's data model: the SDG taxonomy, geography, organizations and cases.

Translated fields (see translation.py) are read through the model attribute, which falls back to
Chinese. Never filter or order on the bare column: it holds whatever language was active on save.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

# The first South-South cooperation frameworks date from the 1950s; anything earlier is a typo.
EARLIEST_YEAR = 1950
LATEST_YEAR = 2100

year_validators = [MinValueValidator(EARLIEST_YEAR), MaxValueValidator(LATEST_YEAR)]
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
        _("number"), primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
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


class CaseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(publication_status=Case.PublicationStatus.PUBLISHED)


class Case(models.Model):
    class Status(models.TextChoices):
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        PLANNED = "planned", _("Planned")

    class Modality(models.TextChoices):
        SOUTH_SOUTH = "south_south", _("South-South cooperation")
        TRIANGULAR = "triangular", _("Triangular cooperation")

    class PublicationStatus(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("The last part of the case's address, e.g. transform in /cases/transform/."),
    )
    short_name = models.CharField(
        _("short name"), max_length=100, blank=True, help_text=_("E.g. TRANSFORM.")
    )
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_(
            "The project name, as in the closing block. A Chinese title is needed before review."
        ),
    )
    headline = models.CharField(
        _("headline"),
        max_length=300,
        blank=True,
        help_text=_("The one-line summary under the title."),
    )
    challenge = models.TextField(
        _("challenge"), blank=True, help_text=_("The problem the case addresses. Markdown.")
    )
    solution = models.TextField(
        _("solution"), blank=True, help_text=_("What was done and how. Markdown.")
    )
    status = models.CharField(
        _("project status"), max_length=10, choices=Status.choices, default=Status.ONGOING
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, validators=year_validators
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=year_validators,
        help_text=_("Leave empty while the project has no end date: shown as “to present”."),
    )
    modality = models.CharField(
        _("modality"), max_length=12, choices=Modality.choices, default=Modality.SOUTH_SOUTH
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget, related_name="cases", blank=True, verbose_name=_("SDG targets")
    )
    countries = models.ManyToManyField(
        Country,
        through="CaseCountry",
        related_name="cases",
        blank=True,
        verbose_name=_("countries"),
    )
    regions = models.ManyToManyField(
        Region,
        related_name="cases",
        blank=True,
        verbose_name=_("regions"),
        help_text=_("For cases scoped to a whole region, such as Africa, or Global (World)."),
    )
    organizations = models.ManyToManyField(
        Organization,
        through="CaseOrganization",
        related_name="cases",
        blank=True,
        verbose_name=_("organizations"),
    )
    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("The publication the case comes from, with year and page."),
    )
    publication_status = models.CharField(
        _("publication status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    reviewed_at = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When an editor last checked that the case is still accurate."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, editable=False, help_text=_("Raised on every save; see services.")
    )
    # Search data, rebuilt on every save and by `rebuild_search_index` (see search.py).
    search_document = models.TextField(editable=False, blank=True, default="")
    search_english = models.TextField(editable=False, blank=True, default="")

    objects = CaseQuerySet.as_manager()

    # The fields translated in translation.py, in reading order.
    TRANSLATED_FIELDS = ("short_name", "title", "headline", "challenge", "solution", "source")

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [("publish_case", _("Can publish and unpublish cases"))]
        indexes = [
            models.Index(
                fields=["publication_status", "-published_at"], name="case_status_published_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="case_years_in_order",
            ),
        ]

    def __str__(self):
        return self.short_name or self.title

    def get_absolute_url(self):
        return reverse("cases:case_detail", kwargs={"slug": self.slug})

    def missing_translation_fields(self, language):
        """Translated fields that have text in another language but none in `language`.

        The public page's fallback note and the admin's translation status both use this.
        """
        missing = []
        for field in self.TRANSLATED_FIELDS:
            values = {
                code: (getattr(self, f"{field}_{code.replace('-', '_')}") or "").strip()
                for code, _name in settings.LANGUAGES
            }
            if not values[language] and any(values.values()):
                missing.append(field)
        return missing

    @property
    def goals(self):
        """The SDG goals of the case's targets, in order (uses prefetched targets)."""
        goals = {target.goal_id: target.goal for target in self.sdg_targets.all()}
        return [goals[number] for number in sorted(goals)]

    @property
    def is_published(self):
        return self.publication_status == self.PublicationStatus.PUBLISHED

    def clean(self):
        # The rule "at least one SDG target before review" needs the saved targets, which a
        # form saves after this runs: services.review_problems checks it on every transition.
        errors = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("The end year must not be before the start year.")
        if not (self.title_zh_hans or "").strip() and not (self.title_en or "").strip():
            errors["title_zh_hans"] = _("Give the case a title, in Chinese or in English.")
        elif (
            self.publication_status != self.PublicationStatus.DRAFT
            and not (self.title_zh_hans or "").strip()
        ):
            errors["title_zh_hans"] = _("A case needs a Chinese title before review.")
        if errors:
            raise ValidationError(errors)


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
