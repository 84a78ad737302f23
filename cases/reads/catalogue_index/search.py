"""A search's matches in the catalogue index: the database finds them (GIN index on
PostgreSQL), the index intersects them with the filters. Each index keeps the last searches,
so paging through a search or changing its filters does not search again."""

from dataclasses import dataclass

import numpy as np
from pyroaring import FrozenBitMap

from ... import search
from ...catalogue_version import PRIMARY
from ...models import Case

KEPT_SEARCHES = 64


@dataclass(frozen=True)
class SearchResult:
    positions: FrozenBitMap  # the matches' positions
    sorted_positions: np.ndarray | None = None  # with relevance: the same, ascending...
    relevance: np.ndarray | None = None  # ...and each one's place by relevance (0 first)

    def ranks(self, positions):
        """Relevance places of `positions` (all among the matches)."""
        return self.relevance[np.searchsorted(self.sorted_positions, positions)]


def find(index, query, *, ranked):
    """The published cases matching `query`; `ranked` also orders them by relevance."""
    key = (query.key(), ranked)
    kept = index.searches
    with index.searches_lock:
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
    matches = search.search_cases(Case.objects.using(PRIMARY).published(), query)
    if ranked:
        rows = list(matches.values_list("pk", "search_rank"))
        result = _ranked(index, rows)
    else:
        ids = list(matches.order_by().values_list("pk", flat=True))
        result = SearchResult(index.positions(ids))
    with index.searches_lock:
        kept[key] = result
        while len(kept) > KEPT_SEARCHES:
            kept.popitem(last=False)
    return result


def _ranked(index, rows):
    ids = np.array([pk for pk, _rank in rows], dtype=np.int64)
    scores = np.array([rank for _pk, rank in rows], dtype=np.float64)
    known = (ids < len(index.positions_of)) & (ids >= 0)
    positions = np.full(len(ids), -1, dtype=np.int64)
    positions[known] = index.positions_of[ids[known]]
    keep = positions >= 0
    positions, scores = positions[keep], scores[keep]
    # Best score first; equal scores newest first (the smaller position).
    order = np.lexsort((positions, -scores))
    relevance = np.empty(len(positions), dtype=np.int64)
    relevance[order] = np.arange(len(positions))
    ascending = np.argsort(positions)
    return SearchResult(
        FrozenBitMap(positions.astype(np.uint32)),
        sorted_positions=positions[ascending],
        relevance=relevance[ascending],
    )
