"""Pending revisions through the real admin forms: an Editor's change to a published case waits
for a Publisher; the Editor keeps editing it, a second Editor edits the same revision under the
same locking rules; a Publisher approves it (after a field-by-field and row-by-row difference),
sends it back with a comment, or publishes an own edit at once or saves it for review."""

import pytest
from django.contrib.admin.models import LogEntry

from cases.models import Case, CaseRevision, Contact, Organization
from cases.reads.revisions import active_revision
from cases.writes.locking import save_locked
from tests.admin_client import (
    add_inline_row,
    case_change_url,
    client_for,
    fill,
    messages_of,
    read_form,
)

pytestmark = pytest.mark.django_db

SLUG = "ilo-sse-academy"


def revision_url(case):
    return f"/admin/cases/case/{case.pk}/changes/"


def stored():
    return Case.objects.get(slug=SLUG)


def edit(client, **values):
    """Open the case's change form, type `values`, save; returns the response (followed)."""
    case = stored()
    form = fill(read_form(client.get(case_change_url(case))), **values)
    return client.post(case_change_url(case), form, follow=True)


def unep():
    return Organization.objects.get(slug="unep")


def contact_index(data, name):
    total = int(data["contacts-TOTAL_FORMS"][0])
    return next(i for i in range(total) if data[f"contacts-{i}-name"] == [name])


def test_an_editor_s_save_of_a_published_case_waits_for_review(editor_client, editor):
    before = stored()
    form = read_form(editor_client.get(case_change_url(before)))
    laura = contact_index(form, "Laura Cicciarelli")
    fill(
        form,
        title_en="Renamed by the editor",
        sdg_targets=["8.5"],
        **{f"contacts-{laura}-email": "laura@example.org", "casecountry_set-0-role": "provider"},
    )
    add_inline_row(form, "links", url="https://example.org/new-link", label_en="New link")
    add_inline_row(form, "caseorganization_set", organization=unep().pk, role="funder")

    response = editor_client.post(case_change_url(before), form, follow=True)

    assert messages_of(response) == [
        "Your changes to “ILO Social and Solidarity Economy Academy” are saved and await review by a Publisher. "
        "The public sees the published version until then."
    ]
    case = stored()
    assert (case.title_en, case.version) == (before.title_en, before.version)
    assert set(case.sdg_targets.values_list("code", flat=True)) != {"8.5"}
    assert not case.links.filter(url="https://example.org/new-link").exists()
    assert Contact.objects.get(case=case, name="Laura Cicciarelli").email != "laura@example.org"
    assert set(case.casecountry_set.values_list("role", flat=True)) == {""}
    assert not case.caseorganization_set.filter(organization=unep()).exists()
    revision = active_revision(case)
    rows = revision.content["rows"]
    assert rows["countries"][0]["values"] == {"country_id": "BR", "role": "provider", "order": 0}
    assert {"organization_id": unep().pk, "role": "funder", "order": 0} in [
        row["values"] for row in rows["organizations"]
    ]
    assert (revision.status, revision.proposed_by, revision.base_version) == (
        "open",
        editor,
        before.version,
    )
    # The form shows the revision: its title, targets, contact and new link, with the banner.
    page = response.content.decode()
    assert "These changes await review by a Publisher; the public sees the published version." in (
        page
    )
    shown = read_form(response)
    assert shown["title_en"] == ["Renamed by the editor"]
    assert shown["sdg_targets"] == ["8.5"]
    assert shown[f"contacts-{contact_index(shown, 'Laura Cicciarelli')}-email"] == [
        "laura@example.org"
    ]
    new_link = [k for k, v in shown.items() if v == ["https://example.org/new-link"]]
    assert len(new_link) == 1 and new_link[0].startswith("links-")
    assert shown["expected_revision"] == [revision.token]


