"""The admin's import page in a real Chromium, as a Publisher, in English and Chinese, at 1440
and 375 px: upload a volume, read the report, import. Saves the README's screenshot of the
report ("Importing a publication volume")."""

import pytest
from playwright.sync_api import expect

from cases.models import Case

from ..imports.volumes import FOLDER
from .admin_session import ensure_groups, log_in, make_user, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def serious(violations):
    return [v for v in violations if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize(("locale", "language"), [("en-GB", "en"), ("zh-CN", "zh-hans")])
def test_a_publisher_uploads_reads_the_report_and_imports(
    new_page, site, server_errors, axe_violations, settings, tmp_path, locale, language
):
    settings.IMPORT_UPLOAD_DIR = str(tmp_path)
    ensure_groups()
    make_user("publisher", "Publishers")
    page, watch = new_page(locale=locale)
    log_in(page, site, "publisher")
    page.click("#import-link a")
    page.set_input_files("#id_volume", str(FOLDER / "variations_zh.txt"))
    page.click("input[name=_upload]")
    report = page.locator("#import-report")
    expect(report.locator("tbody tr")).to_have_count(3)
    new_draft = "new draft" if language == "en" else "新草稿"
    expect(report.locator("tbody tr").first.locator(".outcome")).to_have_text(new_draft)
    assert serious(axe_violations(page)) == []
    shoot(page, f"import-report-{language}" if language != "en" else "import-report")
    page.set_viewport_size({"width": 375, "height": 800})
    shoot(page, f"import-report-{language}-375")
    page.set_viewport_size({"width": 1440, "height": 900})
    assert Case.objects.count() == 3
    page.click("input[name=_confirm]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert Case.objects.filter(publication_status="draft").count() == 3
    assert watch.problems == []
    assert server_errors == []
