"""The case filters: one FilterSet for the list page, the CSV, the feed (and later the API).

One django-filter Filter per parameter, each with its own `filter()`. Parameters take codes, so
URLs are the same in every language. Values within one parameter are OR-ed, parameters are
AND-ed. A bad value never fails the request: it is dropped, the other values of the same
parameter still apply, and `ignored` says what was dropped and why.
"""

from dataclasses import dataclass

import django_filters
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from . import rules, search
from .filter_fields import (
    MAX_VALUE_LENGTH,
    MAX_VALUES_PER_PARAMETER,
    CodeListField,
    SearchTextField,
    SortChoiceField,
    among,
    existing,
    pattern,
)
from .models import (
    NEWEST_FIRST,
    Case,
    CaseCountry,
    CaseOrganization,
    Country,
    Organization,
    Region,
    SdgTarget,
)
from .reads.ordering import title_in_language

# The filter parameters, in the order the page shows them; then the two that shape the list.
FILTER_PARAMETERS = (
    "q",
    "goal",
    "target",
    "region",
    "country",
    "organization",
    "role",
    "status",
    "modality",
    "year",
)
PUBLIC_PARAMETERS = (*FILTER_PARAMETERS, "sort", "page")


def normalized_query(params):
    """The public parameters of a query, as sorted (parameter, value) pairs, empty values and
    unknown parameters left out. Pages depend on nothing else of the query string, so this is
    what the page cache keys on and what the site's own links carry. Defaults are left out
    too (page 1, and the sort a page has without one), so a shared link carries no noise."""
    pairs = sorted(
        (name, value.strip())
        for name in PUBLIC_PARAMETERS
        for value in params.getlist(name)[: MAX_VALUES_PER_PARAMETER + 1]
        if value.strip()
    )
    searched = any(name == "q" for name, _value in pairs)
    defaults = {("page", "1"), ("sort", "relevance" if searched else "newest")}
    return [pair for pair in pairs if pair not in defaults]


@dataclass(frozen=True)
class IgnoredValue:
    parameter: str  # the parameter's label, in the reader's language
    value: str
    reason: str


def printable(value):
    """A short, printable rendering of user input for messages (escaped later by templates)."""
    value = "".join(ch if ch.isprintable() else "�" for ch in value)
    return value if len(value) <= MAX_VALUE_LENGTH else value[: MAX_VALUE_LENGTH - 1] + "…"


# -- filters: one per parameter ---------------------------------------------------------------


class CodeListFilter(django_filters.Filter):
    """A repeatable parameter; `condition(values)` says which cases match any of the values."""

    field_class = CodeListField

    def filter(self, qs, value):
        return qs.filter(self.condition(value)) if value else qs

    def condition(self, values):
        raise NotImplementedError


def _case_ids(links):
    return Q(pk__in=links.values("case_id"))


class GoalFilter(CodeListFilter):
    def condition(self, values):
        targets = Case.sdg_targets.through.objects
        return _case_ids(targets.filter(sdgtarget__goal__in=[int(v) for v in values]))


class TargetFilter(CodeListFilter):
    def condition(self, values):
        return _case_ids(Case.sdg_targets.through.objects.filter(sdgtarget__in=values))


class RegionFilter(CodeListFilter):
    """A region includes its sub-regions and the countries in them."""

    def condition(self, values):
        regions = self.parent.regions
        codes = set()
        for code in values:
            codes |= regions[code].subtree if code in regions else {code}
        tagged = Case.regions.through.objects.filter(region__in=codes)
        located = CaseCountry.objects.filter(country__region__in=codes)
        return _case_ids(tagged) | _case_ids(located)


class CountryFilter(CodeListFilter):
    def condition(self, values):
        return _case_ids(CaseCountry.objects.filter(country__in=values))


class OrganizationFilter(CodeListFilter):
    """With `role`, the organization must have one of those roles in the case."""

    def condition(self, values):
        links = CaseOrganization.objects.filter(organization__slug__in=values)
        roles = self.parent.applied_value("role")
        if roles:
            links = links.filter(role__in=roles)
        return _case_ids(links)


