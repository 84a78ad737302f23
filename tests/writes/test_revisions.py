"""writes.revisions: proposing changes to a published case without touching it, approving them
in one locked save (keeping later changes to the published case), sending back, withdrawing."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from cases.models import Case, CaseRevision
from cases.reads.history import case_history
from cases.reads.revisions import active_revision, review_of
from cases.writes import revisions
from cases.writes.locking import StaleCaseError, save_locked
from cases.writes.restore import restore_version

pytestmark = pytest.mark.django_db


def transform():
    return Case.objects.get(slug="transform")


def test_propose_changes_nothing_of_the_live_case(editor):
    case = transform()

    def stored():
        case.refresh_from_db()
        return (
            case.title_en,
            case.version,
            list(case.contacts.values_list("name", flat=True)),
            list(case.links.values_list("url", flat=True)),
        )

    before = stored()

    revision = revisions.propose(
        case,
        editor,
        values={"title_en": "Proposed title"},
        rows={"links": [{"url": "https://example.org/new", "label_en": "New"}]},
    )

    assert stored() == before
    assert revision.status == "open"
    assert revision.content["fields"]["title_en"] == "Proposed title"
    assert [row["values"]["url"] for row in revision.content["rows"]["links"]] == [
        "https://example.org/new"
    ]
    # What was not named stays as published: the contacts, the other fields.
    assert revision.content["fields"]["headline_en"] == case.headline_en
    assert len(revision.content["rows"]["contacts"]) == case.contacts.count()
    assert revision.base_version == case.version
    assert revision.proposed_by == editor


def test_a_second_proposal_updates_the_same_revision(editor, second_editor):
    case = transform()
    first = revisions.propose(case, editor, values={"title_en": "One"})
    second = revisions.propose(
        case, second_editor, values={"headline_en": "Two"}, expected_revision=first.token
    )

    assert second.pk == first.pk
    assert second.version == 2
    assert (second.content["fields"]["title_en"], second.content["fields"]["headline_en"]) == (
        "One",
        "Two",
    )
    assert CaseRevision.objects.filter(case=case).count() == 1


def test_a_proposal_on_a_stale_token_is_refused(editor, second_editor):
    case = transform()
    first = revisions.propose(case, editor, values={"title_en": "One"})
    revisions.propose(case, second_editor, values={"title_en": "Two"})

    with pytest.raises(revisions.StaleRevisionError):
        revisions.propose(case, editor, values={"title_en": "Three"}, expected_revision=first.token)
    with pytest.raises(revisions.StaleRevisionError):
        revisions.propose(case, editor, values={"title_en": "Four"}, expected_revision="")

    assert active_revision(case).content["fields"]["title_en"] == "Two"


def test_the_database_allows_one_active_revision_per_case(editor):
    case = transform()
    revision = revisions.propose(case, editor, values={"title_en": "One"})

    with pytest.raises(IntegrityError), transaction.atomic():
        CaseRevision.objects.create(
            case=case, content=revision.content, base_version=1, submitted_at=revision.created_at
        )


def test_propose_checks_the_values_like_the_form(editor):
    case = transform()
    other = Case.objects.get(slug="ilo-sse-academy")

    with pytest.raises(revisions.RevisionRefused) as refused:
        revisions.propose(
            case,
            editor,
            values={"slug": other.slug, "start_year": 1800},
            rows={"contacts": [{"name": "X", "email": "not an email"}]},
        )

    assert [str(problem) for problem in refused.value.problems] == [
        "Enter a year between 1950 and 2100.",
        "Enter a valid email address.",
        f"Another case already uses the address “{other.slug}”: {other}.",
    ]
    assert active_revision(case) is None


def test_approve_applies_fields_targets_and_rows_in_one_recorded_save(editor, publisher):
    case = transform()
    contact = case.contacts.first()
    revision = revisions.propose(
        case,
        editor,
        values={"title_en": "Approved title"},
        sdg_targets=["8.5"],
        rows={
            "contacts": [{"id": contact.pk, "name": "Renamed Contact", "email": contact.email}],
            "links": [{"url": "https://example.org/approved", "label_en": "Approved"}],
        },
    )
    version = case.version

    record = revisions.approve(revision, publisher, expected_live_version=version)

    case.refresh_from_db()
    assert case.title_en == "Approved title"
    assert set(case.sdg_targets.values_list("code", flat=True)) == {"8.5"}
    assert list(case.contacts.values_list("pk", "name")) == [(contact.pk, "Renamed Contact")]
    assert "https://example.org/approved" in set(case.links.values_list("url", flat=True))
    assert case.version == version + 1
    assert case.publication_status == "published"
    revision.refresh_from_db()
    assert (revision.status, revision.reviewed_by) == ("approved", publisher)
    assert record.history_change_reason == f"revision:{revision.pk}"
    assert record.history_user == publisher
    assert case_history(case)[0].reason.startswith("Revision proposed by editor on ")
    assert case_history(case)[0].reason.endswith(", approved by publisher")


def test_approve_keeps_what_the_published_case_gained_meanwhile(editor, publisher):
    case = transform()
    revision = revisions.propose(case, editor, values={"title_en": "From the revision"})
    save_locked(
        case,
        user=publisher,
        reason="",
        expected_version=case.version,
        values={"headline_en": "Fixed meanwhile", "title_en": "Also fixed meanwhile"},
    )

    review = review_of(revision)
    assert review.live_changed and review.base_known
    assert [(c.name, c.new) for c in review.live_field_changes] == [
        ("title_en", "Also fixed meanwhile"),
        ("headline_en", "Fixed meanwhile"),
    ]
    assert review.changed_by_both == ["Title [en]"]
    assert [(c.name, c.old, c.new) for c in review.field_changes] == [
        ("title_en", "Also fixed meanwhile", "From the revision")
    ]

    revisions.approve(revision, publisher, expected_live_version=review.live_version)

    case.refresh_from_db()
    assert (case.title_en, case.headline_en) == ("From the revision", "Fixed meanwhile")


def test_approve_refuses_a_stale_page_and_an_editor(editor, publisher):
    case = transform()
    revision = revisions.propose(case, editor, values={"title_en": "X"})

    with pytest.raises(PermissionDenied):
        revisions.approve(revision, editor)
    with pytest.raises(StaleCaseError):
        revisions.approve(revision, publisher, expected_live_version=case.version - 1)
    with pytest.raises(revisions.StaleRevisionError):
        revisions.approve(revision, publisher, expected_revision_version=revision.version + 1)

    case.refresh_from_db()
    assert case.title_en != "X"
    assert active_revision(case).status == "open"


def test_send_back_needs_a_comment_and_a_new_save_reopens_it(editor, publisher):
    case = transform()
    revision = revisions.propose(case, editor, values={"title_en": "X"})

    with pytest.raises(revisions.RevisionRefused) as refused:
        revisions.send_back(revision, publisher, "   ")
    assert refused.value.problems == ["Say what should change: the comment is required."]

    revisions.send_back(revision, publisher, "Please check the English title.")
    revision.refresh_from_db()
    assert (revision.status, revision.comment) == ("sent_back", "Please check the English title.")

    again = revisions.propose(
        case, editor, values={"title_en": "Y"}, expected_revision=revision.token
    )
    assert (again.pk, again.status) == (revision.pk, "open")
    assert again.submitted_at > revision.submitted_at


def test_withdraw_closes_the_revision_and_a_new_one_may_start(editor):
    case = transform()
    revision = revisions.propose(case, editor, values={"title_en": "X"})

    revisions.withdraw(revision, editor)

    assert active_revision(case) is None
    assert revisions.propose(case, editor, values={"title_en": "Y"}).pk != revision.pk
    with pytest.raises(revisions.RevisionRefused) as refused:
        revisions.withdraw(revision, editor)
    assert refused.value.problems == ["These changes are no longer pending."]


def test_an_editor_restoring_a_published_case_proposes_the_old_version(editor):
    case = transform()
    original = case.title_en
    save_locked(case, user=editor, reason="", expected_version=1, values={"title_en": "Renamed"})
    baseline = case.history.get(history_change_reason="baseline")

    result = restore_version(case, baseline.history_id, editor, expected_version=2)

    case.refresh_from_db()
    assert case.title_en == "Renamed"
    assert isinstance(result, CaseRevision)
    assert result.content["fields"]["title_en"] == original
    # A second restore while those changes wait is refused, not silently replacing them.
    with pytest.raises(Exception, match="changes awaiting review"):
        restore_version(case, baseline.history_id, editor, expected_version=2)


def test_a_publisher_restores_a_published_case_directly(publisher):
    case = transform()
    original = case.title_en
    save_locked(case, user=publisher, reason="", expected_version=1, values={"title_en": "Renamed"})
    baseline = case.history.get(history_change_reason="baseline")

    restore_version(case, baseline.history_id, publisher, expected_version=2)

    case.refresh_from_db()
    assert case.title_en == original
    assert active_revision(case) is None


def test_a_revision_carries_the_year_a_status_was_stated(editor, publisher):
    case = transform()
    revision = revisions.propose(case, editor, values={"status_as_of": 2024})

    (change,) = review_of(revision).field_changes
    assert (change.name, change.field, change.old, change.new) == (
        "status_as_of",
        "Status as of",
        "2018",
        "2024",
    )
    assert transform().status_as_of == 2018  # not public before approval

    revisions.approve(revision, publisher, expected_live_version=case.version)

    assert transform().status_as_of == 2024
    assert transform().history.latest().status_as_of == 2024
