"""Loading a catalogue backup (cases.reads.backup) into a freshly migrated database.

Rows are inserted in bulk, so no signal fires: no history record is written for them (the
file's own history, if any, is loaded as it is) and the search columns are rebuilt once at
the end. Timestamps are written as the file has them, `updated_at` included.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation

from ..models import Case
from ..reads.backup import (
    FORMAT,
    POSITION,
    RESTORED_AT,
    TABLES,
    VERSION,
    NaturalKeys,
    exported_fields,
    has_natural_pk,
    history_models,
    label,
    sort_key,
)
from .search_index import rebuild_search_index

BATCH_SIZE = 500


class BackupRefused(Exception):
    """The file cannot be loaded here; the message says why and nothing was written."""


def import_catalogue(document):
    """Load `document` (a parsed backup); returns {section or table: number of rows}."""
    _check(document)
    counts = {}
    # The bare column of a translated field gets the default language, as a save would write.
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        keys = NaturalKeys()
        for table in TABLES:
            rows = document["tables"].get(label(table.model), [])
            _insert_table(table, rows, keys)
            counts[label(table.model)] = len(rows)
        if "users" in document:
            counts["users"] = _insert_users(document["users"])
        if "history" in document:
            counts["history"] = _insert_history(document["history"], keys)
        rebuild_search_index(Case.objects.order_by("pk").values_list("pk", flat=True))
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


def _decode(field, value, pks):
    if value is None:
        return None
    if field.is_relation:
        return _pk(pks, field.related_model, value)
    return field.to_python(value)


def _pk(pks, model, ref):
    if isinstance(ref, dict) and "deleted" in ref:
        # A row deleted before the backup: its history keeps an id no new row can take.
        return -(ref["deleted"] + 1)
    if has_natural_pk(model):
        return ref  # the key is the primary key (a code or a number)
    try:
        return pks[model][sort_key(ref)]
    except (KeyError, TypeError):
        raise BackupRefused(f"{label(model)} {ref!r} is named in the file but not in it.") from None


def _insert_table(table, rows, keys):
    model = table.model
    fields = exported_fields(model)
    # A self-reference (a region's parent) and auto_now timestamps are written afterwards:
    # the parent may come later in the file, and bulk_create would stamp "now".
    later = [f for f in fields if (f.is_relation and f.related_model is model) or _stamped(f)]
    pks = {m: keys.pks(m) for m in keys.keys if not has_natural_pk(m)}
    objects = [
        model(
            **{
                f.attname: _decode(f, row[f.name], pks)
                for f in fields
                if f.name in row and f not in later
            }
        )
        for row in rows
    ]
    model._base_manager.bulk_create(objects, batch_size=BATCH_SIZE)
    keys.build(table)
    if later and rows:
        if POSITION in table.key:
            raise BackupRefused(f"{label(model)}: no row key for its timestamps.")
        _write_later_fields(table, rows, later, keys)


def _stamped(field):
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _write_later_fields(table, rows, later, keys):
    model = table.model
    by_key = keys.pks(model)
    pks = {m: keys.pks(m) for m in keys.keys if not has_natural_pk(m)}
    objects = {obj.pk: obj for obj in model._base_manager.all()}
    changed = []
    for row in rows:
        key = [row[name] for name in table.key]
        obj = objects[by_key[sort_key(key[0] if len(key) == 1 else key)]]
        for field in later:
            setattr(obj, field.attname, _decode(field, row.get(field.name), pks))
        changed.append(obj)
    model._base_manager.bulk_update(changed, [f.name for f in later], batch_size=BATCH_SIZE)


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


def _insert_history(section, keys):
    users = dict(get_user_model()._base_manager.values_list("username", "pk"))
    pks = {m: keys.pks(m) for m in keys.keys if not has_natural_pk(m)}
    case_records = []  # history_id of each case record, in file order
    total = 0
    for history_model, source in history_models():
        rows = section.get(label(history_model), [])
        fields = exported_fields(history_model, source)
        objects = [
            history_model(
                **{
                    f.attname: _history_value(f, row[f.name], source, pks, users, case_records)
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


def _history_value(field, value, source, pks, users, case_records):
    if value is None:
        return None
    if field.name == "id":
        return _pk(pks, source, value)
    if field.name == "history_user":
        return users.get(value)
    if field.name == "history" and field.is_relation:
        return case_records[value]
    return _decode(field, value, pks)


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