def test_the_editor_goes_on_editing_the_revision(editor_client):
    edit(editor_client, title_en="First draft of the change")
    response = edit(editor_client, headline_en="A new headline")

    revision = active_revision(stored())
    assert revision.version == 2
    assert (revision.content["fields"]["title_en"], revision.content["fields"]["headline_en"]) == (
        "First draft of the change",
        "A new headline",
    )
    assert read_form(response)["title_en"] == ["First draft of the change"]
    assert CaseRevision.objects.filter(case=stored()).count() == 1


def test_a_row_removed_in_the_revision_is_shown_removed_and_stays_live(editor_client):
    form = read_form(editor_client.get(case_change_url(stored())))
    fill(form, **{f"contacts-{contact_index(form, 'Laura Cicciarelli')}-DELETE": "on"})
    response = editor_client.post(case_change_url(stored()), form, follow=True)

    shown = read_form(response)
    assert shown[f"contacts-{contact_index(shown, 'Laura Cicciarelli')}-DELETE"] == ["on"]
    assert Contact.objects.filter(case=stored(), name="Laura Cicciarelli").exists()
    names = [row["values"]["name"] for row in active_revision(stored()).content["rows"]["contacts"]]
    assert names == ["Roberto Di Meglio"]


def test_a_second_editor_edits_the_same_revision_under_the_same_locking(editor, second_editor):
    first, second = client_for(editor), client_for(second_editor)
    edit(first, title_en="Proposed title")
    form_a = read_form(first.get(case_change_url(stored())))
    form_b = read_form(second.get(case_change_url(stored())))
    assert form_b["title_en"] == ["Proposed title"]
    roberto = contact_index(form_b, "Roberto Di Meglio")
    fill(form_b, **{f"contacts-{roberto}-name": "Roberto Di Meglio (ILO)"})
    assert second.post(case_change_url(stored()), form_b).status_code == 302

    fill(form_a, challenge_en="A's challenge.")
    refused = first.post(case_change_url(stored()), form_a)

    errors = list(refused.context["adminform"].form.non_field_errors())
    assert errors[0].startswith(
        "Not saved: editor_b saved the changes awaiting review at "
    ) and errors[0].endswith("Everything you typed is still in the form below.")
    assert "Contact “Roberto Di Meglio”: changed (Name: “Roberto Di Meglio” → " in " ".join(errors)
    again = read_form(refused)
    assert again[f"contacts-{roberto}-name"] == ["Roberto Di Meglio (ILO)"]
    assert first.post(case_change_url(stored()), again).status_code == 302
    content = active_revision(stored()).content
    assert content["fields"]["challenge_en"] == "A's challenge."
    assert content["fields"]["title_en"] == "Proposed title"
    assert [row["values"]["name"] for row in content["rows"]["contacts"]][0] == (
        "Roberto Di Meglio (ILO)"
    )
    assert stored().contacts.filter(name="Roberto Di Meglio").exists()  # the live case: as it was


def test_a_form_opened_before_the_revision_existed_is_merged_with_it(editor, second_editor):
    first, second = client_for(editor), client_for(second_editor)
    form_a = read_form(first.get(case_change_url(stored())))
    assert form_a["expected_revision"] == [""]
    edit(second, title_en="B's proposed title")

    refused = first.post(case_change_url(stored()), fill(form_a, headline_en="A's headline"))

    again = read_form(refused)
    assert (again["title_en"], again["headline_en"]) == (["B's proposed title"], ["A's headline"])
    assert first.post(case_change_url(stored()), again).status_code == 302
    fields = active_revision(stored()).content["fields"]
    assert (fields["title_en"], fields["headline_en"]) == ("B's proposed title", "A's headline")


