"""reads.history and reads.conflicts: what each version changed, and what others saved."""

import pytest

from cases.models import Case
from cases.reads.conflicts import changes_since
from cases.reads.history import case_history, reason_display
from cases.writes.locking import save_locked

pytestmark = pytest.mark.django_db


def test_case_history_lists_each_version_with_its_changes(editor, second_editor):
    case = Case.objects.get(slug="transform")
    save_locked(case, user=editor, reason="", expected_version=1, values={"title_en": "One"})
    save_locked(case, user=second_editor, reason="", expected_version=2, values={"title_en": "Two"})

    entries = case_history(case)

    assert [entry.record.history_user for entry in entries] == [second_editor, editor, None]
    assert [[(c.name, c.old, c.new) for c in entry.changes] for entry in entries] == [
        [("title_en", "One", "Two")],
        [("title_en", entries[2].record.title_en, "One")],
        [],
    ]
    assert entries[2].reason == "State before the first recorded change"
    assert entries[2].is_first


def test_changes_since_names_the_other_editors_and_their_changes(editor, second_editor):
    case = Case.objects.get(slug="transform")
    save_locked(case, user=editor, reason="", expected_version=1, values={"status": "completed"})

    conflict = changes_since(case, 1)

    assert conflict.editors == ["editor"]
    assert [(c.name, c.old_value, c.new_value) for c in conflict.field_changes] == [
        ("status", "ongoing", "completed")
    ]
    assert conflict.base.version == 1


def test_reason_display_names_a_restored_version(editor):
    case = Case.objects.get(slug="transform")
    record = save_locked(case, user=editor, reason="published", expected_version=1, values={})

    assert reason_display("published") == "Published"
    assert reason_display(f"restored:{record.history_id}", {record.history_id: record}).startswith(
        "Restored the version of "
    )
    assert reason_display("restored:abc") == "Restored an earlier version"
    assert reason_display("restored:²") == "Restored an earlier version"
    assert reason_display("") == ""
