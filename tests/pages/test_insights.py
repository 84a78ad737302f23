"""/<lang>/insights/, the home page's map and the downloads, as a reader receives them."""

import pytest
from defusedxml import ElementTree as ET
from django.contrib.staticfiles import finders

from cases import world_map_shapes
from cases.dataout import insights_download
from tests.factories import make_case
from tests.reading import query_count, text

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def inline_map(response):
    html = response.content.decode()
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" class="world-map__svg"')
    return ET.fromstring(html[start : html.index("</svg>", start) + 6])


def test_insights_page_in_both_languages(client):
    english = text(client.get("/en/insights/"))
    chinese = text(client.get("/zh-hans/insights/"))

    assert "Cases by country" in english and "Kenya" in english
    assert "do not imply official endorsement or acceptance by the United Nations" in english
    assert "按国家分列的案例" in chinese and "肯尼亚" in chinese
    assert "并不意味着联合国正式认可或接受" in chinese


def test_inline_map_has_one_link_per_country_with_cases(client):
    svg = inline_map(client.get("/en/insights/?goal=13"))

    links = svg.findall(f"{SVG}a")
    assert [(a.get("data-code"), a.get("href"), a.get("tabindex")) for a in links] == [
        ("KG", "/en/cases/?country=KG&goal=13", "-1"),
        ("MN", "/en/cases/?country=MN&goal=13", "-1"),
    ]
    assert [a.find(f"{SVG}title").text for a in links] == ["Kyrgyzstan: 1 case", "Mongolia: 1 case"]
    # The geometry is the static asset's, referred to, not sent with the page.
    uses = [use.get("href") for use in svg.iter(f"{SVG}use")]
    assert uses == [
        "/static/maps/world.svg#land",
        "/static/maps/world.svg#borders",
        "/static/maps/world.svg#KG",
        "/static/maps/world.svg#MN",
    ]
    assert svg.find(f".//{SVG}path") is None


def test_home_page_shows_the_map_and_links_to_insights(client):
    response = client.get("/zh-hans/")
    svg = inline_map(response)

    assert len(svg.findall(f"{SVG}a")) == 18
    html = response.content.decode()
    assert 'href="/zh-hans/insights/"' in html  # the navigation and the home page
    assert "案例库概览：地图和图表" in html


@pytest.mark.parametrize("page_cache", [False, True])
def test_home_map_follows_a_publish_at_once_in_both_languages(client, settings, page_cache):
    """The home page's map is kept per catalogue version (with its markup): a new case shows
    on it at the next request, in each language's names."""
    settings.PAGE_CACHE = page_cache
    for url in ("/en/", "/zh-hans/"):  # made and kept before the publish
        assert 'data-code="PE"' not in client.get(url).content.decode()

    make_case(countries=["PE"], targets=["8.3"])

    english, chinese = client.get("/en/"), client.get("/zh-hans/")
    peru = [a for a in inline_map(english).findall(f"{SVG}a") if a.get("data-code") == "PE"]
    assert [(a.get("href"), a.find(f"{SVG}title").text) for a in peru] == [
        ("/en/cases/?country=PE", "Peru: 1 case")
    ]
    assert len(inline_map(english).findall(f"{SVG}a")) == 19
    assert '<a href="/zh-hans/cases/?country=PE">秘鲁</a>' in chinese.content.decode()
    assert "Peru" not in text(chinese)


def test_list_links_to_its_cases_on_the_map(client):
    html = client.get("/en/cases/?goal=8&country=KE&page=1").content.decode()

    assert '<a class="insights-link" href="/en/insights/?country=KE&amp;goal=8">' in html


@pytest.mark.parametrize(
    "query",
    ["goal=%C2%B2", "country=ZZ&goal=-1", "year=1e9", "goal=" + "9" * 5000, "q=%00", "region=%00"],
)
def test_hostile_parameters_are_ignored_with_a_notice(client, query):
    response = client.get(f"/en/insights/?{query}")

    assert response.status_code == 200
    assert "Ignored" in text(response) or "q=" in query
    assert len(inline_map(response).findall(f"{SVG}a")) == 18 or "q=" in query


def test_repeated_values_and_unknown_charts(client):
    assert client.get("/en/insights/?goal=8&goal=8&goal=13&sort=zzz").status_code == 200
    assert client.get("/en/insights/nothing.svg").status_code == 404
    assert client.get("/en/insights/map.svg?country=KE&country=KE").status_code == 200


@pytest.mark.parametrize("url", ["/en/insights/", "/en/insights/?goal=8&country=KE"])
@pytest.mark.parametrize("extra_cases", [0, 27])
def test_insights_run_a_fixed_number_of_queries(client, url, extra_cases):
    for number in range(extra_cases):
        make_case(targets=["8.3"], countries=["MN", "LU"], title_en=f"Case {number}")
    # The catalogue version only: every number comes from the catalogue index.
    assert query_count(client, url) == 1


def test_insights_page_is_cached_for_anonymous_readers(client):
    assert query_count(client, "/en/insights/?goal=8", page_cache=True) == 1