def test_the_review_page_shows_the_difference_and_approval_publishes_it(
    editor_client, publisher_client, publisher
):
    live_title = stored().title_en
    form = read_form(editor_client.get(case_change_url(stored())))
    fill(
        form,
        title_en="Approved title",
        **{f"contacts-{contact_index(form, 'Laura Cicciarelli')}-email": "laura@example.org"},
    )
    editor_client.post(case_change_url(stored()), form)

    page = publisher_client.get(revision_url(stored()))

    text = page.content.decode()
    assert f"<del>{live_title}</del>" in text and "<ins>Approved title</ins>" in text
    assert "Contact “Laura Cicciarelli”: changed" in text
    assert "<ins>laura@example.org</ins>" in text
    assert "The published case was changed" not in text
    approve = read_form(page, "approve-form")
    approve["_approve"] = ["yes"]
    response = publisher_client.post(revision_url(stored()), approve, follow=True)

    assert messages_of(response) == [
        "Approved: the changes to “ILO Social and Solidarity Economy Academy” are now public."
    ]
    case = stored()
    assert case.title_en == "Approved title"
    assert Contact.objects.get(case=case, name="Laura Cicciarelli").email == "laura@example.org"
    assert active_revision(case) is None
    history = publisher_client.get(f"/admin/cases/case/{case.pk}/history/").content.decode()
    assert "Revision proposed by editor on " in history and ", approved by publisher" in history
    assert "Proposed" in history and "Approved" in history


def test_the_review_page_says_when_the_published_case_changed_meanwhile(
    editor_client, publisher_client, publisher
):
    edit(editor_client, title_en="From the revision")
    case = stored()
    save_locked(
        case, user=publisher, reason="", expected_version=case.version, values={"source_en": "S2"}
    )

    page = publisher_client.get(revision_url(case)).content.decode()

    assert "The published case was changed after these changes were started." in page
    assert "Changed in both" not in page
    assert "Approving keeps those changes wherever these changes leave the same field" in page
    assert "<ins>S2</ins>" in page
    approve = read_form(publisher_client.get(revision_url(case)), "approve-form")
    approve["_approve"] = ["yes"]
    publisher_client.post(revision_url(case), approve)
    case = stored()
    assert (case.title_en, case.source_en) == ("From the revision", "S2")


def test_an_approval_on_a_stale_page_is_refused_and_shows_the_difference_again(
    editor_client, publisher_client, publisher
):
    edit(editor_client, title_en="From the revision")
    page = publisher_client.get(revision_url(stored()))
    approve = read_form(page, "approve-form")
    case = stored()
    save_locked(
        case, user=publisher, reason="", expected_version=case.version, values={"source_en": "S3"}
    )

    approve["_approve"] = ["yes"]
    response = publisher_client.post(revision_url(case), approve)

    assert response.status_code == 200
    assert messages_of(response) == [
        "Not done: the published case was saved after you opened this page. "
        "Check the differences below, then try again."
    ]
    assert "<ins>S3</ins>" in response.content.decode()
    assert stored().title_en != "From the revision"


def test_an_editor_cannot_approve(editor_client):
    edit(editor_client, title_en="From the revision")
    page = editor_client.get(revision_url(stored()))
    assert "approve-form" not in page.content.decode()

    response = editor_client.post(
        revision_url(stored()),
        {"_approve": "yes", "expected_revision_version": "1", "expected_live_version": "1"},
    )

    assert messages_of(response) == ["Not done: Only publishers can approve changes."]
    assert stored().title_en != "From the revision"


def test_sending_back_needs_a_comment_which_the_editor_then_sees(editor_client, publisher_client):
    edit(editor_client, title_en="Needs work")
    send_back = read_form(publisher_client.get(revision_url(stored())), "send-back-form")
    send_back["_send_back"] = ["yes"]

    refused = publisher_client.post(revision_url(stored()), send_back)
    assert messages_of(refused) == ["Not done: Say what should change: the comment is required."]

    send_back["comment"] = ["Please keep the official English title."]
    done = publisher_client.post(revision_url(stored()), send_back, follow=True)
    assert messages_of(done) == [
        "Sent back: the editors see your comment on “ILO Social and Solidarity Economy Academy”."
    ]
    assert active_revision(stored()).status == "sent_back"

    page = editor_client.get(case_change_url(stored()))
    text = page.content.decode()
    assert "Sent back by publisher on " in text
    assert "Please keep the official English title." in text
    assert read_form(page)["title_en"] == ["Needs work"]
    # Saving again sends it for review again.
    edit(editor_client, title_en="Better now")
    assert active_revision(stored()).status == "open"


