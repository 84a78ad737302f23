"""Building the catalogue index from the database: a handful of queries over the link tables,
read once per catalogue version and process (see `__init__.py`)."""

from collections import defaultdict

import numpy as np
from django.conf import settings
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
    rows = list(
        _published()
        .order_by(*NEWEST_FIRST)
        .values_list("pk", "status", "modality", "start_year", "end_year")
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


def _group(pairs):
    """{value: FrozenBitMap of positions} from (position, value) pairs."""
    groups = defaultdict(list)
    for position, value in pairs:
        groups[value].append(position)
    return {value: FrozenBitMap(positions) for value, positions in groups.items()}


def _linked(positions_of, rows):
    """(position, value...) for link rows (case id, value...) of published cases only."""
    for case_id, *values in rows:
        if case_id < len(positions_of) and positions_of[case_id] >= 0:
            yield (int(positions_of[case_id]), *values)


def _link_sets(positions_of, names, regions):
    target_links = Case.sdg_targets.through.objects.using(PRIMARY)
    targets = _group(_linked(positions_of, target_links.values_list("case_id", "sdgtarget_id")))
    countries = _group(
        _linked(
            positions_of, CaseCountry.objects.using(PRIMARY).values_list("case_id", "country_id")
        )
    )
    tagged = _group(
        _linked(
            positions_of,
            Case.regions.through.objects.using(PRIMARY).values_list("case_id", "region_id"),
        )
    )
    organization_rows = CaseOrganization.objects.using(PRIMARY).values_list(
        "case_id", "organization_id", "role"
    )
    slugs = names.organization_slugs
    by_role = _group(
        (position, (slugs[organization], role))
        for position, organization, role in _linked(positions_of, organization_rows)
    )
    return {
        "target": targets,
        "goal": _unions(targets, lambda code: names.target_goal[code]),
        "country": countries,
        "region": _region_sets(tagged, countries, names, regions),
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
        return lambda: list(_published().order_by(*ordering).values_list("pk", flat=True))

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
