"""Reads for the public pages. Each selector owns its prefetching, so templates never query.

Everything public starts from `Case.objects.published()`.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F, Prefetch, Q, Value
from django.db.models.functions import Coalesce, Collate, Lower, NullIf
from django.utils import timezone
from django.utils.translation import get_language

from .filters import CaseFilter
from .models import (
    Case,
    CaseCountry,
    CaseOrganization,
    Country,
    Organization,
    Region,
    SdgGoal,
    SdgTarget,
)

PUBLISHED = Case.PublicationStatus.PUBLISHED


# -- regions ---------------------------------------------------------------------------------


def region_tree():
    """All regions by code, each with `.child_regions`, `.subtree` (codes) and `.depth`."""
    regions = {region.code: region for region in Region.objects.all()}
    for region in regions.values():
        region.child_regions = []
    for region in regions.values():
        if region.parent_id in regions:
            regions[region.parent_id].child_regions.append(region)

    def walk(region, depth):
        region.depth = depth
        region.subtree = {region.code}
        for child in region.child_regions:
            walk(child, depth + 1)
            region.subtree |= child.subtree

    for region in regions.values():
        if region.parent_id is None:
            walk(region, 0)
    return regions


def regions_in_tree_order(regions):
    """Regions depth-first from World, children in code order (what a reader scans)."""
    ordered = []

    def walk(region):
        ordered.append(region)
        for child in sorted(region.child_regions, key=lambda r: r.code):
            walk(child)

    for region in sorted(regions.values(), key=lambda r: r.code):
        if region.parent_id is None:
            walk(region)
    return ordered


# -- cards -----------------------------------------------------------------------------------


def with_card_data(queryset):
    """What a case card shows: targets (for goal badges) and countries, in two queries."""
    return queryset.prefetch_related(
        Prefetch("sdg_targets", queryset=SdgTarget.objects.select_related("goal")),
        Prefetch(
            "casecountry_set",
            queryset=CaseCountry.objects.select_related("country").order_by("order", "pk"),
            to_attr="country_links",
        ),
    )


def with_export_data(queryset):
    """Everything a CSV row shows, in a fixed number of queries."""
    return with_card_data(queryset).prefetch_related(
        "regions",
        Prefetch(
            "caseorganization_set",
            queryset=CaseOrganization.objects.select_related("organization").order_by(
                "role", "order", "pk"
            ),
            to_attr="organization_links",
        ),
    )


# -- the list --------------------------------------------------------------------------------


def case_filter(params):
    """The FilterSet over published cases, with the region tree it needs (one query)."""
    regions = region_tree()
    return CaseFilter(params, queryset=Case.objects.published(), regions=regions)


def title_in_language(language):
    other = "en" if language == "zh-hans" else "zh_hans"
    own = language.replace("-", "_")
    title = Coalesce(NullIf(F(f"title_{own}"), Value("")), F(f"title_{other}"))
    if connection.vendor == "postgresql" and language == "zh-hans":
        return Collate(title, "zh-x-icu")  # pinyin order
    if connection.vendor == "postgresql":
        return Collate(title, "und-x-icu")
    return Lower(title)


def sorted_cases(filterset, language):
    cases = filterset.qs
    sort = filterset.sort_order
    if sort == "relevance":
        return cases.order_by("-search_rank", F("published_at").desc(nulls_last=True), "slug")
    if sort == "title":
        return cases.order_by(title_in_language(language).asc(), "slug")
    if sort == "start_year":
        return cases.order_by(F("start_year").desc(nulls_last=True), "slug")
    return cases.order_by(F("published_at").desc(nulls_last=True), "slug")


def newest_cases(filterset, limit):
    """The most recently published cases matching the filters (for the feed)."""
    cases = filterset.qs.order_by(F("published_at").desc(nulls_last=True), "slug")
    return list(cases.prefetch_related("sdg_targets")[:limit])


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


def results_without_each_filter(filterset):
    """For an empty result: {parameter: number of cases} when only that parameter is dropped.

    One count per active parameter, so it runs only when nothing was found.
    """
    parameters = list(filterset.active)
    if not filterset.search_query.is_empty:
        parameters.append("q")
    counts = {name: filterset.queryset_without(name).count() for name in parameters}
    return {name: count for name, count in counts.items() if count}


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


def value_counts(case_ids, field):
    """{value of `field`: number of cases} among the cases `case_ids` selects."""
    return dict(
        Case.objects.filter(pk__in=case_ids)
        .order_by()
        .values(field)
        .annotate(count=Count("pk"))
        .values_list(field, "count")
    )


def facets(filterset):
    """Every facet with counts: each facet's counts apply all other filters but not its own."""
    active = {name: set(map(str, values)) for name, values in filterset.active.items()}

    def within(name):
        return filterset.queryset_without(name).values("pk")

    def chosen(name):
        return active.get(name, set())

    target_links = Case.sdg_targets.through.objects
    goal_counts = link_counts(target_links, "sdgtarget__goal_id", within("goal"), distinct=True)
    target_counts = link_counts(target_links, "sdgtarget_id", within("target"))
    goal_options = [
        FacetOption(
            str(goal.number),
            goal.name,
            goal_counts.get(goal.number, (0, 0))[0],
            str(goal.number) in chosen("goal"),
            f"sdg-{goal.number}",
        )
        for goal in SdgGoal.objects.all()
    ]
    target_groups = {}
    shown_targets = SdgTarget.objects.filter(
        Q(code__in=list(target_counts)) | Q(code__in=chosen("target"))
    ).select_related("goal")
    for target in shown_targets:
        group = target_groups.setdefault(
            target.goal_id,
            FacetOption(str(target.goal_id), target.goal.name, 0, False, f"sdg-{target.goal_id}"),
        )
        group.children.append(
            FacetOption(
                target.code,
                f"{target.code} {target.label}",
                target_counts.get(target.code, (0, 0))[0],
                target.code in chosen("target"),
                f"sdg-{target.goal_id}",
                depth=1,
            )
        )

    country_counts = link_counts(CaseCountry.objects, "country_id", within("country"))
    countries = Country.objects.filter(
        Q(code__in=list(country_counts)) | Q(code__in=chosen("country"))
    ).order_by(name_order("name"))

    organization_links = CaseOrganization.objects
    if chosen("role"):
        organization_links = organization_links.filter(role__in=chosen("role"))
    organization_counts = link_counts(
        organization_links, "organization_id", within("organization"), distinct=True
    )
    # With a role chosen, organizations that have cases in other roles stay listed (muted).
    organization_totals = (
        link_counts(CaseOrganization.objects, "organization_id", within("organization"), True)
        if chosen("role")
        else organization_counts
    )
    organizations = Organization.objects.filter(
        Q(pk__in=list(organization_totals)) | Q(slug__in=chosen("organization"))
    ).order_by(name_order("name"))
    role_links = CaseOrganization.objects.filter(case__in=within("role"))
    if chosen("organization"):
        role_links = role_links.filter(organization__slug__in=chosen("organization"))
    role_counts = dict(
        role_links.order_by()
        .values("role")
        .annotate(count=Count("case", distinct=True))
        .values_list("role", "count")
    )

    regions = filterset.regions
    region_counts = region_case_counts(Case.objects.filter(pk__in=within("region")), regions)
    status_counts = value_counts(within("status"), "status")
    modality_counts = value_counts(within("modality"), "modality")
    periods = list(
        Case.objects.filter(pk__in=within("year"))
        .order_by()
        .values_list("start_year", "end_year")
        .annotate(count=Count("pk"))
    )

    return [
        Facet("goal", SdgGoal._meta.verbose_name_plural, goal_options),
        Facet("target", SdgTarget._meta.verbose_name_plural, list(target_groups.values())),
        Facet(
            "region",
            Region._meta.verbose_name_plural,
            [
                FacetOption(
                    region.code,
                    region.name,
                    region_counts[region.code],
                    region.code in chosen("region"),
                    depth=region.depth,
                )
                for region in regions_in_tree_order(regions)
                if region.code != "010"
                or region_counts[region.code]
                or region.code in chosen("region")
            ],
        ),
        Facet(
            "country",
            Country._meta.verbose_name_plural,
            [
                FacetOption(
                    c.code,
                    c.name,
                    country_counts.get(c.code, (0, 0))[0],
                    c.code in chosen("country"),
                )
                for c in countries
            ],
        ),
        Facet(
            "organization",
            Organization._meta.verbose_name_plural,
            [
                FacetOption(
                    o.slug,
                    str(o),
                    organization_counts.get(o.pk, (0, 0))[0],
                    o.slug in chosen("organization"),
                )
                for o in organizations
            ],
        ),
        choice_facet("role", CaseOrganization.Role, role_counts, chosen("role")),
        choice_facet("status", Case.Status, status_counts, chosen("status")),
        choice_facet("modality", Case.Modality, modality_counts, chosen("modality")),
        Facet(
            "year",
            Case._meta.get_field("start_year").verbose_name,
            year_options(periods, chosen("year")),
        ),
    ]


