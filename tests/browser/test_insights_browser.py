"""The map and the charts in a real Chromium: drawn from the static asset, clickable, readable
at 1440 and 375 px in both languages, and passing the accessibility audit."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageWatcher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("width", [1440, 375])
def test_insights_page_draws_the_map_and_charts(browser, site, screenshot, language, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    watcher = PageWatcher(page, site)
    page.goto(f"{site}/{language}/insights/")
    # The 18 countries of the three cases, each a link around its shape or marker.
    expect(page.locator(".world-map__svg a.map-country")).to_have_count(18)
    expect(page.locator(".world-map__svg a.map-country--marker")).to_have_count(1)  # LU
    expect(page.locator(".chart")).to_have_count(4)
    expect(page.locator("#chart-goals ~ .chart__bars .chart__row")).to_have_count(17)
    # The shapes come from the static asset, which the browser loaded: Kenya has a size.
    box = page.locator('.world-map__svg a[data-code="KE"] use').bounding_box()
    assert box is not None and box["width"] > 3 and box["height"] > 3
    page.wait_for_load_state("networkidle")
    screenshot(page, f"insights-{language}" if width == 1440 else f"insights-{language}-{width}")
    assert watcher.problems == []
    context.close()


def test_clicking_a_country_filters_the_list(page, site):
    page.goto(f"{site}/en/insights/?goal=8")
    page.locator('.world-map__svg a[data-code="KG"]').click()
    expect(page).to_have_url(re.compile(r"/en/cases/\?country=KG&goal=8$"))
    expect(page.locator("#result-count")).to_have_text("1 case")


def test_keyboard_reaches_countries_through_the_table(page, site):
    page.goto(f"{site}/zh-hans/insights/")
    summary = page.locator(".world-map details.chart-table > summary")
    summary.focus()
    page.keyboard.press("Enter")
    link = page.locator(".world-map details.chart-table a", has_text="肯尼亚")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/zh-hans/cases/\?country=KE$"))
    expect(page.locator("#result-count")).to_have_text("1 个案例")


def test_list_side_panel_charts_goals_and_links_to_the_map(page, site, screenshot):
    page.goto(f"{site}/en/cases/?country=KE")
    expect(page.locator(".goal-glance rect")).to_have_count(17)
    # The goal's colour comes from the stylesheet (the CSP allows no inline style).
    fill = page.locator(".goal-glance rect.sdg-8").evaluate("r => getComputedStyle(r).fill")
    assert fill == "rgb(162, 25, 66)"
    page.get_by_role("link", name="Map and charts of these cases").click()
    expect(page).to_have_url(re.compile(r"/en/insights/\?country=KE$"))
    expect(page.locator(".insights__filters")).to_contain_text("1 case matches the list's filters.")
    screenshot(page, "insights-en-kenya")


def test_map_shows_the_country_and_count_on_hover(page, site):
    page.goto(f"{site}/en/")
    title = page.locator('.world-map__svg a[data-code="KE"] > title')
    expect(title).to_have_text("Kenya: 1 case")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("path", ["/insights/", "/insights/?goal=8&country=KE", "/"])
def test_insights_pass_the_accessibility_audit(page, site, axe_violations, language, path):
    page.goto(f"{site}/{language}{path}")
    page.locator(".world-map details.chart-table > summary").click()
    serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_printing_hides_the_download_links_and_keeps_the_map(page, site):
    page.goto(f"{site}/en/insights/")
    page.emulate_media(media="print")
    expect(page.locator(".map-downloads")).to_be_hidden()
    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.locator(".world-map__svg")).to_be_visible()
