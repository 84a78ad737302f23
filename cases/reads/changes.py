"""The vocabulary of differences between versions of a case: field changes and inline changes.

Used by the history page, the conflict message and the restore preview, so that all three
describe a difference in the same words.
"""

import dataclasses
import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator

from ..fields import COMPARED_FIELDS, INLINE_MODELS, M2M_FIELDS
from ..models import (
    Case,
    CaseCountry,
    CaseOrganization,
    Contact,
    Country,
    Organization,
    Region,
    SdgTarget,
)


@dataclasses.dataclass
class FieldChange:
    field: str
    old: str
    new: str
    name: str = ""
    old_value: object = None
    new_value: object = None


@dataclasses.dataclass
class InlineChange:
    kind: str
    item: str
    action: str
    changes: list


def translated_base_fields(model):
    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


def field_label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def display_value(model, name, value):
    if value is None or value == "":
        return "—"
    field = model._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    text = str(value)
    return text if len(text) <= 300 else text[:300] + "…"


class M2MValues:
    """The targets and regions of many history records, in two queries."""

    def __init__(self, records):
        historical_model = Case.history.model
        ids = [record.history_id for record in records]
        self.values = {}
        for field in M2M_FIELDS:
            m2m_history_model = getattr(historical_model, field).model
            column = "sdgtarget_id" if field == "sdg_targets" else "region_id"
            for history_id, value in m2m_history_model.objects.filter(
                history_id__in=ids
            ).values_list("history_id", column):
                self.values.setdefault((history_id, field), set()).add(value)
        self.target_positions = dict(SdgTarget.objects.values_list("code", "position"))
        self.region_names = {region.code: str(region) for region in Region.objects.all()}

    def get(self, record, field):
        return self.values.get((record.history_id, field), set())

    def display(self, field, values):
        if not values:
            return "—"
        if field == "sdg_targets":
            return ", ".join(sorted(values, key=lambda code: self.target_positions.get(code, 0)))
        return ", ".join(self.region_names.get(code, code) for code in sorted(values))


def field_change(name, before, after, m2m=None):
    if m2m is not None:
        old_text, new_text = m2m.display(name, before), m2m.display(name, after)
    else:
        old_text, new_text = display_value(Case, name, before), display_value(Case, name, after)
    return FieldChange(field_label(Case, name), old_text, new_text, name, before, after)


def field_changes(old, new, m2m, names=COMPARED_FIELDS):
    changes = []
    for name in names:
        before, after = getattr(old, name), getattr(new, name)
        if (before or None) != (after or None):
            changes.append(field_change(name, before, after))
    for name in M2M_FIELDS:
        before, after = m2m.get(old, name), m2m.get(new, name)
        if before != after:
            changes.append(field_change(name, before, after, m2m))
    return changes


def describe_inline(record):
    model = getattr(record, "instance_type", type(record))
    if model is CaseCountry:
        text = str(record.country)
    elif model is CaseOrganization:
        text = f"{record.organization} ({record.get_role_display()})"
    elif model is Contact:
        text = record.name
    else:
        text = record.label_zh_hans or record.label_en or record.url
    return text


def inline_field_changes(old, new):
    """What differs between two states of a row (history records, or rows of a snapshot)."""
    model = getattr(new, "instance_type", type(new))
    skip = {"id", "case"} | translated_base_fields(model)
    changes = []
    for field in model._meta.concrete_fields:
        if field.name in skip:
            continue
        before, after = getattr(old, field.attname), getattr(new, field.attname)
        if (before or None) == (after or None):
            continue
        if field.is_relation:
            before = getattr(old, field.name) if before else None
            after = getattr(new, field.name) if after else None
        changes.append(
            FieldChange(
                field_label(model, field.name),
                display_value(model, field.name, before),
                display_value(model, field.name, after),
            )
        )
    return changes


def inline_records(case_pk, after=None, until=None):
    """History records of the case's inlines, oldest first, each with `.previous` set."""
    records = []
    for model in INLINE_MODELS:
        historical_model = model.history.model
        related = [
            field.name
            for field in model._meta.concrete_fields
            if field.is_relation and field.name != "case"
        ]
        queryset = historical_model.objects.filter(case_id=case_pk).select_related(
            "history_user", *related
        )
        previous = {}
        for record in queryset.order_by("history_date", "history_id"):
            record.previous = previous.get(record.id)
            previous[record.id] = record
            if (after is None or record.history_date > after) and (
                until is None or record.history_date <= until
            ):
                records.append(record)
    records.sort(key=lambda record: record.history_date)
    return records


def inline_change(record):
    model = record.instance_type
    if record.history_type == "+":
        action, changes = _("added"), []
    elif record.history_type == "-":
        action, changes = _("removed"), []
    else:
        action = _("changed")
        changes = inline_field_changes(record.previous, record) if record.previous else []
        if record.previous is not None and not changes:
            return None
    return InlineChange(inline_kind(model), describe_inline(record), action, changes)


def inline_kind(model):
    """What an inline row is, for a reader: "Country" reads better than "case country"."""
    kind = {CaseCountry: Country, CaseOrganization: Organization}.get(model, model)
    return capfirst(kind._meta.verbose_name)
