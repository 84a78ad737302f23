"""The "show all" page of a long facet: every option with its count, narrowed by what the reader
types, sending the choice back to the list with the other filters."""

import re

import pytest

from tests.factories import make_case, unpublish_seeded_cases
from tests.reading import facet_counts, text

pytestmark = pytest.mark.django_db

COUNTRIES = ["KE", "ET", "TZ", "UG", "RW", "BI", "SO", "DJ", "ER", "MG", "MW", "MZ"]


@pytest.fixture
def twelve_countries():
    unpublish_seeded_cases()
    for number in range(len(COUNTRIES)):
        make_case(slug=f"c{number}", countries=COUNTRIES[: number + 1], targets=["8.5"])


def test_the_list_shows_the_top_countries_and_links_to_all_of_them(client, twelve_countries):
    html = client.get("/en/cases/?target=8.5").content.decode()

    assert set(facet_counts(client.get("/en/cases/?target=8.5"), "country")) == set(COUNTRIES[:10])
    assert (
        '<a href="/en/cases/filters/country/?target=8.5">Show all (2 more)'
        '<span class="visually-hidden"> – Countries</span></a>' in html
    )


def test_the_options_page_lists_every_country_with_its_count(client, twelve_countries):
    response = client.get("/en/cases/filters/country/?target=8.5&page=3")

    counts = facet_counts(response, "country")
    assert counts == {code: len(COUNTRIES) - number for number, code in enumerate(COUNTRIES)}
    html = response.content.decode()
    # The other filters go back to the list with the choice; the page number does not.
    assert re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]+)">', html) == [
        ("target", "8.5"),
        ("target", "8.5"),
    ]
    assert 'action="/en/cases/"' in html


def test_the_options_page_narrows_by_name_and_keeps_the_chosen_ones(client, twelve_countries):
    response = client.get("/zh-hans/cases/filters/country/?country=KE&find=马")

    names = set(facet_counts(response, "country"))
    # 马达加斯加 (Madagascar), 马拉维 (Malawi) and 索马里 (Somalia) match; Kenya stays, as it
    # is chosen.
    assert names == {"MG", "MW", "SO", "KE"}
    assert "4 个选项" in text(response)


def test_an_unknown_or_short_facet_has_no_options_page(client):
    assert client.get("/en/cases/filters/status/").status_code == 404
    assert client.get("/en/cases/filters/nothing/").status_code == 404
    assert "Page not found" in text(client.get("/en/cases/filters/goal/"))
