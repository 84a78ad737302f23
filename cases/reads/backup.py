"""The catalogue as one versioned JSON document: what `export_catalogue` writes and
`import_catalogue` reads back (cases.writes.backup).

Rows are named by natural keys, never by primary keys: a case by its slug, a country by its
code, an organization by its slug, a case's country by (case, country), a contact or a link by
(case, its place among the case's contacts or links). So a backup loads into any database, and
export -> import into a freshly migrated database -> export gives the same file, byte for byte:
timestamps keep their microseconds, rows come in the order of their keys.

Left out, because they are derived: the search columns (rebuilt after an import) and the bare
column of each translated field (a copy of whichever language was active at the last save).
Left out, because it is transient: who has a case open (EditingPresence), which only informs
for a few minutes and names sessions that a restore ends anyway.

Revisions (pending and closed) are kept: a revision is named by (case, its place among the
case's revisions), its accounts by username, and the database ids inside its content by
natural keys (cases.reads.backup_content), so that it still approves correctly after a restore.

With history, each history record names its row by the row's natural key, or, for a row
deleted since, as {"deleted": n} (the n-th deleted row of that kind met in the file); a
restore's reason names the restored record by its place in the file ("restored:@12"), an
approval's reason the revision by its key ('revision:@["transform", 0]').
"""

import json
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.fields import AutoFieldMixin
from modeltranslation.translator import NotRegistered, translator

from ..models import (
    Case,
    CaseCountry,
    CaseLink,
    CaseOrganization,
    CaseRevision,
    CatalogueState,
    Contact,
    Country,
    EditingPresence,
    Organization,
    Region,
    SdgGoal,
    SdgTarget,
    Submission,
)
from ..workflow import REASON_RESTORED, REASON_REVISION, restored_history_id
from .backup_content import content_to_file

FORMAT = "south-south-catalogue"
VERSION = 1
# A key part: the row's place among the rows of its case, by its table's `order`, then pk.
POSITION = "#position"
RESTORED_AT = REASON_RESTORED + ":@"
REVISION_AT = REASON_REVISION + ":@"


@dataclass(frozen=True)
class Table:
    model: type
    key: tuple
    # What places a POSITION key's rows among their case's (then the primary key).
    order: tuple = ("order",)


# In the order they are loaded: what a row refers to comes before it.
TABLES = (
    Table(SdgGoal, ("number",)),
    Table(SdgTarget, ("code",)),
    Table(Region, ("code",)),
    Table(Country, ("code",)),
    Table(Organization, ("slug",)),
    Table(Case, ("slug",)),
    Table(Case.sdg_targets.through, ("case", "sdgtarget")),
    Table(Case.regions.through, ("case", "region")),
    Table(CaseCountry, ("case", "country")),
    Table(CaseOrganization, ("case", "organization", "role")),
    Table(Contact, ("case", POSITION)),
    Table(CaseLink, ("case", POSITION)),
    # After the rows its content names; its place among the case's revisions is by creation.
    Table(CaseRevision, ("case", POSITION), order=()),
    # Public submissions (personal data: see `manage.py submitter_data`), by their private key.
    Table(Submission, ("token",)),
)
# Rebuilt by the import (the search columns, the pinyin sort keys: cases/writes/sort_keys.py).
DERIVED_FIELDS = {
    Case: {"search_document", "search_english", "title_pinyin"},
    Country: {"name_pinyin"},
    Organization: {"name_pinyin"},
}
# Models with nothing to keep: the catalogue version moves on by itself when an import writes;
# who has a case open is transient (seen in the last minutes; a restore ends those sessions).
DERIVED_MODELS = (CatalogueState, EditingPresence)


def label(model):
    return model._meta.label_lower


def has_natural_pk(model):
    return not isinstance(model._meta.pk, AutoFieldMixin)


def _bare_translated(model):
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def exported_fields(model, source=None):
    """The columns a file holds for `model` (a historical model names its `source`)."""
    skip = DERIVED_FIELDS.get(source or model, set()) | _bare_translated(source or model)
    return [
        field
        for field in model._meta.concrete_fields
        if not isinstance(field, AutoFieldMixin) and field.name not in skip
    ]


def history_models():
    """(historical model, the model it records), Case's M2M history right after Case's."""
    for table in TABLES:
        history = getattr(table.model, "history", None)
        if history is None:
            continue
        yield history.model, table.model
        for field in getattr(history.model, "_history_m2m_fields", []):
            yield getattr(history.model, field.name).model, field.remote_field.through


def sort_key(value):
    return tuple(sort_key(part) for part in value) if isinstance(value, list) else value


