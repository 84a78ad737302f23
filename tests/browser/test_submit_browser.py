""" "Share your practice" in a real Chromium: filled in at 375 and 1440 px, with and without
JavaScript, in both languages; errors beside their fields with every value kept; the
accessibility audit (every axe rule, WCAG 2.2 AA included) on the empty and the refused form."""

import re

import pytest
from playwright.sync_api import expect

from cases.models import Submission

from .conftest import ROOT, screenshot_path

LOOKS = ROOT / "test-results" / "screenshots"


def look(page, name):
    """A full-page screenshot to look at, never in git (the README's are taken apart)."""
    LOOKS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(LOOKS / f"{name}.png"), full_page=True)


def screenshot_viewport(page, name):
    page.screenshot(path=screenshot_path(f"{name}"))


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLES = {"en": "Solar kiosks for rural clinics", "zh-hans": "农村诊所的太阳能亭"}
TEXTS = {
    "en": {
        "title": "Project name",
        "challenge": "Challenge",
        "solution": "Solution",
        "start": "Start year",
        "name": "Your name",
        "email": "Your email",
        "consent": "The editors may contact me about this submission.",
        "send": "Send to the editors",
        "preview": "Preview the texts",
        "thanks": "Thank you",
        "year_error": "Enter a year between 1950 and 2100.",
        "heading_errors": "Please correct 2 entries",
    },
    "zh-hans": {
        "title": "项目名称",
        "challenge": "挑战",
        "solution": "解决途径",
        "start": "开始年份",
        "name": "您的姓名",
        "email": "您的电子邮件",
        "consent": "编辑可以就此提交与我联系。",
        "send": "发送给编辑",
        "preview": "预览文本",
        "thanks": "谢谢",
        "year_error": "请输入 1950 至 2100 之间的年份。",
        "heading_errors": "请更正 2 处内容",
    },
}


def label(text):
    return re.compile("^" + re.escape(text))


def fill_form(page, texts, title):
    page.get_by_label(label(texts["title"])).fill(title)
    page.get_by_label(label(texts["challenge"])).fill("Clinics had no **reliable** power.")
    page.get_by_label(label(texts["solution"])).fill("- 40 clinics\n- 2 countries")
    page.locator("#id_countries").select_option(["KE", "MN"])
    page.locator("#id_sdg_targets").select_option(["7.1"])
    page.locator("#id_nominator").select_option(["ilo"])
    page.get_by_label(label(texts["name"])).fill("Li Wei")
    page.get_by_label(label(texts["email"])).fill("li.wei@example.org")


@pytest.mark.parametrize("width", [1440, 375])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_form_is_filled_in_with_javascript(
    browser, site, settings, axe_violations, language, width
):
    settings.SUBMISSION_MIN_SECONDS = 0
    texts = TEXTS[language]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{site}/{language}/submit/")
    assert axe_violations(page) == []
    look(page, f"submit-{language}-{width}")

    title = TITLES[language]
    fill_form(page, texts, title)
    page.get_by_label(label(texts["start"])).fill("1900")
    page.get_by_role("button", name=texts["send"]).click()

    # Refused: the consent box and the year, each beside its field; everything else kept.
    expect(page.locator("#error-summary h2")).to_have_text(texts["heading_errors"])
    expect(page.locator("#id_start_year_errors")).to_have_text(texts["year_error"])
    expect(page.locator("#id_start_year")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label(label(texts["title"]))).to_have_value(title)
    expect(page.get_by_label(label(texts["solution"]))).to_have_value("- 40 clinics\n- 2 countries")
    assert page.locator("#id_countries").evaluate(
        "select => [...select.selectedOptions].map(option => option.value)"
    ) == ["KE", "MN"]
    assert axe_violations(page) == []
    look(page, f"submit-errors-{language}-{width}")
    if width == 1440:
        # The README's: the refused form as it first shows, messages at the top.
        page.locator("#error-summary").scroll_into_view_if_needed()
        screenshot_viewport(page, f"submit-errors-{language}")

    page.get_by_label(label(texts["start"])).fill("2019")
    page.get_by_label(texts["consent"]).check()
    page.get_by_role("button", name=texts["preview"]).click()
    expect(page.locator(".submit-preview strong")).to_have_text("reliable")
    page.get_by_role("button", name=texts["send"]).click()

    expect(page.locator("h1")).to_have_text(texts["thanks"])
    submission = Submission.objects.get()
    assert (submission.title, submission.language, submission.start_year) == (
        title,
        language,
        2019,
    )
    assert submission.countries == ["KE", "MN"]
    # The private status page and the correction form pass the audit too.
    page.goto(f"{site}/{language}/submit/status/{submission.token}/")
    assert axe_violations(page) == []
    page.locator("a.button-link").click()
    expect(page.get_by_label(label(texts["title"]))).to_have_value(title)
    assert axe_violations(page) == []
    look(page, f"submit-amend-{language}-{width}")
    context.close()


