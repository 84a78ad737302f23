"""Moderating public submissions (cases.writes.submissions): accept as a draft with exactly
the submitted content, accept as changes awaiting review, decline with a reason, the emails
of each step, and erasing a submitter's data on request."""

import io
import json

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from cases.models import Case, Submission
from cases.workflow import reason_label
from cases.writes import submissions
from cases.writes.revisions import RevisionRefused
from tests.admin_client import make_staff

pytestmark = pytest.mark.django_db


def received(**changes):
    values = {
        "title": "Solar kiosks for rural clinics",
        "headline": "Clinics keep vaccines cold with solar power.",
        "challenge": "Clinics had no **reliable** power.",
        "solution": "Partners installed kiosks.\n\n- 40 clinics",
        "countries": ["KE", "MN"],
        "sdg_targets": ["7.1", "3.8"],
        "organizations": {"nominator": ["ilo"], "implementer": ["unep"]},
        "new_organizations": {"funder": ["Sunlight Fund"]},
        "project_status": "completed",
        "start_year": 2019,
        "end_year": 2022,
        "links": ["https://example.org/solar"],
        "contacts": [
            {"name": "Amina Otieno", "job_title": "Programme lead", "email": "amina@example.org"},
            {"name": "Bat-Erdene Dorj", "job_title": "Engineer, Gobi Power", "email": ""},
        ],
        "submitter_name": "Li Wei",
        "submitter_organization": "Rural Power Trust",
        "submitter_email": "li.wei@example.org",
        "consent_contact": True,
        "consent_publish_contact": True,
    }
    values.update(changes)
    language = values.pop("language", "en")
    with TestCase.captureOnCommitCallbacks(execute=True):
        return submissions.receive(values, language)


def committed(function, *args):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(*args)


def test_accepting_makes_a_draft_with_exactly_the_submitted_content(editor):
    submission = received()

    case = committed(submissions.accept, submission, editor)

    case.refresh_from_db()
    assert case.publication_status == "draft"
    assert case.slug == "solar-kiosks-for-rural-clinics"
    assert (case.title_en, case.headline_en) == (
        "Solar kiosks for rural clinics",
        "Clinics keep vaccines cold with solar power.",
    )
    assert case.challenge_en == "Clinics had no **reliable** power."
    assert case.solution_en == "Partners installed kiosks.\n\n- 40 clinics"
    assert (case.title_zh_hans, case.challenge_zh_hans) == (None, None)
    assert (case.status, case.start_year, case.end_year) == ("completed", 2019, 2022)
    # The submitter stated the status in the year they wrote.
    assert case.status_as_of == timezone.localdate(submission.created_at).year
    assert case.source_en == (
        f"Shared through “Share your practice” (submission no. {submission.pk}, "
        f"{submission.created_at.date().isoformat()})"
    )
    assert sorted(case.sdg_targets.values_list("code", flat=True)) == ["3.8", "7.1"]
    assert list(case.casecountry_set.order_by("order").values_list("country_id", flat=True)) == [
        "KE",
        "MN",
    ]
    assert list(
        case.caseorganization_set.order_by("order").values_list("organization__slug", "role")
    ) == [("ilo", "nominator"), ("unep", "implementer")]
    assert list(case.links.values_list("url", flat=True)) == ["https://example.org/solar"]
    assert list(case.contacts.values_list("name", "job_title_en", "email", "order")) == [
        ("Amina Otieno", "Programme lead", "amina@example.org", 0),
        ("Bat-Erdene Dorj", "Engineer, Gobi Power", "", 1),
    ]
    assert case.history.get().history_change_reason == "submission"
    assert reason_label("submission") == "Created from a public submission"
    assert case.history.get().history_user == editor
    # Not public: drafts never are.
    assert not Case.objects.published().filter(pk=case.pk).exists()

    submission.refresh_from_db()
    assert (submission.status, submission.case, submission.decided_by) == (
        "accepted",
        case,
        "editor",
    )
    assert submission.public_status == "in_review"
    assert [step.history_change_reason for step in submission.history.order_by("history_id")] == [
        "received",
        "accepted",
    ]
    assert [email.subject for email in mail.outbox] == [
        "We received your practice “Solar kiosks for rural clinics”",
        "Your practice “Solar kiosks for rural clinics” is in review",
    ]


def test_a_chinese_submission_fills_the_chinese_fields(editor):
    submission = received(language="zh-hans", title="农村诊所的太阳能亭", challenge="没有电。")

    case = committed(submissions.accept, submission, editor)

    assert (case.title_zh_hans, case.challenge_zh_hans, case.title_en) == (
        "农村诊所的太阳能亭",
        "没有电。",
        None,
    )
    assert case.slug == f"submission-{submission.pk}"
    assert case.source_zh_hans.startswith("通过“分享您的实践”提交")


def test_contacts_are_copied_only_with_consent_to_publish_them(editor):
    case = committed(submissions.accept, received(consent_publish_contact=False), editor)

    assert case.contacts.count() == 0


def test_the_status_follows_the_case_to_publication(editor, publisher):
    submission = received()
    case = committed(submissions.accept, submission, editor)
    case.publication_status = Case.PublicationStatus.PUBLISHED
    case.save()

    submission.refresh_from_db()
    assert submission.public_status == "published"


