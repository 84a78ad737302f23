"""Damaged or hostile input to the revision pages and the change form never causes a server
error, and nothing typed is lost."""

import pytest

from cases.models import Case
from cases.reads.revisions import active_revision
from cases.writes import revisions
from tests.admin_client import case_change_url, fill, messages_of, read_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("token", ["abc", "1.", ".1", "².1", "99999999999.1", "1.1.1", " "])
def test_a_damaged_revision_token_shows_the_conflict_message_and_keeps_the_typing(
    editor_client, token
):
    case = Case.objects.get(slug="transform")
    form = fill(read_form(editor_client.get(case_change_url(case))), title_en="Typed title")
    form["expected_revision"] = [token]

    response = editor_client.post(case_change_url(case), form)

    assert response.status_code == 200
    errors = list(response.context["adminform"].form.non_field_errors())
    assert errors[0] == (
        "Not saved: someone else saved this case after you opened it. "
        "Everything you typed is still in the form below."
    )
    again = read_form(response)
    assert again["title_en"] == ["Typed title"]
    assert again["expected_revision"] == [""]
    assert editor_client.post(case_change_url(case), again).status_code == 302
    assert active_revision(case).content["fields"]["title_en"] == "Typed title"


@pytest.mark.parametrize("version", ["", "abc", "-1", "²", "9" * 50])
def test_damaged_versions_on_the_review_page_refuse_and_show_it_again(
    editor, publisher_client, version
):
    case = Case.objects.get(slug="transform")
    revisions.propose(case, editor, values={"title_en": "Proposed"})

    response = publisher_client.post(
        f"/admin/cases/case/{case.pk}/changes/",
        {"_approve": "yes", "expected_revision_version": version, "expected_live_version": version},
    )

    assert response.status_code == 200
    assert messages_of(response)[0].startswith("Not done: ")
    assert Case.objects.get(pk=case.pk).title_en != "Proposed"


def test_the_review_page_of_a_case_without_changes_says_so(publisher_client):
    case = Case.objects.get(slug="transform")

    response = publisher_client.get(f"/admin/cases/case/{case.pk}/changes/", follow=True)

    assert messages_of(response) == ["“TRANSFORM” has no changes awaiting review."]
    assert response.redirect_chain == [(case_change_url(case), 302)]


@pytest.mark.parametrize("object_id", ["999999", "abc", "1%00"])
def test_unknown_cases_are_not_found(publisher_client, object_id):
    assert publisher_client.get(f"/admin/cases/case/{object_id}/changes/").status_code == 404
    assert publisher_client.post(f"/admin/cases/case/{object_id}/presence/").status_code == 404


def test_a_choice_for_a_row_that_does_not_exist_is_ignored(editor_client):
    Case.objects.filter(slug="transform").update(publication_status="draft")
    case = Case.objects.get(slug="transform")
    form = fill(
        read_form(editor_client.get(case_change_url(case))),
        title_en="Typed",
        **{"resolve-contacts-id:999999": "theirs", "resolve-links-new:zzz": "theirs"},
    )

    assert editor_client.post(case_change_url(case), form).status_code == 302
    case.refresh_from_db()
    assert (case.title_en, case.contacts.count(), case.links.count()) == ("Typed", 1, 1)
