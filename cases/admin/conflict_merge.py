"""The change form's inline rows as data: reading what an editor posted, writing a merge or a
revision back into the form, and carrying out the editor's choices on rows both changed.

The inline formsets post `<prefix>-<n>-<field>` values. A row is identified by its key (see
`reads.snapshots`): stored rows by their id, other rows by the hidden `row_key` field, which
the browser sends back with the row even if the admin's JavaScript renumbers the rows.

After a refused (stale) save, `rebind_after_conflict` rewrites one formset's data: rows this
editor left alone take the other editor's version, rows only this editor changed keep what
was typed, and rows both touched keep what was typed and are listed (`RowConflictView`) with
the other version and a choice `resolve-<prefix>-<key>` = `yours` / `theirs`, which the next
save carries out (`apply_choices`).
"""

import dataclasses

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..fields import INLINE_KINDS
from ..reads import merge
from ..reads.changes import describe_inline, display_value, field_label, inline_kind
from ..reads.snapshots import Row, new_row_key, row_fields, stored_row_key

NOT_VALID = object()  # a typed value that did not validate: always "changed"
KIND_OF_MODEL = {model: kind for kind, model in INLINE_KINDS.items()}
MANAGEMENT = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")


class RowKeyForm(forms.ModelForm):
    """An inline row form that remembers which proposed row it is (hidden `row_key`)."""

    row_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def has_changed(self):
        # The key alone does not make an empty extra row worth saving: emptying a proposed row
        # removes it, even without JavaScript.
        return any(name != "row_key" for name in self.changed_data)


@dataclasses.dataclass
class PostedRow(Row):
    raw: dict = dataclasses.field(default_factory=dict)  # form field name -> posted values


@dataclasses.dataclass
class FormRow:
    """One row of a formset's data, as posted or to be rendered."""

    fields: dict  # form field name (without the prefix) -> list of values
    initial: bool  # a stored row (it has an id), rendered before the new ones

    @property
    def key(self):
        row_id = (self.fields.get("id") or [""])[0]
        if self.initial and row_id:
            return stored_row_key(row_id)
        return (self.fields.get("row_key") or [""])[0]


def read_form_rows(data, prefix):
    total, initial = (_count(data, f"{prefix}-{name}") for name in MANAGEMENT[:2])
    rows = []
    for index in range(total):
        start = f"{prefix}-{index}-"
        fields = {key[len(start) :]: data.getlist(key) for key in data if key.startswith(start)}
        rows.append(FormRow(fields, index < initial))
    return rows