def test_a_submission_is_decided_once(editor, second_editor):
    submission = received()
    committed(submissions.accept, submission, editor)

    with pytest.raises(submissions.SubmissionRefused) as refused:
        submissions.decline(submission, second_editor, "Not South-South.")

    assert str(refused.value) == "This submission was already accepted by editor."
    assert Case.objects.filter(submissions=submission).count() == 1


def test_declining_needs_a_reason_and_tells_the_submitter(editor):
    submission = received()

    with pytest.raises(submissions.SubmissionRefused) as refused:
        submissions.decline(submission, editor, "   ")
    assert str(refused.value) == "Give the reason for declining: the submitter will read it."

    committed(submissions.decline, submission, editor, "It is not a cooperation between countries.")

    submission.refresh_from_db()
    assert (submission.status, submission.public_status) == ("declined", "declined")
    assert submission.decline_reason == "It is not a cooperation between countries."
    email = mail.outbox[-1]
    assert email.subject == "About your practice “Solar kiosks for rural clinics”"
    assert "Their reason:\n\nIt is not a cooperation between countries." in email.body


def test_replies_go_to_the_editors(settings):
    settings.SUBMISSIONS_REPLY_TO = "editors@example.org"

    received()

    assert mail.outbox[0].reply_to == ["editors@example.org"]


def test_only_moderators_decide(db):
    nobody = make_staff("viewer", "Editors")
    nobody.groups.clear()

    with pytest.raises(PermissionDenied):
        submissions.accept(received(), nobody)


def test_accepting_as_changes_proposes_a_revision_and_changes_nothing_public(editor):
    case = Case.objects.get(slug="transform")
    before = (case.title_en, case.challenge_en)
    submission = received(title="TRANSFORM, updated", challenge="A newer challenge.")

    committed(submissions.accept_as_changes, submission, case, editor)

    case.refresh_from_db()
    assert (case.title_en, case.challenge_en) == before
    revision = case.revisions.active().get()
    assert revision.content["fields"]["title_en"] == "TRANSFORM, updated"
    assert revision.content["fields"]["challenge_en"] == "A newer challenge."
    assert set(revision.content["sdg_targets"]) >= {"7.1", "3.8"}
    submission.refresh_from_db()
    assert (submission.status, submission.changes_published_case) == ("accepted", True)
    assert submission.public_status == "in_review"


def test_changes_that_break_a_rule_are_refused_and_the_submission_stays(editor):
    case = Case.objects.get(slug="transform")
    submission = received(start_year=2020, end_year=2010)

    with pytest.raises(RevisionRefused):
        submissions.accept_as_changes(submission, case, editor)

    submission.refresh_from_db()
    assert submission.status == "received"


def test_a_submitters_data_is_exported_and_erased_with_its_history(editor):
    submission = received()
    committed(submissions.accept, submission, editor)

    out = io.StringIO()
    call_command("submitter_data", "li.wei@example.org", stdout=out)
    [row] = json.loads(out.getvalue())
    assert (row["submitter_name"], row["title"]) == ("Li Wei", "Solar kiosks for rural clinics")
    assert [contact["name"] for contact in row["contacts"]] == ["Amina Otieno", "Bat-Erdene Dorj"]
    assert "contact_name" not in row

    out = io.StringIO()
    call_command("submitter_data", "LI.WEI@example.org", "--erase", stdout=out)

    assert out.getvalue().startswith(
        "Erased the submitter's data from 1 submission(s) and 2 history row(s). Backups made "
        "before now still hold it"
    )
    submission.refresh_from_db()
    assert (submission.submitter_name, submission.submitter_email) == ("", "")
    assert submission.title == "Solar kiosks for rural clinics"
    assert not Submission.history.filter(submitter_name="Li Wei").exists()
    assert not Submission.history.filter(submitter_email__iexact="li.wei@example.org").exists()
    assert submission.history.latest("history_id").history_change_reason == "erased"


def test_erasing_removes_the_contact_where_it_is_the_submitter(db):
    amina = {"name": "Amina Otieno", "job_title": "Programme lead", "email": "amina@example.org"}
    li_wei = {"name": "Li Wei", "job_title": "Director", "email": "LI.WEI@example.org"}
    own = received(contacts=[li_wei, amina])
    other = received(title="Another", submitter_email="li.wei@example.org")

    call_command("submitter_data", "li.wei@example.org", "--erase", stdout=io.StringIO())

    own.refresh_from_db()
    other.refresh_from_db()
    assert own.contacts == [amina]
    assert other.contacts == [
        amina,
        {"name": "Bat-Erdene Dorj", "job_title": "Engineer, Gobi Power", "email": ""},
    ]
    histories = Submission.history.filter(id__in=[own.pk, other.pk])
    assert all(li_wei not in row.contacts for row in histories)
    assert [row.contacts for row in own.history.order_by("history_id")] == [[amina], [amina]]


def test_without_a_status_the_draft_states_no_year(editor):
    case = committed(submissions.accept, received(project_status=""), editor)

    case.refresh_from_db()
    assert (case.status, case.status_as_of) == ("ongoing", None)
