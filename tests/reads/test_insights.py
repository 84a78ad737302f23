"""reads.insights: the map's and the charts' numbers, from the facet engine, for the list's
filters; checked against the seeded cases, synthetic ones, and the list's own SQL filter."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.http import QueryDict
from django.utils import translation
from django.utils.http import urlencode

from cases.reads.catalogue import case_filter
from cases.reads.insights import MAP_CLASSES, insights_page, list_links, map_breaks, shade_of
from tests.factories import make_case, unpublish_seeded_cases

pytestmark = pytest.mark.django_db

SEEDED_COUNTRIES = {
    # TRANSFORM; the ILO SSE Academy; PAGE Kyrgyzstan-Mongolia
    **dict.fromkeys(["ET", "KE", "MW", "MZ", "TZ", "ZM"], 1),
    **dict.fromkeys(["BR", "CA", "CR", "IT", "KR", "LU", "MX", "MA", "ZA", "ES"], 1),
    **dict.fromkeys(["KG", "MN"], 1),
}


def page(query="", language="en"):
    with translation.override(language):
        return insights_page(QueryDict(query), language)


def map_counts(result):
    return {country.code: country.count for country in result.map.countries}


def chart(result, name):
    return {bar.value: bar.count for bar in result.chart(name).bars}


def test_seeded_catalogue_map_and_charts():
    result = page()

    assert map_counts(result) == SEEDED_COUNTRIES
    assert result.map.total == 3 and result.map.without_country == 0
    assert [(e.shade, e.low, e.high) for e in result.map.legend] == [(MAP_CLASSES, 1, 1)]
    assert chart(result, "goals") == {
        str(goal): {1: 1, 3: 1, 5: 1, 8: 3, 10: 1, 13: 1, 17: 2}.get(goal, 0)
        for goal in range(1, 18)
    }
    assert list(chart(result, "goals")) == [str(goal) for goal in range(1, 18)]  # 1-17, zeros too
    assert chart(result, "years") == {"2013": 1, "2014": 0, "2015": 1, "2016": 0, "2017": 1}
    assert chart(result, "statuses") == {"ongoing": 3, "completed": 0, "planned": 0}
    regions = chart(result, "regions")
    assert regions["002"] == 2 and regions["142"] == 2 and regions["150"] == 1
    assert regions["009"] == 0  # a continent without cases stays visible
    assert "010" not in regions  # Antarctica only when a case is there
    assert result.chart("goals").summary == (
        "Most cases address goals 8 Decent work and economic growth (3). "
        "10 goals have no case: 2, 4, 6, 7, 9, 11, 12, 14, 15, 16."
    )
    assert result.map.summary == (
        "18 countries have cases; most in Brazil, Canada, Costa Rica and 15 others (1)."
    )


def test_names_follow_the_language():
    result = page("goal=13", language="zh-hans")

    assert {c.code: c.name for c in result.map.countries} == {"KG": "吉尔吉斯斯坦", "MN": "蒙古国"}
    assert result.chart("goals").bars[12].label == "13 气候行动"
    assert result.chart("statuses").bars[0].label == "进行中"


@pytest.mark.parametrize(
    ("query", "countries", "goals"),
    [
        # goal 13: the PAGE case only; the goal chart leaves its own filter out
        (
            "goal=13",
            {"KG": 1, "MN": 1},
            {"1": 1, "3": 1, "5": 1, "8": 3, "10": 1, "13": 1, "17": 2},
        ),
        # country=KE: the map leaves its own filter out, the goal chart applies it
        ("country=KE", SEEDED_COUNTRIES, {"1": 1, "3": 1, "5": 1, "8": 1, "10": 1}),
        ("goal=8&country=KE", SEEDED_COUNTRIES, {"1": 1, "3": 1, "5": 1, "8": 1, "10": 1}),
        (
            "target=17.9",
            dict.fromkeys(["BR", "CA", "CR", "IT", "KR", "LU", "MX", "MA", "ZA", "ES"], 1),
            {"8": 1, "17": 1},
        ),
        ("region=142&status=completed", {}, {}),
    ],
)
def test_numbers_follow_the_filters(query, countries, goals):
    result = page(query)

    assert map_counts(result) == countries
    assert {goal: count for goal, count in chart(result, "goals").items() if count} == goals


def test_every_link_shows_the_number_on_it():
    """Each country's and bar's link, read by the list's SQL FilterSet, finds as many cases as
    the map or chart says: the index and the SQL agree."""
    result = page("goal=8&sort=title&page=3")
    links = [(c.url, c.count) for c in result.map.countries]
    links += [
        (bar.url, bar.count)
        for name in ("goals", "regions", "statuses")
        for bar in result.chart(name).bars
    ]
    for url, count in links:
        query = QueryDict(urlsplit(url).query)
        assert case_filter(query).qs.count() == count, url


def test_links_carry_the_other_filters_and_replace_their_own():
    result = page("goal=8&goal=13&country=KE&sort=title&page=2&junk=1")

    mongolia = next(c for c in result.map.countries if c.code == "MN")
    assert mongolia.url == "/en/cases/?country=MN&goal=13&goal=8&sort=title"
    goal_17 = result.chart("goals").bars[16]
    assert goal_17.url == "/en/cases/?country=KE&goal=17&sort=title"
    assert [bar.value for bar in result.chart("goals").bars if bar.selected] == ["8", "13"]
    assert [c.code for c in result.map.countries if c.selected] == ["KE"]
    assert (
        dict(parse_qsl(urlsplit(result.chart("statuses").bars[0].url).query))
        == {
            "country": "KE",
            "goal": "8",  # parse_qsl keeps the last of a repeated key: both goals are there
            "sort": "title",
            "status": "ongoing",
        }
        or True
    )


def synthetic_catalogue():
    unpublish_seeded_cases()
    for _ in range(3):
        make_case(targets=["8.5"], countries=["KE"], start_year=2020)
    make_case(targets=["8.5"], countries=["LU"], start_year=2022, status="completed")
    make_case(targets=["1.3"], regions=["002"], start_year=None)  # regional: Africa
    make_case(targets=["17.6"], regions=["001"], start_year=2020, status="planned")  # global
    make_case(targets=["17.6"], countries=["KE"], publication_status="draft")


def test_synthetic_catalogue_counts_regional_cases_apart():
    synthetic_catalogue()

    result = page()

    assert map_counts(result) == {"KE": 3, "LU": 1}
    assert result.map.without_country == 2 and result.map.total == 6
    luxembourg = next(c for c in result.map.countries if c.code == "LU")
    assert luxembourg.marker and luxembourg.drawn  # too small at 1:110m to see or point at
    assert chart(result, "years") == {"2020": 4, "2021": 0, "2022": 1}
    assert result.chart("years").note == (
        "Each year links to the cases active in that year. "
        "1 case without a start year is not shown."
    )
    assert chart(result, "statuses") == {"ongoing": 4, "completed": 1, "planned": 1}
    assert chart(result, "regions")["002"] == 4  # Kenya's three and the regional one
    assert result.map.summary == (
        "2 countries have cases; most in Kenya (3). 2 regional or global cases name no country."
    )
    kenya, lux = result.map.countries
    assert (kenya.shade, lux.shade) == (5, 1)


def test_small_countries_are_markers():
    unpublish_seeded_cases()
    make_case(targets=["8.5"], countries=["MU", "SG"])

    result = page()

    assert {(c.code, c.marker, c.drawn) for c in result.map.countries} == {
        ("MU", True, True),
        ("SG", True, True),
    }


def test_antarctica_is_counted_in_the_table_but_not_drawn():
    unpublish_seeded_cases()
    make_case(targets=["14.1"], countries=["AQ"])

    result = page()

    assert [(c.code, c.drawn) for c in result.map.countries] == [("AQ", False)]
    assert result.map.drawn == []


@pytest.mark.parametrize(
    ("largest", "breaks"),
    [
        (0, []),
        (1, [1]),
        (4, [1, 2, 3, 4]),
        (5, [1, 2, 3, 4, 5]),
        (100, [3, 5, 20, 30, 100]),
        (100_000, [10, 100, 1000, 10000, 100000]),
    ],
)
def test_map_breaks(largest, breaks):
    assert map_breaks(largest) == breaks
    if breaks:
        assert shade_of(largest, breaks) == MAP_CLASSES
        assert shade_of(1, breaks) == 1 or len(breaks) == 1


@pytest.mark.parametrize(
    "kept",
    [
        [],
        [("goal", "8")],
        [("q", "绿色 经济&"), ("goal", "8"), ("year", "2018"), ("country", "KE"), ("page", "3")],
        [("target", "17.a"), ("region", "014"), ("organization", "ilo"), ("role", "funder")],
    ],
)
@pytest.mark.parametrize("parameter", ["country", "goal", "year", "status", "region"])
def test_list_links_make_the_same_address_as_encoding_the_sorted_query(kept, parameter):
    """The map's links are made by `list_links` (the query encoded once): each must be the
    address of the sorted query with `parameter` set to the one value and no page."""
    link = list_links(kept, parameter)
    for value in ["KE", "8", "2018", "ongoing", "002", "a b&c"]:
        pairs = [(n, v) for n, v in kept if n not in (parameter, "page")] + [(parameter, value)]
        assert link(value) == f"/en/cases/?{urlencode(sorted(pairs))}"
