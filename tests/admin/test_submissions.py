"""The "Submissions" queue in the admin: who sees and moderates it, what it shows (escaped),
and the moderation flow end to end, from the public form to a draft case."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from cases.models import Case, Submission
from cases.writes import submissions
from tests.admin_client import client_for, make_staff, messages_of
from tests.pages.test_submit import CommittingClient, valid_data
from tests.reading import text
from tests.writes.test_submissions import received

pytestmark = pytest.mark.django_db
LIST_URL = "/admin/cases/submission/"


def change_url(submission):
    return f"{LIST_URL}{submission.pk}/change/"


def moderate_url(submission):
    return f"{LIST_URL}{submission.pk}/moderate/"


def committing_client_for(user):
    client = CommittingClient()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_queue_lists_submissions_with_their_state(editor_client):
    received(title="First practice")
    failed = received(title="Second practice", submitter_email="b@example.org")
    Submission.objects.filter(pk=failed.pk).update(email_problem="received: SMTPException: down")

    page = text(editor_client.get(LIST_URL))

    assert page.index("Second practice") < page.index("First practice")  # newest first
    assert "Not sent: received: SMTPException: down" in page
    assert "Li Wei <li.wei@example.org>" in page
    assert "By status" in page and "By language" in page
    found = text(editor_client.get(LIST_URL + "?q=b%40example.org"))
    assert "Second practice" in found and "First practice" not in found


def test_the_queue_takes_the_same_number_of_queries_at_one_and_three(
    editor_client, django_assert_num_queries
):
    received(title="One")
    with django_assert_num_queries(12) as one:
        editor_client.get(LIST_URL)
    received(title="Two", submitter_email="two@example.org")
    received(title="Three", submitter_email="three@example.org")
    with django_assert_num_queries(len(one.captured_queries)):
        editor_client.get(LIST_URL)


def test_what_the_submitter_typed_is_shown_escaped(editor_client):
    submission = received(
        title="<script>alert('t')</script>",
        challenge="<img src=x onerror=alert(1)>",
        new_organizations={"funder": ["<b>Fund</b>"]},
        links=["https://example.org/?a=<i>"],
        contacts=[
            {"name": "<u>Amina</u>", "job_title": "Lead & <em>co</em>", "email": "a@example.org"},
            {"name": "Bat-Erdene Dorj", "job_title": "", "email": ""},
        ],
    )

    listing = editor_client.get(LIST_URL).content.decode()
    page = editor_client.get(change_url(submission)).content.decode()

    assert "<script>alert(" not in listing and "<script>alert(" not in page
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Supported by: &lt;b&gt;Fund&lt;/b&gt;" in page
    assert "<img src=x" not in page and "<b>Fund</b>" not in page
    assert (
        "&lt;u&gt;Amina&lt;/u&gt; · Lead &amp; &lt;em&gt;co&lt;/em&gt; · a@example.org<br>"
        "Bat-Erdene Dorj"
    ) in page


def test_the_submission_page_shows_names_and_the_moderation_buttons(editor_client):
    submission = received()

    html = editor_client.get(change_url(submission)).content.decode()
    page = text(editor_client.get(change_url(submission)))

    # No "View on site": the submission's only page is the submitter's private one.
    assert submission.token not in html and "View on site" not in page
    assert "Partners installed kiosks.<br><br>- 40 clinics" in html
    assert "Kenya" in page and "Mongolia" in page
    assert "7.1" in page and "3.8" in page
    assert "Nominated by: International Labour Organization (ILO)" in page
    assert "Supported by: Sunlight Fund" in page
    assert "Accept as a new draft case" in page and "Decline" in page
    assert "Add submission" not in page


def test_the_moderation_flow_from_the_public_form_to_a_draft(editor):
    public = CommittingClient()
    public.post("/en/submit/", valid_data())
    submission = Submission.objects.get()
    editor_client = committing_client_for(editor)

    response = editor_client.post(moderate_url(submission), {"_accept": "1"})

    case = Case.objects.get(submissions=submission)
    assert response["Location"] == f"/admin/cases/case/{case.pk}/change/"
    assert messages_of(editor_client.get(response["Location"])) == [
        f"Draft “{case}” created from the submission. Translate it, then send it to review."
    ]
    assert case.publication_status == "draft"
    assert (case.title_en, case.challenge_en, case.solution_en) == (
        "Solar kiosks for rural clinics",
        "Clinics had no **reliable** power.",
        "Partners installed kiosks.\n\n- 40 clinics\n- 2 countries",
    )
    assert sorted(case.sdg_targets.values_list("code", flat=True)) == ["3.8", "7.1"]
    # Still nothing public: not in the list, not at its address.
    assert "Solar kiosks" not in text(public.get("/en/cases/?q=Solar"))
    assert public.get(f"/en/cases/{case.slug}/").status_code == 404
    assert "In review: the editors are preparing it" in text(
        public.get(submission.get_absolute_url())
    )
    assert [email.subject for email in mail.outbox] == [
        "We received your practice “Solar kiosks for rural clinics”",
        "Your practice “Solar kiosks for rural clinics” is in review",
    ]
    steps = text(editor_client.get(change_url(submission)))
    assert re.search(
        r"\d{4}-\d\d-\d\d \d\d:\d\d · received \d{4}-\d\d-\d\d \d\d:\d\d · accepted · editor", steps
    )
    # Decided once: the buttons are gone, the submission links to its draft.
    decided = editor_client.get(change_url(submission)).content.decode()
    assert "Accept as a new draft case" not in decided
    assert f'<a href="/admin/cases/case/{case.pk}/change/">{case}</a>' in decided
    again = editor_client.post(moderate_url(submission), {"_accept": "1"}, follow=True)
    assert messages_of(again) == ["This submission was already accepted by editor."]
    assert Case.objects.filter(submissions=submission).count() == 1


def test_declining_without_a_reason_keeps_the_form_text_and_says_why(editor):
    submission = received()
    client = committing_client_for(editor)

    refused = client.post(moderate_url(submission), {"_decline": "1", "reason": " "}, follow=True)

    assert messages_of(refused) == ["Give the reason for declining: the submitter will read it."]
    submission.refresh_from_db()
    assert submission.status == "received"

    done = client.post(
        moderate_url(submission), {"_decline": "1", "reason": "Not a cooperation."}, follow=True
    )
    assert messages_of(done) == ["The submission was declined; the submitter is told why."]
    submission.refresh_from_db()
    assert (submission.status, submission.decline_reason) == ("declined", "Not a cooperation.")
    assert "Not a cooperation." in mail.outbox[-1].body
    status = text(Client().get(submission.get_absolute_url()))
    assert "Declined" in status and "Not a cooperation." in status


def test_accepting_as_changes_to_a_published_case(editor):
    submission = received(title="TRANSFORM, updated")
    client = committing_client_for(editor)

    unknown = client.post(
        moderate_url(submission), {"_accept_as_changes": "1", "case": "no-such"}, follow=True
    )
    assert messages_of(unknown) == ["There is no published case with the address “no-such”."]

    done = client.post(
        moderate_url(submission), {"_accept_as_changes": "1", "case": "transform"}, follow=True
    )
    transform = Case.objects.get(slug="transform")
    assert messages_of(done)[0] == (
        f"The submission's texts now await review as changes to “{transform}”."
    )
    assert transform.revisions.active().get().content["fields"]["title_en"] == (
        "TRANSFORM, updated"
    )
    assert transform.title_en != "TRANSFORM, updated"


def test_staff_without_the_permission_can_neither_see_nor_moderate(db):
    stranger = make_staff("stranger", "Editors")
    stranger.groups.clear()
    client = client_for(stranger)
    submission = received()

    assert client.get(LIST_URL).status_code == 403
    assert client.post(moderate_url(submission), {"_accept": "1"}).status_code == 403
    assert Submission.objects.get().status == "received"


def test_editors_moderate_and_only_publishers_delete(editor, publisher):
    editor.refresh_from_db()
    assert editor.has_perm("cases.moderate_submission")
    assert publisher.has_perm("cases.moderate_submission")
    assert not editor.has_perm("cases.delete_submission")
    assert publisher.has_perm("cases.delete_submission")
    assert not publisher.has_perm("cases.change_submission")
    assert not publisher.has_perm("cases.add_submission")


def test_moderation_accepts_only_post(editor_client):
    submission = received()

    assert editor_client.get(moderate_url(submission)).status_code == 405
    assert editor_client.post(f"{LIST_URL}999999/moderate/", {"_accept": "1"}).status_code == 404


def side_by_side_rows(response):
    html = response.content.decode()
    table = html[html.index('id="side-by-side"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(
        r"<tr( class=\"differs\")?><th scope=\"row\">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>",
        table,
        re.S,
    )
    return [
        (re.sub(r"\s*<span.*", "", label), submitted, current, bool(differs))
        for differs, label, submitted, current in rows
    ]


def test_a_submission_is_compared_side_by_side_with_a_published_case(editor_client):
    submission = received(title="TRANSFORM", headline="A new headline")

    missing = editor_client.get(change_url(submission) + "?compare=no-such")
    assert "There is no published case with the address “no-such”." in text(missing)
    response = editor_client.get(change_url(submission) + "?compare=transform")

    rows = side_by_side_rows(response)
    transform = Case.objects.get(slug="transform")
    assert [row[0] for row in rows] == [
        "Project name",
        "Tagline",
        "Challenge",
        "Solution",
        "Status",
        "Period",
        "SDG targets",
        "Countries",
    ]
    assert rows[1] == ("Tagline", "A new headline", transform.headline_en, True)
    assert rows[6][1] == "3.8, 7.1"
    # The address carries over to "accept as changes".
    assert 'name="case" id="id_case" maxlength="80" value="transform"' in response.content.decode()


def test_an_accepted_submission_is_compared_with_its_draft(editor):
    submission = received()
    submissions.accept(submission, editor)
    client = committing_client_for(editor)

    rows = side_by_side_rows(client.get(change_url(submission)))

    # The draft holds exactly what was submitted.
    assert [differs for *_values, differs in rows] == [False] * 8
    assert rows[2][1] == rows[2][2] == "Clinics had no **reliable** power."


def test_asking_the_submitter_needs_a_question_and_sends_it(editor, settings):
    settings.SUBMISSIONS_REPLY_TO = "editors@example.org"
    submission = received()
    client = committing_client_for(editor)

    refused = client.post(moderate_url(submission), {"_ask": "1", "question": ""}, follow=True)
    assert messages_of(refused) == ["Write the question: the submitter will read it."]

    done = client.post(
        moderate_url(submission), {"_ask": "1", "question": "Which clinics?"}, follow=True
    )

    assert messages_of(done) == ["The question was emailed to the submitter."]
    email = mail.outbox[-1]
    assert (email.to, email.reply_to) == (["li.wei@example.org"], ["editors@example.org"])
    submission.refresh_from_db()
    assert (submission.status, submission.question) == ("received", "Which clinics?")
    # Still open to a decision.
    assert "Accept as a new draft case" in text(done)
