"""Search benchmark on PostgreSQL (not a test): median times, ratio to the plain list, plans.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/catalogue_bench \\
        ALLOW_DEVELOPMENT_SECRET=true .venv/bin/python -m bench.search --cases 100000

Creates the database if it is missing, migrates it, loads the fixtures and tops it up to
`--cases` synthetic published cases (cases/writes/synthetic_cases.py; the GIN index is dropped
during the bulk load and built once afterwards, as one would for an import). Then, for each
query, it times what the list page runs (the first 20 by relevance, then the count) and
compares with the unfiltered list page (newest 20, then the count), and reads the plan of the
search.
Results: a Markdown table on stdout (paste it into bench/README.md and the README's
"Search" section).
"""

import argparse
import os
import statistics
import sys
import time

QUERIES = [
    ("2 Chinese characters, rare", "社保"),
    ("2 Chinese characters, common", "经济"),
    ("1 Chinese character", "鲲"),
    ("4 Chinese characters", "绿色经济"),
    ("4 Chinese characters", "体面工作"),
    ("Chinese, 8 characters", "南南合作促进知识"),
    ("English word (stemmed)", "trainers"),
    ("English, 2 words", "decent work"),
    ("English phrase", '"social protection"'),
    ("mixed, with exclusion", "TRANSFORM 非洲 -Zambia"),
]
INDEX = "case_search_vector_idx"
REBUILD_SAMPLE = 5000


def setup_django():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database, e.g. .../catalogue_bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue_site.settings")
    os.environ.setdefault("ALLOW_DEVELOPMENT_SECRET", "true")
    create_database(url)
    import django

    django.setup()


def create_database(url):
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(url)
    server = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
    )
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
            print(f"Created database {config['NAME']}.")
    server.close()


def prepare(count):
    from django.core.management import call_command
    from django.db import connection

    from cases.models import Case
    from cases.writes import synthetic_cases as synthetic

    call_command("migrate", verbosity=0)
    call_command("load_catalogue", verbosity=0)
    missing = count - Case.objects.filter(slug__startswith=synthetic.SLUG_PREFIX).count()
    if missing > 0:
        print(f"Generating {missing} synthetic cases...")
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        ids = synthetic.make_cases(missing)
        generated = time.monotonic() - started
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE INDEX {INDEX} ON cases_case USING gin (search_vector)")
        indexed = time.monotonic() - started
        sample = ids[:REBUILD_SAMPLE]
        rebuilt = synthetic.rebuild_documents(sample, log=lambda line: None)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE cases_case")
        print(
            f"Generated (search columns included) in {generated:.0f} s; GIN index built in "
            f"{indexed:.0f} s; refresh_search_documents (rebuild_search_index's path, index in "
            f"place) {len(sample) / rebuilt:.0f} cases/s."
        )
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE cases_case")


def timed(function, repeat):
    function()  # warm the cache: we measure a steady state, not the first read from disk
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def sizes():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), pg_size_pretty(pg_relation_size(%s)),"
            " pg_size_pretty(pg_total_relation_size('cases_case')),"
            " avg(length(search_document))::int, avg(pg_column_size(search_vector))::int,"
            " avg(length(challenge_zh_hans) + length(solution_zh_hans))::int,"
            " avg(length(challenge_en) + length(solution_en))::int FROM cases_case",
            [INDEX],
        )
        return cursor.fetchone()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    arguments = parser.parse_args()
    setup_django()
    prepare(arguments.cases)

    from django.db.models import Q

    from cases import search
    from cases.models import Case

    def page(queryset):
        def run():
            list(queryset[:20])
            queryset.count()

        return run

    plain = Case.objects.published().order_by("-published_at")
    baseline = timed(page(plain), arguments.repeat)
    cases, index_size, table_size, document, vector, body_zh, body_en = sizes()
    print(
        f"\n{cases} cases; GIN index {index_size}; table with TOAST {table_size}; per case: "
        f"{body_zh} Chinese + {body_en} English characters of body text, search_document "
        f"{document} characters, stored tsvector {vector} bytes."
    )
    print(f"Unfiltered list page (newest 20 + count): median {baseline:.1f} ms.\n")
    print("| query | kind | matches | median ms | × list page | GIN index used |")
    print("|---|---|---:|---:|---:|---|")
    for kind, q in QUERIES:
        searched = search.search_cases(Case.objects.published(), q)
        matches = searched.count()
        median = timed(page(searched), arguments.repeat)
        plans = searched[:20].explain() + searched.explain()
        used = "yes" if INDEX in plans else f"no: {matches / cases:.0%} of cases match, seq. scan"
        print(f"| `{q}` | {kind} | {matches} | {median:.1f} | {median / baseline:.1f} | {used} |")
    # What the index saves: the same two-character search as a substring scan.
    columns = ["title_zh_hans", "headline_zh_hans", "challenge_zh_hans", "solution_zh_hans"]
    condition = Q()
    for column in columns:
        condition |= Q(**{f"{column}__contains": "社保"})
    scan = Case.objects.published().filter(condition).order_by("-published_at")
    median = timed(page(scan), max(3, arguments.repeat // 3))
    print(
        f"| `社保` | for comparison: `contains` on 4 columns, no index | {scan.count()} | "
        f"{median:.1f} | {median / baseline:.1f} | no: sequential scan |"
    )
    print("\nPlan of the first search (first 20 by relevance):\n")
    print(search.search_cases(Case.objects.published(), QUERIES[0][1])[:20].explain())


if __name__ == "__main__":
    main()
