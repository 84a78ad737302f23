"""The home page and the browse pages (goals, countries, organizations), counted by the
catalogue index: the reference tables are read as they are, the counts come from the index."""

from dataclasses import dataclass

from django.utils.translation import get_language

from ..models import CaseOrganization, Country, Organization, SdgGoal, SdgTarget
from .cards import card_rows, cards
from .catalogue_index import current_index
from .insights import home_map
from .ordering import name_order
from .regions import region_tree, regions_in_tree_order

LATEST_ON_HOME = 6


@dataclass
class GoalTile:
    number: int
    name: str
    count: int


@dataclass
class HomePage:
    totals: dict  # cases, countries, organizations
    goals: list  # the 17 goals, each with `.count`
    latest_cases: list
    map: object  # reads.insights.WorldMap of every published case


def _count(index, parameter, value):
    return len(index.cases_with(parameter, value))


def _with_counts(objects, index, parameter, key):
    objects = list(objects)
    for obj in objects:
        obj.count = _count(index, parameter, getattr(obj, key))
    return objects


def home_page():
    index = current_index()
    language = get_language()
    latest = [int(pk) for pk in index.case_ids[:LATEST_ON_HOME]]
    return HomePage(
        totals={
            "cases": index.size,
            "countries": sum(1 for cases in index.sets["country"].values() if cases),
            "organizations": sum(1 for cases in index.sets["organization"].values() if cases),
        },
        goals=_goal_tiles(index, language),
        latest_cases=cards(card_rows(latest), index, language),
        map=home_map(index, language),
    )


def _goal_tiles(index, language):
    """The 17 goals from the index's names: no query, no model instances."""
    names = index.names.goals[language]
    return [
        GoalTile(number, names[number], _count(index, "goal", number)) for number in sorted(names)
    ]


def sdg_browse():
    """The 17 goals, each with its targets and published case counts."""
    index = current_index()
    goals = _with_counts(SdgGoal.objects.all(), index, "goal", "number")
    by_goal = {goal.number: goal for goal in goals}
    for goal in goals:
        goal.target_list = []
    for target in _with_counts(SdgTarget.objects.all(), index, "target", "code"):
        by_goal[target.goal_id].target_list.append(target)
    return goals


def country_browse():
    """Regions in tree order, each with its countries that have published cases."""
    index = current_index()
    regions = region_tree()
    for region in regions.values():
        region.count = _count(index, "region", region.code)
        region.country_list = []
    codes = [code for code, cases in index.sets["country"].items() if cases]
    countries = Country.objects.filter(code__in=codes).order_by(name_order("name"))
    for country in _with_counts(countries, index, "country", "code"):
        regions[country.region_id].country_list.append(country)
    return [region for region in regions_in_tree_order(regions) if region.count]


def organization_browse():
    """Organizations named by published cases, with counts per role."""
    index = current_index()
    slugs = [slug for slug, cases in index.sets["organization"].items() if cases]
    organizations = Organization.objects.filter(slug__in=slugs).order_by(name_order("name"))
    organizations = _with_counts(organizations, index, "organization", "slug")
    for organization in organizations:
        for role in CaseOrganization.Role.values:
            count = _count(index, "organization_role", (organization.slug, role))
            setattr(organization, f"{role}_count", count)
    return organizations
