"""Mapping typed organization names on a submission's admin page: the form (no JavaScript,
CSRF protected), its messages for every outcome and every bad input, who may use it, and that
nothing becomes public."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from cases.models import Case, CaseOrganization, Organization, Submission
from cases.writes import submissions
from tests.admin_client import client_for, fill, make_staff, messages_of, read_form
from tests.reading import text
from tests.writes.test_submissions import committed, received

pytestmark = pytest.mark.django_db
LIST_URL = "/admin/cases/submission/"
TYPED = {"funder": ["Sunlight Fund", "Irish Aid (IA)"], "implementer": ["UN Environment Programme"]}


def change_url(submission):
    return f"{LIST_URL}{submission.pk}/change/"


def map_url(submission):
    return f"{LIST_URL}{submission.pk}/organizations/"


def mapping_section(response):
    html = response.content.decode()
    start = html.find('id="organization-mapping"')
    if start == -1:
        return ""
    return html[start : html.index("</form>", start)]


def choices(response, field):
    """The radio values offered for typed name number `field`, with their labels."""
    section = mapping_section(response)
    return [
        (value, re.sub(r"\s+", " ", label).strip())
        for value, label in re.findall(
            r'<label><input type="radio" name="choice-' + str(field) + r'" value="([^"]+)"'
            r"[^>]*>(.*?)</label>",
            section,
            re.S,
        )
    ]


def posted(client, submission, **values):
    data = fill(read_form(client.get(change_url(submission)), "mapping-form"), **values)
    return client.post(map_url(submission), data, follow=True)


def rows(case):
    return list(
        CaseOrganization.objects.filter(case=case)
        .order_by("order", "pk")
        .values_list("organization__slug", "role")
    )


def group_without(name, *codenames):
    """A copy of the group `name` without the permissions `codenames`."""
    group = Group.objects.create(name=f"{name} without {' '.join(codenames)}")
    group.permissions.set(Group.objects.get(name=name).permissions.exclude(codename__in=codenames))
    return group.name


def test_each_typed_name_offers_its_likely_organizations(editor_client):
    submission = received(new_organizations=TYPED)

    response = editor_client.get(change_url(submission))

    assert choices(response, 0) == [
        ("keep", "Leave it as a suggestion"),
        ("other", "Another organization:"),
        ("new", "Create a new organization named “Sunlight Fund”"),
    ]
    assert choices(response, 1)[1] == ("org:irish-aid", "Likely: Irish Aid")
    assert choices(response, 2)[1] == (
        "org:unep",
        "Likely: United Nations Environment Programme (UNEP)",
    )
    section = mapping_section(response)
    assert (
        section.count('<option value="ilo">International Labour Organization (ILO)</option>') == 3
    )
    assert 'name="csrfmiddlewaretoken"' in section
    assert "Supported by: “Sunlight Fund”" in text(editor_client.get(change_url(submission)))
    form = read_form(response, "mapping-form")
    assert (form["role-0"], form["name-0"], form["choice-0"]) == (
        ["funder"],
        ["Sunlight Fund"],
        ["keep"],
    )


def test_mapping_before_acceptance_then_accepting(editor):
    submission = received(new_organizations=TYPED)
    client = client_for(editor)

    response = posted(
        client,
        submission,
        **{"choice-0": "new", "choice-1": "org:irish-aid", "choice-2": "other", "other-2": "ilo"},
    )

    assert response.redirect_chain == [(change_url(submission) + "#organization-mapping", 302)]
    assert messages_of(response) == [
        "Organization “Sunlight Fund” created (address sunlight-fund); give it its name in the "
        "other language under Organizations.",
        "“Sunlight Fund” (Supported by) is mapped to “Sunlight Fund”.",
        "“Irish Aid (IA)” (Supported by) is mapped to “Irish Aid”.",
        "“UN Environment Programme” (Implemented by) is mapped to “International Labour "
        "Organization (ILO)”.",
        "Accepting the submission adds the mapped organizations to its draft.",
    ]
    page = text(response)
    assert "Supported by: Sunlight Fund → mapped to Sunlight Fund" in page
    assert re.search(r"\d\d:\d\d · organizations mapped · editor", page)
    # The form shows what is stored: a likely one as that choice, another one in the list.
    assert (
        read_form(response, "mapping-form")["choice-1"],
        read_form(response, "mapping-form")["choice-2"],
        read_form(response, "mapping-form")["other-2"],
    ) == (["org:irish-aid"], ["other"], ["ilo"])
    assert not Case.objects.filter(submissions=submission).exists()

    case = committed(submissions.accept, submission, editor)

    assert rows(case) == [
        ("ilo", "nominator"),
        ("unep", "implementer"),
        ("sunlight-fund", "funder"),
        ("irish-aid", "funder"),
        ("ilo", "implementer"),
    ]


def test_after_acceptance_only_unmapped_names_are_offered_and_go_to_the_draft(editor):
    submission = received(new_organizations=TYPED)
    client = client_for(editor)
    posted(client, submission, **{"choice-1": "org:irish-aid"})
    case = committed(submissions.accept, submission, editor)

    response = client.get(change_url(submission))
    form = read_form(response, "mapping-form")
    assert form["name-0"] == ["Sunlight Fund"] and form["name-1"] == ["UN Environment Programme"]
    assert "Supported by: “Irish Aid (IA)” – mapped to Irish Aid" in text(response)
    assert (
        "For each name still a suggestion, choose the organization it is: it is added to the "
        "draft at once. A published case is never changed from here."
    ) in text(response)

    done = posted(client, submission, **{"choice-1": "org:unep"})

    assert messages_of(done) == [
        f"“UN Environment Programme” (Implemented by) is mapped to “United Nations Environment "
        f"Programme (UNEP)”, which the draft “{case}” names in this role already."
    ]
    done = posted(client, submission, **{"choice-0": "other", "other-0": "unicef"})
    assert messages_of(done) == [
        f"“Sunlight Fund” (Supported by) is mapped to “United Nations Children's Fund "
        f"(UNICEF)” and added to the draft “{case}”."
    ]
    assert rows(case) == [
        ("ilo", "nominator"),
        ("unep", "implementer"),
        ("irish-aid", "funder"),
        ("unicef", "funder"),
    ]
    # Every name is mapped: the form is gone, the names stay listed.
    final = client.get(change_url(submission))
    assert mapping_section(final) == ""
    assert "Supported by: Sunlight Fund → mapped to United Nations Children's Fund (UNICEF)" in (
        text(final)
    )
    # Nothing public: the draft is not listed or shown, the new names appear nowhere.
    public = Client()
    assert public.get(f"/en/cases/{case.slug}/").status_code == 404
    assert "Solar kiosks" not in text(public.get("/en/cases/?q=Solar"))
    assert "Solar kiosks" not in text(public.get("/en/organizations/"))
    assert Case.objects.get(pk=case.pk).publication_status == "draft"


def test_a_published_case_is_left_as_it_is_and_the_editor_is_told(editor):
    transform = Case.objects.get(slug="transform")
    before = rows(transform)
    submission = received(title="TRANSFORM, updated", new_organizations=TYPED)
    committed(submissions.accept_as_changes, submission, transform, editor)
    client = client_for(editor)
    assert (
        "For each name still a suggestion, choose the organization it is. The case made from "
        "this submission is not changed from here: add the organizations in its own change form."
    ) in text(client.get(change_url(submission)))

    done = posted(client, submission, **{"choice-0": "other", "other-0": "unicef"})

    assert messages_of(done) == [
        "“Sunlight Fund” (Supported by) is mapped to “United Nations Children's Fund (UNICEF)”.",
        f"The published case “{transform}” is not changed by mapping: add the organizations in "
        "its own change form.",
    ]
    assert rows(transform) == before


def test_leaving_everything_as_it_was_says_so(editor):
    submission = received(new_organizations=TYPED)
    client = client_for(editor)

    done = posted(client, submission)

    assert messages_of(done) == ["Nothing was changed: every name is as it was."]
    assert [r.history_change_reason for r in submission.history.all()] == ["received"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"choice-0": "other", "other-0": "no-such"},
            "There is no organization with the address “no-such”.",
        ),
        ({"choice-0": "other"}, "Choose the organization for “Sunlight Fund” in the list."),
        (
            {"choice-0": "org:"},
            "The choice for “Sunlight Fund” is not one the form offers: reload the page.",
        ),
        (
            {"choice-0": "delete"},
            "The choice for “Sunlight Fund” is not one the form offers: reload the page.",
        ),
        (
            {"name-0": "Moonlight Fund", "choice-0": "new"},
            "“Moonlight Fund” is not an organization name typed in this submission (the page "
            "may be out of date: reload it).",
        ),
        (
            {"role-0": "owner", "choice-0": "new"},
            "“Sunlight Fund” is not an organization name typed in this submission (the page "
            "may be out of date: reload it).",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_and_writes_nothing(editor, values, message):
    submission = received(new_organizations=TYPED)
    count = Organization.objects.count()

    response = posted(client_for(editor), submission, **values)

    assert response.status_code == 200
    assert messages_of(response) == [message]
    assert Submission.objects.get(pk=submission.pk).organization_mappings == {}
    assert Organization.objects.count() == count


def test_a_declined_submission_is_not_mapped(editor):
    submission = received(new_organizations=TYPED)
    client = client_for(editor)
    form = read_form(client.get(change_url(submission)), "mapping-form")
    committed(submissions.decline, submission, editor, "Not a cooperation.")

    response = client.post(map_url(submission), fill(form, **{"choice-0": "new"}), follow=True)

    assert messages_of(response) == [
        "This submission was declined: its organization names are no longer mapped."
    ]
    assert mapping_section(response) == ""
    assert "Supported by: Sunlight Fund" in text(response)


def test_the_form_needs_its_csrf_token(editor):
    submission = received(new_organizations=TYPED)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(map_url(submission), {"role-0": "funder", "name-0": "Sunlight Fund"})

    assert response.status_code == 403
    assert "表单未能发送" in text(response)  # the refusal page, in the default language


def test_an_editor_without_the_moderate_permission_sees_the_names_but_cannot_map(db):
    viewer = make_staff("viewer", group_without("Editors", "moderate_submission"))
    client = client_for(viewer)
    submission = received(new_organizations=TYPED)

    page = client.get(change_url(submission))
    refused = client.post(
        map_url(submission), {"role-0": "funder", "name-0": "Sunlight Fund", "choice-0": "new"}
    )

    assert "Supported by: Sunlight Fund" in text(page)
    assert mapping_section(page) == ""
    assert refused.status_code == 403
    assert "Access denied" in text(refused)
    assert Submission.objects.get(pk=submission.pk).organization_mappings == {}


def test_the_mapping_address_takes_only_a_post_to_an_existing_submission(editor_client):
    submission = received(new_organizations=TYPED)

    assert editor_client.get(map_url(submission)).status_code == 405
    assert editor_client.post(f"{LIST_URL}999999/organizations/", {}).status_code == 404
    assert editor_client.post(f"{LIST_URL}x%C2%B2/organizations/", {}).status_code == 404
    # The submission's other addresses take such input too.
    assert editor_client.post(f"{LIST_URL}abc/moderate/", {"_accept": "1"}).status_code == 404
    missing = editor_client.get(f"{LIST_URL}abc/change/", follow=True)
    assert missing.redirect_chain[-1] == ("/admin/", 302)


def test_the_chinese_page_speaks_chinese(editor):
    submission = received(new_organizations=TYPED)
    client = client_for(editor, "zh-hans")

    page = client.get(change_url(submission))
    done = posted(client, submission, **{"choice-1": "org:irish-aid"})

    assert choices(page, 0)[0] == ("keep", "保留为建议")
    assert messages_of(done) == [
        "“Irish Aid (IA)”（资助方）已对应到“爱尔兰援助署”。",
        "接受这份提交时，已对应的组织会加入其草稿。",
    ]


def test_a_deleted_draft_is_not_brought_back(editor):
    submission = received(new_organizations=TYPED)
    case = committed(submissions.accept, submission, editor)
    case.delete()
    client = client_for(editor)

    done = posted(client, submission, **{"choice-1": "org:irish-aid"})

    assert messages_of(done) == [
        "“Irish Aid (IA)” (Supported by) is mapped to “Irish Aid”.",
        "The draft made from this submission was deleted: no case was changed.",
    ]
    assert Submission.objects.get(pk=submission.pk).organization_mappings == {
        "funder": {"Irish Aid (IA)": "irish-aid"}
    }
    assert not Case.objects.filter(slug=case.slug).exists()
