"""Facet counts for the case list: each facet's counts apply every other active filter but not
its own, so a reader sees what choosing another option would give."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from ..models import (
    Case,
    CaseCountry,
    CaseOrganization,
    Country,
    Organization,
    Region,
    SdgGoal,
    SdgTarget,
)
from .ordering import name_order
from .regions import ANTARCTICA, regions_in_tree_order

PUBLISHED = Case.PublicationStatus.PUBLISHED


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    css_class: str = ""
    children: list = field(default_factory=list)
    depth: int = 0


@dataclass
class Facet:
    parameter: str
    title: str
    options: list

    @property
    def selected_count(self):
        return sum(1 for option in self.all_options() if option.selected)

    def all_options(self):
        for option in self.options:
            yield option
            yield from option.children


class _Counting:
    """The filterset's active values, and the cases each facet counts among."""

    def __init__(self, filterset):
        self.filterset = filterset
        self.active = {name: set(map(str, values)) for name, values in filterset.active.items()}

    def within(self, name):
        return self.filterset.queryset_without(name).values("pk")

    def chosen(self, name):
        return self.active.get(name, set())


def link_counts(links, key, within, distinct=False):
    """{key value: (cases among `within`, published cases)} counted on a link table.

    Counting on the link table (case-target, case-country...) and joining the case only for
    its publication status is what keeps facets fast on a large catalogue.
    """
    rows = (
        links.filter(case__publication_status=PUBLISHED)
        .order_by()
        .values_list(key)
        .annotate(
            count=Count("case_id", filter=Q(case_id__in=within), distinct=distinct),
            total=Count("case_id", distinct=distinct),
        )
    )
    return {value: (count, total) for value, count, total in rows}


def region_case_counts(cases, regions):
    """{region code: number of `cases` in it}: tagged with it or a region below it, or with a
    country in one of them. One query, one conditional count per region."""
    counts = cases.aggregate(
        **{
            f"r{code}": Count(
                "pk",
                filter=Q(regions__in=region.subtree)
                | Q(casecountry__country__region__in=region.subtree),
                distinct=True,
            )
            for code, region in regions.items()
        }
    )
    return {code: counts[f"r{code}"] for code in regions}


def value_counts(case_ids, field_name):
    """{value of `field_name`: number of cases} among the cases `case_ids` selects."""
    return dict(
        Case.objects.filter(pk__in=case_ids)
        .order_by()
        .values(field_name)
        .annotate(count=Count("pk"))
        .values_list(field_name, "count")
    )


def _goal_facet(counting):
    target_links = Case.sdg_targets.through.objects
    counts = link_counts(target_links, "sdgtarget__goal_id", counting.within("goal"), True)
    options = [
        FacetOption(
            str(goal.number),
            goal.name,
            counts.get(goal.number, (0, 0))[0],
            str(goal.number) in counting.chosen("goal"),
            f"sdg-{goal.number}",
        )
        for goal in SdgGoal.objects.all()
    ]
    return Facet("goal", SdgGoal._meta.verbose_name_plural, options)


def _target_facet(counting):
    """Targets that any published case has (or that are chosen), grouped by goal."""
    target_links = Case.sdg_targets.through.objects
    counts = link_counts(target_links, "sdgtarget_id", counting.within("target"))
    chosen = counting.chosen("target")
    groups = {}
    shown = SdgTarget.objects.filter(Q(code__in=list(counts)) | Q(code__in=chosen))
    for target in shown.select_related("goal"):
        group = groups.setdefault(
            target.goal_id,
            FacetOption(str(target.goal_id), target.goal.name, 0, False, f"sdg-{target.goal_id}"),
        )
        group.children.append(
            FacetOption(
                target.code,
                f"{target.code} {target.label}",
                counts.get(target.code, (0, 0))[0],
                target.code in chosen,
                f"sdg-{target.goal_id}",
                depth=1,
            )
        )
    return Facet("target", SdgTarget._meta.verbose_name_plural, list(groups.values()))


