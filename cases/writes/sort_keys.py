"""Keeping the stored pinyin sort keys (cases/pinyin.py) in step with the names they sort.

`fill_sort_key` runs before every save of a country, an organization or a case (a pre_save
receiver in cases/signals.py, which also sees loaddata's raw saves: the fixtures do not carry
the keys). Bulk writes, which send no signals (a backup import, the synthetic cases), call it
themselves or `rebuild_sort_keys` afterwards.
"""

from ..models import Case, Country, Organization
from ..pinyin import sort_key

# model -> (the key's column, the columns it is made from: the first with text wins). A case
# without a Chinese title is shown and sorted by its English one on Chinese pages.
SORT_KEYS = {
    Country: ("name_pinyin", ("name_zh_hans",)),
    Organization: ("name_pinyin", ("name_zh_hans",)),
    Case: ("title_pinyin", ("title_zh_hans", "title_en")),
}


def fill_sort_key(instance):
    """Set `instance`'s sort key from its names (not saved: the caller's save writes it)."""
    column, sources = SORT_KEYS[type(instance)]
    text = next((value for value in (getattr(instance, name) for name in sources) if value), "")
    setattr(instance, column, sort_key(text))


def rebuild_sort_keys(batch_size=1000):
    """Recompute every stored key (after a bulk write, or a new pypinyin); returns how many
    changed. A queryset update: no save, no history row, no version bump of the case."""
    changed = 0
    for model, (column, sources) in SORT_KEYS.items():
        stale = []
        for instance in model._base_manager.only("pk", column, *sources).iterator():
            before = getattr(instance, column)
            fill_sort_key(instance)
            if getattr(instance, column) != before:
                stale.append(instance)
        model._base_manager.bulk_update(stale, [column], batch_size=batch_size)
        changed += len(stale)
    return changed
