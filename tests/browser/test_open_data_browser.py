"""The open-data page, the case page's citation downloads and the API's documentation page in
a real Chromium: no CSP violation, no request to another origin, the accessibility audit."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "heading"), [("en", "Open data"), ("zh-hans", "开放数据")])
@pytest.mark.parametrize("width", [1440, 375])
def test_data_page_in_each_language(
    new_page, site, screenshot, axe_violations, language, heading, width
):
    page, watcher = new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}/{language}/data/")
    expect(page.locator("h1")).to_have_text(heading)
    expect(page.locator("table.open-data__fields")).to_have_count(12)
    screenshot(page, f"open-data-{language}-{width}")
    serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert watcher.problems == []


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_case_page_citation_downloads(new_page, site, screenshot, language):
    page, watcher = new_page()
    page.goto(f"{site}/{language}/cases/transform/")
    with page.expect_download() as download:
        page.locator(".cite__downloads a", has_text="BibTeX").click()
    assert download.value.suggested_filename == "transform.bib"
    screenshot(page, f"case-cite-{language}")
    assert watcher.problems == []


def test_api_documentation_page_runs_within_the_csp(new_page, site, screenshot):
    page, watcher = new_page()
    page.goto(f"{site}/api/v1/docs/")
    expect(page.locator(".swagger-ui .title").first).to_contain_text("case catalogue API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    screenshot(page, "api-docs")
    assert watcher.problems == []
