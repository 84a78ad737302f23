"""A revision's content (the JSON of `reads.snapshots`) as a backup holds it: the database ids
inside it named by natural keys, and back to the ids of the database a backup is loaded into.

A stored row's key "id:<pk>" becomes {"id": <the row's natural key>}, or {"id": {"deleted": n}}
for a row deleted since (numbered as the history numbers deleted rows, so that the revision and
the history still name the same row after an import); a proposed row's "new:<token>" stays. A
row's foreign keys are named as the tables name them (an organization by its slug; a country
is its code). The case fields and the SDG target and region codes hold no database ids.
"""

from ..fields import INLINE_KINDS
from .snapshots import row_fields, stored_row_key

STORED_ROW = "id:"
NEW_ROW = "new:"
M2M_CODES = ("sdg_targets", "regions")


class BadContent(ValueError):
    """What a file holds as a revision's content is not one; the message says what is wrong."""


def _stored_pk(key):
    """The primary key an "id:<pk>" row key names (negative after an import: a row deleted
    before the backup), else None."""
    if not isinstance(key, str) or not key.startswith(STORED_ROW):
        return None
    number = key[len(STORED_ROW) :]
    digits = number.removeprefix("-")
    return int(number) if digits.isascii() and digits.isdigit() else None


def _relations(model):
    return [field for field in row_fields(model) if field.is_relation]


def content_to_file(content, keys):
    """`content` as stored -> as a backup holds it (`keys`: a reads.backup.NaturalKeys)."""
    rows = {}
    for kind, items in content.get("rows", {}).items():
        model = INLINE_KINDS.get(kind)
        rows[kind] = [_row_to_file(item, model, keys) for item in items] if model else items
    return {**content, "rows": rows}


def _row_to_file(item, model, keys):
    values = dict(item.get("values", {}))
    for field in _relations(model):
        if values.get(field.attname) is not None:
            values[field.attname] = keys.ref(field.related_model, values[field.attname])
    pk = _stored_pk(item.get("key"))
    key = {"id": keys.ref(model, pk)} if pk is not None else item.get("key")
    return {**item, "key": key, "values": values}


def is_deleted_ref(ref):
    return (
        isinstance(ref, dict)
        and set(ref) == {"deleted"}
        and type(ref["deleted"]) is int
        and ref["deleted"] >= 0
    )


def content_from_file(content, resolve, case_key):
    """The content of a revision of the case `case_key` in a file -> as stored here.

    `resolve(model, ref)` gives the primary key here of the row a file names (or raises).
    Raises BadContent when the content is not shaped as a revision's content is.
    """
    if not isinstance(content, dict):
        raise BadContent("its content is not a JSON object.")
    if not isinstance(content.get("fields"), dict) or not isinstance(content.get("rows"), dict):
        raise BadContent('its content needs "fields" and "rows" objects.')
    for name in M2M_CODES:
        codes = content.get(name)
        if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
            raise BadContent(f'its content\'s "{name}" is not a list of codes.')
    unknown = sorted(set(content["rows"]) - set(INLINE_KINDS))
    if unknown:
        raise BadContent(f"its content has rows of an unknown kind: {', '.join(unknown)}.")
    rows = {}
    for kind, items in content["rows"].items():
        if not isinstance(items, list):
            raise BadContent(f'its content\'s "{kind}" rows are not a list.')
        rows[kind] = [_row_from_file(item, kind, resolve, case_key) for item in items]
    return {**content, "rows": rows}


def _row_from_file(item, kind, resolve, case_key):
    model = INLINE_KINDS[kind]
    if not isinstance(item, dict) or not isinstance(item.get("values"), dict):
        raise BadContent(f'a row of its "{kind}" is not {{"key": …, "values": {{…}}}}.')
    key = item.get("key")
    if isinstance(key, dict) and set(key) == {"id"}:
        ref = key["id"]
        # A row of another case would be inserted as a new row on approval, not edited.
        if not is_deleted_ref(ref) and not (isinstance(ref, list) and ref[:1] == [case_key]):
            raise BadContent(f'its "{kind}" row {ref!r} is not a row of its case.')
        key = stored_row_key(resolve(model, ref))
    elif not (isinstance(key, str) and key.startswith(NEW_ROW)):
        raise BadContent(
            f'a row of its "{kind}" has the key {key!r}: a stored row is named '
            '{"id": <its natural key>}, a proposed one "new:…".'
        )
    values = dict(item["values"])
    for field in _relations(model):
        ref = values.get(field.attname)
        if ref is None:
            continue
        if not (isinstance(ref, str) or is_deleted_ref(ref)):
            raise BadContent(f'its "{kind}" row names a {field.name} by {ref!r}.')
        values[field.attname] = resolve(field.related_model, ref)
    return {**item, "key": key, "values": values}
