"""Building the catalogue index from the database: a handful of queries over the link tables,
read once per catalogue version and process (see `__init__.py`)."""

from collections import defaultdict

import numpy as np
from django.conf import settings
from django.db import connections
from django.db.models import F
from django.utils import timezone
from django.utils.translation import override
from pyroaring import BitMap, FrozenBitMap

from ...catalogue_version import PRIMARY
from ...fields import localized
from ...models import (
    NEWEST_FIRST,
    Case,
    CaseCountry,
    CaseOrganization,
    Country,
    Organization,
    Region,
    SdgGoal,
    SdgTarget,
)
from ..ordering import name_order, title_in_language
from ..regions import region_tree
from .index import CatalogueIndex, Names

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _published():
    return Case.objects.using(PRIMARY).published()


def build(version):
    """The index of the published catalogue as the primary database holds it now."""
    rows = _plain(
        _published().order_by(*NEWEST_FIRST), "pk", "status", "modality", "start_year", "end_year"
    )
    case_ids = np.array([row[0] for row in rows], dtype=np.int64)
    positions_of = np.full(int(case_ids.max(initial=0)) + 1, -1, dtype=np.int64)
    positions_of[case_ids] = np.arange(len(case_ids))
    names = _names()
    regions = region_tree()
    year = timezone.now().year
    sets = {
        "all": {None: FrozenBitMap(range(len(rows)))},
        "status": _group((position, row[1]) for position, row in enumerate(rows)),
        "modality": _group((position, row[2]) for position, row in enumerate(rows)),
        "year": _years(rows, year),
        # Not filters: what the insights charts count (cases started in a year; cases with a
        # country, so that regional and global ones are counted apart on the map).
        "start_year": _group((position, row[3]) for position, row in enumerate(rows) if row[3]),
        **_link_sets(positions_of, names, regions),
    }
    sets["has_country"] = {True: FrozenBitMap(BitMap.union(BitMap(), *sets["country"].values()))}
    return CatalogueIndex(
        version=version,
        year=year,
        case_ids=case_ids,
        positions_of=positions_of,
        sets=sets,
        names=names,
        regions=regions,
        rank_loaders=_rank_loaders(),
    )


def _plain(queryset, *fields):
    """The queryset's rows of `fields`, fetched without the ORM's (and modeltranslation's) work
    per row: the query is still the ORM's, so published() stays the one rule. (The SELECT may
    list the columns in another order: they are picked by name.)"""
    sql, parameters = queryset.values_list(*fields).query.sql_with_params()
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute(sql, parameters)
        names = [column[0] for column in cursor.description]
        found = cursor.fetchall()
    picks = [names.index(field) for field in fields]
    return [tuple(row[pick] for pick in picks) for row in found]


def _group(pairs):
    """{value: FrozenBitMap of positions} from (position, value) pairs."""
    groups = defaultdict(list)
    for position, value in pairs:
        groups[value].append(position)
    return {value: FrozenBitMap(positions) for value, positions in groups.items()}


def _link_rows(model, *columns):
    """A link table's case ids and `columns` as numpy arrays, read with one plain query: at
    100,000 cases the tables hold most of a million rows, and the ORM's (or any Python) work
    per row was most of a rebuild's time."""
    connection = connections[PRIMARY]
    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name in ("case_id", *columns))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {names} FROM {quote(model._meta.db_table)}")  # noqa: S608
        found = cursor.fetchall()
    if not found:
        return [np.empty(0, dtype=np.int64), *(np.empty(0, dtype=str) for _ in columns)]
    case_ids = np.fromiter((row[0] for row in found), dtype=np.int64, count=len(found))
    values = [np.array([row[number] for row in found]) for number in range(1, len(columns) + 1)]
    return [case_ids, *values]


def _grouped(positions_of, case_ids, keys):
    """{key: FrozenBitMap of the positions of the published cases linked to it}, for link rows
    given as arrays of case ids and keys: one sort in numpy, no Python work per row."""
    inside = case_ids < len(positions_of)
    positions = np.full(len(case_ids), -1, dtype=np.int64)
    positions[inside] = positions_of[case_ids[inside]]
    published = positions >= 0
    positions, keys = positions[published], keys[published]
    distinct, numbers = np.unique(keys, return_inverse=True)
    order = np.lexsort((positions, numbers))
    ordered = positions[order].astype(np.uint32)
    bounds = np.searchsorted(numbers[order], np.arange(len(distinct) + 1))
    return {
        distinct[i].item(): FrozenBitMap(ordered[bounds[i] : bounds[i + 1]])
        for i in range(len(distinct))
    }


