"""Two editors open the same case and both save: the second save is refused, explains what the
first changed, keeps what the second typed, and saving again keeps both people's work.

The cases here are drafts, which editors change directly (changes to a published case wait
for review: tests/admin/test_revisions.py; rows: tests/admin/test_inline_conflicts.py)."""

import pytest

from cases.models import Case
from cases.writes import locking
from tests.admin_client import (
    case_change_url,
    client_for,
    fill,
    read_form,
)

pytestmark = pytest.mark.django_db


def draft(slug):
    Case.objects.filter(slug=slug).update(publication_status=Case.PublicationStatus.DRAFT)
    return Case.objects.get(slug=slug)


def test_admin_stale_save_is_refused_and_keeps_the_typed_values(editor, second_editor):
    case = draft("transform")
    old_headline = case.headline_en
    first, second = client_for(editor), client_for(second_editor)
    form_first = read_form(first.get(case_change_url(case)))
    form_second = read_form(second.get(case_change_url(case)))

    fill(form_first, headline_en="Headline by the first editor", end_year="2021")
    assert first.post(case_change_url(case), form_first).status_code == 302

    fill(form_second, title_en="Title typed by the second editor", source_en="Typed source")
    response = second.post(case_change_url(case), form_second)

    assert response.status_code == 200
    page = response.content.decode()
    errors = list(response.context["adminform"].form.non_field_errors())
    assert errors[0].startswith("Not saved: editor saved this case at ")
    assert errors[0].endswith("Everything you typed is still in the form below.")
    assert errors[1] == "What they changed:"
    assert errors[2] == (
        f"Headline [en]: “{old_headline}” → “Headline by the first editor” "
        "(the form now shows their version)"
    )
    assert errors[3] == "End year: “2020” → “2021” (the form now shows their version)"
    assert "Compare with" in errors[4]
    # The second editor's typing is still in the form, the first editor's changes too.
    assert 'value="Title typed by the second editor"' in page
    assert "Typed source</textarea>" in page or 'value="Typed source"' in page
    assert 'value="Headline by the first editor"' in page
    case.refresh_from_db()
    assert case.title_en != "Title typed by the second editor"
    assert case.version == 2

    # Saving the re-shown form again is a deliberate choice: it is accepted, nothing is lost.
    again = read_form(response)
    assert again["expected_version"] == ["2"]
    assert second.post(case_change_url(case), again).status_code == 302
    case.refresh_from_db()
    assert case.title_en == "Title typed by the second editor"
    assert case.source_en == "Typed source"
    assert case.headline_en == "Headline by the first editor"
    assert case.end_year == 2021
    assert case.version == 3


def test_admin_stale_save_keeps_a_field_both_editors_changed(editor, second_editor):
    case = draft("ilo-sse-academy")
    first, second = client_for(editor), client_for(second_editor)
    form_first = read_form(first.get(case_change_url(case)))
    form_second = read_form(second.get(case_change_url(case)))
    fill(form_first, title_en="First editor's title")
    first.post(case_change_url(case), form_first)

    fill(form_second, title_en="Second editor's title")
    response = second.post(case_change_url(case), form_second)

    errors = list(response.context["adminform"].form.non_field_errors())
    assert errors[2] == (
        "Title [en]: “ILO Social and Solidarity Economy Academy” → “First editor's title” "
        "(you changed it too: the form keeps your text)"
    )
    assert 'value="Second editor&#x27;s title"' in response.content.decode()


def test_admin_stale_save_lists_inline_changes(editor, second_editor):
    case = draft("page-kyrgyzstan-mongolia")
    first, second = client_for(editor), client_for(second_editor)
    form_first = read_form(first.get(case_change_url(case)))
    form_second = read_form(second.get(case_change_url(case)))
    fill(form_first, **{"contacts-0-email": "new.address@example.org"})
    first.post(case_change_url(case), form_first)

    response = second.post(case_change_url(case), fill(form_second, title_en="Other title"))

    errors = list(response.context["adminform"].form.non_field_errors())
    contact = case.contacts.order_by("order", "pk").first()
    assert any(
        error.startswith(f"Contact “{contact.name}”: changed (Email: “")
        and error.endswith("” → “new.address@example.org”)")
        for error in errors
    )


def test_claim_version_lets_only_one_of_two_saves_win():
    first = Case.objects.get(slug="transform")
    second = Case.objects.get(slug="transform")

    locking.claim_version(first, 1)
    with pytest.raises(locking.StaleCaseError):
        locking.claim_version(second, 1)

    assert Case.objects.get(slug="transform").version == 2
