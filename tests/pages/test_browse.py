"""Home and browse pages: counts and links into the filtered list."""

import pytest

from tests.factories import make_case
from tests.reading import query_count, text

pytestmark = pytest.mark.django_db


def test_home_shows_totals_goal_tiles_and_latest_cases(client):
    response = client.get("/en/")
    page = text(response)
    html = response.content.decode()
    assert "3 published cases" in page
    assert "18 countries" in page  # 6 + 10 + 2, none shared
    assert "14 organizations" in page
    assert html.count('class="goal-tile sdg-') == 17
    assert '<a class="goal-tile sdg-8" href="/en/cases/?goal=8">' in html
    assert "Decent work and economic growth" in page
    assert "3 cases" in page  # goal 8
    assert 'class="goal-tile sdg-2 goal-tile--empty"' in html
    for slug in ["transform", "ilo-sse-academy", "page-kyrgyzstan-mongolia"]:
        assert f'href="/en/cases/{slug}/"' in html


def test_home_in_chinese(client):
    page = text(client.get("/zh-hans/"))
    assert "体面工作和经济增长" in page
    assert "南南合作和三角合作良好实践" in page


def test_sdg_page_lists_goals_and_targets_with_counts(client):
    html = client.get("/en/sdg/").content.decode()
    assert html.count('class="browse-goal"') == 17
    assert '<a href="/en/cases/?target=8.3"><span class="target-code">8.3</span>' in html
    page = text(client.get("/en/sdg/"))
    assert (
        "8.3 Decent jobs, entrepreneurship and micro-, small and medium-sized enterprises 2" in page
    )
    # a target without cases is listed, muted, without a link
    assert (
        '<li class="is-empty"><span class="target-code">8.9</span> Sustainable tourism that creates jobs <span class="count">0</span></li>'
        in html
    )


def test_country_page_groups_countries_with_cases_by_region(client):
    html = client.get("/en/countries/").content.decode()
    assert '<a href="/en/cases/?region=014">Eastern Africa</a>' in html
    assert '<a href="/en/cases/?country=KE">Kenya</a> <span class="count">1</span>' in html
    assert "?country=FR" not in html  # no case in France
    start = html.index('id="region-014"')
    eastern = html[start : html.index("</section>", start)]
    assert "Kenya" in eastern and "Mongolia" not in eastern


def test_organization_page_counts_cases_by_role(client):
    html = client.get("/en/organizations/").content.decode()
    row = html[html.index('href="/en/cases/?organization=ilo"') :]
    row = row[: row.index("</tr>")]
    # ILO: nominator of 3, funder of 3, implementer of 3
    assert ">3</td>" in row
    assert 'href="/en/cases/?organization=ilo&amp;role=nominator">3</a>' in row
    assert 'href="/en/cases/?organization=ilo&amp;role=funder">3</a>' in row
    unep = html[html.index('href="/en/cases/?organization=unep"') :]
    unep = unep[: unep.index("</tr>")]
    assert 'role=nominator">1</a>' in unep and 'role=implementer">1</a>' in unep
    assert "role=funder" not in unep


@pytest.mark.parametrize("url", ["/en/", "/en/sdg/", "/en/countries/", "/en/organizations/"])
@pytest.mark.parametrize("extra_cases", [0, 27])
def test_home_and_browse_pages_run_a_fixed_number_of_queries(client, url, extra_cases):
    for number in range(extra_cases):
        make_case(
            targets=["8.3"],
            countries=["MN"],
            organizations=[("ilo", "funder")],
            title_en=f"Case {number}",
        )
    # Each: the catalogue version, then the page's own: home the newest cases and their targets
    # and countries (one query; the goals' names come from the index); the others their
    # reference table(s).
    expected = {"/en/": 3, "/en/sdg/": 3, "/en/countries/": 3, "/en/organizations/": 2}
    assert query_count(client, url) == expected[url]
