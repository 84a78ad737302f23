"""reads.catalogue: the list page's data, called directly (no HTTP, no template)."""

import pytest
from django.http import QueryDict

from cases.models import SdgTarget
from cases.reads.catalogue import catalogue_page, results_without_each_filter, select
from tests.factories import make_case, unpublish_seeded_cases

pytestmark = pytest.mark.django_db


def page_for(query, language="en"):
    return catalogue_page(QueryDict(query), language)


def slugs(page):
    return [case.slug for case in page.cases]


def test_catalogue_page_filters_sorts_and_names_the_chosen_options():
    page = page_for("goal=8&country=KE&country=MN&sort=title")

    assert slugs(page) == ["page-kyrgyzstan-mongolia", "transform"]
    assert page.sort == "title"
    assert [(parameter, option.value) for parameter, option in page.chips] == [
        ("goal", "8"),
        ("country", "KE"),
        ("country", "MN"),
    ]
    assert page.notices == []
    assert page.removals == []
    assert page.suggestions is None


def test_catalogue_page_reports_ignored_values_and_keeps_the_valid_ones():
    page = page_for("country=ZZ&country=KE&page=abc")

    assert slugs(page) == ["transform"]
    assert page.notices == [
        "Ignored country “ZZ”: there is no such ISO country code.",
        "Ignored page “abc”: page numbers start at 1.",
    ]


def test_catalogue_page_offers_relevance_only_with_a_search():
    assert [key for key, _label in page_for("").sorts] == ["newest", "title", "start_year"]
    searched = page_for("q=TRANSFORM")
    assert [key for key, _label in searched.sorts] == ["relevance", "newest", "title", "start_year"]
    assert searched.sort == "relevance"
    assert slugs(searched) == ["transform"]


def test_catalogue_page_of_nothing_found_says_which_filter_to_drop():
    page = page_for("country=KE&country=MN&target=13.2&q=TRANSFORM")

    target = SdgTarget.objects.get(code="13.2")
    assert slugs(page) == []
    # Without the target, TRANSFORM is found (Kenya); without the search, PAGE (Mongolia, 13.2).
    assert page.removals == [("target", f"13.2 {target.label}", 1), ("q", "TRANSFORM", 1)]
    assert page.last_filter == ("target", "13.2", f"13.2 {target.label}")


def test_results_without_each_filter_counts_each_dropped_parameter():
    selection = select(QueryDict("country=KE&target=13.2"))

    assert results_without_each_filter(selection) == {"country": 1, "target": 1}


def test_catalogue_page_is_newest_first_by_default():
    unpublish_seeded_cases()
    older = make_case(slug="older")
    newer = make_case(slug="newer")
    older.published_at = newer.published_at.replace(year=2020)
    older.save()

    assert slugs(page_for("")) == ["newer", "older"]
