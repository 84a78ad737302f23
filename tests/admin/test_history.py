"""History: every save of a case and its inlines is recorded with who and when, the history page
shows the differences field by field, and any version can be restored in one step.

The shipped cases are published, so these edits are a Publisher's (an Editor's would wait for
review: tests/admin/test_revisions.py)."""

import pytest

from cases.models import Case, CaseCountry, CaseLink, Contact
from cases.writes import locking
from tests.admin_client import (
    case_change_url,
    fill,
    messages_of,
    read_form,
)

pytestmark = pytest.mark.django_db


def history_url(case):
    return f"/admin/cases/case/{case.pk}/history/"


def restore_url(case, record):
    return f"/admin/cases/case/{case.pk}/history/{record.history_id}/"


def edit_transform(client):
    """Change the title, a contact's email, remove a link and add a country, in one save."""
    case = Case.objects.get(slug="transform")
    form = read_form(client.get(case_change_url(case)))
    contact_index = 0
    link_index = 0
    fill(
        form,
        title_en="TRANSFORM (edited)",
        **{
            f"contacts-{contact_index}-email": "changed@example.org",
            f"links-{link_index}-DELETE": "on",
        },
    )
    total = int(form["casecountry_set-TOTAL_FORMS"][0])
    fill(
        form,
        **{
            "casecountry_set-TOTAL_FORMS": str(total + 1),
            f"casecountry_set-{total}-country": "BR",
            f"casecountry_set-{total}-role": "participant",
            f"casecountry_set-{total}-order": "9",
        },
    )
    response = client.post(case_change_url(case), form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return case


def test_admin_history_records_the_state_before_the_first_change(publisher_client, publisher):
    case = Case.objects.get(slug="transform")
    contacts_before = list(case.contacts.values_list("pk", "email"))

    edit_transform(publisher_client)

    newest = case.history.order_by("-history_date").first()
    assert (newest.history_user, newest.version, newest.title_en) == (
        publisher,
        2,
        "TRANSFORM (edited)",
    )
    baselines = Contact.history.filter(case_id=case.pk, history_change_reason="baseline")
    assert sorted(baselines.values_list("id", "email")) == sorted(contacts_before)


def test_admin_history_page_shows_field_and_inline_differences(publisher_client):
    case = edit_transform(publisher_client)
    contact = case.contacts.order_by("order", "pk").first()
    link_label = CaseLink.history.filter(case_id=case.pk, history_type="-").get().label_zh_hans

    page = publisher_client.get(history_url(case)).content.decode()

    assert '<th scope="col">Before</th>' in page and '<th scope="col">After</th>' in page
    assert "<del>TRANSFORM – Leadership and Transformation Curriculum" in page
    assert "<ins>TRANSFORM (edited)</ins>" in page
    assert f"Contact “{contact.name}”: changed" in page
    assert "<ins>changed@example.org</ins>" in page
    assert f"Link “{link_label}”: removed" in page
    assert "Country “Brazil”: added" in page


def test_admin_restore_puts_fields_m2m_and_inlines_back_and_is_recorded(
    publisher_client, publisher
):
    case = Case.objects.get(slug="transform")
    original = {
        "contacts": sorted(case.contacts.values_list("pk", "email")),
        "links": sorted(case.links.values_list("pk", "url")),
        "countries": sorted(case.casecountry_set.values_list("country_id", "role")),
        "targets": sorted(case.sdg_targets.values_list("code", flat=True)),
        "title_en": case.title_en,
    }
    edit_transform(publisher_client)
    case.refresh_from_db()
    before_edit = case.history.get(history_change_reason="baseline")

    page = publisher_client.get(restore_url(case, before_edit)).content.decode()
    assert '<th scope="col">Now</th>' in page and '<th scope="col">After restoring</th>' in page
    assert "<ins>" + original["title_en"] + "</ins>" in page
    assert "Country “Brazil”: removed" in page
    assert "Contact “" in page and ": changed back" in page
    assert "<del>changed@example.org</del>" in page
    assert "Link “" in page and ": put back" in page
    response = publisher_client.post(
        restore_url(case, before_edit), {"expected_version": case.version}, follow=True
    )

    assert any(m.startswith("Restored the version of ") for m in messages_of(response))
    case.refresh_from_db()
    assert case.title_en == original["title_en"]
    assert sorted(case.contacts.values_list("pk", "email")) == original["contacts"]
    assert sorted(case.links.values_list("pk", "url")) == original["links"]
    assert sorted(case.casecountry_set.values_list("country_id", "role")) == original["countries"]
    assert sorted(case.sdg_targets.values_list("code", flat=True)) == original["targets"]
    assert case.version == 3
    newest = case.history.order_by("-history_date").first()
    assert (newest.history_user, newest.history_change_reason) == (
        publisher,
        f"restored:{before_edit.history_id}",
    )
    assert CaseCountry.history.filter(
        case_id=case.pk, country_id="BR", history_type="-", history_user=publisher
    ).exists()
    # The restore itself can be undone the same way.
    edited = case.history.get(version=2)
    publisher_client.post(restore_url(case, edited), {"expected_version": case.version})
    case.refresh_from_db()
    assert case.title_en == "TRANSFORM (edited)"
    assert case.casecountry_set.filter(country_id="BR").exists()


def test_admin_restore_refuses_a_stale_page(publisher_client):
    case = edit_transform(publisher_client)
    first = case.history.order_by("history_date").first()

    response = publisher_client.post(restore_url(case, first), {"expected_version": "1"})

    assert response.status_code == 200
    assert messages_of(response)[-1] == (
        "Not restored: someone saved the case after you opened this page. "
        "Check the changes below, then restore again."
    )
    case.refresh_from_db()
    assert case.title_en == "TRANSFORM (edited)"


def test_admin_restore_refuses_a_slug_now_used_by_another_case(publisher_client, publisher):
    case = Case.objects.get(slug="transform")
    locking.begin_case_save(case, expected_version=1)
    case.slug = "transform-renamed"
    case.save()
    locking.finish_case_save(case, user=publisher, created=False)
    other = Case.objects.get(slug="ilo-sse-academy")
    Case.objects.filter(pk=other.pk).update(slug="transform")
    old = case.history.filter(version=1).order_by("-history_date").first()

    response = publisher_client.post(restore_url(case, old), {"expected_version": "2"})

    assert messages_of(response) == [
        "Not restored: Another case already uses the address “transform”: "
        f'<a href="/admin/cases/case/{other.pk}/change/">ILO Social and Solidarity Economy '
        "Academy</a>."
    ]
    case.refresh_from_db()
    assert case.slug == "transform-renamed"


def test_admin_restore_of_an_unknown_version_is_not_found(publisher_client):
    case = Case.objects.get(slug="transform")

    assert publisher_client.get(f"/admin/cases/case/{case.pk}/history/999999/").status_code == 404
    assert publisher_client.get(f"/admin/cases/case/{case.pk}/history/abc/").status_code == 404