def test_discarding_the_changes_leaves_the_published_case(editor_client):
    title = stored().title_en
    edit(editor_client, title_en="Never mind")
    withdraw = read_form(editor_client.get(revision_url(stored())), "withdraw-form")
    withdraw["_withdraw"] = ["yes"]

    response = editor_client.post(revision_url(stored()), withdraw, follow=True)

    assert messages_of(response) == [
        "Discarded the changes to “ILO Social and Solidarity Economy Academy” that awaited review."
    ]
    assert active_revision(stored()) is None
    assert read_form(response)["title_en"] == [title]


def test_a_publisher_publishes_an_own_edit_at_once(publisher_client):
    response = edit(publisher_client, title_en="Published at once", _save="Save and publish now")

    assert stored().title_en == "Published at once"
    assert active_revision(stored()) is None
    assert response.status_code == 200


def test_a_publisher_may_save_an_edit_for_review_then_publish_it_from_the_form(publisher_client):
    title = stored().title_en
    case = stored()
    form = fill(read_form(publisher_client.get(case_change_url(case))), title_en="For review")
    form["_save_as_revision"] = ["Save as a revision for review"]
    publisher_client.post(case_change_url(case), form)
    assert stored().title_en == title
    assert active_revision(stored()).content["fields"]["title_en"] == "For review"

    response = edit(publisher_client, headline_en="And a headline", _save="Save and publish now")

    assert messages_of(response) == [
        "“ILO Social and Solidarity Economy Academy” was saved and published."
    ]
    case = stored()
    assert (case.title_en, case.headline_en) == ("For review", "And a headline")
    assert active_revision(case) is None


def test_the_save_buttons_say_where_the_changes_go(editor_client, publisher_client):
    editor_page = editor_client.get(case_change_url(stored())).content.decode()
    publisher_page = publisher_client.get(case_change_url(stored())).content.decode()

    assert 'value="Save for review"' in editor_page
    assert 'name="_continue"' not in editor_page and 'name="_save_as_revision"' not in editor_page
    assert 'value="Save and publish now"' in publisher_page
    assert 'value="Save as a revision for review"' in publisher_page
    assert "when you save, your changes wait for a Publisher's review" in editor_page


def test_an_editor_s_restore_of_a_published_case_waits_for_review(editor_client, publisher_client):
    title = stored().title_en
    edit(publisher_client, title_en="Renamed by the publisher", _save="Save and publish now")
    baseline = stored().history.get(history_change_reason="baseline")
    url = f"/admin/cases/case/{stored().pk}/history/{baseline.history_id}/"
    assert "the restored version waits for a Publisher's review" in (
        editor_client.get(url).content.decode()
    )

    response = editor_client.post(url, {"expected_version": stored().version}, follow=True)

    assert messages_of(response)[0].startswith("The version of ")
    assert messages_of(response)[0].endswith(
        "is saved as changes that await review by a Publisher. "
        "The public sees the published version until then."
    )
    assert stored().title_en == "Renamed by the publisher"
    assert active_revision(stored()).content["fields"]["title_en"] == title


def test_the_review_page_names_what_both_changed(editor_client, publisher_client, publisher):
    edit(editor_client, title_en="From the revision")
    case = stored()
    save_locked(
        case, user=publisher, reason="", expected_version=case.version, values={"title_en": "Live"}
    )

    page = publisher_client.get(revision_url(case)).content.decode()

    assert "Changed in both: approving takes the text of these changes for Title [en]." in page
    assert "<del>Live</del>" in page and "<ins>From the revision</ins>" in page


def test_the_message_and_the_log_name_the_case_as_published(editor_client):
    response = edit(editor_client, short_name_en="A proposed short name")

    assert messages_of(response)[0].startswith(
        "Your changes to “ILO Social and Solidarity Economy Academy” are saved"
    )
    entry = LogEntry.objects.get(object_id=str(stored().pk))
    assert (entry.object_repr, entry.get_change_message()) == (
        "ILO Social and Solidarity Economy Academy",
        "Saved changes for review.",
    )
