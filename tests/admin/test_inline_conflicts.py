"""Two editors change the same case's rows (contacts, links, countries, organizations) at once,
through the real change form. The second save is refused; the re-shown form takes the other
editor's version of every row this editor left alone, keeps what this editor typed, and asks
about rows both touched (theirs beside yours). Saving again loses nobody's work."""

import pytest

from cases.models import Case, CaseCountry, CaseOrganization, Contact, Organization
from tests.admin_client import add_inline_row, case_change_url, client_for, fill, read_form

pytestmark = pytest.mark.django_db


def draft(slug):
    Case.objects.filter(slug=slug).update(publication_status=Case.PublicationStatus.DRAFT)
    return Case.objects.get(slug=slug)


def row_index(data, prefix, **match):
    """The index of the formset row whose fields have these values."""
    total = int(data[f"{prefix}-TOTAL_FORMS"][0])
    for index in range(total):
        if all(data.get(f"{prefix}-{index}-{k}", [""])[0] == str(v) for k, v in match.items()):
            return index
    raise AssertionError(f"no {prefix} row with {match}")


def non_field_errors(response):
    return list(response.context["adminform"].form.non_field_errors())


def row_conflicts(response):
    return response.context["row_conflicts"]


@pytest.fixture
def two_editors(editor, second_editor):
    return client_for(editor), client_for(second_editor)


def open_both(clients, case):
    return [read_form(client.get(case_change_url(case))) for client in clients]


ROW_EDITS = [
    # (case, formset prefix, the row, the field B changes, B's value, how to read it back)
    (
        "ilo-sse-academy",
        "contacts",
        {"name": "Roberto Di Meglio"},
        "name",
        "Roberto Di Meglio (ILO)",
        lambda case: set(case.contacts.values_list("name", flat=True)),
    ),
    (
        "page-kyrgyzstan-mongolia",
        "links",
        {"url": "https://goo.gl/VC8guw"},
        "label_en",
        "Study tour report",
        lambda case: set(case.links.values_list("label_en", flat=True)),
    ),
    (
        "ilo-sse-academy",
        "casecountry_set",
        {"country": "BR"},
        "role",
        "provider",
        lambda case: set(case.casecountry_set.values_list("country_id", "role")),
    ),
    (
        "page-kyrgyzstan-mongolia",
        "caseorganization_set",
        {"role": "nominator", "order": "1"},
        "order",
        "7",
        lambda case: set(case.caseorganization_set.values_list("role", "order")),
    ),
]


@pytest.mark.parametrize("slug, prefix, match, field, value, read_back", ROW_EDITS)
def test_a_row_renamed_by_b_survives_a_s_second_save(
    two_editors, slug, prefix, match, field, value, read_back
):
    case = draft(slug)
    first, second = two_editors
    form_a, form_b = open_both(two_editors, case)
    fill(form_b, **{f"{prefix}-{row_index(form_b, prefix, **match)}-{field}": value})
    assert second.post(case_change_url(case), form_b).status_code == 302
    after_b = read_back(Case.objects.get(pk=case.pk))

    fill(form_a, challenge_en="The challenge as A rewrote it.")
    refused = first.post(case_change_url(case), form_a)

    assert refused.status_code == 200
    assert non_field_errors(refused)[0].startswith("Not saved: editor_b saved this case at ")
    assert row_conflicts(refused) == []
    again = read_form(refused)
    row_index(again, prefix, **{field: value})  # the form now shows B's version of the row
    assert first.post(case_change_url(case), again).status_code == 302
    case.refresh_from_db()
    assert read_back(case) == after_b
    assert case.challenge_en == "The challenge as A rewrote it."
    # The history records both saves.
    users = [r.history_user.username for r in case.history.order_by("history_date")[1:]]
    assert users == ["editor_b", "editor"]