class RoleFilter(CodeListFilter):
    def condition(self, values):
        if self.parent.applied_value("organization"):
            return Q()  # applied together with the organization filter
        return _case_ids(CaseOrganization.objects.filter(role__in=values))


class ChoiceListFilter(CodeListFilter):
    """One of the case's own choice fields (status, modality)."""

    def condition(self, values):
        return Q(**{f"{self.field_name}__in": values})


class YearFilter(CodeListFilter):
    def condition(self, values):
        condition = Q()
        for value in values:
            condition |= active_in_year(int(value))
        return condition


def active_in_year(year):
    """A case is active in `year` from its start year to its end year, or to now if open."""
    ends_after = Q(end_year__gte=year)
    if year <= timezone.now().year:
        ends_after |= Q(end_year__isnull=True)
    return Q(start_year__lte=year) & ends_after


class SearchFilter(django_filters.Filter):
    field_class = SearchTextField

    def filter(self, qs, value):
        query = self.parent.search_query
        return qs if query.is_empty else search.search_cases(qs, query)


SORTS = {
    "relevance": pgettext_lazy("sort order", "Best match"),
    "newest": pgettext_lazy("sort order", "Newest first"),
    "title": pgettext_lazy("sort order", "Title (A–Z)"),
    "start_year": pgettext_lazy("sort order", "Start year (latest first)"),
}


def orderings(sort, language):
    """The order_by() arguments of a sort; the slug breaks ties, so pages never overlap."""
    if sort == "relevance":
        return search.BY_RELEVANCE
    if sort == "title":
        return (title_in_language(language).asc(), "slug")
    if sort == "start_year":
        return (F("start_year").desc(nulls_last=True), "slug")
    return NEWEST_FIRST


class SortFilter(django_filters.OrderingFilter):
    """`sort`: best match (with a search only), newest, title or start year.

    The default is the best match when there is a search, else the newest first.
    """

    field_class = SortChoiceField

    def filter(self, qs, value):
        return qs.order_by(*orderings(self.parent.sort_order, get_language()))


def code_filter(filter_class, *, label, regex, transform=str, find_valid, reason, **kwargs):
    return filter_class(
        label=label,
        normalize=pattern(regex, transform),
        find_valid=find_valid,
        reason=reason,
        **kwargs,
    )


class CaseFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("search"))
    goal = code_filter(
        GoalFilter,
        label=_("SDG goal"),
        regex=r"[0-9]{1,2}",
        transform=lambda raw: raw.lstrip("0") or "0",
        find_valid=among(rules.GOAL_NUMBERS, int),
        reason=_("there is no such SDG goal (1 to 17)"),
    )
    target = code_filter(
        TargetFilter,
        label=_("SDG target"),
        regex=r"[0-9]{1,2}\.[0-9a-d]{1,2}",
        transform=str.lower,
        find_valid=existing(SdgTarget, "code"),
        reason=_("there is no such SDG target"),
    )
    region = code_filter(
        RegionFilter,
        label=_("region"),
        regex=r"[0-9]{3}",
        find_valid=existing(Region, "code"),
        reason=_("there is no such UN M49 region code"),
    )
    country = code_filter(
        CountryFilter,
        label=_("country"),
        regex=r"[A-Z]{2}",
        transform=str.upper,
        find_valid=existing(Country, "code"),
        reason=_("there is no such ISO country code"),
    )
    organization = code_filter(
        OrganizationFilter,
        label=_("organization"),
        regex=r"[-a-z0-9_]{1,80}",
        transform=str.lower,
        find_valid=existing(Organization, "slug"),
        reason=_("there is no such organization"),
    )
    role = code_filter(
        RoleFilter,
        label=_("role"),
        regex=r"[a-z]+",
        transform=str.lower,
        find_valid=among(CaseOrganization.Role.values),
        reason=_("the role must be nominator, funder or implementer"),
    )
    status = code_filter(
        ChoiceListFilter,
        field_name="status",
        label=_("project status"),
        regex=r"[a-z]+",
        transform=str.lower,
        find_valid=among(Case.Status.values),
        reason=_("the status must be ongoing, completed or planned"),
    )
    modality = code_filter(
        ChoiceListFilter,
        field_name="modality",
        label=_("modality"),
        regex=r"[a-z_]+",
        transform=str.lower,
        find_valid=among(Case.Modality.values),
        reason=_("the modality must be south_south or triangular"),
    )
    year = code_filter(
        YearFilter,
        label=_("year"),
        regex=r"[0-9]{4}",
        find_valid=among(range(rules.EARLIEST_YEAR, rules.LATEST_YEAR + 1), int),
        reason=rules.lazy_percent(
            _("the year must be a four-digit year between %(earliest)s and %(latest)s"),
            earliest=rules.EARLIEST_YEAR,
            latest=rules.LATEST_YEAR,
        ),
    )
    sort = SortFilter(
        label=_("sort order"), choices=list(SORTS.items()), reason=_("unknown sort order")
    )

    # Facets are computed with every other filter applied but not their own; `role` narrows the
    # organization filter, so the two are left out together.
    FACET_EXCLUDES = {"organization": {"organization", "role"}, "role": {"role"}}

    class Meta:
        model = Case
        fields = []

    def __init__(self, data=None, *args, regions=None, known=None, **kwargs):
        """`regions`: the region tree (reads.regions.region_tree); `known`: {parameter: the
        valid codes}, to check values without asking the database (the catalogue index
        knows them)."""
        super().__init__(data, *args, **kwargs)
        self.regions = regions or {}
        self.known = known or {}
        self.excluded = set()

    @property
    def form(self):
        form = super().form
        for name, codes in self.known.items():
            form.fields[name].find_valid = codes.intersection
        return form

    # -- what was asked for -----------------------------------------------------------------

    @property
    def cleaned(self):
        self.form.is_valid()
        return self.form.cleaned_data

    @property
    def ignored(self):
        """Every value that was dropped, as IgnoredValue items."""
        self.form.is_valid()
        dropped = []
        for field in self.form.fields.values():
            for value, reason in getattr(field, "ignored", []):
                dropped.append(IgnoredValue(field.label, printable(value), reason))
        dropped.extend(
            IgnoredValue(self.form.fields["q"].label, printable(part), reason)
            for part, reason in self.search_query.warnings
        )
        return dropped

    @property
    def search_query(self):
        if not hasattr(self, "_search_query"):
            self._search_query = search.parse_query(self.cleaned.get("q") or "")
        return self._search_query

    @property
    def active(self):
        """The applied filters, as {parameter: [values]}, in form order."""
        return {
            name: value
            for name, value in self.cleaned.items()
            if name not in ("q", "sort") and value
        }

    @property
    def sort_order(self):
        chosen = next((sort for sort in self.cleaned.get("sort") or [] if sort), "")
        if chosen == "relevance" and self.search_query.is_empty:
            chosen = ""
        return chosen or ("relevance" if not self.search_query.is_empty else "newest")

    def applied_value(self, name):
        """The values of `name` as this filtering applies them (none when it is left out)."""
        return None if name in self.excluded else self.cleaned.get(name)

    # -- filtering --------------------------------------------------------------------------

    def filter_queryset(self, queryset, exclude=()):
        self.excluded = set(exclude)
        for name, value in self.cleaned.items():
            if name in self.excluded or (not value and name != "sort"):
                continue
            queryset = self.filters[name].filter(queryset, value)
        self.excluded = set()
        return queryset

    def queryset_without(self, *names):
        """The cases matching every active filter except `names`, unordered (facet counts)."""
        excluded = {"sort"}
        for name in names:
            excluded |= self.FACET_EXCLUDES.get(name, {name})
        return self.filter_queryset(self.queryset.all(), exclude=excluded)
