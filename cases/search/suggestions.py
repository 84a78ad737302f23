"""Suggestions when nothing is found: the closest SDG targets, countries and organizations."""

import re

from django.db import connection

from ..models import Country, Organization, SdgTarget
from .query import parse_query
from .tokens import normalize

SUGGESTIONS_PER_KIND = 5
SUGGESTION_FIELDS = {
    "targets": (SdgTarget, ("code", "label_zh_hans", "label_en")),
    "countries": (Country, ("code", "name_zh_hans", "name_en")),
    "organizations": (
        Organization,
        ("slug", "name_zh_hans", "name_en", "acronym_zh_hans", "acronym_en"),
    ),
}
TRIGRAM_THRESHOLD = 0.3
FALLBACK_THRESHOLD = 0.5


def _trigrams(text):
    """pg_trgm's trigrams: each word lower-cased, padded with two spaces before, one after."""
    grams = set()
    for word in re.findall(r"[^\W_]+", normalize(text)):
        padded = f"  {word} "
        grams |= {padded[i : i + 3] for i in range(len(padded) - 2)}
    return grams


def _fallback_similarity(query_grams, value):
    """Share of the query's trigrams found in `value` (like pg_trgm's word_similarity)."""
    value_grams = _trigrams(value)
    if not query_grams or not value_grams:
        return 0.0
    return len(query_grams & value_grams) / len(query_grams)


def suggestions(q, language=None):
    """The closest SDG targets, countries and organizations to the query, by name or code.

    {"targets": [...], "countries": [...], "organizations": [...]}, at most
    SUGGESTIONS_PER_KIND each, best first. PostgreSQL: pg_trgm word similarity; SQLite: the same
    measure in Python over the (small) tables.
    """
    query = parse_query(q)
    text = query.positive_text.strip()
    result = {kind: [] for kind in SUGGESTION_FIELDS}
    if not text:
        return result
    for kind, (model, fields) in SUGGESTION_FIELDS.items():
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import TrigramWordSimilarity
            from django.db.models.functions import Greatest

            scores = [TrigramWordSimilarity(text, name) for name in fields]
            result[kind] = list(
                model.objects.annotate(similarity=Greatest(*scores))
                .filter(similarity__gte=TRIGRAM_THRESHOLD)
                .order_by("-similarity", *model._meta.ordering)[:SUGGESTIONS_PER_KIND]
            )
        else:
            grams = _trigrams(text)
            scored = []
            for instance in model.objects.all():
                score = max(_fallback_similarity(grams, getattr(instance, f) or "") for f in fields)
                if score >= FALLBACK_THRESHOLD:
                    scored.append((-score, len(scored), instance))
            result[kind] = [instance for _s, _i, instance in sorted(scored)][:SUGGESTIONS_PER_KIND]
    return result
