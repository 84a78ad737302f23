"""An editor adds a case through the admin, sends it to review, a publisher publishes it, the
editor changes it, reads the history and restores the first version."""

import pytest
from django.utils import timezone

from cases.models import Case
from tests.admin_client import (
    ADD_URL,
    case_change_url,
    fill,
    messages_of,
    new_case_form,
    post_action,
    read_form,
)

pytestmark = pytest.mark.django_db


def test_admin_add_case_saves_both_languages_and_all_inlines(editor_client, editor):
    response = editor_client.post(ADD_URL, new_case_form(editor_client))

    assert response.status_code == 302
    case = Case.objects.get(slug="community-health-worker-exchange")
    assert (case.title_zh_hans, case.title_en) == (
        "社区卫生工作者培训交流",
        "Community Health Worker Training Exchange",
    )
    assert case.challenge_en == "Rural areas lack **health workers**."
    assert case.publication_status == "draft"
    assert sorted(case.sdg_targets.values_list("code", flat=True)) == ["3.c", "4.4"]
    assert list(case.regions.values_list("code", flat=True)) == ["002"]
    assert sorted(case.casecountry_set.values_list("country_id", "role")) == [
        ("ET", "beneficiary"),
        ("KE", "provider"),
    ]
    assert sorted(case.caseorganization_set.values_list("organization__slug", "role")) == [
        ("ilo", "implementer"),
        ("irish-aid", "funder"),
        ("undp", "nominator"),
    ]
    contact = case.contacts.get()
    assert (contact.name, contact.honorific_en, contact.job_title_zh_hans, contact.email) == (
        "Amina Wanjiru",
        "Ms",
        "项目官员",
        "amina@example.org",
    )
    link = case.links.get()
    assert (link.url, link.label_zh_hans, link.label_en) == (
        "https://www.example.org/chw-exchange",
        "项目网页",
        "Project page",
    )
    records = list(case.history.all())
    assert [(r.history_type, r.history_user, r.version) for r in records] == [("+", editor, 1)]
    assert sorted(records[0].sdg_targets.values_list("sdgtarget_id", flat=True)) == ["3.c", "4.4"]


def test_admin_workflow_review_publish_edit_history_restore(
    editor_client, publisher_client, editor, publisher
):
    editor_client.post(ADD_URL, new_case_form(editor_client))
    case = Case.objects.get(slug="community-health-worker-exchange")

    # The editor sends it to review, through the bulk action and its confirmation page.
    confirmation = post_action(editor_client, "send_to_review_action", [case])
    assert confirmation.status_code == 200
    assert "Send these cases to review?" in confirmation.content.decode()
    assert "CHW Exchange" in confirmation.content.decode()
    done = post_action(editor_client, "send_to_review_action", [case], confirm=True)
    assert "Send to review: done for 1 case: CHW Exchange." in messages_of(done)
    case.refresh_from_db()
    assert case.publication_status == "review"

    # A publisher publishes it.
    confirmation = post_action(publisher_client, "publish_action", [case])
    assert "Publish these cases?" in confirmation.content.decode()
    done = post_action(publisher_client, "publish_action", [case], confirm=True)
    assert "Publish: done for 1 case: CHW Exchange." in messages_of(done)
    case.refresh_from_db()
    assert case.publication_status == "published"
    assert case.published_at is not None
    assert case.reviewed_at == timezone.localdate()

    # It is on the public list, filtered by one of its targets (and the seeded cases are not).
    public = publisher_client.get("/en/cases/?target=4.4").content.decode()
    assert "Community Health Worker Training Exchange" in public
    assert "TRANSFORM" not in public

    # The publisher changes the English title and the targets (published at once: an
    # Editor's change would wait for review, see tests/admin/test_revisions.py).
    form = read_form(publisher_client.get(case_change_url(case)))
    fill(form, title_en="Training Community Health Workers Together", sdg_targets=["3.c"])
    response = publisher_client.post(case_change_url(case), form)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title_en == "Training Community Health Workers Together"
    assert case.version == 4

    # The history page shows who did what, and the differences field by field.
    history = editor_client.get(f"/admin/cases/case/{case.pk}/history/").content.decode()
    assert "Sent to review" in history
    assert "Published" in history
    assert "<del>Community Health Worker Training Exchange</del>" in history
    assert "<ins>Training Community Health Workers Together</ins>" in history
    assert "<del>3.c, 4.4</del>" in history
    assert "<ins>3.c</ins>" in history

    # Restore the first version: title and targets come back, the restore is recorded.
    first = case.history.order_by("history_date").first()
    restore_url = f"/admin/cases/case/{case.pk}/history/{first.history_id}/"
    page = editor_client.get(restore_url).content.decode()
    assert "<del>Training Community Health Workers Together</del>" in page
    assert "<ins>Community Health Worker Training Exchange</ins>" in page
    response = publisher_client.post(restore_url, {"expected_version": case.version}, follow=True)
    case.refresh_from_db()
    assert case.title_en == "Community Health Worker Training Exchange"
    assert sorted(case.sdg_targets.values_list("code", flat=True)) == ["3.c", "4.4"]
    assert case.publication_status == "published"
    latest = case.history.order_by("-history_date").first()
    assert latest.history_user == publisher
    assert latest.history_change_reason == f"restored:{first.history_id}"
    history = editor_client.get(f"/admin/cases/case/{case.pk}/history/").content.decode()
    assert "Restored the version of" in history
