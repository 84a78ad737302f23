"""writes.workflow: taking each action of the workflow table, with its checks."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cases import workflow
from cases.models import Case
from cases.writes.locking import StaleCaseError
from cases.writes.workflow import ActionRefused, action_problems, delete_case, take_action
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def draft(**fields):
    return make_case(targets=["8.5"], publication_status=Case.PublicationStatus.DRAFT, **fields)


def test_publishing_sets_the_dates_and_records_one_history_entry(publisher):
    case = draft(slug="to-publish")
    recorded_before = case.history.count()

    record = take_action(case, publisher, "publish")

    case.refresh_from_db()
    assert case.publication_status == "published"
    assert case.published_at is not None
    assert case.reviewed_at == timezone.localdate()
    assert case.version == 2
    assert (record.history_change_reason, record.history_user) == ("published", publisher)
    # One record for the whole change, not one per field.
    assert case.history.count() == recorded_before + 1
    assert case.history.first().history_change_reason == "published"


def test_republishing_keeps_the_first_publication_date(publisher):
    case = draft(slug="again")
    take_action(case, publisher, "publish")
    first = Case.objects.get(pk=case.pk).published_at
    take_action(case, publisher, "unpublish")

    take_action(case, publisher, workflow.PUBLISH)

    assert Case.objects.get(pk=case.pk).published_at == first


def test_an_editor_may_send_to_review_but_not_publish(editor):
    case = draft(slug="by-editor")

    take_action(case, editor, "send_to_review")
    with pytest.raises(PermissionDenied, match="Only publishers can publish cases."):
        take_action(case, editor, "publish")

    assert Case.objects.get(pk=case.pk).publication_status == "review"


@pytest.mark.parametrize(
    ("status", "action", "problem"),
    [
        ("review", "send_to_review", "It is already in review."),
        ("published", "send_to_review", "It is already published."),
        ("published", "publish", "It is already published."),
        ("draft", "unpublish", "It is not published."),
        ("review", "unpublish", "It is not published."),
    ],
)
def test_actions_are_refused_from_the_wrong_status(publisher, status, action, problem):
    case = make_case(targets=["8.5"], publication_status=status)

    assert action_problems(case, action) == [problem]
    with pytest.raises(ActionRefused) as refused:
        take_action(case, publisher, action)
    assert refused.value.messages == [problem]
    assert Case.objects.get(pk=case.pk).version == 1


def test_review_needs_a_chinese_title_and_a_target(editor):
    case = make_case(targets=[], title_zh="", publication_status="draft")

    with pytest.raises(ActionRefused) as refused:
        take_action(case, editor, "send_to_review")

    assert refused.value.messages == [
        "A case needs a Chinese title before review.",
        "A case needs at least one SDG target before review.",
    ]


def test_an_action_on_a_stale_version_is_refused(publisher):
    case = draft(slug="stale")
    Case.objects.filter(pk=case.pk).update(version=5)

    with pytest.raises(StaleCaseError):
        take_action(case, publisher, "publish", expected_version=1)

    assert Case.objects.get(pk=case.pk).publication_status == "draft"


def test_only_publishers_delete_published_cases(editor, publisher):
    published = make_case(slug="live")
    drafted = draft(slug="not-live")

    with pytest.raises(PermissionDenied, match="Only publishers can delete a published case."):
        delete_case(published, editor)
    delete_case(drafted, editor)
    delete_case(published, publisher)

    assert not Case.objects.filter(slug__in=["live", "not-live"]).exists()


def test_every_workflow_action_has_its_admin_texts():
    from cases.admin.presenters import ACTION_TEXTS

    assert set(ACTION_TEXTS) == set(workflow.ACTIONS)
    assert set(workflow.HISTORY_LABELS) == {
        "baseline",
        "submission",
        "imported",
        "submission-mapped",
        *workflow.WORKFLOW_REASONS,
    }
