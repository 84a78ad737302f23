"""The home page and the browse pages (goals, countries, organizations), with case counts."""

from dataclasses import dataclass

from django.db.models import Count, Q

from ..models import Case, CaseOrganization, Country, Organization, SdgGoal, SdgTarget
from .facets import region_case_counts
from .ordering import name_order
from .prefetch import with_card_data
from .regions import region_tree, regions_in_tree_order

PUBLISHED = Case.PublicationStatus.PUBLISHED
LATEST_ON_HOME = 6


@dataclass
class HomePage:
    totals: dict  # cases, countries, organizations
    goals: list  # the 17 goals, each with `.count`
    latest_cases: list


def home_page():
    return HomePage(
        totals=catalogue_totals(),
        goals=list(goals_with_counts()),
        latest_cases=list(with_card_data(Case.objects.published().newest_first())[:LATEST_ON_HOME]),
    )


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
