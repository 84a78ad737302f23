"""Ordering by translated names: the reader's language, with a fallback, pinyin for Chinese.

modeltranslation's `order_by("title")` uses the active language's column only, so an
untranslated case would sort first; these expressions use the other language where one is empty.

Chinese names are ordered by their stored pinyin key (cases/pinyin.py), on both databases:
SQLite has no pinyin collation, and with one key PostgreSQL and SQLite give the same order,
so the lists, facets, the catalogue index's ranks and the tests agree wherever they run
(PostgreSQL's ICU `zh-x-icu` would also read 朝鲜 as "zhao xian", pypinyin reads "chao xian").
English uses the database's collation: ICU's root order on PostgreSQL, lower case on SQLite.
"""

from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Collate, Lower, NullIf
from django.utils.translation import get_language

from ..fields import localized

# The stored pinyin key of each ordered name (set by cases/writes/sort_keys.py).
PINYIN_KEYS = {"title": "title_pinyin", "name": "name_pinyin"}


def _collated(expression):
    if connection.vendor == "postgresql":
        return Collate(expression, "und-x-icu")
    return Lower(expression)


def title_in_language(language):
    """The case title in `language`, else in the other language, ready to order by."""
    if language == "zh-hans":
        return F(PINYIN_KEYS["title"])  # of the Chinese title, else the English one
    other = "zh-hans"
    title = Coalesce(
        NullIf(F(localized("title", language)), Value("")), F(localized("title", other))
    )
    return _collated(title)


def name_order(field_name):
    """Order a translated name (of a country, an organization) in the reader's language."""
    language = get_language() or "zh-hans"
    if language == "zh-hans":
        return F(PINYIN_KEYS[field_name]).asc()
    return _collated(F(localized(field_name, language))).asc()
