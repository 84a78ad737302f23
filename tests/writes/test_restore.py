"""writes.restore and reads.restore_preview: what a restore will do, then doing it."""

import pytest

from cases.models import Case
from cases.reads.restore_preview import compare_with_current, inline_changes_of_restore
from cases.rules import Problem
from cases.writes.locking import finish_case_save, save_locked
from cases.writes.restore import RestoreRefused, restore_version

pytestmark = pytest.mark.django_db


def retitle(case, user, title):
    """An edit of the English title and the targets, saved as one version."""

    def drop_a_target(case):
        case.sdg_targets.remove("10.4")

    return save_locked(
        case,
        user=user,
        reason="",
        expected_version=case.version,
        values={"title_en": title},
        after_save=drop_a_target,
    )


def test_restore_preview_lists_what_would_change_then_the_restore_does_it(publisher):
    # A Publisher's restore of a published case is direct (an Editor's is proposed for review:
    # tests/writes/test_revisions.py).
    editor = publisher
    case = Case.objects.get(slug="transform")
    original_title = case.title_en
    retitle(case, editor, "Renamed")
    baseline = case.history.get(history_change_reason="baseline")

    changes = compare_with_current(case, baseline)
    assert [(c.name, c.old, c.new) for c in changes] == [
        ("title_en", "Renamed", original_title),
        ("sdg_targets", "1.3, 3.8, 5.4, 8.5", "1.3, 3.8, 5.4, 8.5, 10.4"),
    ]
    assert inline_changes_of_restore(case, baseline) == []

    record = restore_version(case, baseline.history_id, editor)

    case.refresh_from_db()
    assert case.title_en == original_title
    assert set(case.sdg_targets.values_list("code", flat=True)) == {
        "1.3",
        "3.8",
        "5.4",
        "8.5",
        "10.4",
    }
    assert record.history_change_reason == f"restored:{baseline.history_id}"
    assert case.version == 3


def test_restore_refuses_a_slug_another_case_now_uses(editor):
    case = Case.objects.get(slug="transform")
    save_locked(case, user=editor, reason="", expected_version=1, values={"slug": "renamed"})
    baseline = case.history.get(history_change_reason="baseline")
    other = Case.objects.get(slug="ilo-sse-academy")
    Case.objects.filter(pk=other.pk).update(slug="transform")

    with pytest.raises(RestoreRefused) as refused:
        restore_version(case, baseline.history_id, editor)

    (problem,) = refused.value.problems
    assert isinstance(problem, Problem)
    assert (problem.field, problem.other_case.pk) == ("slug", other.pk)
    assert str(problem) == (
        "Another case already uses the address “transform”: ILO Social and Solidarity Economy Academy."
    )
    assert Case.objects.get(pk=case.pk).slug == "renamed"


def test_restore_of_an_unknown_version_is_refused(editor):
    case = Case.objects.get(slug="transform")

    with pytest.raises(RestoreRefused, match="There is no such version of this case."):
        restore_version(case, 999_999, editor)


def test_finish_case_save_records_a_new_case_as_added(editor):
    case = Case(slug="new", title_zh_hans="新案例")
    case.skip_history_when_saving = True
    case.save()

    record = finish_case_save(case, user=editor, created=True)

    assert (record.history_type, record.history_user, record.slug) == ("+", editor, "new")
