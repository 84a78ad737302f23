"""Pending revisions in a real Chromium: an Editor changes a published case (the public still sees
the published version), a second Editor is told who has the case open, a Publisher finds the
change in the queue, reads the difference and approves it, and the public page shows it. Two
editors changing the same row see both versions side by side and choose.

Saves the screenshots of the README's "Changes to published cases" and "Conflicts" sections.
"""

import pytest
from playwright.sync_api import expect

from cases.models import Case, Contact

from .admin_session import ensure_groups, log_in, make_user, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "page-kyrgyzstan-mongolia"
NEW_TITLE = "Green Economy Study Tours between Kyrgyzstan and Mongolia"
NEW_JOB_TITLE = "Coordinator, Green Jobs Programme, ILO Enterprises Department"


def serious(violations):
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def test_an_editor_s_change_waits_for_a_publisher_who_approves_it(
    new_page, site, server_errors, axe_violations
):
    ensure_groups()
    for name, group in (
        ("editor", "Editors"),
        ("editor_b", "Editors"),
        ("publisher", "Publishers"),
    ):
        make_user(name, group)
    case = Case.objects.get(slug=SLUG)
    old_title = case.title_en
    change_url = f"{site}/admin/cases/case/{case.pk}/change/"

    # -- an Editor changes the published case ------------------------------------------------
    editor, editor_watch = new_page()
    log_in(editor, site, "editor")
    editor.goto(change_url)
    expect(editor.locator(".revision-note")).to_contain_text("wait for a Publisher's review")
    editor.fill("#id_title_en", NEW_TITLE)
    editor.fill("#id_contacts-0-job_title_en", NEW_JOB_TITLE)
    editor.click("input[name=_save][value='Save for review']")
    expect(editor.locator(".messagelist .success")).to_contain_text("await review by a Publisher")
    expect(editor.locator("#revision-banner")).to_contain_text(
        "These changes await review by a Publisher; the public sees the published version."
    )
    expect(editor.locator("#id_title_en")).to_have_value(NEW_TITLE)
    shoot(editor, "revision-banner", full_page=False)

    reader, reader_watch = new_page()
    reader.goto(f"{site}/en/cases/{SLUG}/")
    expect(reader.locator("h1")).to_contain_text(old_title)
    expect(reader.locator("body")).not_to_contain_text(NEW_JOB_TITLE)

    # -- a second Editor opens it: told who has it open, before typing anything ---------------
    second, second_watch = new_page()
    log_in(second, site, "editor_b")
    second.goto(change_url)
    notice = second.locator("#presence-notices li")
    expect(notice).to_contain_text("editor has had this case open since")
    expect(second.locator("#id_title_en")).to_have_value(NEW_TITLE)
    shoot(second, "soft-lock", full_page=False)
    # The first editor's page learns of the second without a reload (the optional ping).
    editor.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(editor.locator("#presence-notices li")).to_contain_text("editor_b has had this case")

    # -- the Publisher finds it in the queue, reads the difference and approves it -----------
    publisher, publisher_watch = new_page()
    log_in(publisher, site, "publisher")
    counts = publisher.locator("#review-queue-counts li")
    expect(counts).to_have_text(
        ["0 cases in review", "1 published case with changes awaiting approval"]
    )
    publisher.click("#review-queue-counts a")
    expect(publisher.locator("#queue-items .pending_changes")).to_contain_text("editor")
    shoot(publisher, "review-queue", full_page=False)
    assert serious(axe_violations(publisher)) == []
    publisher.locator("#queue-items .pending_changes a").click()
    expect(publisher.locator(".field-diff ins", has_text=NEW_TITLE)).to_be_visible()
    expect(publisher.locator(".inline-diff")).to_contain_text("Moustapha Kamal Gueye")
    expect(publisher.locator(".inline-diff ins")).to_contain_text(NEW_JOB_TITLE)
    shoot(publisher, "revision-review")
    assert serious(axe_violations(publisher)) == []
    publisher.click("input[name=_approve]")
    expect(publisher.locator(".messagelist .success")).to_contain_text("are now public")

    reader.goto(f"{site}/en/cases/{SLUG}/")
    expect(reader.locator("h1")).to_contain_text(NEW_TITLE)
    expect(reader.locator("body")).to_contain_text(NEW_JOB_TITLE)
    reader.goto(f"{site}/en/cases/?q=Study+Tours")
    expect(reader.locator("#results")).to_contain_text(NEW_TITLE)

    publisher.goto(f"{site}/admin/cases/case/{case.pk}/history/")
    expect(publisher.locator("#case-history")).to_contain_text("Revision proposed by editor on")
    expect(publisher.locator("#case-revisions")).to_contain_text("Approved")

    assert server_errors == []
    for watch in (editor_watch, reader_watch, second_watch, publisher_watch):
        assert watch.problems == []


def test_two_editors_changing_the_same_row_choose_between_both_versions(
    new_page, site, server_errors
):
    ensure_groups()
    make_user("editor", "Editors")
    make_user("editor_b", "Editors")
    Case.objects.filter(slug="ilo-sse-academy").update(publication_status="draft")
    case = Case.objects.get(slug="ilo-sse-academy")
    change_url = f"{site}/admin/cases/case/{case.pk}/change/"
    first, first_watch = new_page()
    second, second_watch = new_page()
    log_in(first, site, "editor")
    log_in(second, site, "editor_b")
    first.goto(change_url)
    second.goto(change_url)

    second.fill("#id_contacts-1-email", "laura.cicciarelli@example.org")
    second.click("input[name=_continue]")
    expect(second.locator(".messagelist .success")).to_be_visible()
    first.fill("#id_contacts-1-email", "l.cicciarelli@example.org")
    first.fill("#id_headline_en", "Training for the social and solidarity economy, worldwide")
    first.click("input[name=_continue]")

    panel = first.locator("#row-conflicts")
    expect(panel).to_contain_text("You both changed this row.")
    expect(panel.locator("tr.differs")).to_contain_text("laura.cicciarelli@example.org")
    expect(panel.locator("tr.differs")).to_contain_text("l.cicciarelli@example.org")
    shoot(first, "row-conflict", full_page=False)
    panel.locator("input[value=theirs]").check()
    first.click("input[name=_continue]")
    expect(first.locator(".messagelist .success")).to_be_visible()

    laura = Contact.objects.get(case=case, name="Laura Cicciarelli")
    assert laura.email == "laura.cicciarelli@example.org"
    assert Case.objects.get(pk=case.pk).headline_en == (
        "Training for the social and solidarity economy, worldwide"
    )
    assert server_errors == []
    assert first_watch.problems == [] and second_watch.problems == []