def choice_facet(parameter, choices, counts, selected):
    titles = {
        "role": CaseOrganization._meta.get_field("role").verbose_name,
        "status": Case._meta.get_field("status").verbose_name,
        "modality": Case._meta.get_field("modality").verbose_name,
    }
    return Facet(
        parameter,
        titles[parameter],
        [
            FacetOption(value, label, counts.get(value, 0), value in selected)
            for value, label in choices.choices
        ],
    )


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


def name_order(field_name):
    """Order a translated name in the reader's language (pinyin for Chinese on PostgreSQL)."""
    language = get_language() or "zh-hans"
    column = f"{field_name}_{language.replace('-', '_')}"
    if connection.vendor == "postgresql":
        collation = "zh-x-icu" if language == "zh-hans" else "und-x-icu"
        return Collate(F(column), collation).asc()
    return Lower(F(column)).asc()


# -- one case --------------------------------------------------------------------------------


def case_detail_queryset():
    return Case.objects.prefetch_related(
        Prefetch(
            "sdg_targets", queryset=SdgTarget.objects.select_related("goal").order_by("position")
        ),
        Prefetch(
            "casecountry_set",
            queryset=CaseCountry.objects.select_related("country").order_by("order", "pk"),
            to_attr="country_links",
        ),
        "regions",
        Prefetch(
            "caseorganization_set",
            queryset=CaseOrganization.objects.select_related("organization").order_by(
                "role", "order", "pk"
            ),
            to_attr="organization_links",
        ),
        "contacts",
        "links",
    )