def test_a_row_both_changed_offers_both_values_and_keeps_yours(two_editors):
    case = draft("ilo-sse-academy")
    first, second = two_editors
    form_a, form_b = open_both(two_editors, case)
    index = row_index(form_a, "contacts", name="Laura Cicciarelli")
    fill(form_b, **{f"contacts-{index}-email": "laura.b@example.org"})
    second.post(case_change_url(case), form_b)
    fill(form_a, **{f"contacts-{index}-email": "laura.a@example.org", "headline_en": "A's line"})

    refused = first.post(case_change_url(case), form_a)

    [conflict] = row_conflicts(refused)
    assert (conflict.kind, conflict.item, conflict.reason) == (
        "Contact",
        "Laura Cicciarelli",
        "You both changed this row.",
    )
    assert ("Email", "laura.b@example.org", "laura.a@example.org", True) in conflict.lines
    page = refused.content.decode()
    assert "laura.b@example.org" in page and 'value="laura.a@example.org"' in page
    again = read_form(refused)
    assert again[conflict.choice_name] == ["yours"]
    assert first.post(case_change_url(case), again).status_code == 302
    contact = Contact.objects.get(case=case, name="Laura Cicciarelli")
    assert contact.email == "laura.a@example.org"
    assert Case.objects.get(pk=case.pk).headline_en == "A's line"


def test_choosing_their_version_of_a_row_keeps_theirs(two_editors):
    case = draft("ilo-sse-academy")
    first, second = two_editors
    form_a, form_b = open_both(two_editors, case)
    index = row_index(form_a, "contacts", name="Laura Cicciarelli")
    fill(form_b, **{f"contacts-{index}-email": "laura.b@example.org"})
    second.post(case_change_url(case), form_b)
    fill(form_a, **{f"contacts-{index}-email": "laura.a@example.org", "headline_en": "A's line"})
    refused = first.post(case_change_url(case), form_a)
    [conflict] = row_conflicts(refused)

    again = fill(read_form(refused), **{conflict.choice_name: "theirs"})
    assert first.post(case_change_url(case), again).status_code == 302

    assert Contact.objects.get(case=case, name="Laura Cicciarelli").email == "laura.b@example.org"
    assert Case.objects.get(pk=case.pk).headline_en == "A's line"


def test_a_row_b_removed_that_a_changed_is_kept_unless_a_takes_theirs(two_editors):
    case = draft("ilo-sse-academy")
    first, second = two_editors
    form_a, form_b = open_both(two_editors, case)
    index = row_index(form_a, "contacts", name="Laura Cicciarelli")
    fill(form_b, **{f"contacts-{index}-DELETE": "on"})
    second.post(case_change_url(case), form_b)
    assert not Contact.objects.filter(case=case, name="Laura Cicciarelli").exists()
    fill(form_a, **{f"contacts-{index}-job_title_en": "Programme officer (A)"})

    refused = first.post(case_change_url(case), form_a)

    [conflict] = row_conflicts(refused)
    assert conflict.reason == "They removed this row; you changed it. The form keeps it."
    assert ("Job title [en]", "(removed)", "Programme officer (A)", True) in conflict.lines
    again = read_form(refused)
    assert first.post(case_change_url(case), again).status_code == 302
    kept = Contact.objects.get(case=case, name="Laura Cicciarelli")
    assert kept.job_title_en == "Programme officer (A)"
    assert Contact.objects.filter(case=case).count() == 2


def test_a_row_b_removed_is_gone_when_a_takes_their_version(two_editors):
    case = draft("ilo-sse-academy")
    first, second = two_editors
    form_a, form_b = open_both(two_editors, case)
    index = row_index(form_a, "contacts", name="Laura Cicciarelli")
    fill(form_b, **{f"contacts-{index}-DELETE": "on"})
    second.post(case_change_url(case), form_b)
    fill(form_a, **{f"contacts-{index}-job_title_en": "Programme officer (A)"})
    refused = first.post(case_change_url(case), form_a)
    [conflict] = row_conflicts(refused)

    again = fill(read_form(refused), **{conflict.choice_name: "theirs"})
    assert first.post(case_change_url(case), again).status_code == 302

    assert list(Contact.objects.filter(case=case).values_list("name", flat=True)) == [
        "Roberto Di Meglio"
    ]


