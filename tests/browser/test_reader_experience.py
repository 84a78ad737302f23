"""Readers on phones and keyboards (issue 12), in a real Chromium at 1440 px and 375 px, in both
languages: where things are, what a Tab reaches, how the phone filter panel behaves."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["zh-hans", "en"]
PHONE, DESKTOP = 375, 1440


@pytest.fixture
def open_at(browser, site):
    """open_at(width, path, javascript=True): a page in its own context at that width."""
    contexts = []

    def open_page(width, path, javascript=True):
        context = browser.new_context(
            viewport={"width": width, "height": 800}, java_script_enabled=javascript
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{site}{path}")
        return page

    yield open_page
    for context in contexts:
        context.close()


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("language", LANGUAGES)
def test_case_facts_come_before_the_long_text_on_a_phone(open_at, screenshot, language):
    page = open_at(PHONE, f"/{language}/cases/transform/")
    facts, challenge = box(page, ".case-facts"), box(page, "#challenge-heading")
    assert facts["y"] < challenge["y"]
    # The key facts start within the first screen.
    assert facts["y"] < 800
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    screenshot(page, f"case-{language}-375")


@pytest.mark.parametrize("language", LANGUAGES)
def test_case_facts_sit_beside_the_text_on_a_wide_screen(open_at, screenshot, language):
    page = open_at(DESKTOP, f"/{language}/cases/transform/")
    facts, challenge = box(page, ".case-facts"), box(page, "#challenge-heading")
    assert facts["x"] > challenge["x"] + challenge["width"]
    assert abs(facts["y"] - challenge["y"]) < 80
    screenshot(page, f"case-{language}-1440")


def tiles_in_first_row(page):
    tops = page.locator(".goal-tile").evaluate_all(
        "tiles => tiles.map(tile => Math.round(tile.getBoundingClientRect().top))"
    )
    assert len(tops) == 17
    return tops.count(tops[0])


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_shows_three_goal_tiles_a_row_on_a_phone(open_at, screenshot, language):
    page = open_at(PHONE, f"/{language}/")
    assert tiles_in_first_row(page) >= 3
    assert box(page, ".goal-tiles")["height"] < 900
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    screenshot(page, f"home-{language}-375")


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_shows_many_goal_tiles_a_row_on_a_wide_screen(open_at, screenshot, language):
    page = open_at(DESKTOP, f"/{language}/")
    assert tiles_in_first_row(page) >= 6
    screenshot(page, f"home-{language}-1440")


SCROLL_AREAS = """root => [...root.querySelectorAll('*')].filter(element => {
    const overflow = getComputedStyle(element).overflowY;
    return (overflow === 'auto' || overflow === 'scroll')
        && element.scrollHeight > element.clientHeight + 1;
}).map(element => element.className || element.tagName)"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_the_filters_have_no_scroll_area_inside_the_page(open_at, language, width):
    page = open_at(width, f"/{language}/cases/?goal=8")
    if width == PHONE:
        page.locator(".filters-toggle").click()  # the panel is a sheet on a phone
    page.evaluate("document.querySelectorAll('#filters details').forEach(d => d.open = true)")
    assert page.locator("#filters").evaluate(SCROLL_AREAS) == []
    # Goal 17, the last option, is shown whole, not cut off.
    option = page.locator("#filters input[name='goal'][value='17']").locator("xpath=..")
    expect(option).to_be_visible()
    facet = page.locator("#filters details:has(input[name='goal'])")
    assert box(option, "xpath=.")["y"] + box(option, "xpath=.")["height"] <= (
        box(facet, "xpath=.")["y"] + box(facet, "xpath=.")["height"]
    )


