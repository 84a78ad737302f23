"""The case and its queryset: what the public may see, and the rules a case keeps."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, Trim
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from .. import display, rules, sources
from .reference import Country, Organization, Region, SdgTarget


def validate_year(value):
    if rules.year_range_problems(value, None):
        raise ValidationError(rules.YEAR_RANGE_MESSAGE, code="year_range")


def _is_blank(column):
    text = models.TextField()
    return Exact(Coalesce(Trim(column, output_field=text), Value(""), output_field=text), "")


def _missing_translation(language):
    condition = Q()
    for field in Case.TRANSLATED_FIELDS:
        filled_elsewhere = Q()
        for code, _name in settings.LANGUAGES:
            if code != language:
                filled_elsewhere |= ~Q(_is_blank(build_localized_fieldname(field, code)))
        condition |= Q(_is_blank(build_localized_fieldname(field, language))) & filled_elsewhere
    return condition


class CaseQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: every public page, export and feed starts here."""
        return self.filter(publication_status=Case.PublicationStatus.PUBLISHED)

    def newest_first(self):
        """Most recently published first; the slug breaks ties, so pages never overlap."""
        return self.order_by(*NEWEST_FIRST)

    def missing_translation(self, language):
        """Cases with a translated field that has text in another language but none in
        `language`: the same rule as Case.missing_translation_fields(), in SQL."""
        return self.filter(_missing_translation(language))

    def translated_completely(self):
        """Cases with no field missing in any language."""
        queryset = self
        for code, _name in settings.LANGUAGES:
            queryset = queryset.exclude(_missing_translation(code))
        return queryset

    def with_title(self, title):
        """Cases with this title in any language, ignoring case."""
        same_title = Q()
        for code, _name in settings.LANGUAGES:
            same_title |= Q(**{f"title_{code.replace('-', '_')}__iexact": title})
        return self.filter(same_title)


NEWEST_FIRST = (F("published_at").desc(nulls_last=True), "slug")


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
    status_as_of = models.PositiveSmallIntegerField(
        _("status as of"),
        null=True,
        blank=True,
        validators=[validate_year],
        help_text=_(
            "The year the status was stated, shown as “Ongoing as of 2018”. Leave empty for the "
            "year of the source publication."
        ),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, validators=[validate_year]
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=[validate_year],
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
        _("version"),
        default=1,
        editable=False,
        help_text=_(
            "Goes up by one on every save, so that two editors cannot overwrite each other's "
            "work unawares."
        ),
    )
    # The Chinese title (else the English one) in pinyin, for ordering on Chinese pages
    # (cases/pinyin.py); set on every save.
    title_pinyin = models.TextField(editable=False, blank=True, default="")
    # Search data, rebuilt on every save and by `rebuild_search_index` (see cases/search/).
    search_document = models.TextField(editable=False, blank=True, default="")
    search_english = models.TextField(editable=False, blank=True, default="")

    objects = CaseQuerySet.as_manager()

    # The fields translated in translation.py, in reading order.
    TRANSLATED_FIELDS = ("short_name", "title", "headline", "challenge", "solution", "source")

    class Meta:
        ordering = NEWEST_FIRST
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [("publish_case", _("Can publish and unpublish cases"))]
        indexes = [
            models.Index(
                fields=["publication_status", "-published_at"], name="case_status_published_idx"
            ),
        ]
        # The list's order (NEWEST_FIRST) has its own index on PostgreSQL, made by migration
        # 0007: SQLite cannot say NULLS LAST in an index (and sorts NULLs last on DESC anyway).
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

    @property
    def shown_short_name(self):
        """The short name to show with the title, or "" where the title already says it
        (display.shown_short_name). Cards, the page header, feed entries and citations."""
        return display.shown_short_name(self.short_name, self.title)

    @property
    def period(self):
        return display.period(self.start_year, self.end_year)

    @property
    def status_year(self):
        """The year the status was stated: `status_as_of`, else the source's year (or None)."""
        return sources.status_year(self.status_as_of, [self.source_zh_hans, self.source_en])

    @property
    def status_statement(self):
        """ "Ongoing as of 2018" (display.status_statement)."""
        return display.status_statement(self.status, self.get_status_display(), self.status_year)

    @property
    def period_ended_note(self):
        """ "; the period ended in 2020" for a case still said to be ongoing, or ""."""
        return display.period_ended_note(self.status, self.end_year, timezone.localdate())

    @property
    def last_reviewed(self):
        """The day the case was last checked or changed with a Publisher's approval: its review
        date or its last save, whichever is later (an Editor's change to a published case waits
        for approval as a revision, so a published case's last save was approved)."""
        changed = timezone.localdate(self.updated_at) if self.updated_at else None
        return max(filter(None, (self.reviewed_at, changed)), default=None)

    def title_missing(self, language):
        """True when the title has no text in `language` but has some in another (so the page
        shows the other language's title)."""
        own = (getattr(self, build_localized_fieldname("title", language)) or "").strip()
        return not own and bool((self.title or "").strip())

    @property
    def display_title(self):
        """The title on one line, with the short name after it where it adds something."""
        if not self.shown_short_name:
            return self.title or self.short_name
        return gettext("%(title)s (%(short_name)s)") % {
            "short_name": self.shown_short_name,
            "title": self.title,
        }

    def missing_translation_fields(self, language):
        """Translated fields that have text in another language but none in `language`.

        The public page's fallback note and the admin's translation status both use this.
        """
        missing = []
        for field in self.TRANSLATED_FIELDS:
            values = {
                code: (getattr(self, build_localized_fieldname(field, code)) or "").strip()
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

    @property
    def is_past_draft(self):
        """In review or published: the rules "before review" apply."""
        return self.publication_status != self.PublicationStatus.DRAFT

    def clean(self):
        # The field validators check the year range. The rule "at least one SDG target before
        # review" needs the targets, which a form saves after this runs: the admin form and the
        # workflow check it (rules.target_problems).
        titles = {"title_zh_hans": self.title_zh_hans, "title_en": self.title_en}
        problems = [
            *rules.year_order_problems(self.start_year, self.end_year),
            *rules.title_problems(titles, past_draft=self.is_past_draft),
        ]
        if problems:
            errors = {}
            for problem in problems:
                errors.setdefault(problem.field, []).append(str(problem))
            raise ValidationError(errors)
