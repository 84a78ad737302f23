"""The content of a case as data: what a pending revision stores, what a conflict compares and
what an approval writes.

A `Snapshot` holds the fields an editor writes (`fields.REVISION_FIELDS`), the SDG target and
region codes, and the inline rows (countries, organizations, contacts, links) by kind. Each row
has a `key`: `id:<pk>` for a stored row (a revision that edits it keeps the key), `new:<token>`
for a row proposed in a revision (the token stays the same while editors edit the revision).

Snapshots are made from the live case (`live_snapshot`), from a history record
(`snapshot_at`), or from a revision's JSON (`Snapshot.from_json`); `field_differences` and
`row_differences` describe the difference between two in the words of `reads.changes`, and
`inline_plan_to` says what writing a snapshot's rows over the live case's takes (the steps the
restore carries out).
"""

import dataclasses
import uuid

from django.utils.translation import gettext as _

from ..fields import INLINE_KINDS, M2M_FIELDS, REVISION_FIELDS
from ..models import Case
from .changes import (
    InlineChange,
    M2MValues,
    describe_inline,
    field_change,
    inline_field_changes,
    inline_kind,
    translated_base_fields,
)
from .restore_preview import InlineRestoreStep, inline_states_at


def row_fields(model):
    """The fields of an inline row that an editor writes, in form order."""
    skip = {"id", "case"} | translated_base_fields(model)
    return [field for field in model._meta.concrete_fields if field.name not in skip]


def row_values(model, obj):
    return {field.attname: getattr(obj, field.attname) for field in row_fields(model)}


def stored_row_key(pk):
    return f"id:{pk}"


def new_row_key():
    return f"new:{uuid.uuid4().hex[:12]}"


def same_value(first, second):
    """Equal for an editor: an empty text and no value are the same."""
    return (first or None) == (second or None)


def same_row(first, second):
    names = set(first.values) | set(second.values)
    return all(same_value(first.values.get(name), second.values.get(name)) for name in names)


@dataclasses.dataclass
class Row:
    key: str
    values: dict

    @property
    def id(self):
        """The stored row this row is (or edits), or None for a proposed new row."""
        kind, _sep, number = self.key.partition(":")
        return int(number) if kind == "id" and number.isascii() and number.isdigit() else None

    def instance(self, model):
        """An unsaved row with these values, for describing it."""
        return model(pk=self.id, **self.values)


@dataclasses.dataclass
class Snapshot:
    fields: dict
    sdg_targets: frozenset
    regions: frozenset
    rows: dict  # kind (a key of fields.INLINE_KINDS) -> [Row]

    def m2m(self, name):
        return self.sdg_targets if name == "sdg_targets" else self.regions

    def to_json(self):
        return {
            "fields": dict(self.fields),
            "sdg_targets": sorted(self.sdg_targets),
            "regions": sorted(self.regions),
            "rows": {
                kind: [{"key": row.key, "values": dict(row.values)} for row in rows]
                for kind, rows in self.rows.items()
            },
        }

    @classmethod
    def from_json(cls, data):
        fields = {
            name: Case._meta.get_field(name).to_python(data["fields"].get(name))
            for name in REVISION_FIELDS
        }
        rows = {}
        for kind, model in INLINE_KINDS.items():
            rows[kind] = [
                Row(
                    row["key"],
                    {
                        field.attname: field.to_python(row["values"].get(field.attname))
                        for field in row_fields(model)
                    },
                )
                for row in data["rows"].get(kind, [])
            ]
        return cls(fields, frozenset(data["sdg_targets"]), frozenset(data["regions"]), rows)


def _sorted_rows(rows):
    return sorted(
        rows, key=lambda row: (row.values.get("role") or "", row.values.get("order") or 0, row.key)
    )


def live_snapshot(case):
    """The case as stored now (read again: not the possibly edited object in memory)."""
    stored = Case.objects.get(pk=case.pk)
    rows = {
        kind: [
            Row(stored_row_key(obj.pk), row_values(model, obj))
            for obj in model.objects.filter(case_id=case.pk)
        ]
        for kind, model in INLINE_KINDS.items()
    }
    return Snapshot(
        {name: getattr(stored, name) for name in REVISION_FIELDS},
        frozenset(stored.sdg_targets.values_list("code", flat=True)),
        frozenset(stored.regions.values_list("code", flat=True)),
        rows,
    )


def snapshot_at(case, record):
    """The case as history record `record` saw it, its rows included."""
    m2m = M2MValues([record])
    rows = {}
    for kind, model in INLINE_KINDS.items():
        existed, recorded = inline_states_at(case.pk, model, record.history_date)
        found = [Row(stored_row_key(pk), row_values(model, row)) for pk, row in existed.items()]
        # Rows with no record at all were there before anything was recorded.
        untracked = model.objects.filter(case_id=case.pk).exclude(pk__in=recorded)
        found += [Row(stored_row_key(obj.pk), row_values(model, obj)) for obj in untracked]
        rows[kind] = _sorted_rows(found)
    return Snapshot(
        {name: getattr(record, name) for name in REVISION_FIELDS},
        frozenset(m2m.get(record, "sdg_targets")),
        frozenset(m2m.get(record, "regions")),
        rows,
    )


def field_differences(before, after, names=REVISION_FIELDS):
    """What differs between two snapshots' fields, targets and regions (FieldChange items)."""
    changes = [
        field_change(name, before.fields.get(name), after.fields.get(name))
        for name in names
        if not same_value(before.fields.get(name), after.fields.get(name))
    ]
    m2m_names = [name for name in M2M_FIELDS if before.m2m(name) != after.m2m(name)]
    if m2m_names:
        display = M2MValues([])
        changes += [
            field_change(name, set(before.m2m(name)), set(after.m2m(name)), display)
            for name in m2m_names
        ]
    return changes


def row_differences(before, after):
    """What differs between two snapshots' rows (InlineChange items: added, removed, changed)."""
    changes = []
    for kind, model in INLINE_KINDS.items():
        old_rows = {row.key: row for row in before.rows.get(kind, [])}
        new_rows = {row.key: row for row in after.rows.get(kind, [])}
        label = inline_kind(model)
        for key, row in old_rows.items():
            if key not in new_rows:
                changes.append(InlineChange(label, describe_row(model, row), _("removed"), []))
        for key, row in new_rows.items():
            old = old_rows.get(key)
            if old is None:
                changes.append(InlineChange(label, describe_row(model, row), _("added"), []))
            elif not same_row(old, row):
                details = inline_field_changes(old.instance(model), row.instance(model))
                changes.append(InlineChange(label, describe_row(model, old), _("changed"), details))
    return changes


def describe_row(model, row):
    return describe_inline(row.instance(model))


def inline_plan_to(case, snapshot):
    """What making the case's stored rows those of `snapshot` takes (InlineRestoreStep items).

    A row whose stored original is gone (deleted since) is inserted again as a new row.
    """
    steps = []
    for kind, model in INLINE_KINDS.items():
        current = {obj.pk: obj for obj in model.objects.filter(case_id=case.pk)}
        kept = set()
        for row in snapshot.rows.get(kind, []):
            values = {**row.values, "case_id": case.pk}
            obj = current.get(row.id)
            if obj is None or obj.pk in kept:
                steps.append(InlineRestoreStep(model, "insert", None, values))
                continue
            kept.add(obj.pk)
            if any(getattr(obj, name) != value for name, value in values.items()):
                steps.append(InlineRestoreStep(model, "update", obj, values))
        steps += [
            InlineRestoreStep(model, "delete", obj, {})
            for pk, obj in current.items()
            if pk not in kept
        ]
    return steps
