"""The catalogue index: facet counts, filters and sorted pages without scanning join tables.

`current_index()` gives the index of the catalogue as it is now. Each process keeps one, built
for one catalogue version (`cases/catalogue_version.py`); every request reads the version (one
indexed query on the primary database) and rebuilds the index when it has changed. Counts are
therefore always exact: a publish, an edit, a deletion or a renamed organization moves the
version on, and the next request in every process sees it. A rebuild takes about 0.3 s at
10,000 cases and 2 s at 100,000 (see bench/results.md).

- `index.py`: the structure (bitmaps of case positions per filter value, sort ranks, names);
- `build.py`: reading it from the database;
- `selection.py`: one request's filters applied to it: the cases, their order, facet counts.
"""

import threading

from django.utils import timezone

from ... import catalogue_version
from .build import build
from .index import CatalogueIndex
from .selection import Selection

_current = None
_building = threading.Lock()


def current_index():
    """The index for the catalogue version the primary database holds now."""
    global _current
    version = catalogue_version.current()
    index = _current
    if index is not None and index.version == version and index.year == timezone.now().year:
        return index
    with _building:
        index = _current
        if index is None or index.version != version or index.year != timezone.now().year:
            index = build(version)
            _current = index
    return index


def forget():
    """Drop this process's index (the next request builds one); for tests."""
    global _current
    _current = None


__all__ = ["CatalogueIndex", "Selection", "current_index", "forget"]