@pytest.mark.parametrize("width", [1440, 375])
def test_the_form_works_without_javascript(browser, site, settings, width):
    settings.SUBMISSION_MIN_SECONDS = 0
    texts = TEXTS["zh-hans"]
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{site}/zh-hans/submit/")
    fill_form(page, texts, "农村诊所的太阳能亭")
    page.locator("#id_contacts-0-name").fill("陈静")
    page.locator("#id_contacts-0-email").fill("chen.jing@example.cn")
    # A second contact, without JavaScript: the button sends the form back with one more row.
    page.get_by_role("button", name="再添加一位联系人").click()
    expect(page.locator("#id_contacts-0-name")).to_have_value("陈静")
    expect(page.get_by_label(label(texts["title"]))).to_have_value("农村诊所的太阳能亭")
    expect(page.locator("#error-summary")).to_have_count(0)
    page.locator("#id_contacts-1-name").fill("Amina Otieno")
    page.locator("#id_contacts-1-job_title").fill("Programme lead")
    page.get_by_role("button", name=texts["send"]).click()
    expect(page.locator("#id_consent_contact_errors")).to_have_text(
        "请勾选此项：编辑需要能够向您提问。"
    )
    expect(page.locator("#id_contacts-1-name")).to_have_value("Amina Otieno")
    page.get_by_label(texts["consent"]).check()
    page.get_by_role("button", name=texts["send"]).click()

    expect(page.locator("h1")).to_have_text(texts["thanks"])
    submission = Submission.objects.get()
    assert submission.title == "农村诊所的太阳能亭"
    assert submission.contacts == [
        {"name": "陈静", "job_title": "", "email": "chen.jing@example.cn"},
        {"name": "Amina Otieno", "job_title": "Programme lead", "email": ""},
    ]
    context.close()


def test_enter_in_a_field_previews_and_sends_nothing(page, site, settings):
    settings.SUBMISSION_MIN_SECONDS = 0
    page.goto(f"{site}/en/submit/")
    fill_form(page, TEXTS["en"], "Solar kiosks for rural clinics")
    page.get_by_label(TEXTS["en"]["consent"]).check()
    page.locator("#id_contacts-0-name").fill("Amina Otieno")

    page.locator("#id_contacts-0-name").press("Enter")

    expect(page.locator(".submit-preview strong")).to_have_text("reliable")
    expect(page.locator("#id_contacts-0-name")).to_have_value("Amina Otieno")
    expect(page.locator("#id_contacts-1-name")).to_have_count(0)  # no row was added
    assert Submission.objects.count() == 0


def test_an_editor_accepts_a_submission_from_the_queue(page, site, settings):
    from tests.writes.test_submissions import received

    from .admin_session import ensure_groups, log_in, make_user, shoot

    ensure_groups()
    make_user("wang.fang", "Editors")
    received(title="Solar kiosks for rural clinics")
    received(
        title="Community seed banks",
        submitter_name="Ana Souza",
        submitter_email="ana@example.org",
        language="zh-hans",
        new_organizations={"implementer": ["Seed Savers Network"]},
    )
    page.set_viewport_size({"width": 1440, "height": 900})
    log_in(page, site, "wang.fang")

    page.goto(f"{site}/admin/cases/submission/")
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    shoot(page, "submissions-queue", full_page=False)
    page.get_by_role("link", name="Solar kiosks for rural clinics").click()
    expect(page.locator("#moderation")).to_be_visible()
    shoot(page, "submission")
    page.get_by_role("button", name="Accept as a new draft case").click()

    expect(page.locator(".messagelist").first).to_contain_text(
        "Draft “Solar kiosks for rural clinics” created from the submission."
    )
    expect(page.locator("#id_title_en")).to_have_value("Solar kiosks for rural clinics")


def test_long_lists_narrow_as_you_type_and_keep_what_is_chosen(page, site):
    page.goto(f"{site}/en/submit/")
    targets = page.locator("#id_sdg_targets")
    targets.select_option(["1.3"])

    page.get_by_label("Find a target by its code or words").fill("decent work")

    visible = targets.evaluate(
        "select => [...select.options].filter(option => !option.hidden).map(option => option.value)"
    )
    # 8.5 "Full employment and decent work for all"; 1.3 stays because it is chosen.
    assert visible == ["1.3", "8.5"]
    page.get_by_label("Find a country").fill("keny")
    assert page.locator("#id_countries").evaluate(
        "select => [...select.options].filter(option => !option.hidden).map(option => option.value)"
    ) == ["KE"]
