"""The Publishers' queue: cases in review and pending changes in one list with their age, the
counts on the admin index, and the optional email to Publishers (after the commit; a mail
failure never breaks the save)."""

import datetime
import logging
import re

import pytest
from django.core import mail
from django.utils import timezone

from cases.models import Case, CaseRevision
from cases.reads.queue import IN_REVIEW, PENDING_CHANGES, queue_counts, review_queue
from cases.writes import revisions
from cases.writes.workflow import take_action
from tests.admin_client import case_change_url, fill, messages_of, read_form
from tests.factories import make_case
from tests.reading import text

pytestmark = pytest.mark.django_db


def fill_queue(editor):
    """A draft sent to review, and changes proposed to a published case, two days apart."""
    draft = make_case(
        slug="water-committees",
        title_zh="用水委员会",
        title_en="Water committees",
        targets=["6.b"],
        publication_status=Case.PublicationStatus.DRAFT,
    )
    take_action(draft, editor, "send_to_review")
    transform = Case.objects.get(slug="transform")
    revision = revisions.propose(transform, editor, values={"headline_en": "New headline"})
    CaseRevision.objects.filter(pk=revision.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=2)
    )
    return draft, transform


def test_the_queue_lists_cases_in_review_and_pending_changes_oldest_first(editor):
    draft, transform = fill_queue(editor)

    items = review_queue()

    assert [(item.kind, item.case.slug, item.by) for item in items] == [
        (PENDING_CHANGES, "transform", "editor"),
        (IN_REVIEW, "water-committees", "editor"),
    ]
    assert datetime.timedelta(days=2) <= items[0].age() < datetime.timedelta(days=2, minutes=1)
    assert items[1].age() < datetime.timedelta(minutes=1)
    assert (queue_counts().in_review, queue_counts().pending_changes) == (1, 1)


def test_the_queue_page_shows_each_item_with_its_age_and_link(editor, publisher_client):
    draft, transform = fill_queue(editor)

    response = publisher_client.get("/admin/cases/case/queue/")

    page = response.content.decode()
    shown = text(response)
    assert f'<a href="/admin/cases/case/{transform.pk}/changes/">TRANSFORM</a>' in page
    assert f'<a href="/admin/cases/case/{draft.pk}/change/">Water committees</a>' in page
    assert "Approval of changes to the published case" in shown
    assert "Publication (in review)" in shown
    assert re.search(r"TRANSFORM Approval of changes to the published case editor .+ 2 days", shown)
    assert shown.index("TRANSFORM") < shown.index("Water committees")


def test_a_sent_back_revision_leaves_the_queue_for_its_own_list(
    editor, publisher, publisher_client
):
    _draft, transform = fill_queue(editor)
    revisions.send_back(CaseRevision.objects.get(case=transform), publisher, "Check the headline.")

    shown = text(publisher_client.get("/admin/cases/case/queue/"))

    assert [item.case.slug for item in review_queue()] == ["water-committees"]
    assert "Sent back to the editors TRANSFORM publisher Check the headline." in (
        shown.replace("Case Sent back by Comment Since ", "")
    )


def test_the_admin_index_shows_the_counts(editor, editor_client):
    assert "0 cases in review 0 published cases with changes awaiting approval" in text(
        editor_client.get("/admin/")
    )
    fill_queue(editor)

    shown = text(editor_client.get("/admin/"))

    assert "Waiting for review 1 case in review 1 published case with changes awaiting " in shown
    assert "approval See the queue" in shown


def test_no_email_unless_switched_on(editor, publisher, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        fill_queue(editor)

    assert mail.outbox == []


def test_publishers_are_emailed_after_the_commit(
    editor, publisher, settings, django_capture_on_commit_callbacks
):
    settings.REVIEW_QUEUE_EMAILS = True
    settings.SITE_URL = "https://catalogue.example.org"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _draft, transform = fill_queue(editor)
        assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()

    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("待审核：“用水委员会” / In review: “Water committees”", ["publisher@example.org"]),
        ("待审核的修改：“TRANSFORM” / Changes to review: “TRANSFORM”", ["publisher@example.org"]),
    ]
    review = f"https://catalogue.example.org/admin/cases/case/{transform.pk}/changes/"
    queue = "https://catalogue.example.org/admin/cases/case/queue/"
    assert mail.outbox[1].body == (
        f"editor 对已发布的案例“TRANSFORM”提出了修改。\n\n审核：{review}\n\n全部待审核事项：{queue}"
        "\n\n-----\n\n"
        "editor proposed changes to the published case “TRANSFORM”.\n\n"
        f"Review: {review}\n\n"
        f"Everything waiting: {queue}"
    )


def test_editing_an_open_revision_again_sends_no_second_email(
    editor, publisher, settings, django_capture_on_commit_callbacks
):
    settings.REVIEW_QUEUE_EMAILS = True
    transform = Case.objects.get(slug="transform")
    with django_capture_on_commit_callbacks(execute=True):
        revision = revisions.propose(transform, editor, values={"headline_en": "One"})
        revisions.propose(transform, editor, values={"headline_en": "Two"})
        revisions.send_back(revision, publisher, "Not yet.")
        revisions.propose(transform, editor, values={"headline_en": "Three"})

    assert [m.subject for m in mail.outbox] == [
        "待审核的修改：“TRANSFORM” / Changes to review: “TRANSFORM”"
    ] * 2


def test_a_mail_failure_is_logged_and_the_save_stands(
    editor_client, settings, publisher, caplog, django_capture_on_commit_callbacks
):
    settings.REVIEW_QUEUE_EMAILS = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    case = Case.objects.get(slug="transform")
    form = fill(read_form(editor_client.get(case_change_url(case))), headline_en="Typed")

    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(case_change_url(case), form, follow=True)

    assert messages_of(response)[0].startswith("Your changes to “TRANSFORM” are saved")
    assert CaseRevision.objects.get(case=case).content["fields"]["headline_en"] == "Typed"
    assert [r.getMessage() for r in caplog.records if r.name == "cases.admin.notifications"] == [
        f"Could not email the Publishers about case {case.pk}"
    ]
