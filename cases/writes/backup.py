"""Loading a catalogue backup (cases.reads.backup) into a freshly migrated database.

Rows are inserted in bulk, so no signal fires: no history record is written for them (the
file's own history, if any, is loaded as it is) and the search columns are rebuilt once at
the end. Timestamps are written as the file has them, `updated_at` included.

Accounts come first, so that a revision names its proposer and reviewer; without `--users` in
the file, an account name is kept only if this database has an account by that name (else the
revision keeps no proposer, as when an account is deleted).
"""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import translation

from ..models import Case, CaseRevision
from ..reads.backup import (
    FORMAT,
    RESTORED_AT,
    REVISION_AT,
    TABLES,
    VERSION,
    NaturalKeys,
    exported_fields,
    has_natural_pk,
    history_models,
    is_account,
    is_revision_content,
    label,
    sort_key,
)
from ..reads.backup_content import BadContent, content_from_file, is_deleted_ref
from ..reads.snapshots import Snapshot
from ..workflow import revision_reason
from .search_index import rebuild_search_index
from .sort_keys import rebuild_sort_keys

BATCH_SIZE = 500


class BackupRefused(Exception):
    """The file cannot be loaded here; the message says why and nothing was written."""


def import_catalogue(document):
    """Load `document` (a parsed backup); returns {section or table: number of rows}."""
    _check(document)
    counts = {}
    try:
        # The bare column of a translated field gets the default language, as a save writes.
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            if "users" in document:
                counts["users"] = _insert_users(document["users"])
            keys = NaturalKeys()
            accounts = dict(get_user_model()._base_manager.values_list("username", "pk"))
            for table in TABLES:
                rows = document["tables"].get(label(table.model), [])
                _insert_table(table, rows, keys, accounts)
                counts[label(table.model)] = len(rows)
            if "history" in document:
                counts["history"] = _insert_history(document["history"], keys, accounts)
            rebuild_search_index(Case.objects.order_by("pk").values_list("pk", flat=True))
            rebuild_sort_keys()
    except (IntegrityError, DataError) as error:
        # E.g. two open revisions of one case: the database's own rules catch what slips by.
        raise BackupRefused(f"The file breaks a rule of the database: {error}") from None
    return counts


def _check(document):
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupRefused(f"This is not a catalogue backup (no format “{FORMAT}”).")
    if document.get("version") != VERSION:
        raise BackupRefused(
            f"This backup is version {document.get('version')!r}; "
            f"this version of the catalogue reads version {VERSION}."
        )
    filled = [label(t.model) for t in TABLES if t.model._base_manager.exists()]
    filled += [label(h) for h, _source in history_models() if h._base_manager.exists()]
    if filled:
        raise BackupRefused(
            "The database already holds catalogue data (" + ", ".join(filled) + "). "
            "Load a backup into a freshly migrated, empty database."
        )
    usernames = [user["username"] for user in document.get("users", {}).get("users", [])]
    taken = get_user_model()._base_manager.filter(username__in=usernames)
    if taken.exists():
        raise BackupRefused(
            "These accounts already exist: "
            + ", ".join(taken.order_by("username").values_list("username", flat=True))
        )


def _decode(field, value, pks, accounts=None, source=None):
    if value is None:
        return None
    if is_account(field):
        return (accounts or {}).get(value)
    if field.is_relation:
        return _pk(pks, field.related_model, value)
    if is_revision_content(field, source):
        return value  # translated by _revision_content, which knows the revision's case
    return field.to_python(value)


def _pk(pks, model, ref):
    if is_deleted_ref(ref):
        # A row deleted before the backup: its history keeps an id no new row can take.
        return -(ref["deleted"] + 1)
    if has_natural_pk(model) and not isinstance(ref, dict | list):
        return ref  # the key is the primary key (a code or a number)
    try:
        return pks[model][sort_key(ref)]
    except (KeyError, TypeError):
        raise BackupRefused(f"{label(model)} {ref!r} is named in the file but not in it.") from None


def _insert_table(table, rows, keys, accounts):
    model = table.model
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise BackupRefused(f"{label(model)}: the rows are not a list of objects.")
    fields = exported_fields(model)
    # A self-reference (a region's parent) and auto_now timestamps are written afterwards:
    # the parent may come later in the file, and bulk_create would stamp "now".
    later = [f for f in fields if (f.is_relation and f.related_model is model) or _stamped(f)]
    pks = {m: keys.pks(m) for m in keys.keys if not has_natural_pk(m)}
    objects = [
        model(
            **{
                f.attname: _decode(f, row[f.name], pks, accounts, model)
                for f in fields
                if f.name in row and f not in later
            }
        )
        for row in rows
    ]
    if model is CaseRevision:
        _check_one_active_revision(rows)
        for obj, row in zip(objects, rows, strict=True):
            obj.content = _revision_content(row, pks)
    model._base_manager.bulk_create(objects, batch_size=BATCH_SIZE)
    keys.build(table)
    if later and rows:
        _write_later_fields(objects, rows, later, pks)


