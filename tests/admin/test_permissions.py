"""Editors add, change and send to review; only publishers publish, unpublish and delete
published cases. SDG goals and targets are read-only for everyone."""

import pytest
from django.core.exceptions import PermissionDenied

from cases.models import Case, SdgTarget
from cases.writes import workflow
from tests.admin_client import (
    CHANGELIST_URL,
    case_change_url,
    fill,
    messages_of,
    post_action,
    read_form,
)

pytestmark = pytest.mark.django_db


def in_review():
    case = Case.objects.get(slug="transform")
    Case.objects.filter(pk=case.pk).update(publication_status="review")
    case.refresh_from_db()
    return case


def action_choices(response):
    return [value for value, _label in response.context["action_form"].fields["action"].choices]


def test_admin_editor_is_not_offered_publishing_actions(editor_client, publisher_client):
    assert action_choices(editor_client.get(CHANGELIST_URL)) == [
        "",
        "delete_selected",
        "send_to_review_action",
        "mark_reviewed_action",
    ]
    assert action_choices(publisher_client.get(CHANGELIST_URL)) == [
        "",
        "delete_selected",
        "send_to_review_action",
        "publish_action",
        "unpublish_action",
        "mark_reviewed_action",
    ]


def test_admin_editor_cannot_publish_with_a_posted_action(editor_client):
    case = in_review()

    response = post_action(editor_client, "publish_action", [case], confirm=True)

    assert "No action selected." in messages_of(response)
    case.refresh_from_db()
    assert case.publication_status == "review"


def test_admin_editor_cannot_publish_from_the_change_form(editor_client):
    case = in_review()
    page = editor_client.get(case_change_url(case))
    assert 'name="_publish"' not in page.content.decode()

    form = read_form(page)
    form["_publish"] = ["Save and publish"]
    response = editor_client.post(case_change_url(case), form, follow=True)

    assert "Only publishers can publish cases." in messages_of(response)
    case.refresh_from_db()
    assert case.publication_status == "review"


def test_publish_service_refuses_editors(editor):
    case = in_review()

    with pytest.raises(PermissionDenied, match="Only publishers can publish cases."):
        workflow.take_action(case, editor, "publish")
    with pytest.raises(PermissionDenied, match="Only publishers can unpublish cases."):
        workflow.take_action(Case.objects.get(slug="ilo-sse-academy"), editor, "unpublish")


def test_admin_publisher_publishes_and_unpublishes_from_the_change_form(publisher_client):
    case = in_review()
    form = read_form(publisher_client.get(case_change_url(case)))
    form["_publish"] = ["Save and publish"]

    publisher_client.post(case_change_url(case), form)
    case.refresh_from_db()
    assert case.publication_status == "published"

    form = read_form(publisher_client.get(case_change_url(case)))
    form["_unpublish"] = ["Save and unpublish"]
    publisher_client.post(case_change_url(case), form)
    case.refresh_from_db()
    assert case.publication_status == "draft"


def test_admin_editor_cannot_delete_a_published_case(editor_client):
    case = Case.objects.get(slug="transform")

    assert editor_client.get(f"/admin/cases/case/{case.pk}/delete/").status_code == 403
    assert (
        editor_client.post(f"/admin/cases/case/{case.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    confirmation = post_action(editor_client, "delete_selected", [case])
    assert confirmation.context["perms_lacking"] == {"case"}
    response = editor_client.post(
        CHANGELIST_URL,
        {"action": "delete_selected", "_selected_action": [case.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Case.objects.filter(pk=case.pk).exists()
    with pytest.raises(PermissionDenied, match="Only publishers can delete a published case."):
        workflow.delete_case(case, confirmation.wsgi_request.user)


def test_admin_editor_can_delete_a_draft(editor_client):
    case = Case.objects.get(slug="transform")
    Case.objects.filter(pk=case.pk).update(publication_status="draft")

    editor_client.post(f"/admin/cases/case/{case.pk}/delete/", {"post": "yes"})

    assert not Case.objects.filter(pk=case.pk).exists()


def test_admin_publisher_can_delete_a_published_case(publisher_client):
    case = Case.objects.get(slug="transform")

    publisher_client.post(f"/admin/cases/case/{case.pk}/delete/", {"post": "yes"})

    assert not Case.objects.filter(pk=case.pk).exists()


def test_admin_sdg_targets_are_read_only(publisher_client):
    page = publisher_client.get("/admin/cases/sdgtarget/8.5/change/")

    assert page.status_code == 200
    assert 'name="label_en"' not in page.content.decode()
    assert publisher_client.get("/admin/cases/sdgtarget/add/").status_code == 403
    response = publisher_client.post(
        "/admin/cases/sdgtarget/8.5/change/", {"label_en": "Changed", "label_zh_hans": "改"}
    )
    assert response.status_code == 403
    assert SdgTarget.objects.get(code="8.5").label_en != "Changed"


def test_admin_editor_can_edit_an_organization_in_both_languages(editor_client):
    form = read_form(editor_client.get("/admin/cases/organization/1/change/"), "organization_form")
    fill(form, name_en="International Labour Organization (ILO)", acronym_zh_hans="劳工组织")

    assert editor_client.post("/admin/cases/organization/1/change/", form).status_code == 302

    from cases.models import Organization

    organization = Organization.objects.get(pk=1)
    assert organization.name_en == "International Labour Organization (ILO)"
    assert organization.acronym_zh_hans == "劳工组织"
    assert organization.history.count() == 1


def test_admin_editor_has_no_user_management(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403