def contrast(first, second):
    def luminance(rgb):
        channels = [value / 255 for value in rgb]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted([luminance(first), luminance(second)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def rgb(css):
    return [int(part) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_skip_to_results_reaches_the_first_case_in_four_keys(open_at, language, width):
    page = open_at(width, f"/{language}/cases/?goal=8")
    first_case = page.locator("#results .case-card__title a").first
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link[href='#result-list']")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("跳到结果" if language == "zh-hans" else "Skip to results")
    assert box(page, ".skip-link[href='#result-list']")["y"] >= 0  # shown while focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(first_case).to_be_focused()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_focus_ring_contrasts_3_to_1_on_white_and_on_the_header(open_at, language):
    page = open_at(DESKTOP, f"/{language}/cases/")
    for selector, background in [
        ("#results .case-card__title a", (255, 255, 255)),
        (".site-nav a", (0x1D, 0x23, 0x27)),
    ]:
        link = page.locator(selector).first
        link.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
        style = link.evaluate(
            "a => ({width: getComputedStyle(a).outlineWidth,"
            " colour: getComputedStyle(a).outlineColor})"
        )
        assert float(style["width"].removesuffix("px")) >= 2
        assert contrast(rgb(style["colour"]), background) >= 3


AUDITED = [
    "/",
    "/cases/",
    "/cases/?goal=8&country=KE",
    "/cases/?q=zzzzunfindable",
    "/cases/transform/",
    "/cases/ilo-sse-academy/",
    "/cases/page-kyrgyzstan-mongolia/",
    "/sdg/",
    "/countries/",
    "/organizations/",
    "/accessibility/",
    "/privacy/",
    "/contact/",
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_no_serious_wcag22_violation_at_either_width(
    open_at, site, axe_violations, language, width
):
    # One page for all addresses: closing contexts mid-test stalls the live server.
    page = open_at(width, f"/{language}/")
    found = {}
    for path in [f"/{language}{path}" for path in AUDITED] + ["/admin/login/"]:
        page.goto(f"{site}{path}")
        serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
        if serious:
            found[path] = serious
    assert found == {}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_links_in_the_facts_box_are_at_least_24_px_tall(open_at, language, width):
    page = open_at(width, f"/{language}/cases/transform/")
    heights = page.locator(".case-facts dd a").evaluate_all(
        "links => links.flatMap(a => [...a.getClientRects()].map(r => r.height))"
    )
    assert len(heights) > 10
    assert min(heights) >= 24


FILTERS_BUTTON = {"en": "Filters (1)", "zh-hans": "筛选（1）"}
ONE_CASE = {"en": "1 case", "zh-hans": "1 个案例"}
SHOW_ONE = {"en": "Show 1 case", "zh-hans": "显示 1 个案例"}
APPLY = {"en": "Apply filters", "zh-hans": "应用筛选"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_filter_panel_without_javascript(open_at, screenshot, language):
    page = open_at(PHONE, f"/{language}/cases/?goal=8", javascript=False)
    panel = page.locator("#filters")
    expect(panel).to_be_hidden()
    toggle = page.locator(".filters-toggle")
    expect(toggle).to_have_text(FILTERS_BUTTON[language])
    # The button sits above the results, within the first screen.
    assert box(page, ".filters-toggle")["y"] < box(page, "#result-count")["y"] < 800
    toggle.click()
    expect(panel).to_be_visible()
    screenshot(page, f"filters-panel-{language}-375-nojs", full_page=False)
    page.locator("#filters input[name='modality'][value='south_south']").check()
    page.get_by_role("button", name=APPLY[language]).click()
    expect(page.locator("#result-count")).to_have_text(ONE_CASE[language])
    assert "modality=south_south" in page.url
    expect(panel).to_be_hidden()


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_filter_panel_with_javascript(open_at, screenshot, axe_violations, language):
    page = open_at(PHONE, f"/{language}/cases/?goal=8")
    panel = page.locator("#filters")
    toggle = page.locator(".filters-toggle")
    expect(panel).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(panel).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    # A section the reader opens stays open through the updates.
    page.locator("#filters details[data-facet='country'] > summary").click()
    page.evaluate("document.getElementById('filter-status').dataset.mark = 'kept'")
    page.locator("#filters input[name='modality'][value='south_south']").check()
    status = page.locator("#filter-status")
    expect(status).to_have_text(ONE_CASE[language])
    # The live region is the same element, not one replaced by the update.
    expect(status).to_have_attribute("data-mark", "kept")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(page.locator("#filters details[data-facet='country']")).to_have_attribute("open", "")
    show = page.locator(".filters__show")
    expect(show).to_have_text(SHOW_ONE[language])
    expect(page.get_by_role("button", name=APPLY[language])).to_be_hidden()
    screenshot(page, f"filters-panel-{language}-375", full_page=False)  # the sheet over the page
    serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert serious == []
    show.click()
    expect(panel).to_be_hidden()
    expect(page.locator("#result-count")).to_have_text(ONE_CASE[language])
    expect(page.locator("#results .case-card")).to_have_count(1)
    expect(page.locator(".filters-toggle")).to_have_text(
        {"en": "Filters (2)", "zh-hans": "筛选（2）"}[language]
    )
    expect(page.locator(".filters-toggle")).to_be_focused()


@pytest.mark.parametrize("language", LANGUAGES)
def test_wide_screen_shows_the_filters_beside_the_results(open_at, language):
    page = open_at(DESKTOP, f"/{language}/cases/?goal=8")
    expect(page.locator("#filters")).to_be_visible()
    expect(page.locator(".filters-toggle")).to_be_hidden()
    expect(page.locator(".filters__show")).to_be_hidden()
    assert box(page, "#filters")["x"] < box(page, "#result-count")["x"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_a_cards_more_countries_link_opens_the_cases_facts(open_at, language, width):
    page = open_at(width, f"/{language}/cases/?goal=8")
    more = page.get_by_role("link", name={"en": "and 4 more", "zh-hans": "另有 4 个国家"}[language])
    expect(more).to_be_visible()
    assert more.bounding_box()["height"] >= 24
    more.click()
    expect(page).to_have_url(re.compile(r"/cases/ilo-sse-academy/#facts-heading$"))
    expect(page.locator(".case-facts")).to_contain_text(
        {"en": "Spain", "zh-hans": "西班牙"}[language]
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_transform_shows_the_two_cases_sharing_goal_8_and_the_ilo(open_at, language, width):
    page = open_at(width, f"/{language}/cases/transform/")
    related = page.locator(".related .case-card__title a")
    expect(related).to_have_count(2)
    hrefs = sorted(related.evaluate_all("links => links.map(a => a.pathname)"))
    assert hrefs == [
        f"/{language}/cases/ilo-sse-academy/",
        f"/{language}/cases/page-kyrgyzstan-mongolia/",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_follow_link_carries_the_filters_after_an_update(open_at, language):
    page = open_at(DESKTOP, f"/{language}/cases/?goal=8")
    page.locator("#filters input[name='modality'][value='triangular']").check()
    expect(page.locator("#result-count")).to_have_text(
        {"en": "2 cases", "zh-hans": "2 个案例"}[language]
    )
    follow = page.locator("a.follow")
    expect(follow).to_have_attribute("href", f"/{language}/feed/?goal=8&modality=triangular")
    assert "sort=" not in page.url


@pytest.mark.parametrize(
    ("language", "label", "copied"),
    [("en", "Copy the citation", "Citation copied."), ("zh-hans", "复制引用", "已复制引用。")],
)
def test_copy_the_citation(browser, site, language, label, copied):
    context = browser.new_context(viewport={"width": PHONE, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page = context.new_page()
    page.goto(f"{site}/{language}/cases/transform/")
    page.get_by_role("button", name=label).click()
    expect(page.locator(".copy-citation__status")).to_have_text(copied)
    pasted = page.evaluate("navigator.clipboard.readText()")
    assert pasted == page.locator("#citation").inner_text().strip()
    assert "2018" in pasted and "/cases/transform/" in pasted
    context.close()


def test_no_copy_button_without_javascript(open_at):
    page = open_at(PHONE, "/en/cases/transform/", javascript=False)
    expect(page.locator("button[data-copy]")).to_be_hidden()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_phone_header_takes_at_most_15_percent_of_the_first_screen(
    open_at, screenshot, language
):
    page = open_at(PHONE, f"/{language}/")
    assert box(page, ".site-header")["height"] <= 0.15 * 800
    for link in page.locator(".site-header a").all():
        assert link.bounding_box()["height"] >= 24


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_organizations_roles_fit_a_phone(open_at, screenshot, language):
    page = open_at(PHONE, f"/{language}/organizations/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    rights = page.locator(".browse-table td").evaluate_all(
        "cells => cells.map(c => c.getBoundingClientRect().right)"
    )
    assert len(rights) >= 4 * 10
    assert max(rights) <= PHONE
    screenshot(page, f"organizations-{language}-375")
