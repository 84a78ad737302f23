"""Editors in a real Chromium: an Editor adds a case through the admin (translation tabs, an SDG
target picked with the autocomplete, inlines), sends it to review; a Publisher publishes it and
it appears on the public list. Two editors saving the same case see the conflict message; the
Editor's change waits for the Publisher's approval.

Also checks that the admin pages load nothing from other origins and break no CSP rule, and
saves the screenshots used in the README's "For editors" section.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from cases.models import Case

from .admin_session import ensure_groups, log_in, make_user, pick_autocomplete, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE_EN = "Village Water Committees Exchange"
TITLE_ZH = "村级用水委员会经验交流"


def test_admin_editor_adds_a_case_publisher_publishes_it(new_page, site, server_errors):
    ensure_groups()
    make_user("editor", "Editors")
    make_user("publisher", "Publishers")
    editor_page, editor_watch = new_page()
    log_in(editor_page, site, "editor")

    # -- the Editor adds a case -------------------------------------------------------------
    page = editor_page
    page.goto(f"{site}/admin/cases/case/add/")
    expect(page.locator(".ui-tabs").first).to_be_visible()
    # The page is in English, so the English tabs are open; one switch moves every field.
    expect(page.locator("#id_title_en")).to_be_visible()
    expect(page.locator("#id_title_zh_hans")).to_be_hidden()
    page.locator('a[href="#tab_id_title_zh_hans"]').click()
    expect(page.locator("#id_title_zh_hans")).to_be_visible()
    expect(page.locator("#id_title_en")).to_be_hidden()
    page.select_option("#modeltranslation-main-switch", label="zh-hans")
    page.fill("#id_title_zh_hans", TITLE_ZH)
    page.fill("#id_headline_zh_hans", "两个国家的村庄交流如何管理供水")
    page.fill("#id_challenge_zh_hans", "许多村庄的**供水设施**缺乏维护。")
    page.fill("#id_solution_zh_hans", "村民委员会互相访问：\n\n- 共同培训\n- 交流收费办法")
    page.fill("#id_source_zh_hans", "《南南合作良好实践》，2022 年，第 30 页")

    page.select_option("#modeltranslation-main-switch", label="en")
    expect(page.locator("#id_title_en")).to_be_visible()
    page.fill("#id_title_en", TITLE_EN)
    page.locator("#id_title_en").press("End")
    expect(page.locator("#id_slug")).to_have_value("village-water-committees-exchange")
    page.fill("#id_headline_en", "Villages in two countries learn how to run their water supply")
    page.fill("#id_challenge_en", "Many villages cannot maintain their **water points**.")
    page.fill("#id_solution_en", "Village committees visited each other:\n\n- joint training")
    page.fill("#id_source_en", "Good Practices in South-South Cooperation, 2022, p. 30")
    page.fill("#id_start_year", "2018")
    page.select_option("#id_modality", "south_south")

    pick_autocomplete(page, "id_sdg_targets", "6.b", "6.b")
    pick_autocomplete(page, "id_sdg_targets", "水", "6.1")
    expect(page.locator("#id_sdg_targets option:checked")).to_have_count(2)

    pick_autocomplete(page, "id_casecountry_set-0-country", "Keny", "Kenya")
    page.select_option("#id_casecountry_set-0-role", "provider")
    pick_autocomplete(page, "id_caseorganization_set-0-organization", "undp", "UNDP")
    page.select_option("#id_caseorganization_set-0-role", "implementer")
    page.fill("#id_contacts-0-name", "Grace Achieng")
    page.fill("#id_contacts-0-job_title_en", "Water officer")
    page.fill("#id_contacts-0-email", "grace@example.org")
    page.fill("#id_links-0-url", "https://www.example.org/water")
    page.select_option("#modeltranslation-main-switch", label="zh-hans")
    page.fill("#id_contacts-0-job_title_zh_hans", "供水官员")
    page.select_option("#modeltranslation-main-switch", label="en")
    shoot(page, "case-add-tabs", full_page=False)

    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    case = Case.objects.get(slug="village-water-committees-exchange")
    assert (case.title_zh_hans, case.title_en) == (TITLE_ZH, TITLE_EN)
    assert sorted(case.sdg_targets.values_list("code", flat=True)) == ["6.1", "6.b"]
    assert list(case.casecountry_set.values_list("country_id", "role")) == [("KE", "provider")]
    assert case.contacts.get().job_title_zh_hans == "供水官员"
    assert case.links.get().url == "https://www.example.org/water"
    shoot(page, "case-edit", full_page=False)

    # Send it to review from the form.
    page.click("input[name=_send_to_review]")
    expect(page.locator(".messagelist .success").last).to_be_visible()
    case.refresh_from_db()
    assert case.publication_status == "review"

    # -- the Publisher publishes it with the bulk action ------------------------------------
    # (Another editor's draft, not yet translated and reviewed long ago, shows the list's flags.)
    Case.objects.create(
        slug="school-meals",
        title_zh_hans="学校供餐经验交流",
        headline_zh_hans="各国交流学校供餐的做法",
        reviewed_at=datetime.date(2023, 5, 2),
    )
    publisher_page, publisher_watch = new_page()
    page = publisher_page
    log_in(page, site, "publisher")
    page.goto(f"{site}/admin/cases/case/")
    page.locator("#result_list tr", has_text="Village Water").locator("input.action-select").check()
    page.select_option("select[name=action]", "publish_action")
    page.click("button[name=index]")
    expect(page.locator("h1")).to_have_text("Publish these cases?")
    shoot(page, "publish-confirmation")
    page.click("input[type=submit][value^='Yes']")
    expect(page.locator(".messagelist .success")).to_contain_text("Publish: done for 1 case")
    case.refresh_from_db()
    assert case.publication_status == "published"
    shoot(page, "case-list")

    # On the public list, filtered by its target.
    page.wait_for_load_state("networkidle")
    page.goto(f"{site}/en/cases/?target=6.b")
    assert server_errors == []
    expect(page.locator("#results")).to_contain_text(TITLE_EN)

    # -- two editors save the same case: the second is told what changed --------------------
    # The case is published: the Publisher's save goes live, the Editor's waits for review.
    change_url = f"{site}/admin/cases/case/{case.pk}/change/"
    editor_page.goto(change_url)
    publisher_page.goto(change_url)
    publisher_page.fill("#id_headline_en", "Villages learn from each other to keep water flowing")
    publisher_page.click("input[name=_save]")
    expect(publisher_page.locator(".messagelist .success")).to_be_visible()

    editor_page.fill("#id_title_en", "Village Water Committees Learn Together")
    editor_page.click("input[name=_save]")
    conflict = editor_page.locator(".errorlist.nonfield")
    expect(conflict).to_contain_text("Not saved: publisher saved this case")
    expect(conflict).to_contain_text("(the form now shows their version)")
    expect(editor_page.locator("#id_title_en")).to_have_value(
        "Village Water Committees Learn Together"
    )
    expect(editor_page.locator("#id_headline_en")).to_have_value(
        "Villages learn from each other to keep water flowing"
    )
    shoot(editor_page, "conflict", full_page=False)
    editor_page.click("input[name=_save]")
    expect(editor_page.locator(".messagelist .success")).to_contain_text("await review")
    case.refresh_from_db()
    assert case.title_en == TITLE_EN  # not public until a Publisher approves it

    # The Publisher approves the Editor's change from the case's "changes awaiting review".
    publisher_page.goto(f"{site}/admin/cases/case/{case.pk}/changes/")
    publisher_page.click("input[name=_approve]")
    expect(publisher_page.locator(".messagelist .success")).to_contain_text("are now public")
    case.refresh_from_db()
    assert case.title_en == "Village Water Committees Learn Together"
    assert case.headline_en == "Villages learn from each other to keep water flowing"

    # -- the history page, then restoring the version first published ----------------------
    publisher_page.goto(f"{site}/admin/cases/case/{case.pk}/history/")
    expect(publisher_page.locator(".field-diff ins", has_text="Learn Together")).to_be_visible()
    shoot(publisher_page, "history")
    first = case.history.order_by("history_date").first()
    publisher_page.locator(f"#version-{first.history_id} a.restore-link").click()
    expect(publisher_page.locator(".field-diff")).to_contain_text(TITLE_EN)
    shoot(publisher_page, "restore")
    publisher_page.click("input[type=submit][value='Restore this version']")
    expect(publisher_page.locator(".messagelist .success")).to_contain_text("Restored the version")
    case.refresh_from_db()
    assert case.title_en == TITLE_EN
    assert case.publication_status == "published"

    assert server_errors == []
    assert editor_watch.problems == []
    assert publisher_watch.problems == []


def test_admin_pages_in_chinese_show_translated_tabs_first(new_page, site, server_errors):
    ensure_groups()
    make_user("editor", "Editors")
    page, watch = new_page(locale="zh-CN")
    log_in(page, site, "editor")
    case = Case.objects.get(slug="transform")

    page.goto(f"{site}/admin/cases/case/{case.pk}/change/")

    expect(page.locator("html")).to_have_attribute("lang", re.compile("zh", re.I))
    expect(page.locator("#id_title_zh_hans")).to_be_visible()
    expect(page.locator("#id_title_en")).to_be_hidden()
    shoot(page, "case-edit-zh-hans", full_page=False)
    assert server_errors == []
    assert watch.problems == []