def published_case(slug):
    """The published case with this slug, or None."""
    return case_detail_queryset().published().filter(slug=slug).first()


def related_cases(case, limit=3):
    """Published cases sharing the most SDG targets and countries with `case`."""
    target_codes = [target.code for target in case.sdg_targets.all()]
    country_codes = [link.country_id for link in case.country_links]
    shared = Count("sdg_targets", filter=Q(sdg_targets__in=target_codes), distinct=True) + Count(
        "countries", filter=Q(countries__in=country_codes), distinct=True
    )
    related = (
        Case.objects.published()
        .exclude(pk=case.pk)
        .filter(Q(sdg_targets__in=target_codes) | Q(countries__in=country_codes))
        .annotate(shared=shared)
        .order_by("-shared", F("published_at").desc(nulls_last=True), "slug")
        .distinct()
    )
    return list(with_card_data(related)[:limit])


# -- home and browse pages -------------------------------------------------------------------


def goals_with_counts():
    return SdgGoal.objects.annotate(
        count=Count(
            "targets__cases",
            filter=Q(targets__cases__publication_status=PUBLISHED),
            distinct=True,
        )
    )


def catalogue_totals():
    published = Case.objects.published()
    return {
        "cases": published.count(),
        "countries": Country.objects.filter(cases__in=published.values("pk")).distinct().count(),
        "organizations": Organization.objects.filter(cases__in=published.values("pk"))
        .distinct()
        .count(),
    }


def latest_cases(limit=6):
    cases = Case.objects.published().order_by(F("published_at").desc(nulls_last=True), "slug")
    return list(with_card_data(cases)[:limit])


def sdg_browse():
    """The 17 goals, each with its targets and published case counts."""
    goals = list(goals_with_counts())
    targets = SdgTarget.objects.annotate(
        count=Count("cases", filter=Q(cases__publication_status=PUBLISHED), distinct=True)
    )
    by_goal = {goal.number: goal for goal in goals}
    for goal in goals:
        goal.target_list = []
    for target in targets:
        by_goal[target.goal_id].target_list.append(target)
    return goals


def country_browse():
    """Regions in tree order, each with its countries that have published cases."""
    regions = region_tree()
    published = Q(cases__publication_status=PUBLISHED)
    region_counts = region_case_counts(Case.objects.published(), regions)
    countries = (
        Country.objects.annotate(count=Count("cases", filter=published, distinct=True))
        .filter(count__gt=0)
        .order_by(name_order("name"))
    )
    for region in regions.values():
        region.count = region_counts[region.code]
        region.country_list = []
    for country in countries:
        regions[country.region_id].country_list.append(country)
    return [region for region in regions_in_tree_order(regions) if region.count]


def organization_browse():
    """Organizations named by published cases, with counts per role."""
    published = Q(caseorganization__case__publication_status=PUBLISHED)

    def by_role(role):
        return Count(
            "caseorganization__case",
            filter=published & Q(caseorganization__role=role),
            distinct=True,
        )

    return (
        Organization.objects.annotate(
            count=Count("caseorganization__case", filter=published, distinct=True),
            nominator_count=by_role(CaseOrganization.Role.NOMINATOR),
            funder_count=by_role(CaseOrganization.Role.FUNDER),
            implementer_count=by_role(CaseOrganization.Role.IMPLEMENTER),
        )
        .filter(count__gt=0)
        .order_by(name_order("name"))
    )
