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


def laura_conflict(clients, b_typed, a_typed):
    """B saves `b_typed` on the contact Laura Cicciarelli, then A saves `a_typed` on it (field:
    value; DELETE removes the row). Returns (case, A's client, A's refused response)."""
    case = draft("ilo-sse-academy")
    first, second = clients
    form_a, form_b = open_both(clients, case)
    index = row_index(form_a, "contacts", name="Laura Cicciarelli")
    assert (
        second.post(
            case_change_url(case),
            fill(form_b, **{f"contacts-{index}-{name}": value for name, value in b_typed.items()}),
        ).status_code
        == 302
    )
    fill(form_a, headline_en="A's line")
    fill(form_a, **{f"contacts-{index}-{name}": value for name, value in a_typed.items()})
    return case, first, first.post(case_change_url(case), form_a)


def save_again(client, case, refused, choice=None):
    """Save the re-shown form as it is, or with one conflict's choice set."""
    again = read_form(refused)
    if choice is not None:
        [conflict] = row_conflicts(refused)
        again[conflict.choice_name] = [choice]
    assert client.post(case_change_url(case), again).status_code == 302


def laura(case):
    return Contact.objects.filter(case=case, name="Laura Cicciarelli").first()


def test_a_row_both_changed_offers_both_values_and_keeps_yours(two_editors):
    case, first, refused = laura_conflict(
        two_editors, {"email": "laura.b@example.org"}, {"email": "laura.a@example.org"}
    )

    [conflict] = row_conflicts(refused)
    assert (conflict.kind, conflict.item, conflict.reason) == (
        "Contact",
        "Laura Cicciarelli",
        "You both changed this row.",
    )
    assert ("Email", "laura.b@example.org", "laura.a@example.org", True) in conflict.lines
    page = refused.content.decode()
    assert "laura.b@example.org" in page and 'value="laura.a@example.org"' in page
    assert read_form(refused)[conflict.choice_name] == ["yours"]
    save_again(first, case, refused)
    assert laura(case).email == "laura.a@example.org"
    assert Case.objects.get(pk=case.pk).headline_en == "A's line"


def test_choosing_their_version_of_a_row_keeps_theirs(two_editors):
    case, first, refused = laura_conflict(
        two_editors, {"email": "laura.b@example.org"}, {"email": "laura.a@example.org"}
    )

    save_again(first, case, refused, choice="theirs")

    assert laura(case).email == "laura.b@example.org"
    assert Case.objects.get(pk=case.pk).headline_en == "A's line"


def test_a_row_b_removed_that_a_changed_is_kept_unless_a_takes_theirs(two_editors):
    case, first, refused = laura_conflict(
        two_editors, {"DELETE": "on"}, {"job_title_en": "Programme officer (A)"}
    )

    [conflict] = row_conflicts(refused)
    assert conflict.reason == "They removed this row; you changed it. The form keeps it."
    assert ("Job title [en]", "(removed)", "Programme officer (A)", True) in conflict.lines
    save_again(first, case, refused)
    assert laura(case).job_title_en == "Programme officer (A)"
    assert Contact.objects.filter(case=case).count() == 2


def test_a_row_b_removed_is_gone_when_a_takes_their_version(two_editors):
    case, first, refused = laura_conflict(
        two_editors, {"DELETE": "on"}, {"job_title_en": "Programme officer (A)"}
    )

    save_again(first, case, refused, choice="theirs")

    assert list(Contact.objects.filter(case=case).values_list("name", flat=True)) == [
        "Roberto Di Meglio"
    ]


def test_a_row_a_removed_that_b_changed_is_shown_removed_and_can_be_kept(two_editors):
    case, first, refused = laura_conflict(
        two_editors, {"email": "laura.b@example.org"}, {"DELETE": "on"}
    )

    [conflict] = row_conflicts(refused)
    assert conflict.reason == "You removed this row; they changed it. The form shows it removed."
    assert ("Email", "laura.b@example.org", "(removed)", True) in conflict.lines
    again = read_form(refused)
    assert again[
        f"contacts-{row_index(again, 'contacts', email='laura.b@example.org')}-DELETE"
    ] == ["on"]
    save_again(first, case, refused, choice="theirs")
    assert laura(case).email == "laura.b@example.org"


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
    _case, _first, refused = laura_conflict(
        two_editors, {"email": "laura.b@example.org"}, {"email": "not an address"}
    )

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


def test_a_link_b_removed_and_a_link_b_added_survive_a_s_second_save(two_editors):
    case = draft("page-kyrgyzstan-mongolia")
    first, second = two_editors
    form_a, form_b = open_both(two_editors, case)
    fill(
        form_b, **{f"links-{row_index(form_b, 'links', url='https://goo.gl/M9qWLT')}-DELETE": "on"}
    )
    add_inline_row(form_b, "links", url="https://example.org/b-added", label_en="B's link")
    assert second.post(case_change_url(case), form_b).status_code == 302

    refused = first.post(case_change_url(case), fill(form_a, title_en="A's title"))
    assert first.post(case_change_url(case), read_form(refused)).status_code == 302

    assert set(case.links.values_list("url", flat=True)) == {
        "https://goo.gl/VC8guw",
        "https://goo.gl/vs8jNz",
        "https://example.org/b-added",
    }
    assert Case.objects.get(pk=case.pk).title_en == "A's title"