def test_a_row_a_removed_that_b_changed_is_shown_removed_and_can_be_kept(two_editors):
    case = draft("ilo-sse-academy")
    first, second = two_editors
    form_a, form_b = open_both(two_editors, case)
    index = row_index(form_a, "contacts", name="Laura Cicciarelli")
    fill(form_b, **{f"contacts-{index}-email": "laura.b@example.org"})
    second.post(case_change_url(case), form_b)
    fill(form_a, **{f"contacts-{index}-DELETE": "on"})

    refused = first.post(case_change_url(case), form_a)

    [conflict] = row_conflicts(refused)
    assert conflict.reason == "You removed this row; they changed it. The form shows it removed."
    assert ("Email", "laura.b@example.org", "(removed)", True) in conflict.lines
    again = read_form(refused)
    shown = row_index(again, "contacts", email="laura.b@example.org")
    assert again[f"contacts-{shown}-DELETE"] == ["on"]
    fill(again, **{conflict.choice_name: "theirs"})
    assert first.post(case_change_url(case), again).status_code == 302
    assert Contact.objects.get(case=case, name="Laura Cicciarelli").email == "laura.b@example.org"


def test_rows_both_added_are_matched_and_offered_side_by_side(two_editors):
    case = draft("transform")
    first, second = two_editors
    form_a, form_b = open_both(two_editors, case)
    add_inline_row(form_b, "casecountry_set", country="BR", role="provider", order="9")
    add_inline_row(form_b, "contacts", name="Only B's contact")
    second.post(case_change_url(case), form_b)
    add_inline_row(form_a, "casecountry_set", country="BR", role="beneficiary", order="9")
    add_inline_row(form_a, "contacts", name="Only A's contact")

    refused = first.post(case_change_url(case), form_a)

    [conflict] = row_conflicts(refused)
    assert (conflict.kind, conflict.item) == ("Country", "Brazil")
    assert conflict.reason == "You both added this row, with different values."
    assert ("Role", "Provider", "Beneficiary", True) in conflict.lines
    again = read_form(refused)
    assert first.post(case_change_url(case), again).status_code == 302
    assert CaseCountry.objects.get(case=case, country_id="BR").role == "beneficiary"
    assert {"Only A's contact", "Only B's contact"} <= set(
        Contact.objects.filter(case=case).values_list("name", flat=True)
    )


def test_nothing_typed_is_lost_when_a_row_of_yours_does_not_validate(two_editors):
    case = draft("ilo-sse-academy")
    first, second = two_editors
    form_a, form_b = open_both(two_editors, case)
    index = row_index(form_a, "contacts", name="Laura Cicciarelli")
    fill(form_b, **{f"contacts-{index}-email": "laura.b@example.org"})
    second.post(case_change_url(case), form_b)
    fill(form_a, **{f"contacts-{index}-email": "not an address"})

    refused = first.post(case_change_url(case), form_a)

    [conflict] = row_conflicts(refused)
    assert ("Email", "laura.b@example.org", "not an address", True) in conflict.lines
    again = read_form(refused)
    assert again[f"contacts-{row_index(again, 'contacts', name='Laura Cicciarelli')}-email"] == [
        "not an address"
    ]


def test_an_organization_b_added_appears_in_a_s_form(two_editors):
    case = draft("transform")
    first, second = two_editors
    form_a, form_b = open_both(two_editors, case)
    unep = Organization.objects.get(slug="unep")
    add_inline_row(form_b, "caseorganization_set", organization=unep.pk, role="funder", order="9")
    assert second.post(case_change_url(case), form_b).status_code == 302

    refused = first.post(case_change_url(case), fill(form_a, title_en="A's title"))

    again = read_form(refused)
    row_index(again, "caseorganization_set", organization=unep.pk, role="funder")
    assert first.post(case_change_url(case), again).status_code == 302
    assert CaseOrganization.objects.filter(case=case, organization=unep, role="funder").count() == 1
    assert Case.objects.get(pk=case.pk).title_en == "A's title"
