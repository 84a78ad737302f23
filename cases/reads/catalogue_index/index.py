"""The catalogue index: every published case as a number, and for every filter value the set of
cases that have it, as compressed bitmaps (pyroaring).

A case's number is its position in the newest-first order (0 is the newest), so the
newest-first page of any selection is a slice of its bitmap, and counting a facet option is
the size of an intersection. Other sort orders are a rank per position (numpy arrays), made the
first time someone asks for them. The index also holds the names of the reference data in both
languages, so that facets need no query of their own.

It is built by `build.py` from the database, for one catalogue version, and is never changed:
a new version gets a new index (see `__init__.py`).
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from pyroaring import BitMap, FrozenBitMap

EMPTY = FrozenBitMap()


@dataclass
class Names:
    """Reference data in both languages: {language: {code: name}} and a few relations."""

    goals: dict  # language -> {number: name}
    goal_colours: dict  # number -> (colour, text colour)
    targets: dict  # language -> {code: label}
    target_goal: dict  # code -> goal number
    target_position: dict  # code -> natural order
    regions: dict  # language -> {code: name}
    region_parent: dict  # code -> parent code or None
    countries: dict  # language -> {code: name}
    country_region: dict  # code -> region code
    organizations: dict  # language -> {slug: "name (acronym)"}
    organization_slugs: dict  # pk -> slug
    name_order: dict  # "country" / "organization" -> language -> {code or slug: place by name}


@dataclass
class CatalogueIndex:
    version: int
    year: int  # the year "to present" meant when this was built
    case_ids: np.ndarray  # position -> case id
    positions_of: np.ndarray  # case id -> position, -1 for cases that are not published
    sets: dict  # parameter -> {value: FrozenBitMap}; organization_role: {(slug, role): ...}
    names: Names
    regions: dict  # reads.regions.region_tree(): code -> Region with .subtree, .depth
    rank_loaders: dict = field(default_factory=dict)  # sort key -> callable giving case ids
    _ranks: dict = field(default_factory=dict)
    _lock: object = field(default_factory=threading.Lock)
    searches: OrderedDict = field(default_factory=OrderedDict)  # see search.py
    searches_lock: object = field(default_factory=threading.Lock)
    _derived: dict = field(default_factory=dict)  # see derived()

    @property
    def size(self):
        return len(self.case_ids)

    @property
    def known(self):
        """{parameter: the codes it accepts}, for checking a request's values."""
        names = self.names
        return {
            "target": set(names.targets[next(iter(names.targets))]),
            "region": set(self.regions),
            "country": set(names.country_region),
            "organization": set(names.organization_slugs.values()),
        }

    @property
    def everything(self):
        return self.sets["all"][None]

    def cases_with(self, parameter, value):
        return self.sets[parameter].get(value, EMPTY)

    def values(self, parameter):
        return self.sets[parameter].keys()

    def positions(self, case_ids):
        """Positions of these case ids (unpublished and unknown ones left out), as a bitmap."""
        ids = np.asarray(list(case_ids), dtype=np.int64)
        ids = ids[(ids >= 0) & (ids < len(self.positions_of))]
        found = self.positions_of[ids]
        return BitMap(found[found >= 0].astype(np.uint32))

    def derived(self, key, make):
        """`make()`, made once for this index and kept with it: for what follows from the
        catalogue alone (at this version) and `key`, such as the home page's map in one
        language, which a page would otherwise work out again on every request. A new version
        gets a new index, so what is kept here is never stale. Two requests may both make it
        the first time; either result is the same."""
        if key not in self._derived:
            self._derived.setdefault(key, make())
        return self._derived[key]

    def ranks(self, key):
        """position -> rank in the sort order `key` (made once, then kept with the index)."""
        with self._lock:
            if key not in self._ranks:
                ordered_ids = np.asarray(self.rank_loaders[key](), dtype=np.int64)
                positions = self.positions_of[ordered_ids]
                ranks = np.empty(self.size, dtype=np.int64)
                ranks[positions[positions >= 0]] = np.arange((positions >= 0).sum())
                self._ranks[key] = ranks
            return self._ranks[key]


def as_array(bitmap):
    return np.frombuffer(bitmap.to_array(), dtype=np.uint32).astype(np.int64)


def smallest(positions, keys, start, stop):
    """`positions` ordered by `keys` (one per position, smaller first), items start..stop."""
    if stop <= 0 or not len(positions):
        return positions[:0]
    stop = min(stop, len(positions))
    if stop < len(positions):
        chosen = np.argpartition(keys, stop - 1)[:stop]
    else:
        chosen = np.arange(len(positions))
    chosen = chosen[np.lexsort((positions[chosen], keys[chosen]))]
    return positions[chosen][start:stop]
