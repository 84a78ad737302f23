"""Ordering by translated names: the reader's language, with a fallback, pinyin for Chinese.

modeltranslation's `order_by("title")` uses the active language's column only, so an
untranslated case would sort first; these expressions use the other language where one is empty.
On PostgreSQL the ICU collation `zh-x-icu` gives pinyin order.
"""

from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Collate, Lower, NullIf
from django.utils.translation import get_language

from ..fields import localized


def _collated(expression, language):
    if connection.vendor == "postgresql":
        return Collate(expression, "zh-x-icu" if language == "zh-hans" else "und-x-icu")
    return Lower(expression)


def title_in_language(language):
    """The case title in `language`, else in the other language, ready to order by."""
    other = "en" if language == "zh-hans" else "zh-hans"
    title = Coalesce(
        NullIf(F(localized("title", language)), Value("")), F(localized("title", other))
    )
    return _collated(title, language)


def name_order(field_name):
    """Order a translated name (of a country, an organization) in the reader's language."""
    language = get_language() or "zh-hans"
    return _collated(F(localized(field_name, language)), language).asc()
