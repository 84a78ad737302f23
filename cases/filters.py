"""The case filters: one FilterSet shared by the list page (and later the CSV, feed and API).

Parameters take codes, so URLs are the same in every language. Values within one parameter are
OR-ed, parameters are AND-ed. A bad value never fails the request: it is dropped, the other
values of the same parameter still apply, and `ignored` says what was dropped and why.
"""

import re
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import search
from .models import (
    Case,
    CaseCountry,
    CaseOrganization,
    Country,
    Organization,
    Region,
    SdgTarget,
)

MAX_VALUES_PER_PARAMETER = 30
MAX_VALUE_LENGTH = 40


@dataclass(frozen=True)
class IgnoredValue:
    parameter: str  # the parameter's label, in the reader's language
    value: str
    reason: str


def printable(value):
    """A short, printable rendering of user input for messages (escaped later by templates)."""
    value = "".join(ch if ch.isprintable() else "�" for ch in value)
    return value if len(value) <= MAX_VALUE_LENGTH else value[: MAX_VALUE_LENGTH - 1] + "…"


class CodeListField(forms.Field):
    """A repeatable parameter of codes. Keeps the valid ones, remembers the others."""

    widget = forms.SelectMultiple

    def __init__(self, *, normalize, find_valid, reason, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.normalize = normalize
        self.find_valid = find_valid
        self.reason = reason
        self.ignored = []

    def clean(self, value):
        raw_values = value if isinstance(value, list | tuple) else [value] if value else []
        self.ignored = []
        candidates = []
        for raw in raw_values[:MAX_VALUES_PER_PARAMETER]:
            raw = (raw or "").strip()
            if not raw:
                continue
            normalized = self.normalize(raw)
            if normalized is None:
                self.ignored.append((raw, self.reason))
            elif normalized not in candidates:
                candidates.append(normalized)
        valid = self.find_valid(candidates) if candidates else set()
        for candidate in candidates:
            if candidate not in valid:
                self.ignored.append((candidate, self.reason))
        if len(raw_values) > MAX_VALUES_PER_PARAMETER:
            self.ignored.append(
                (str(len(raw_values) - MAX_VALUES_PER_PARAMETER), _("too many values"))
            )
        return [candidate for candidate in candidates if candidate in valid]


class SearchTextField(forms.CharField):
    """The search box: any text is accepted; search.parse_query decides what it means."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.validators = []  # NUL bytes are dropped by parse_query, not refused

    def to_python(self, value):
        return "" if value in self.empty_values else str(value)


class SingleChoiceField(forms.ChoiceField):
    """A single-valued parameter: an unknown value is remembered and ignored."""

    def __init__(self, *, reason, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.reason = reason
        self.ignored = []

    def clean(self, value):
        self.ignored = []
        value = (value or "").strip()
        if value and not self.valid_value(value):
            self.ignored.append((value, self.reason))
            return ""
        return value


def regex_normalizer(pattern, transform=str):
    compiled = re.compile(pattern)

    def normalize(raw):
        value = transform(raw)
        return value if compiled.fullmatch(value) else None

    return normalize


def existing(model, field):
    def find_valid(values):
        return set(model.objects.filter(**{f"{field}__in": values}).values_list(field, flat=True))

    return find_valid


def goal_numbers(values):
    return {value for value in values if 1 <= int(value) <= 17}


class CodeListFilter(django_filters.Filter):
    field_class = CodeListField


class SearchFilter(django_filters.Filter):
    field_class = SearchTextField


class SingleChoiceFilter(django_filters.Filter):
    field_class = SingleChoiceField


def code_filter(**field_kwargs):
    return CodeListFilter(method="filter_codes", **field_kwargs)


class CaseFilter(django_filters.FilterSet):
    q = SearchFilter(method="filter_search", label=_("search"))
    goal = code_filter(
        label=_("SDG goal"),
        normalize=regex_normalizer(r"[0-9]{1,2}", lambda raw: raw.lstrip("0") or "0"),
        find_valid=goal_numbers,
        reason=_("there is no such SDG goal (1 to 17)"),
    )
    target = code_filter(
        label=_("SDG target"),
        normalize=regex_normalizer(r"[0-9]{1,2}\.[0-9a-d]{1,2}", str.lower),
        find_valid=existing(SdgTarget, "code"),
        reason=_("there is no such SDG target"),
    )
    region = code_filter(
        label=_("region"),
        normalize=regex_normalizer(r"[0-9]{3}"),
        find_valid=existing(Region, "code"),
        reason=_("there is no such UN M49 region code"),
    )
    country = code_filter(
        label=_("country"),
        normalize=regex_normalizer(r"[A-Z]{2}", str.upper),
        find_valid=existing(Country, "code"),
        reason=_("there is no such ISO country code"),
    )
    organization = code_filter(
        label=_("organization"),
        normalize=regex_normalizer(r"[-a-z0-9_]{1,80}", str.lower),
        find_valid=existing(Organization, "slug"),
        reason=_("there is no such organization"),
    )
    role = code_filter(
        label=_("role"),
        normalize=regex_normalizer(r"[a-z]+", str.lower),
        find_valid=lambda values: set(values) & set(CaseOrganization.Role.values),
        reason=_("the role must be nominator, funder or implementer"),
    )
    status = code_filter(
        label=_("project status"),
        normalize=regex_normalizer(r"[a-z]+", str.lower),
        find_valid=lambda values: set(values) & set(Case.Status.values),
        reason=_("the status must be ongoing, completed or planned"),
    )
    modality = code_filter(
        label=_("modality"),
        normalize=regex_normalizer(r"[a-z_]+", str.lower),
        find_valid=lambda values: set(values) & set(Case.Modality.values),
        reason=_("the modality must be south_south or triangular"),
    )
    year = CodeListFilter(
        method="filter_year",
        label=_("year"),
        normalize=regex_normalizer(r"[0-9]{4}"),
        find_valid=lambda values: {v for v in values if 1950 <= int(v) <= 2100},
        reason=_("the year must be a four-digit year between 1950 and 2100"),
    )

    SORTS = {
        "relevance": pgettext_lazy("sort order", "Best match"),
        "newest": pgettext_lazy("sort order", "Newest first"),
        "title": pgettext_lazy("sort order", "Title (A–Z)"),
        "start_year": pgettext_lazy("sort order", "Start year (latest first)"),
    }
    sort = SingleChoiceFilter(
        method="filter_nothing",
        label=_("sort order"),
        choices=list(SORTS.items()),
        reason=_("unknown sort order"),
    )

    # Facets are computed with every other filter applied but not their own; `role` narrows the
    # organization filter, so the two are left out together.
    FACET_EXCLUDES = {"organization": {"organization", "role"}, "role": {"role"}}

    class Meta:
        model = Case
        fields = []

    def __init__(self, data=None, *args, regions=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.regions = regions or {}

    # -- validation -------------------------------------------------------------------------

    @property
    def cleaned(self):
        self.form.is_valid()
        return self.form.cleaned_data

    @property
    def ignored(self):
        """Every value that was dropped, as (parameter, value, reason)."""
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
        chosen = self.cleaned.get("sort")
        if chosen == "relevance" and self.search_query.is_empty:
            chosen = ""
        return chosen or ("relevance" if not self.search_query.is_empty else "newest")

    # -- filtering --------------------------------------------------------------------------

    def filter_queryset(self, queryset, exclude=()):
        self.excluded = set(exclude)
        for name, value in self.cleaned.items():
            if name in exclude or not value:
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def queryset_without(self, *names):
        """The cases matching every active filter except `names` (for facet counts)."""
        excluded = set()
        for name in names:
            excluded |= self.FACET_EXCLUDES.get(name, {name})
        return self.filter_queryset(self.queryset.all(), exclude=excluded)

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_search(self, queryset, name, value):
        if self.search_query.is_empty:
            return queryset
        return search.search_cases(queryset, self.search_query)

    def filter_codes(self, queryset, name, values):
        return queryset.filter(self.condition(name, values))

    def condition(self, name, values):
        through_targets = Case.sdg_targets.through.objects
        if name == "goal":
            cases = through_targets.filter(sdgtarget__goal__in=[int(v) for v in values])
            return Q(pk__in=cases.values("case_id"))
        if name == "target":
            return Q(pk__in=through_targets.filter(sdgtarget__in=values).values("case_id"))
        if name == "region":
            codes = set()
            for code in values:
                codes |= self.regions[code].subtree if code in self.regions else {code}
            tagged = Case.regions.through.objects.filter(region__in=codes)
            located = CaseCountry.objects.filter(country__region__in=codes)
            return Q(pk__in=tagged.values("case_id")) | Q(pk__in=located.values("case_id"))
        if name == "country":
            return Q(pk__in=CaseCountry.objects.filter(country__in=values).values("case_id"))
        if name == "organization":
            links = CaseOrganization.objects.filter(organization__slug__in=values)
            roles = self.cleaned.get("role") if "role" not in self.excluded else None
            if roles:
                links = links.filter(role__in=roles)
            return Q(pk__in=links.values("case_id"))
        if name == "role":
            if self.cleaned.get("organization") and "organization" not in self.excluded:
                return Q()  # applied together with the organization filter
            links = CaseOrganization.objects.filter(role__in=values)
            return Q(pk__in=links.values("case_id"))
        if name == "status":
            return Q(status__in=values)
        if name == "modality":
            return Q(modality__in=values)
        raise ValueError(name)

    def filter_year(self, queryset, name, values):
        condition = Q()
        for value in values:
            condition |= active_in_year(int(value))
        return queryset.filter(condition)


def active_in_year(year):
    """A case is active in `year` from its start year to its end year, or to now if open."""
    ends_after = Q(end_year__gte=year)
    if year <= timezone.now().year:
        ends_after |= Q(end_year__isnull=True)
    return Q(start_year__lte=year) & ends_after
