"""Three-way merge of case content: what an editor opened (base), what is stored now (theirs)
and what the editor wants (yours).

Used when a save is refused because someone saved in between (the change form then shows the
merge, and asks about the rows both touched), and when a Publisher approves a revision after the
published case changed (the approval keeps those changes where the revision did not touch
them). Rows are matched by key (see `reads.snapshots`); rows added on both sides are matched by
what identifies them for a reader (the country; the organization and role; the contact's name;
the link's address).

The rules, for each row:
- you left it as it was: theirs (changed, removed or as it was);
- they left it as it was: yours (changed, removed or as it was);
- both changed it differently: yours, and a conflict `both_changed` (theirs is offered);
- they removed it and you changed it: yours, conflict `they_removed`;
- you removed it and they changed it: removed, conflict `you_removed`;
- both added the same row with different values: yours, conflict `both_added`.
Nothing is dropped silently: every conflict carries both sides.
"""

import dataclasses

from .snapshots import Snapshot, same_row, same_value

BOTH_CHANGED = "both_changed"
THEY_REMOVED = "they_removed"
YOU_REMOVED = "you_removed"
BOTH_ADDED = "both_added"

NATURAL_KEYS = {
    "countries": ("country_id",),
    "organizations": ("organization_id", "role"),
    "contacts": ("name",),
    "links": ("url",),
}


@dataclasses.dataclass
class RowMerge:
    kind: str
    key: str  # the key the merged row has
    theirs: object  # Row or None
    yours: object  # Row or None
    outcome: object  # the Row the merge keeps, or None (removed)
    conflict: str = ""


def _natural_key(kind, row):
    values = [row.values.get(name) for name in NATURAL_KEYS[kind]]
    return tuple(value.casefold() if isinstance(value, str) else value for value in values)


def _merge_known_row(kind, key, base, theirs, yours):
    """A row that was there when the editor opened the case."""
    if theirs is not None and yours is not None:
        if same_row(yours, base):
            return RowMerge(kind, key, theirs, yours, theirs)
        if same_row(theirs, base) or same_row(theirs, yours):
            return RowMerge(kind, key, theirs, yours, yours)
        return RowMerge(kind, key, theirs, yours, yours, BOTH_CHANGED)
    if theirs is not None:  # you removed it
        conflict = "" if same_row(theirs, base) else YOU_REMOVED
        return RowMerge(kind, key, theirs, None, None, conflict)
    if yours is not None:  # they removed it
        conflict = "" if same_row(yours, base) else THEY_REMOVED
        return RowMerge(kind, key, None, yours, yours if conflict else None, conflict)
    return RowMerge(kind, key, None, None, None)


def merge_rows(kind, base_rows, theirs_rows, yours_rows):
    """Merge one kind of rows; returns RowMerge items, theirs' order first, then your additions."""
    base = {row.key: row for row in base_rows}
    theirs = {row.key: row for row in theirs_rows}
    yours = {row.key: row for row in yours_rows}
    merges = []
    for key in [*theirs, *(k for k in base if k not in theirs)]:
        if key in base:
            merges.append(_merge_known_row(kind, key, base[key], theirs.get(key), yours.get(key)))
        elif key in yours:  # the same new row on both sides
            conflict = "" if same_row(theirs[key], yours[key]) else BOTH_ADDED
            outcome = yours[key] if conflict else theirs[key]
            merges.append(RowMerge(kind, key, theirs[key], yours[key], outcome, conflict))
        else:
            merges.append(RowMerge(kind, key, theirs[key], None, theirs[key]))
    added_by_them = {
        _natural_key(kind, row): merge
        for merge in merges
        if (row := merge.theirs) is not None and merge.key not in base and merge.yours is None
    }
    for key, row in yours.items():
        if key in base or key in theirs:
            continue
        paired = added_by_them.pop(_natural_key(kind, row), None)
        if paired is None:
            merges.append(RowMerge(kind, key, None, row, row))
        elif not same_row(paired.theirs, row):
            paired.yours = row
            paired.outcome = dataclasses.replace(row, key=paired.key)
            paired.conflict = BOTH_ADDED
        else:
            paired.yours = row
    return merges


def merge_values(base, theirs, yours):
    """One value: (merged, changed by both)."""
    if same_value(yours, base):
        return theirs, False
    if same_value(theirs, base) or same_value(theirs, yours):
        return yours, False
    return yours, True


@dataclasses.dataclass
class SnapshotMerge:
    snapshot: Snapshot
    both_changed_fields: list  # names of fields (and "sdg_targets", "regions") changed by both
    row_merges: list  # every RowMerge; those with a conflict need an editor's look

    @property
    def row_conflicts(self):
        return [merge for merge in self.row_merges if merge.conflict]


def merge_snapshots(base, theirs, yours):
    """Merge whole snapshots; where both changed something, yours is kept (and listed)."""
    fields, both = {}, []
    for name in yours.fields:
        fields[name], changed_by_both = merge_values(
            base.fields.get(name), theirs.fields.get(name), yours.fields.get(name)
        )
        if changed_by_both:
            both.append(name)
    m2m = {}
    for name in ("sdg_targets", "regions"):
        m2m[name], changed_by_both = merge_values(base.m2m(name), theirs.m2m(name), yours.m2m(name))
        if changed_by_both:
            both.append(name)
    row_merges, rows = [], {}
    for kind in yours.rows:
        merges = merge_rows(
            kind, base.rows.get(kind, []), theirs.rows.get(kind, []), yours.rows.get(kind, [])
        )
        row_merges += merges
        rows[kind] = [merge.outcome for merge in merges if merge.outcome is not None]
    merged = Snapshot(fields, frozenset(m2m["sdg_targets"]), frozenset(m2m["regions"]), rows)
    return SnapshotMerge(merged, both, row_merges)
