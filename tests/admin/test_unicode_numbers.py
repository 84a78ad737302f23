"""Numbers in admin paths and hidden fields: other digits (², ①, ٣, ３) or thousands of digits
are "not found" or a stale form, never a server error."""

from urllib.parse import quote

import pytest

from cases.models import Case
from tests.admin_client import case_change_url, messages_of, read_form

pytestmark = pytest.mark.django_db

ODD_NUMBERS = ["²", "³", "①", "٣", "３", "9" * 4301, "-1", "0", "+1", " 1"]


@pytest.mark.parametrize("number", ODD_NUMBERS)
def test_admin_history_version_that_is_no_number_is_not_found(editor_client, number):
    case = Case.objects.get(slug="transform")

    response = editor_client.get(f"/admin/cases/case/{case.pk}/history/{quote(number)}/")

    assert response.status_code == 404


# Django's admin reads its object ids with int(), which takes "٣" and "３" as 3 and "+1" as 1:
# another address of the same case, with the same permissions. What int() refuses is not found.
@pytest.mark.parametrize("number", ["²", "³", "①", "9" * 4301, "-1", "0"])
def test_admin_case_number_that_is_no_number_is_not_found(editor_client, number):
    response = editor_client.get(f"/admin/cases/case/{quote(number)}/change/", follow=True)

    assert response.status_code == 200
    assert messages_of(response) == [
        f"case with ID “{number}” doesn’t exist. Perhaps it was deleted?"
    ]


@pytest.mark.parametrize("number", ["²", "٣", "３", "9" * 4301])
def test_admin_change_form_with_a_damaged_version_keeps_the_text(editor_client, number):
    case = Case.objects.get(slug="transform")
    form = read_form(editor_client.get(case_change_url(case)))
    form["expected_version"] = [number]
    form["title_en"] = ["TRANSFORM, typed by an editor"]

    response = editor_client.post(case_change_url(case), form)

    assert response.status_code == 200
    assert list(response.context["adminform"].form.non_field_errors())[0] == (
        "Not saved: someone else saved this case after you opened it. "
        "Everything you typed is still in the form below."
    )
    assert read_form(response)["title_en"] == ["TRANSFORM, typed by an editor"]


@pytest.mark.parametrize("number", ["²", "①", "３", "9" * 4301])
def test_admin_restore_with_a_damaged_version_is_refused_as_stale(publisher_client, number):
    # A Publisher: an Editor's edit of a published case would wait for review instead.
    case = Case.objects.get(slug="transform")
    form = read_form(publisher_client.get(case_change_url(case)))
    form["title_en"] = ["TRANSFORM (edited)"]
    publisher_client.post(case_change_url(case), form)
    first = case.history.order_by("history_date").first()

    response = publisher_client.post(
        f"/admin/cases/case/{case.pk}/history/{first.history_id}/", {"expected_version": number}
    )

    assert response.status_code == 200
    assert messages_of(response)[-1] == (
        "Not restored: someone saved the case after you opened this page. "
        "Check the changes below, then restore again."
    )
    case.refresh_from_db()
    assert case.title_en == "TRANSFORM (edited)"