def _link_sets(positions_of, names, regions):
    targets = _grouped(positions_of, *_link_rows(Case.sdg_targets.through, "sdgtarget_id"))
    countries = _grouped(positions_of, *_link_rows(CaseCountry, "country_id"))
    tagged = _grouped(positions_of, *_link_rows(Case.regions.through, "region_id"))
    case_ids, organizations, roles = _link_rows(CaseOrganization, "organization_id", "role")
    # One number per (organization, role) pair, grouped like the others, then named.
    role_names, role_numbers = np.unique(roles, return_inverse=True)
    pairs = _grouped(positions_of, case_ids, organizations * len(role_names) + role_numbers)
    slugs = names.organization_slugs
    by_role = {
        (slugs[pair // len(role_names)], str(role_names[pair % len(role_names)])): cases
        for pair, cases in pairs.items()
    }
    return {
        "target": targets,
        "goal": _unions(targets, lambda code: names.target_goal[code]),
        "country": countries,
        "region": _region_sets(tagged, countries, names, regions),
        # Not a filter: the regions a case names itself (the CSV's column), without those
        # that follow from its countries or a sub-region.
        "tagged_region": tagged,
        "organization_role": by_role,
        "organization": _unions(by_role, lambda key: key[0]),
        "role": _unions(by_role, lambda key: key[1]),
    }


def _unions(sets, key):
    """Sets grouped by `key(value)` and united: targets into goals, roles into organizations."""
    grouped = defaultdict(BitMap)
    for value, cases in sets.items():
        grouped[key(value)] |= cases
    return {value: FrozenBitMap(cases) for value, cases in grouped.items()}


def _region_sets(tagged, countries, names, regions):
    """A region holds the cases tagged with it or a region below it, or with a country there."""
    located = defaultdict(BitMap)
    for code, cases in countries.items():
        located[names.country_region[code]] |= cases
    sets = {}
    for code, region in regions.items():
        cases = BitMap()
        for member in region.subtree:
            cases |= tagged.get(member, BitMap())
            cases |= located.get(member, BitMap())
        if cases:
            sets[code] = FrozenBitMap(cases)
    return sets


def _years(rows, this_year):
    """{year: cases active that year}: from the start year to the end year, or to this year."""
    starts = np.array([row[3] or 0 for row in rows], dtype=np.int64)
    ends = np.array([row[4] or 0 for row in rows], dtype=np.int64)
    ends = np.where((ends == 0) & (starts > 0), this_year, ends)
    if not (starts > 0).any():
        return {}
    years = {}
    for year in range(int(starts[starts > 0].min()), int(max(ends.max(), this_year)) + 1):
        active = np.nonzero((starts > 0) & (starts <= year) & (ends >= year))[0]
        if len(active):
            years[year] = FrozenBitMap(active.astype(np.uint32))
    return years


def _rank_loaders():
    """The other sort orders, read from the database when first asked for (collations)."""

    def by(*ordering):
        return lambda: [row[0] for row in _plain(_published().order_by(*ordering), "pk")]

    loaders = {"start_year": by(F("start_year").desc(nulls_last=True), "slug")}
    for language in LANGUAGES:
        loaders[f"title:{language}"] = by(title_in_language(language).asc(), "slug")
    return loaders


def _names():
    def by_language(model, key, field="name"):
        rows = list(
            model.objects.using(PRIMARY).values_list(
                key, *[localized(field, code) for code in LANGUAGES]
            )
        )
        return {
            code: {row[0]: row[index + 1] for row in rows} for index, code in enumerate(LANGUAGES)
        }

    organizations = list(Organization.objects.using(PRIMARY).all())
    organization_names = {}
    for code in LANGUAGES:
        with override(code):
            organization_names[code] = {o.slug: str(o) for o in organizations}
    goals = list(SdgGoal.objects.using(PRIMARY).all())
    targets = list(SdgTarget.objects.using(PRIMARY).values_list("code", "goal_id", "position"))
    return Names(
        goals=by_language(SdgGoal, "number"),
        goal_colours={goal.number: (goal.colour, goal.text_colour) for goal in goals},
        targets=by_language(SdgTarget, "code", "label"),
        target_goal={code: goal for code, goal, _position in targets},
        target_position={code: position for code, _goal, position in targets},
        regions=by_language(Region, "code"),
        region_parent=dict(Region.objects.using(PRIMARY).values_list("code", "parent_id")),
        countries=by_language(Country, "code"),
        country_region=dict(Country.objects.using(PRIMARY).values_list("code", "region_id")),
        organizations=organization_names,
        organization_slugs={o.pk: o.slug for o in organizations},
        name_order={
            "country": _name_order(Country, "code"),
            "organization": _name_order(Organization, "slug"),
        },
    )


def _name_order(model, key):
    """{language: {key: place}} in the database's order of names in that language."""
    order = {}
    for language in LANGUAGES:
        with override(language):
            keys = model.objects.using(PRIMARY).order_by(name_order("name"), key)
            order[language] = {
                value: place for place, value in enumerate(keys.values_list(key, flat=True))
            }
    return order
