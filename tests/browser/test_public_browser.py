"""A reader's path through the public site in a real Chromium, in both languages."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def card_titles(page):
    return page.locator("#results .case-card__title a").all_inner_texts()


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Good Practices in South-South and Triangular Cooperation"),
        ("zh-hans", "南南合作和三角合作良好实践"),
    ],
)
def test_home_page_in_each_language(page, site, screenshot, language, heading):
    page.goto(f"{site}/{language}/")
    expect(page.locator("h1")).to_have_text(heading)
    expect(page.locator(".goal-tile")).to_have_count(17)
    screenshot(page, f"home-{language}")


def test_filter_by_goal_target_and_country_then_switch_language(page, site, screenshot):
    page.goto(f"{site}/en/")
    page.locator(".goal-tile.sdg-8").click()
    expect(page).to_have_url(re.compile(r"/en/cases/\?goal=8$"))
    expect(page.locator("#result-count")).to_have_text("3 cases")

    page.locator("details.facet > summary", has_text=re.compile(r"^SDG targets")).click()
    page.get_by_label(re.compile(r"^8\.5 ")).check()
    expect(page.locator("#result-count")).to_have_text("1 case")
    expect(page).to_have_url(re.compile(r"target=8\.5"))

    page.locator("details.facet > summary", has_text=re.compile(r"^Countries")).click()
    page.get_by_label(re.compile(r"^Kenya")).check()
    expect(page).to_have_url(re.compile(r"country=KE"))
    assert card_titles(page) == [
        "TRANSFORM – Leadership and Transformation Curriculum on Building and Managing Social Protection Floors in Africa"
    ]
    screenshot(page, "list-en")

    page.get_by_role("link", name="简体中文").click()
    expect(page).to_have_url(re.compile(r"/zh-hans/cases/\?"))
    for parameter in ["goal=8", "target=8.5", "country=KE"]:
        assert parameter in page.url
    expect(page.locator("#result-count")).to_have_text("1 个案例")
    expect(page.locator(".chips")).to_contain_text("肯尼亚")
    screenshot(page, "list-zh-hans")

    page.locator("#results .case-card__title a").click()
    expect(page.locator("h1")).to_contain_text("建立并管理非洲社会保障最低标准的领导力与转型课程")
    screenshot(page, "case-zh-hans")
    page.get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_contain_text("Leadership and Transformation Curriculum")
    screenshot(page, "case-en")


def test_filters_work_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/en/cases/")
    page.get_by_label(re.compile(r"^Triangular cooperation")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"modality=triangular"))
    assert sorted(card_titles(page)) == sorted(
        [
            "ILO Social and Solidarity Economy Academy",
            "PAGE: Kyrgyzstan-Mongolia exchange Partnership for Action on Green Economy: Mongolia and Kyrgyzstan learning from each other's green economy policies and practices to advance the 2030 Agenda for Sustainable Development",
        ]
    )
    context.close()


def test_narrow_screen_layout(browser, site, screenshot):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{site}/zh-hans/cases/?goal=8")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    screenshot(page, "list-zh-hans-375")
    context.close()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/cases/?goal=8&country=KE",
        "/cases/transform/",
        "/sdg/",
        "/countries/",
        "/organizations/",
    ],
)
def test_pages_pass_the_accessibility_audit(page, site, axe_violations, language, path):
    page.goto(f"{site}/{language}{path}")
    serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert serious == []
