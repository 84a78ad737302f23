"""reads.browse: the home page and the browse pages' numbers."""

import pytest

from cases.models import Case
from cases.reads.browse import country_browse, home_page, organization_browse, sdg_browse
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_home_page_counts_published_cases_countries_and_organizations():
    make_case(slug="draft", countries=["FR"], publication_status=Case.PublicationStatus.DRAFT)

    home = home_page()

    assert home.totals == {"cases": 3, "countries": 18, "organizations": 14}
    assert [goal.number for goal in home.goals] == list(range(1, 18))
    assert {goal.number: goal.count for goal in home.goals if goal.count} == {
        1: 1,
        3: 1,
        5: 1,
        8: 3,
        10: 1,
        13: 1,
        17: 2,
    }
    assert {case.slug for case in home.latest_cases} == {
        "transform",
        "ilo-sse-academy",
        "page-kyrgyzstan-mongolia",
    }


def test_sdg_browse_counts_each_target():
    goals = {goal.number: goal for goal in sdg_browse()}

    eight = {target.code: target.count for target in goals[8].target_list if target.count}
    assert eight == {"8.3": 2, "8.4": 1, "8.5": 1}
    assert len(goals[8].target_list) == 12


def test_country_browse_lists_regions_with_cases_and_their_countries():
    regions = {region.code: region for region in country_browse()}

    assert regions["001"].count == 3
    assert regions["014"].count == 1  # Eastern Africa: TRANSFORM
    assert {c.code for c in regions["014"].country_list} == {"ET", "KE", "MW", "MZ", "TZ", "ZM"}
    assert "010" not in regions  # Antarctica has no case


def test_organization_browse_counts_cases_per_role():
    ilo = next(o for o in organization_browse() if o.slug == "ilo")

    assert (ilo.count, ilo.nominator_count, ilo.funder_count, ilo.implementer_count) == (3, 3, 3, 3)
