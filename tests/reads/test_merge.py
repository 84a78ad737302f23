"""reads.merge: the three-way merge of rows and of whole snapshots, case by case."""

from cases.reads.merge import (
    BOTH_ADDED,
    BOTH_CHANGED,
    THEY_REMOVED,
    YOU_REMOVED,
    merge_rows,
    merge_snapshots,
)
from cases.reads.snapshots import Row, Snapshot


def contact(key, name, email=""):
    return Row(key, {"name": name, "email": email, "order": 0})


def outcomes(merges):
    return [(m.key, m.outcome.values["name"] if m.outcome else None, m.conflict) for m in merges]


def test_merge_rows_takes_theirs_where_you_left_a_row_as_it_was():
    base = [contact("id:1", "Ana"), contact("id:2", "Bo")]
    theirs = [contact("id:1", "Ana Lima"), contact("id:3", "Cy")]  # renamed 1, removed 2, added 3
    yours = [contact("id:1", "Ana"), contact("id:2", "Bo")]

    merges = merge_rows("contacts", base, theirs, yours)

    assert outcomes(merges) == [("id:1", "Ana Lima", ""), ("id:3", "Cy", ""), ("id:2", None, "")]


def test_merge_rows_keeps_yours_where_they_left_a_row_as_it_was():
    base = [contact("id:1", "Ana"), contact("id:2", "Bo")]
    theirs = [contact("id:1", "Ana"), contact("id:2", "Bo")]
    yours = [contact("id:1", "Ana Lima"), contact("new:x", "Di")]  # renamed 1, removed 2, added

    merges = merge_rows("contacts", base, theirs, yours)

    assert outcomes(merges) == [("id:1", "Ana Lima", ""), ("id:2", None, ""), ("new:x", "Di", "")]


def test_merge_rows_reports_each_kind_of_conflict_with_both_sides():
    base = [contact("id:1", "Ana"), contact("id:2", "Bo"), contact("id:3", "Cy")]
    theirs = [contact("id:1", "Ana T"), contact("id:3", "Cy T"), contact("id:9", "Eve", "t@x.org")]
    yours = [contact("id:1", "Ana Y"), contact("id:2", "Bo Y"), contact("new:z", "eve", "y@x.org")]

    merges = {m.key: m for m in merge_rows("contacts", base, theirs, yours)}

    assert (merges["id:1"].conflict, merges["id:1"].outcome.values["name"]) == (
        BOTH_CHANGED,
        "Ana Y",
    )
    assert merges["id:1"].theirs.values["name"] == "Ana T"
    assert (merges["id:2"].conflict, merges["id:2"].outcome.values["name"]) == (
        THEY_REMOVED,
        "Bo Y",
    )
    assert (merges["id:3"].conflict, merges["id:3"].outcome) == (YOU_REMOVED, None)
    assert merges["id:3"].theirs.values["name"] == "Cy T"
    # Both added a contact of the same name: one row, theirs' key, your values, both offered.
    assert merges["id:9"].conflict == BOTH_ADDED
    assert merges["id:9"].outcome == Row("id:9", {"name": "eve", "email": "y@x.org", "order": 0})
    assert merges["id:9"].theirs.values["email"] == "t@x.org"
    assert "new:z" not in merges


def test_merge_rows_keeps_one_row_when_both_added_the_same():
    theirs = [Row("id:5", {"country_id": "KE", "role": "", "order": 0})]
    yours = [Row("new:a", {"country_id": "KE", "role": "", "order": 0})]

    merges = merge_rows("countries", [], theirs, yours)

    assert [(m.key, m.outcome.key, m.conflict) for m in merges] == [("id:5", "id:5", "")]


def test_merge_snapshots_merges_fields_and_lists_what_both_changed():
    def snapshot(title, headline, targets):
        return Snapshot(
            {"title_en": title, "headline_en": headline}, frozenset(targets), frozenset(), {}
        )

    base = snapshot("T", "H", {"8.5"})
    theirs = snapshot("T2", "H2", {"8.5", "1.3"})
    yours = snapshot("T", "H3", {"8.5"})

    merged = merge_snapshots(base, theirs, yours)

    assert merged.snapshot.fields == {"title_en": "T2", "headline_en": "H3"}
    assert merged.snapshot.sdg_targets == {"8.5", "1.3"}
    assert merged.both_changed_fields == ["headline_en"]