def _count(data, key):
    value = data.get(key, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 5 else 0


def write_form_rows(data, prefix, rows):
    """Replace the formset's rows in `data` (a mutable QueryDict): stored rows first."""
    rows = [row for row in rows if row.initial] + [row for row in rows if not row.initial]
    kept = {f"{prefix}-{name}" for name in MANAGEMENT[2:]}
    template = f"{prefix}-__prefix__"
    for key in list(data):
        if key.startswith(f"{prefix}-") and not key.startswith(template) and key not in kept:
            del data[key]
    for index, row in enumerate(rows):
        for name, values in row.fields.items():
            data.setlist(f"{prefix}-{index}-{name}", values)
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    data[f"{prefix}-INITIAL_FORMS"] = str(sum(row.initial for row in rows))
    data.setdefault(f"{prefix}-MIN_NUM_FORMS", "0")
    data.setdefault(f"{prefix}-MAX_NUM_FORMS", "1000")
    return data


def widget_value(value):
    """A value as a form posts it."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def widget_fields(model, row):
    """A snapshot row's values as the form posts them."""
    return {
        field.name: [widget_value(row.values.get(field.attname))] for field in row_fields(model)
    }


def form_row(model, case_pk, row, live_ids, *, deleted=False):
    """A FormRow for a snapshot or posted row: stored (with its id) if the row still exists."""
    fields = dict(row.raw) if isinstance(row, PostedRow) else widget_fields(model, row)
    initial = row.id in live_ids
    fields.update(
        {
            "id": [str(row.id) if initial else ""],
            "case": [str(case_pk)],
            "row_key": ["" if initial else row.key],
        }
    )
    fields.pop("DELETE", None)
    if deleted:
        fields["DELETE"] = ["on"]
    return FormRow(fields, initial)


def rows_form_data(data, prefix, model, case, rows, removed):
    """Write `rows` into the formset's data; stored rows not among them are shown removed
    (with the values in `removed`, {id: Row}, or as stored)."""
    live = {obj.pk: obj for obj in model.objects.filter(case_id=case.pk)}
    form_rows, shown = [], set()
    for row in rows:
        form_rows.append(form_row(model, case.pk, row, live.keys() - shown))
        if row.id in live:
            shown.add(row.id)
    for pk, obj in live.items():
        if pk not in shown:
            row = removed.get(pk) or Row(stored_row_key(pk), _values(model, obj))
            form_rows.append(form_row(model, case.pk, row, live.keys(), deleted=True))
    return write_form_rows(data, prefix, form_rows)


def _values(model, obj):
    return {field.attname: getattr(obj, field.attname) for field in row_fields(model)}


def _cleaned(form, field):
    value = form.cleaned_data.get(field.name, NOT_VALID) if hasattr(form, "cleaned_data") else None
    return getattr(value, "pk", value)


def posted_rows(formset):
    """The rows an editor keeps in a posted formset (deleted and empty new rows left out)."""
    formset.is_valid()  # fills cleaned_data, also of rows with errors
    model = formset.model
    rows = []
    for index, form in enumerate(formset.forms):
        is_extra = index >= formset.initial_form_count()
        if is_extra and not form.has_changed():
            continue
        if getattr(form, "cleaned_data", {}).get("DELETE"):
            continue
        rows.append(
            PostedRow(
                _posted_key(form, formset),
                {field.attname: _cleaned(form, field) for field in row_fields(model)},
                {name: formset.data.getlist(form.add_prefix(name)) for name in form.fields},
            )
        )
    return rows


def _posted_key(form, formset):
    if form.instance.pk is not None:
        return stored_row_key(form.instance.pk)
    posted_id = formset.data.get(form.add_prefix("id"), "")
    if posted_id.isascii() and posted_id.isdigit() and len(posted_id) < 19:
        return stored_row_key(posted_id)  # a stored row deleted since the form was opened
    return formset.data.get(form.add_prefix("row_key"), "") or new_row_key()


def rebind_after_conflict(data, formset, case, conflict):
    """Rewrite one formset's posted data as the merge of the editor's rows with the others'.

    Returns (data, [RowMerge with a conflict]).
    """
    kind = KIND_OF_MODEL[formset.model]
    merges = merge.merge_rows(
        kind,
        conflict.base_snapshot.rows.get(kind, []),
        conflict.theirs_snapshot.rows.get(kind, []),
        posted_rows(formset),
    )
    theirs_by_id = {m.theirs.id: m.theirs for m in merges if m.theirs is not None and m.theirs.id}
    kept = [m.outcome for m in merges if m.outcome is not None]
    data = rows_form_data(data, formset.prefix, formset.model, case, kept, theirs_by_id)
    return data, [m for m in merges if m.conflict]


def choice_name(prefix, key):
    return f"resolve-{prefix}-{key}"


def chosen_theirs(data, prefix):
    """The keys of the rows for which the editor chose "use their version"."""
    start = choice_name(prefix, "")
    return [key[len(start) :] for key in data if key.startswith(start) and data[key] == "theirs"]


def apply_choices(data, prefix, model, case, theirs_rows):
    """Carry out "use their version" for the rows an editor chose it for."""
    chosen = chosen_theirs(data, prefix)
    if not chosen:
        return data
    live_ids = set(model.objects.filter(case_id=case.pk).values_list("pk", flat=True))
    theirs = {row.key: row for row in theirs_rows}
    rows = read_form_rows(data, prefix)
    for key in chosen:
        posted = next((row for row in rows if row.key == key), None)
        their_row = theirs.get(key)
        if their_row is None and posted is not None:  # they removed it
            if posted.initial:
                posted.fields["DELETE"] = ["on"]
            else:
                rows.remove(posted)
        elif their_row is not None:
            replacement = form_row(model, case.pk, their_row, live_ids)
            if posted is None:
                rows.append(replacement)
            else:
                rows[rows.index(posted)] = replacement
    return write_form_rows(data, prefix, rows)


CONFLICT_REASONS = {
    merge.BOTH_CHANGED: gettext_lazy("You both changed this row."),
    merge.THEY_REMOVED: gettext_lazy("They removed this row; you changed it. The form keeps it."),
    merge.YOU_REMOVED: gettext_lazy(
        "You removed this row; they changed it. The form shows it removed."
    ),
    merge.BOTH_ADDED: gettext_lazy("You both added this row, with different values."),
}


@dataclasses.dataclass
class RowConflictView:
    """One row both editors touched, as the change form shows it: theirs beside yours."""

    kind: str
    item: str
    reason: str
    lines: list  # (field label, theirs, yours, differs)
    choice_name: str


def row_conflict_view(prefix, row_merge):
    model = INLINE_KINDS[row_merge.kind]
    lines = []
    for field in row_fields(model):
        theirs = _shown(model, field, row_merge.theirs)
        yours = _shown(model, field, row_merge.yours)
        lines.append((field_label(model, field.name), theirs, yours, theirs != yours))
    shown_row = row_merge.yours or row_merge.theirs
    return RowConflictView(
        kind=inline_kind(model),
        item=describe_inline(_describable(model, shown_row)),
        reason=str(CONFLICT_REASONS[row_merge.conflict]),
        lines=lines,
        choice_name=choice_name(prefix, row_merge.key),
    )


def _describable(model, row):
    values = {name: (None if value is NOT_VALID else value) for name, value in row.values.items()}
    return Row(row.key, values).instance(model)


def _shown(model, field, row):
    if row is None:
        return _("(removed)")
    value = row.values.get(field.attname)
    if value is NOT_VALID:
        return " ".join(row.raw.get(field.name, []))
    if field.is_relation and value:
        value = field.related_model._default_manager.filter(pk=value).first()
    return display_value(model, field.name, value)
