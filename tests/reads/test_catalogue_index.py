"""The catalogue index against the SQL of the FilterSet: for random catalogues and random
filters, both give the same cases in the same order, and each facet count is the number of
cases the list would show with that option chosen."""

import random

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from cases import catalogue_version
from cases.models import Case
from cases.reads.catalogue import case_filter, select
from cases.reads.catalogue_index import build, current_index
from cases.reads.facets import facet
from tests.factories import make_case, unpublish_seeded_cases

pytestmark = pytest.mark.django_db

TARGETS = ["1.3", "3.8", "8.5", "8.3", "13.2", "17.9"]
COUNTRIES = ["KE", "ET", "MN", "KG", "BR", "ZA"]
REGIONS = ["002", "142", "001", "419"]
ORGANIZATIONS = ["ilo", "undp", "irish-aid", "unep"]
ROLES = ["nominator", "funder", "implementer"]
PARAMETERS = {
    "goal": ["1", "3", "8", "13", "17"],
    "target": TARGETS,
    "region": REGIONS + ["014", "143"],
    "country": COUNTRIES,
    "organization": ORGANIZATIONS,
    "role": ROLES,
    "status": ["ongoing", "completed", "planned"],
    "modality": ["south_south", "triangular"],
    "year": ["2010", "2015", "2019", "2024"],
}


def random_catalogue(rng, size=36):
    unpublish_seeded_cases()
    for number in range(size):
        start = rng.choice([None, 2008, 2012, 2015, 2018, 2022])
        make_case(
            slug=f"r{number:02d}",
            title_en=rng.choice(["Alpha", "beta", "Gamma", "delta"]) + f" {rng.randint(1, 9)}",
            targets=rng.sample(TARGETS, rng.randint(0, 3)),
            countries=rng.sample(COUNTRIES, rng.randint(0, 3)),
            regions=rng.sample(REGIONS, rng.randint(0, 1)),
            organizations=[
                (slug, rng.choice(ROLES)) for slug in rng.sample(ORGANIZATIONS, rng.randint(0, 3))
            ],
            status=rng.choice(["ongoing", "completed", "planned"]),
            modality=rng.choice(["south_south", "triangular"]),
            start_year=start,
            end_year=None if start is None else rng.choice([None, start + 1, start + 5]),
            publication_status=rng.choice(["published"] * 5 + ["draft", "review"]),
        )


def random_query(rng):
    query = QueryDict(mutable=True)
    for name in rng.sample(sorted(PARAMETERS), rng.randint(0, 4)):
        query.setlist(name, rng.sample(PARAMETERS[name], rng.randint(1, 2)))
    query["sort"] = rng.choice(["newest", "title", "start_year"])
    return query


def sql_slugs(query):
    filterset = case_filter(query)
    return list(filterset.qs.values_list("slug", flat=True))


def index_slugs(query, language="en"):
    selection = select(query)
    ids = selection.page(selection.filterset.sort_order, language, 0, 1000)
    slugs = dict(Case.objects.filter(pk__in=ids).values_list("pk", "slug"))
    return [slugs[pk] for pk in ids]


def expected_count(query, parameter, value):
    """The number of cases the list shows with `value` as the only `parameter` value."""
    chosen = query.copy()
    if parameter in ("organization", "role"):
        chosen.setlist(parameter, [value])
        if parameter == "organization" and "role" not in query:
            chosen.pop("role", None)
    else:
        chosen.setlist(parameter, [value])
    return case_filter(chosen).qs.count()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_index_gives_the_same_cases_in_the_same_order_as_sql(seed):
    rng = random.Random(seed)
    random_catalogue(rng)
    for _ in range(40):
        query = random_query(rng)
        assert index_slugs(query) == sql_slugs(query), query.urlencode()


@pytest.mark.parametrize("seed", [4, 5])
def test_each_facet_count_is_what_choosing_the_option_would_show(seed):
    rng = random.Random(seed)
    random_catalogue(rng)
    for _ in range(12):
        query = random_query(rng)
        selection = select(query)
        for parameter in PARAMETERS:
            for option in facet(selection, "en", parameter, complete=True).all_options():
                if option.children:
                    continue
                expected = expected_count(query, parameter, option.value)
                assert option.count == expected, (query.urlencode(), parameter, option.value)


def test_a_search_intersects_with_the_filters_as_sql_does():
    make_case(slug="kenya-transform", title_en="TRANSFORM in Kenya", countries=["KE"])
    for query in [
        "q=TRANSFORM",
        "q=TRANSFORM&country=KE",
        "q=TRANSFORM&sort=newest",
        "q=-TRANSFORM",
    ]:
        assert index_slugs(QueryDict(query)) == sql_slugs(QueryDict(query)), query


def test_building_the_index_takes_the_same_queries_at_any_size():
    def build_queries():
        with CaptureQueriesContext(connection) as queries:
            build(catalogue_version.current())
        return len(queries)

    small = build_queries()
    for number in range(20):
        make_case(
            slug=f"more-{number}",
            targets=["8.5"],
            countries=["KE"],
            organizations=[("ilo", "funder")],
        )

    assert build_queries() == small


def test_every_kind_of_write_moves_the_version_on(editor):
    case = Case.objects.get(slug="transform")
    seen = [catalogue_version.current()]

    def changed():
        seen.append(catalogue_version.current())
        return seen[-1] > seen[-2]

    case.title_en = "Renamed"
    case.save()
    assert changed()
    case.sdg_targets.add("2.1")
    assert changed()
    case.regions.clear()
    assert changed()
    case.contacts.first().delete()
    assert changed()
    case.casecountry_set.first().delete()
    assert changed()
    from cases.models import Organization

    ilo = Organization.objects.get(slug="ilo")
    ilo.name_en = "International Labour Office"
    ilo.save()
    assert changed()
    case.delete()
    assert changed()


def test_a_write_in_a_rolled_back_transaction_never_leaves_a_stale_index():
    from django.db import transaction

    before = current_index()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_case(slug="gone", targets=["8.5"])
        assert current_index().size == before.size + 1
        raise RuntimeError
    assert current_index().size == before.size
    assert current_index().version == before.version
