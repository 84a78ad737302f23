"""One request's filters applied to the catalogue index: which cases, in which order, and how
many each facet option would give.

The filter parameters and their meaning are `cases.filters.CaseFilter`'s: values within a
parameter are OR-ed, parameters AND-ed; a facet's counts apply every other active filter but
not its own (`CaseFilter.FACET_EXCLUDES`: organization and role are left out together). The
SQL of `CaseFilter.qs` says the same thing; tests check that both give the same cases.
"""

from functools import cached_property

import numpy as np
from pyroaring import BitMap

from ...filters import CaseFilter
from .index import EMPTY, as_array, smallest


class Selection:
    def __init__(self, index, filterset, search=None):
        """`search`: what a search found (`search.SearchResult`), or None without a search."""
        self.index = index
        self.filterset = filterset
        self.search = search
        self.values = {
            name: [_key(name, value) for value in values]
            for name, values in filterset.active.items()
        }
        self._sets = {}

    # -- the cases ----------------------------------------------------------------------------

    def _parameter_set(self, name, apply_role):
        """The cases that pass parameter `name` alone (organization with or without `role`)."""
        key = (name, apply_role)
        if key not in self._sets:
            index, values = self.index, self.values[name]
            if name == "organization" and apply_role and self.values.get("role"):
                pairs = [(slug, role) for slug in values for role in self.values["role"]]
                parts = [index.cases_with("organization_role", pair) for pair in pairs]
            else:
                parts = [index.cases_with(name, value) for value in values]
            self._sets[key] = BitMap.union(EMPTY, *parts)
        return self._sets[key]

    def cases_without(self, *parameters):
        """The cases passing every active filter except `parameters` (with FACET_EXCLUDES)."""
        excluded = set()
        for name in parameters:
            excluded |= CaseFilter.FACET_EXCLUDES.get(name, {name})
        result = BitMap(self.index.everything)
        for name in self.values:
            if name in excluded:
                continue
            if name == "role" and "organization" in self.values and "organization" not in excluded:
                continue  # applied together with the organization filter
            result &= self._parameter_set(name, apply_role="role" not in excluded)
        if self.search is not None and "q" not in excluded:
            result &= self.search.positions
        return result

    @cached_property
    def cases(self):
        return self.cases_without()

    @property
    def count(self):
        return len(self.cases)

    # -- their order --------------------------------------------------------------------------

    def page(self, sort, language, start, stop):
        """The case ids at places start..stop of the selection, in the order `sort`."""
        if sort == "newest" or sort not in ("relevance", "title", "start_year"):
            positions = np.array(self.cases[start:stop], dtype=np.int64)
        else:
            positions = as_array(self.cases)
            if sort == "relevance" and getattr(self.search, "relevance", None) is not None:
                keys = self.search.ranks(positions)
            else:
                key = "start_year" if sort == "start_year" else f"title:{language}"
                keys = self.index.ranks(key)[positions]
            positions = smallest(positions, keys, start, stop)
        return [int(case_id) for case_id in self.index.case_ids[positions]]

    # -- facet counts -------------------------------------------------------------------------

    def counts(self, parameter, values=None):
        """{value: cases} for each value of `parameter` (all the index knows, or `values`)."""
        within = self.cases_without(parameter)
        if parameter == "organization" and self.values.get("role"):
            roles = self.values["role"]
            values = self.index.values("organization") if values is None else values
            return {
                slug: BitMap.union(
                    EMPTY, *(self.index.cases_with("organization_role", (slug, r)) for r in roles)
                ).intersection_cardinality(within)
                for slug in values
            }
        if parameter == "role" and self.values.get("organization"):
            slugs = self.values["organization"]
            values = self.index.values("role") if values is None else values
            return {
                role: BitMap.union(
                    EMPTY, *(self.index.cases_with("organization_role", (s, role)) for s in slugs)
                ).intersection_cardinality(within)
                for role in values
            }
        sets = self.index.sets[parameter]
        values = sets.keys() if values is None else values
        return {
            value: sets[value].intersection_cardinality(within) if value in sets else 0
            for value in values
        }

    def count_without(self, parameter):
        """How many cases dropping only `parameter` would give (for an empty result)."""
        return len(self.cases_without(parameter))


def _key(name, value):
    """The filterset's cleaned value as the index keys it (goals and years are numbers)."""
    return int(value) if name in ("goal", "year") else value
