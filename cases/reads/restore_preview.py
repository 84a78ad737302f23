"""What restoring an earlier version would change: the case's fields, targets and regions, and
its inline rows. `cases.writes.restore` carries out the same plan, so the preview is exact."""

import dataclasses

from django.utils.translation import gettext as _

from ..fields import CONTENT_FIELDS, INLINE_MODELS, M2M_FIELDS
from ..models import Case
from ..workflow import REASON_BASELINE
from .changes import (
    FieldChange,
    InlineChange,
    M2MValues,
    describe_inline,
    display_value,
    field_change,
    field_label,
    inline_kind,
    translated_base_fields,
)


def compare_with_current(case, record):
    """What restoring `record` would change in the case as it is now (a list of FieldChange)."""
    current = Case.objects.get(pk=case.pk)
    m2m = M2MValues([record])
    changes = []
    for name in CONTENT_FIELDS:
        before, after = getattr(current, name), getattr(record, name)
        if (before or None) != (after or None):
            changes.append(field_change(name, before, after))
    current_m2m = {
        "sdg_targets": set(current.sdg_targets.values_list("code", flat=True)),
        "regions": set(current.regions.values_list("code", flat=True)),
    }
    for name in M2M_FIELDS:
        before, after = current_m2m[name], m2m.get(record, name)
        if before != after:
            changes.append(field_change(name, before, after, m2m))
    return changes


@dataclasses.dataclass
class InlineRestoreStep:
    model: type
    action: str  # "delete", "insert" or "update"
    obj: object  # the current row (delete, update) or the history record (insert)
    values: dict


def inline_states_at(case_pk, model, as_of):
    """The rows of `model` the case had at `as_of`, as {row id: history record}, and the ids of
    every row that has any record at all."""
    state_at, recorded = {}, set()
    records = model.history.model.objects.filter(case_id=case_pk).order_by(
        "history_date", "history_id"
    )
    for record in records:
        # A baseline is the state the row had since before anything was recorded.
        is_baseline = record.id not in recorded and (
            record.history_change_reason == REASON_BASELINE
        )
        recorded.add(record.id)
        if record.history_date <= as_of or is_baseline:
            state_at[record.id] = record
    existed = {pk: r for pk, r in state_at.items() if r.history_type != "-"}
    return existed, recorded


def inline_restore_plan(case, as_of):
    """What putting the case's contacts, links, countries and organizations back as they were
    at `as_of` takes. Rows with no record at or before `as_of` were added later: removed."""
    steps = []
    for model in INLINE_MODELS:
        skip = {"id"} | translated_base_fields(model)
        existed, recorded = inline_states_at(case.pk, model, as_of)
        current = {obj.pk: obj for obj in model.objects.filter(case_id=case.pk)}

        for pk, obj in current.items():
            # Rows with no record at all are left alone: nothing says when they appeared.
            if pk not in existed and pk in recorded:
                steps.append(InlineRestoreStep(model, "delete", obj, {}))
        for pk, record in existed.items():
            values = {
                field.attname: getattr(record, field.attname)
                for field in model._meta.concrete_fields
                if field.name not in skip
            }
            obj = current.get(pk)
            if obj is None:
                steps.append(InlineRestoreStep(model, "insert", record, values))
            elif any(getattr(obj, name) != value for name, value in values.items()):
                steps.append(InlineRestoreStep(model, "update", obj, values))
    return steps


def inline_changes_of_restore(case, record):
    """What restoring `record` would do to the case's inlines, as InlineChange items."""
    changes = []
    for step in inline_restore_plan(case, record.history_date):
        model = step.model
        if step.action == "insert":
            item, action, details = describe_inline(step.obj), _("put back"), []
        elif step.action == "delete":
            item, action, details = describe_inline(step.obj), _("removed"), []
        else:
            item, action = describe_inline(step.obj), _("changed back")
            details = []
            for field in model._meta.concrete_fields:
                if field.attname not in step.values:
                    continue
                before, after = getattr(step.obj, field.attname), step.values[field.attname]
                if (before or None) == (after or None):
                    continue
                if field.is_relation:
                    related = field.related_model._default_manager
                    before = related.filter(pk=before).first() if before else None
                    after = related.filter(pk=after).first() if after else None
                details.append(
                    FieldChange(
                        field_label(model, field.name),
                        display_value(model, field.name, before),
                        display_value(model, field.name, after),
                    )
                )
        changes.append(InlineChange(inline_kind(model), item, action, details))
    return changes