def encode(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


class NaturalKeys:
    """The natural key of every catalogue row, by model and primary key (and back)."""

    def __init__(self):
        self.keys = {}  # model -> {pk: key}
        self.deleted = {}  # model -> {pk: n}, rows that history names but that are gone

    def build(self, table):
        model, parts = table.model, table.key
        names = [part for part in parts if part != POSITION]
        columns = [model._meta.get_field(name).attname for name in names]
        order = list(table.order) if POSITION in parts else []
        rows = list(model._base_manager.values("pk", *columns, *order))
        positions = self._positions(rows, columns[0], order) if POSITION in parts else {}
        keys = {}
        for row in rows:
            key = [
                positions[row["pk"]] if part == POSITION else self._part(model, part, row)
                for part in parts
            ]
            keys[row["pk"]] = key[0] if len(key) == 1 else key
        self.keys[model] = keys

    @staticmethod
    def _positions(rows, group_column, order):
        positions, counts = {}, {}
        place = [group_column, *order, "pk"]
        for row in sorted(rows, key=lambda row: [row[name] for name in place]):
            group = row[group_column]
            positions[row["pk"]] = counts.get(group, 0)
            counts[group] = positions[row["pk"]] + 1
        return positions

    def _part(self, model, name, row):
        field = model._meta.get_field(name)
        value = row[field.attname]
        return self.ref(field.related_model, value) if field.is_relation else value

    def ref(self, model, pk):
        """How a file names the row `pk` of `model`."""
        if pk is None or has_natural_pk(model):
            return pk
        if pk in self.keys.get(model, {}):
            return self.keys[model][pk]
        deleted = self.deleted.setdefault(model, {})
        return {"deleted": deleted.setdefault(pk, len(deleted))}

    def pks(self, model):
        """{file key: primary key} for `model` (keys as sort_key tuples)."""
        return {sort_key(key): pk for pk, key in self.keys.get(model, {}).items()}


def is_account(field):
    return field.is_relation and field.related_model is get_user_model()


def is_revision_content(field, source):
    """The field holding a revision's content (a JSON with database ids in it)."""
    return source is CaseRevision and field.name == "content"


def usernames():
    return dict(get_user_model()._base_manager.values_list("pk", "username"))


def catalogue_document(*, users=False, history=False):
    """The whole catalogue as a JSON-ready dict; users/groups and history when asked."""
    keys = NaturalKeys()
    accounts = usernames()
    tables = {}
    for table in TABLES:
        keys.build(table)
        tables[label(table.model)] = _table_rows(table.model, keys, accounts)
    document = {"format": FORMAT, "version": VERSION, "tables": tables}
    if users:
        document["users"] = users_section()
    if history:
        document["history"] = history_section(keys, accounts)
    return document


def file_value(field, value, source, keys, accounts):
    """How a file holds `value` of `field` (of `source` or of its history)."""
    if value is None:
        return None
    if is_account(field):
        return accounts.get(value)
    if field.is_relation:
        return keys.ref(field.related_model, value)
    if is_revision_content(field, source):
        return content_to_file(value, keys)
    return encode(value)


def _table_rows(model, keys, accounts):
    fields = exported_fields(model)
    rows = []
    for row in model._base_manager.values("pk", *[field.attname for field in fields]):
        item = {
            field.name: file_value(field, row[field.attname], model, keys, accounts)
            for field in fields
        }
        rows.append((sort_key(keys.keys[model][row["pk"]]), item))
    return [item for _key, item in sorted(rows, key=lambda pair: pair[0])]


def _permission_names(permissions):
    return sorted(
        f"{app_label}.{codename}"
        for app_label, codename in permissions.values_list("content_type__app_label", "codename")
    )


def users_section():
    fields = [field for field in get_user_model()._meta.concrete_fields if not field.primary_key]
    users = []
    for user in get_user_model()._base_manager.order_by("username"):
        item = {field.name: encode(getattr(user, field.attname)) for field in fields}
        item["groups"] = sorted(user.groups.values_list("name", flat=True))
        item["user_permissions"] = _permission_names(user.user_permissions)
        users.append(item)
    groups = [
        {"name": group.name, "permissions": _permission_names(group.permissions)}
        for group in Group.objects.order_by("name")
    ]
    return {"groups": groups, "users": users}


def history_section(keys, accounts):
    case_records = {}  # history_id of a case record -> its place in the file
    section = {}
    for history_model, source in history_models():
        is_m2m = not hasattr(history_model, "history_date")
        order = ("history_id", "m2m_history_id") if is_m2m else ("history_date", "history_id")
        fields = exported_fields(history_model, source)
        rows = []
        for row in history_model._base_manager.order_by(*order).values():
            if is_m2m and row["history_id"] not in case_records:
                continue  # left behind by a deleted case record: it describes nothing
            rows.append(_history_row(row, fields, source, keys, accounts, case_records))
            if source is Case:
                case_records[row["history_id"]] = len(rows) - 1
        section[label(history_model)] = rows
    return section


def _history_row(row, fields, source, keys, accounts, case_records):
    item = {}
    for field in fields:
        value = row[field.attname]
        if field.name == "id":
            value = keys.ref(source, value)
        elif field.name == "history" and field.is_relation:
            value = case_records[value]
        elif field.name == "history_change_reason":
            value = _reason_to_file(value, keys, case_records)
        else:
            value = file_value(field, value, source, keys, accounts)
        item[field.name] = encode(value)
    return item


def revision_in_reason(reason):
    """The revision id in an approval's reason "revision:<id>" (negative after an import: a
    revision deleted before the backup), or None."""
    number = (reason or "").removeprefix(REASON_REVISION + ":")
    if number == (reason or "") or not number.removeprefix("-").isascii():
        return None
    return int(number) if number.removeprefix("-").isdigit() else None


def _reason_to_file(reason, keys, case_records):
    restored = restored_history_id(reason)
    if restored in case_records:
        return f"{RESTORED_AT}{case_records[restored]}"
    revision = revision_in_reason(reason)
    if revision is not None:
        return REVISION_AT + json.dumps(keys.ref(CaseRevision, revision), ensure_ascii=False)
    return reason
