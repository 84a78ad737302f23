"""Mapping the organization names a submitter typed (cases.writes.submission_mapping): stored
before acceptance and added by `accept`, added to the draft at once after it (under the case's
lock, with a history record), never to a published case; every refusal writes nothing."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case, CaseOrganization, Organization, Submission
from cases.workflow import reason_label
from cases.writes import submission_mapping, submissions
from cases.writes.locking import StaleCaseError, claim_version
from cases.writes.submission_mapping import Decision, MappingRefused
from tests.admin_client import make_staff
from tests.writes.test_submissions import committed, received

pytestmark = pytest.mark.django_db


def organization_rows(case):
    return list(
        CaseOrganization.objects.filter(case=case)
        .order_by("order", "pk")
        .values_list("organization__slug", "role")
    )


def steps(submission):
    return [record.history_change_reason for record in submission.history.order_by("history_id")]


def mapped(submission, *decisions, user):
    return submission_mapping.map_organizations(submission, user, list(decisions))


def test_a_mapping_before_acceptance_is_stored_and_accepting_adds_it(editor):
    submission = received()

    result = mapped(submission, Decision("funder", "Sunlight Fund", slug="irish-aid"), user=editor)

    assert result.where == submission_mapping.BEFORE_ACCEPTANCE
    assert [(item.name, item.organization.slug, item.created) for item in result.mapped] == [
        ("Sunlight Fund", "irish-aid", False)
    ]
    submission.refresh_from_db()
    assert submission.organization_mappings == {"funder": {"Sunlight Fund": "irish-aid"}}
    assert steps(submission) == ["received", "mapped"]
    assert submission.history.latest("history_id").history_user == editor
    assert not Case.objects.filter(submissions=submission).exists()

    case = committed(submissions.accept, submission, editor)

    # The picked ones first, then the mapped one, in its role.
    assert organization_rows(case) == [
        ("ilo", "nominator"),
        ("unep", "implementer"),
        ("irish-aid", "funder"),
    ]
    assert steps(submission) == ["received", "mapped", "accepted"]
    assert not Case.objects.published().filter(pk=case.pk).exists()


def test_a_name_mapped_to_an_organization_also_picked_is_added_once(editor):
    submission = received(new_organizations={"nominator": ["The ILO", "UNEP"]})
    mapped(
        submission,
        Decision("nominator", "The ILO", slug="ilo"),
        Decision("nominator", "UNEP", slug="unep"),
        user=editor,
    )

    case = committed(submissions.accept, submission, editor)

    # ILO was picked as nominator too; UNEP was picked as implementer, a different role.
    assert organization_rows(case) == [
        ("ilo", "nominator"),
        ("unep", "implementer"),
        ("unep", "nominator"),
    ]


def test_creating_an_organization_names_it_in_the_submissions_language(editor):
    english = received()
    chinese = received(
        language="zh-hans",
        title="农村诊所",
        submitter_email="wang@example.org",
        new_organizations={"implementer": ["阳光基金会", "北京大学"]},
    )

    mapped(english, Decision("funder", "Sunlight Fund", create=True), user=editor)
    result = mapped(
        chinese,
        Decision("implementer", "阳光基金会", create=True),
        Decision("implementer", "北京大学", create=True),
        user=editor,
    )

    sunlight = Organization.objects.get(slug="sunlight-fund")
    assert (sunlight.name_en, sunlight.name_zh_hans, sunlight.kind) == (
        "Sunlight Fund",
        None,
        "civil_society",
    )
    assert [(item.organization.slug, item.created) for item in result.mapped] == [
        ("yang-guang-ji-jin-hui", True),
        ("bei-jing-da-xue", True),
    ]
    university = Organization.objects.get(slug="bei-jing-da-xue")
    assert (university.name_zh_hans, university.name_en, university.kind) == (
        "北京大学",
        None,
        "academic",
    )
    chinese.refresh_from_db()
    assert chinese.organization_mappings == {
        "implementer": {"阳光基金会": "yang-guang-ji-jin-hui", "北京大学": "bei-jing-da-xue"}
    }


def test_creating_a_name_an_organization_has_already_uses_that_one(editor):
    submission = received(new_organizations={"funder": ["Irish Aid"]})

    result = mapped(submission, Decision("funder", "Irish Aid", create=True), user=editor)

    assert [(item.organization.slug, item.created) for item in result.mapped] == [
        ("irish-aid", False)
    ]
    assert Organization.objects.filter(name_en="Irish Aid").count() == 1


def test_after_acceptance_a_mapping_is_added_to_the_draft_under_its_lock(editor):
    submission = received()
    case = committed(submissions.accept, submission, editor)
    opened_at = Case.objects.get(pk=case.pk).version  # an editor has the draft open

    with CaptureQueriesContext(connection) as queries:
        result = mapped(
            submission, Decision("funder", "Sunlight Fund", slug="irish-aid"), user=editor
        )

    if connection.vendor == "postgresql":  # SQLite has no row locks (it locks the database)
        locks = [query["sql"] for query in queries if "FOR UPDATE" in query["sql"]]
        assert [sql.split(" FOR UPDATE", 1)[1] for sql in locks] == ["", ' OF "cases_case"']
    assert result.where == submission_mapping.DRAFT
    assert result.case == case
    assert organization_rows(case) == [
        ("ilo", "nominator"),
        ("unep", "implementer"),
        ("irish-aid", "funder"),
    ]
    case.refresh_from_db()
    assert case.version == opened_at + 1
    assert case.publication_status == "draft"
    record = case.history.latest("history_id")
    assert (record.history_change_reason, record.history_user) == ("submission-mapped", editor)
    assert reason_label("submission-mapped") == "Organizations added from a public submission"
    row = CaseOrganization.objects.get(case=case, role="funder")
    assert row.history.get().history_user == editor
    # The editor who opened the draft before the mapping saves into a conflict, not over it.
    with pytest.raises(StaleCaseError):
        claim_version(case, opened_at)
    assert steps(submission) == ["received", "accepted", "mapped"]
    assert not Case.objects.published().filter(pk=case.pk).exists()


def test_an_organization_the_draft_names_already_is_not_added_twice(editor):
    submission = received(new_organizations={"nominator": ["ILO"]})
    case = committed(submissions.accept, submission, editor)
    version = Case.objects.get(pk=case.pk).version

    result = mapped(submission, Decision("nominator", "ILO", slug="ilo"), user=editor)

    assert [item.already_on_case for item in result.mapped] == [True]
    assert organization_rows(case) == [("ilo", "nominator"), ("unep", "implementer")]
    assert Case.objects.get(pk=case.pk).version == version  # the case was not written
    submission.refresh_from_db()
    assert submission.organization_mappings == {"nominator": {"ILO": "ilo"}}


def test_a_published_case_is_never_changed_by_mapping(editor):
    transform = Case.objects.get(slug="transform")
    rows_before = organization_rows(transform)
    version = transform.version
    as_changes = received(title="TRANSFORM, updated")
    committed(submissions.accept_as_changes, as_changes, transform, editor)
    published_draft = received(title="Published since", submitter_email="p@example.org")
    draft = committed(submissions.accept, published_draft, editor)
    Case.objects.filter(pk=draft.pk).update(publication_status=Case.PublicationStatus.PUBLISHED)
    draft_rows = organization_rows(draft)

    first = mapped(as_changes, Decision("funder", "Sunlight Fund", slug="unicef"), user=editor)
    second = mapped(
        published_draft, Decision("funder", "Sunlight Fund", slug="unicef"), user=editor
    )

    assert (first.where, first.case) == (submission_mapping.PUBLISHED, transform)
    assert (second.where, second.case.pk) == (submission_mapping.PUBLISHED, draft.pk)
    assert organization_rows(transform) == rows_before
    assert Case.objects.get(pk=transform.pk).version == version
    assert organization_rows(draft) == draft_rows
    as_changes.refresh_from_db()
    assert as_changes.organization_mappings == {"funder": {"Sunlight Fund": "unicef"}}


def test_a_mapping_can_be_taken_back_before_acceptance(editor):
    submission = received()
    mapped(submission, Decision("funder", "Sunlight Fund", slug="irish-aid"), user=editor)

    result = mapped(submission, Decision("funder", "Sunlight Fund"), user=editor)

    assert result.unmapped == [("funder", "Sunlight Fund")]
    submission.refresh_from_db()
    assert submission.organization_mappings == {}
    case = committed(submissions.accept, submission, editor)
    assert organization_rows(case) == [("ilo", "nominator"), ("unep", "implementer")]


def test_nothing_to_change_writes_nothing(editor):
    submission = received()

    result = mapped(submission, Decision("funder", "Sunlight Fund"), user=editor)

    assert not result.changed
    assert steps(submission) == ["received"]


def refused(submission, decision, user):
    with pytest.raises(MappingRefused) as error:
        mapped(submission, decision, user=user)
    return str(error.value)


def test_bad_decisions_are_refused_and_write_nothing(editor):
    submission = received()
    count = Organization.objects.count()

    assert refused(submission, Decision("funder", "Moonlight Fund", slug="ilo"), editor) == (
        "“Moonlight Fund” is not an organization name typed in this submission (the page may "
        "be out of date: reload it)."
    )
    assert refused(submission, Decision("donor", "Sunlight Fund", slug="ilo"), editor) == (
        "“Sunlight Fund” is not an organization name typed in this submission (the page may "
        "be out of date: reload it)."
    )
    assert refused(submission, Decision("funder", "Sunlight Fund", slug="no-such"), editor) == (
        "There is no organization with the address “no-such”."
    )
    # One bad decision among good ones: none is taken.
    with pytest.raises(MappingRefused):
        mapped(
            submission,
            Decision("funder", "Sunlight Fund", create=True),
            Decision("funder", "Typo", create=True),
            user=editor,
        )
    submission.refresh_from_db()
    assert submission.organization_mappings == {}
    assert steps(submission) == ["received"]
    assert Organization.objects.count() == count


def test_a_declined_submission_is_not_mapped(editor):
    submission = received()
    committed(submissions.decline, submission, editor, "Not a cooperation.")

    assert refused(submission, Decision("funder", "Sunlight Fund", slug="ilo"), editor) == (
        "This submission was declined: its organization names are no longer mapped."
    )


def test_after_acceptance_a_mapped_name_stays_mapped(editor):
    submission = received()
    mapped(submission, Decision("funder", "Sunlight Fund", slug="irish-aid"), user=editor)
    committed(submissions.accept, submission, editor)

    assert refused(submission, Decision("funder", "Sunlight Fund", slug="unicef"), editor) == (
        "“Sunlight Fund” was already mapped to “Irish Aid” after the submission was accepted: "
        "change the case itself."
    )


def test_only_moderators_map_and_only_who_may_add_organizations_creates(db):
    submission = received()
    nobody = make_staff("viewer", "Editors")
    nobody.groups.clear()

    with pytest.raises(PermissionDenied):
        mapped(submission, Decision("funder", "Sunlight Fund", slug="ilo"), user=nobody)

    moderator = make_staff("moderator", "Editors")
    moderator.groups.clear()
    from django.contrib.auth.models import Permission

    moderator.user_permissions.add(
        Permission.objects.get(codename="moderate_submission", content_type__app_label="cases")
    )
    moderator = type(moderator).objects.get(pk=moderator.pk)  # no cached permissions
    assert refused(submission, Decision("funder", "Sunlight Fund", create=True), moderator) == (
        "You do not have permission to create organizations."
    )
    assert Submission.objects.get(pk=submission.pk).organization_mappings == {}