def _region_facet(counting):
    regions = counting.filterset.regions
    counts = region_case_counts(Case.objects.filter(pk__in=counting.within("region")), regions)
    chosen = counting.chosen("region")
    options = [
        FacetOption(
            region.code, region.name, counts[region.code], region.code in chosen, depth=region.depth
        )
        for region in regions_in_tree_order(regions)
        if region.code != ANTARCTICA or counts[region.code] or region.code in chosen
    ]
    return Facet("region", Region._meta.verbose_name_plural, options)


def _country_facet(counting):
    counts = link_counts(CaseCountry.objects, "country_id", counting.within("country"))
    chosen = counting.chosen("country")
    countries = Country.objects.filter(Q(code__in=list(counts)) | Q(code__in=chosen))
    options = [
        FacetOption(c.code, c.name, counts.get(c.code, (0, 0))[0], c.code in chosen)
        for c in countries.order_by(name_order("name"))
    ]
    return Facet("country", Country._meta.verbose_name_plural, options)


def _organization_facet(counting):
    links = CaseOrganization.objects
    roles = counting.chosen("role")
    if roles:
        links = links.filter(role__in=roles)
    within = counting.within("organization")
    counts = link_counts(links, "organization_id", within, distinct=True)
    # With a role chosen, organizations that have cases in other roles stay listed (muted).
    totals = (
        link_counts(CaseOrganization.objects, "organization_id", within, True) if roles else counts
    )
    chosen = counting.chosen("organization")
    organizations = Organization.objects.filter(Q(pk__in=list(totals)) | Q(slug__in=chosen))
    options = [
        FacetOption(o.slug, str(o), counts.get(o.pk, (0, 0))[0], o.slug in chosen)
        for o in organizations.order_by(name_order("name"))
    ]
    return Facet("organization", Organization._meta.verbose_name_plural, options)


def _role_facet(counting):
    links = CaseOrganization.objects.filter(case__in=counting.within("role"))
    if counting.chosen("organization"):
        links = links.filter(organization__slug__in=counting.chosen("organization"))
    counts = dict(
        links.order_by()
        .values("role")
        .annotate(count=Count("case", distinct=True))
        .values_list("role", "count")
    )
    title = CaseOrganization._meta.get_field("role").verbose_name
    return _choice_facet("role", title, CaseOrganization.Role, counts, counting.chosen("role"))


def _field_facet(counting, name):
    """A facet on one of the case's own choice fields (status, modality)."""
    model_field = Case._meta.get_field(name)
    counts = value_counts(counting.within(name), name)
    choices = {"status": Case.Status, "modality": Case.Modality}[name]
    return _choice_facet(name, model_field.verbose_name, choices, counts, counting.chosen(name))


def _choice_facet(parameter, title, choices, counts, selected):
    options = [
        FacetOption(value, label, counts.get(value, 0), value in selected)
        for value, label in choices.choices
    ]
    return Facet(parameter, title, options)


def _year_facet(counting):
    periods = list(
        Case.objects.filter(pk__in=counting.within("year"))
        .order_by()
        .values_list("start_year", "end_year")
        .annotate(count=Count("pk"))
    )
    title = Case._meta.get_field("start_year").verbose_name
    return Facet("year", title, year_options(periods, counting.chosen("year")))


def year_options(periods, selected):
    """Years in which cases were active, newest first, with counts, from (start, end) pairs."""
    this_year = timezone.now().year
    starts = [start for start, _end, _count in periods if start]
    if not starts:
        return [FacetOption(year, year, 0, True) for year in sorted(selected, reverse=True)]
    last = max([this_year] + [end for _start, end, _count in periods if end])
    options = []
    for year in range(last, min(starts) - 1, -1):
        count = sum(
            n
            for start, end, n in periods
            if start
            and start <= year
            and ((end and end >= year) or (not end and year <= this_year))
        )
        if count or str(year) in selected:
            options.append(FacetOption(str(year), str(year), count, str(year) in selected))
    return options


def facets(filterset):
    """Every facet of the list, in the order the filter panel shows them."""
    counting = _Counting(filterset)
    return [
        _goal_facet(counting),
        _target_facet(counting),
        _region_facet(counting),
        _country_facet(counting),
        _organization_facet(counting),
        _role_facet(counting),
        _field_facet(counting, "status"),
        _field_facet(counting, "modality"),
        _year_facet(counting),
    ]