def _stamped(field):
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _write_later_fields(objects, rows, later, pks):
    """Write `later` fields of the rows just inserted (their primary keys came back)."""
    model = type(objects[0])
    for obj, row in zip(objects, rows, strict=True):
        for field in later:
            setattr(obj, field.attname, _decode(field, row.get(field.name), pks))
    model._base_manager.bulk_update(objects, [f.name for f in later], batch_size=BATCH_SIZE)


def _check_one_active_revision(rows):
    active = [row.get("case") for row in rows if row.get("status") in CaseRevision.ACTIVE_STATUSES]
    twice = sorted({repr(case) for case in active if active.count(case) > 1})
    if twice:
        raise BackupRefused(
            f"{label(CaseRevision)}: more than one pending revision of {', '.join(twice)}; "
            "a case has at most one."
        )


def _revision_content(row, pks, *, check=True):
    """A revision's content in the file (or its history's) -> as stored here; refused when it
    is not one. `check`: also read it as an approval would."""
    case_key = row.get("case")
    try:
        stored = content_from_file(
            row.get("content"), lambda model, ref: _pk(pks, model, ref), case_key
        )
        if check:
            Snapshot.from_json(stored)  # what approving it reads
    except (BadContent, BackupRefused) as error:
        problem = str(error)
    except ValidationError as error:
        with translation.override("en"):  # the command speaks English
            problem = f"its content cannot be read ({' '.join(error.messages)})."
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        problem = f"its content cannot be read ({error!r})."
    else:
        return stored
    raise BackupRefused(f"{label(CaseRevision)} of {case_key!r}: {problem}")


def _permissions(names):
    found = []
    for name in names:
        app_label, codename = name.split(".", 1)
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is None:
            raise BackupRefused(f"There is no permission {name} in this database.")
        found.append(permission)
    return found


def _insert_users(section):
    for item in section.get("groups", []):
        group, _created = Group.objects.get_or_create(name=item["name"])
        group.permissions.set(_permissions(item["permissions"]))
    user_model = get_user_model()
    fields = [field for field in user_model._meta.concrete_fields if not field.primary_key]
    for item in section.get("users", []):
        user = user_model(**{f.attname: _decode(f, item[f.name], {}) for f in fields})
        user.save()
        user.groups.set(Group.objects.filter(name__in=item["groups"]))
        user.user_permissions.set(_permissions(item["user_permissions"]))
    return len(section.get("users", []))


def _insert_history(section, keys, accounts):
    pks = {m: keys.pks(m) for m in keys.keys if not has_natural_pk(m)}
    case_records = []  # history_id of each case record, in file order
    total = 0
    for history_model, source in history_models():
        rows = section.get(label(history_model), [])
        fields = exported_fields(history_model, source)
        objects = [
            history_model(
                **{
                    f.attname: _history_value(f, row, source, pks, accounts, case_records)
                    for f in fields
                    if f.name in row
                }
            )
            for row in rows
        ]
        history_model._base_manager.bulk_create(objects, batch_size=BATCH_SIZE)
        total += len(objects)
        if source is Case:
            case_records[:] = history_model._base_manager.order_by(
                "history_date", "history_id"
            ).values_list("history_id", flat=True)
            _point_restores_at_records(history_model, case_records)
    return total


def _history_value(field, row, source, pks, accounts, case_records):
    value = row[field.name]
    if value is None:
        return None
    if field.name == "id":
        return _pk(pks, source, value)
    if field.name == "history" and field.is_relation:
        return case_records[value]
    if field.name == "history_change_reason" and value.startswith(REVISION_AT):
        return _revision_reason(value, pks)
    if is_revision_content(field, source):
        return _revision_content(row, pks, check=False)  # an old state: kept as it was
    return _decode(field, value, pks, accounts, source)


def _revision_reason(reason, pks):
    """'revision:@["transform", 0]' (a revision by its key) -> "revision:<its id here>"."""
    try:
        ref = json.loads(reason[len(REVISION_AT) :])
    except ValueError:
        raise BackupRefused(f"The history reason {reason!r} names no revision.") from None
    return revision_reason(_pk(pks, CaseRevision, ref))


def _point_restores_at_records(history_model, case_records):
    """ "restored:@12" (the 12th case record of the file) -> "restored:<its new id>"."""
    restores = list(
        history_model._base_manager.filter(history_change_reason__startswith=RESTORED_AT)
    )
    for record in restores:
        place = record.history_change_reason[len(RESTORED_AT) :]
        if place.isascii() and place.isdigit() and int(place) < len(case_records):
            record.history_change_reason = f"restored:{case_records[int(place)]}"
    history_model._base_manager.bulk_update(restores, ["history_change_reason"])
