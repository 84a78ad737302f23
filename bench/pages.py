"""Time the catalogue's pages in one process, against the trivial view and the textbook peer.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/catalogue_bench_10000 \\
        .venv/bin/python -m bench.pages --rounds 15 > results.json

Run by `bench/run.py` (`make bench`) once per catalogue size. Every variant is requested through
Django's test client (the whole middleware stack, no network), twice to warm up, then in
`--rounds` rounds, each round requesting every variant once in a new random order, so that a
noisy neighbour slows all variants alike. Prints one JSON object: per variant the median and
95th percentile in milliseconds, the number of queries and the response size.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
import tracemalloc


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("ALLOW_DEVELOPMENT_SECRET", "true")
    import django

    django.setup()


def variants():
    """(name, url, page cache on) for every page the benchmark times."""
    from cases.models import Case

    typical = Case.objects.published().filter(slug__startswith="bench-").order_by("pk").first()
    case_url = f"/en/cases/{typical.slug}/" if typical else "/en/cases/transform/"
    return [
        ("trivial view", "/bench/trivial/", False),
        ("textbook peer", "/bench/peer/", False),
        ("home", "/en/", False),
        ("list, unfiltered", "/en/cases/", False),
        ("list, goal + country", "/en/cases/?goal=8&country=KE", False),
        ("list, target", "/en/cases/?target=8.5", False),
        ("list, Chinese search", "/en/cases/?q=%E7%A4%BE%E4%BF%9D", False),
        ("list, English search", "/en/cases/?q=decent+work", False),
        ("list, page 50", "/en/cases/?page=50", False),
        ("list, zh-hans", "/zh-hans/cases/", False),
        ("case page", case_url, False),
        ("feed", "/en/feed/", False),
        ("API list, goal", "/api/v1/cases/?goal=8&lang=en", False),
        ("insights (map and charts)", "/en/insights/", False),
        ("insights, goal + country", "/en/insights/?goal=8&country=KE", False),
        ("map download (SVG)", "/en/insights/map.svg", False),
        ("home, cache warm", "/en/", True),
        ("list, cache warm", "/en/cases/?goal=8&country=KE", True),
        ("case page, cache warm", case_url, True),
    ]


def request(client, url, page_cache):
    from django.test import override_settings

    with override_settings(PAGE_CACHE=page_cache):
        started = time.perf_counter()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        elapsed = time.perf_counter() - started
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}")
    return elapsed * 1000, len(body)


def queries_of(client, url, page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        request(client, url, page_cache)
    return len(captured)


def time_pages(rounds):
    from django.test import Client

    # As a browser asks: every browser accepts gzip, and the page cache keeps pages gzipped
    # (a client that does not accept it gets them decompressed on each hit). Pages made per
    # request are sent uncompressed either way, so only the "cache warm" rows' KB are
    # compressed sizes.
    client = Client(HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    pages = variants()
    times = {name: [] for name, _url, _cache in pages}
    sizes = {}
    for name, url, cache in pages:
        for _ in range(2):
            _ms, sizes[name] = request(client, url, cache)
    rng = random.Random(0)
    for _ in range(rounds):
        for name, url, cache in rng.sample(pages, len(pages)):
            times[name].append(request(client, url, cache)[0])
    return {
        name: {
            "url": url,
            "cache": cache,
            "median": statistics.median(times[name]),
            "p95": statistics.quantiles(times[name], n=20)[-1],
            "queries": queries_of(client, url, cache),
            "bytes": sizes[name],
        }
        for name, url, cache in pages
    }


def time_csv(url, repeat=3):
    """Rows, seconds (the best of `repeat`) and peak traced memory of streaming the CSV of
    `url`. The memory is traced in a run of its own: tracing slows Python several times."""
    from django.test import Client

    client = Client()
    request(client, url, False)  # the index and the first connection

    def stream():
        response = client.get(url)
        return sum(chunk.count(b"\r\n") for chunk in response.streaming_content) - 1

    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        rows = stream()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    stream()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"url": url, "rows": rows, "seconds": min(times), "peak_bytes": peak}


def index_build():
    """Seconds and size of building the catalogue index (what a process pays per version)."""
    from cases import catalogue_version
    from cases.reads.catalogue_index import build

    started = time.perf_counter()
    index = build(catalogue_version.current())
    seconds = time.perf_counter() - started
    bitmaps = sum(
        cases.get_statistics()["n_bytes_array_containers"]
        + cases.get_statistics()["n_bytes_bitset_containers"]
        + cases.get_statistics()["n_bytes_run_containers"]
        for sets in index.sets.values()
        for cases in sets.values()
    )
    values = sum(len(sets) for sets in index.sets.values())
    return {"seconds": seconds, "cases": index.size, "values": values, "bitmap_bytes": bitmaps}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    arguments = parser.parse_args()
    setup()
    from cases.models import Case

    result = {
        "cases": Case.objects.published().count(),
        "index": index_build(),
        "pages": time_pages(arguments.rounds),
        "csv": time_csv("/en/cases.csv?goal=8"),
    }
    json.dump(result, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
