"""Search that understands Chinese: queries, matching, ranking, snippets and suggestions.

The README's "Search" section explains the behaviour for readers and operators. The modules:

- `tokens`: text to tokens (CJK bigrams, Latin words, a light stemmer);
- `documents`: what the index holds for a case (written by `cases.writes.search_index`);
- `query`: what a search box input means (`parse_query`);
- `postgres` and `sqlite`: the same semantics on each database;
- `snippets`, `suggestions`: what the result page shows around the matches, or instead of them.

No word segmenter is used: bigrams need none at query time, so web requests never pay jieba's
start-up cost (about 0.8 s and 60 MB per process).
"""

from django.db import connection

from ..models import NEWEST_FIRST
from . import postgres, sqlite
from .documents import build_search_document, searched_names
from .query import ParsedQuery, Term, parse_query
from .snippets import snippet
from .suggestions import suggestions


def search_cases(queryset, q):
    """The cases of `queryset` that match `q`, annotated with `search_rank` (higher first).

    Returns a plain filtered queryset (a WHERE condition and one annotation) ordered by
    relevance, then newest; callers may re-order, count or annotate it. On PostgreSQL the
    condition is `search_vector @@ tsquery` on the GIN index and `search_rank` is ts_rank with
    weights title 1.0 > headline 0.4 > names 0.2 > body 0.1. On SQLite the same semantics run in
    Python per row. An empty query returns the queryset unchanged (no `search_rank`).
    """
    query = parse_query(q)
    if query.is_empty:
        return queryset
    backend = postgres if connection.vendor == "postgresql" else sqlite
    condition, rank = backend.condition_and_rank(query)
    return queryset.filter(condition).annotate(search_rank=rank).order_by(*BY_RELEVANCE)


BY_RELEVANCE = ("-search_rank", *NEWEST_FIRST)

__all__ = [
    "BY_RELEVANCE",
    "ParsedQuery",
    "Term",
    "build_search_document",
    "parse_query",
    "search_cases",
    "searched_names",
    "snippet",
    "suggestions",
]