def test_map_download_is_a_standalone_svg(client):
    response = client.get("/zh-hans/insights/map.svg?goal=13")

    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == ('attachment; filename="catalogue-map-zh-hans.svg"')
    svg = ET.fromstring(response.content)
    symbols = [symbol.get("id") for symbol in svg.iter(f"{SVG}symbol")]
    assert symbols == ["land", "borders", "KG", "MN"]
    titles = [
        use.find(f"{SVG}title").text
        for use in svg.findall(f"{SVG}use")
        if use.find(f"{SVG}title") is not None
    ]
    assert titles == ["吉尔吉斯斯坦：1 个案例", "蒙古国：1 个案例"]
    assert "并不意味着联合国正式认可或接受" in response.content.decode()


def test_chart_download_has_every_goal(client):
    response = client.get("/en/insights/goals.svg?country=KE")
    svg = ET.fromstring(response.content)

    rows = svg.find(f"{SVG}g").findall(f"{SVG}g")
    assert len(rows) == 17
    labels = [row.find(f"{SVG}text").text for row in rows]
    assert labels[7] == "8 Decent work and economic growth"
    counts = [row.findall(f"{SVG}text")[1].text for row in rows]
    assert counts == [
        "1",
        "0",
        "1",
        "0",
        "1",
        "0",
        "0",
        "1",
        "0",
        "1",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
    ]
    fills = [row.findall(f"{SVG}rect")[1].get("fill") for row in rows]
    lengths = [row.findall(f"{SVG}rect")[1].get("width") for row in rows]
    assert lengths[:3] == ["580.0", "0.0", "580.0"]
    assert fills[0] == "#E5243B" and fills[16] == "#19486A"


def test_png_without_cairosvg_says_what_to_install(client, monkeypatch):
    monkeypatch.setattr(insights_download, "cairosvg", lambda: None)

    response = client.get("/en/insights/goals.png")

    assert response.status_code == 501
    assert "PNG downloads need CairoSVG" in response.content.decode()
    page = client.get("/en/insights/").content.decode()
    assert "/en/insights/goals.png" not in page and "/en/insights/map.png" not in page


def test_png_where_cairosvg_is_installed(client):
    if insights_download.cairosvg() is None:
        pytest.skip("CairoSVG is not installed (optional: pip install cairosvg)")
    response = client.get("/en/insights/map.png")
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")


def test_asset_has_a_symbol_for_every_country_but_antarctica():
    svg = ET.parse(finders.find("maps/world.svg")).getroot()
    ids = {symbol.get("id") for symbol in svg.iter(f"{SVG}symbol")}

    assert ids == world_map_shapes.SHAPES | world_map_shapes.MARKERS | {"land", "borders"}
    assert not world_map_shapes.SHAPES & world_map_shapes.MARKERS
    from cases.models import Country

    assert set(Country.objects.values_list("code", flat=True)) - ids == {"AQ"}
    assert {"KE", "SO", "BR"} <= world_map_shapes.SHAPES
    # Too small at 1:110m (or not on it at all): a marker, over the shape where there is one.
    assert {"LU", "CY", "MU", "SG", "MV", "GF"} <= world_map_shapes.MARKERS


def test_list_side_panel_charts_the_goals_of_its_cases(client):
    html = client.get("/en/cases/?country=KE").content.decode()
    start = html.index('<svg class="goal-glance"')
    svg = ET.fromstring(
        html[start : html.index("</svg>", start) + 6].replace(
            "<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1
        )
    )

    bars = svg.findall(f"{SVG}rect")
    assert [bar.get("class") for bar in bars] == [f"sdg-{goal}" for goal in range(1, 18)]
    assert [bar.get("height") for bar in bars[:5]] == ["40.0", "1", "40.0", "1", "40.0"]
    assert bars[7].find(f"{SVG}title").text == "8 Decent work and economic growth: 1 case"
    assert '<a href="/en/insights/?country=KE">Map and charts of these cases</a>' in html


@pytest.mark.parametrize("url", ["/en/", "/zh-hans/insights/", "/en/insights/?goal=8"])
def test_the_map_keeps_pages_light(client, url):
    """The geometry is the static asset's: a page with the map stays within the budget of
    the other public pages (the list is about 35 KB)."""
    assert len(client.get(url).content) < 45_000


def test_asset_joins_uncoded_shapes_to_their_country_and_gives_markers_a_target():
    svg = ET.parse(finders.find("maps/world.svg")).getroot()
    symbols = {symbol.get("id"): symbol for symbol in svg.iter(f"{SVG}symbol")}

    # Natural Earth's "Somaliland" and "N. Cyprus" are drawn as part of Somalia and Cyprus.
    assert symbols["SO"].find(f"{SVG}path").get("d").count("M") == 2
    assert symbols["CY"].find(f"{SVG}path").get("d").count("M") == 2
    # Each marker: a visible dot and a 24-unit invisible pointer target around it.
    target, dot = symbols["MU"].findall(f"{SVG}circle")
    assert (target.get("r"), target.get("opacity"), dot.get("r")) == ("12", "0", "5")
