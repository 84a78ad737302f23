"""reads.facets: every facet's counts apply the other filters but not its own."""

import pytest
from django.http import QueryDict

from cases.reads.catalogue import select
from cases.reads.facets import TOP_OPTIONS, facet, facets
from tests.factories import make_case, unpublish_seeded_cases

pytestmark = pytest.mark.django_db


def counts(query, language="en"):
    """{parameter: {value: count}} of every option with cases, for the list `query` gives."""
    result = {}
    for facet_ in facets(select(QueryDict(query)), language):
        options = {option.value: option.count for option in facet_.all_options() if option.count}
        result[facet_.parameter] = options
    return result


def synthetic_catalogue():
    unpublish_seeded_cases()
    make_case(slug="a", targets=["8.5", "1.3"], countries=["KE"], status="completed")
    make_case(slug="b", targets=["8.5"], countries=["KE", "ET"], modality="triangular")
    make_case(slug="c", targets=["13.2"], countries=["MN"], regions=["142"])
    make_case(slug="draft", targets=["13.2"], countries=["MN"], publication_status="draft")


def test_facet_counts_of_the_whole_catalogue():
    synthetic_catalogue()

    result = counts("")

    assert result["goal"] == {"1": 1, "8": 2, "13": 1}
    assert result["target"] == {"1.3": 1, "8.5": 2, "13.2": 1}
    assert result["country"] == {"KE": 2, "ET": 1, "MN": 1}
    assert result["status"] == {"ongoing": 2, "completed": 1}
    assert result["modality"] == {"south_south": 2, "triangular": 1}
    # A region counts a case once, whether it is tagged with the region, has a country in it,
    # or both (c: tagged Asia, and Mongolia is in Eastern Asia).
    assert result["region"]["001"] == 3
    assert result["region"]["142"] == 1
    assert result["region"]["002"] == 2


def test_a_facet_ignores_its_own_filter_and_applies_the_others():
    synthetic_catalogue()

    result = counts("country=KE&goal=8")

    # Countries: with goal 8 applied, not the country filter.
    assert result["country"] == {"KE": 2, "ET": 1}
    # Goals: with Kenya applied, not the goal filter.
    assert result["goal"] == {"1": 1, "8": 2}
    # Targets: with both filters applied.
    assert result["target"] == {"1.3": 1, "8.5": 2}
    assert result["status"] == {"ongoing": 1, "completed": 1}


def test_chosen_options_are_marked_selected():
    synthetic_catalogue()

    selected = {
        (facet_.parameter, option.value)
        for facet_ in facets(select(QueryDict("country=MN&target=8.5")), "en")
        for option in facet_.all_options()
        if option.selected
    }

    assert selected == {("country", "MN"), ("target", "8.5")}


def test_years_count_cases_active_in_each_year():
    unpublish_seeded_cases()
    make_case(slug="closed", start_year=2015, end_year=2017)
    make_case(slug="open-a", start_year=2016, end_year=None)
    make_case(slug="open-b", start_year=2016, end_year=None)

    by_year = counts("")["year"]

    assert by_year["2015"] == 1
    assert by_year["2016"] == 3
    assert by_year["2018"] == 2
    assert min(by_year) == "2015"


def test_long_facets_show_their_top_options_and_the_chosen_ones():
    unpublish_seeded_cases()
    codes = ["KE", "ET", "TZ", "UG", "RW", "BI", "SO", "DJ", "ER", "MG", "MW", "MZ"]
    for number in range(len(codes)):
        make_case(slug=f"c{number}", countries=codes[: number + 1])

    shown = facet(select(QueryDict("country=MZ")), "en", "country")
    complete = facet(select(QueryDict("country=MZ")), "en", "country", complete=True)

    values = {option.value for option in shown.options}
    assert len(codes) > TOP_OPTIONS + 1
    # The ten with most cases (KE on all twelve, ET on eleven...), and Mozambique, chosen.
    assert values == set(codes[:TOP_OPTIONS]) | {"MZ"}
    assert shown.more == 1  # Malawi
    assert {option.value for option in complete.options} == set(codes)
    assert complete.more == 0
