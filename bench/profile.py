"""Profile one page (cProfile, not a benchmark): where a request's time goes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/catalogue_bench_100000 \\
        .venv/bin/python -m bench.profile /en/cases/ [--requests 10] [--top 25] [--sort tottime]

Warms up (the catalogue index, connections), then profiles `--requests` requests with the page
cache off and prints the functions with the most cumulative time, and the queries of one
request with their times. bench/results.md quotes its output.
"""

import argparse
import cProfile
import io
import os
import pstats
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url")
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--sort", default="cumulative", choices=["cumulative", "tottime"], help="tottime: self time"
    )
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("ALLOW_DEVELOPMENT_SECRET", "true")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client()

    def get(url):
        response = client.get(url)
        if response.streaming:  # the CSV: its rows are made while it is read
            b"".join(response.streaming_content)

    with override_settings(PAGE_CACHE=False):
        for _ in range(3):
            get(arguments.url)
        started = time.perf_counter()
        for _ in range(arguments.requests):
            get(arguments.url)
        mean = (time.perf_counter() - started) * 1000 / arguments.requests
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(arguments.requests):
            get(arguments.url)
        profile.disable()
        with CaptureQueriesContext(connection) as queries:
            get(arguments.url)
    print(f"{arguments.url}: {mean:.1f} ms a request without the profiler")
    text = io.StringIO()
    pstats.Stats(profile, stream=text).sort_stats(arguments.sort).print_stats(arguments.top)
    print(text.getvalue())
    for query in queries.captured_queries:
        print(f"{float(query['time']) * 1000:7.1f} ms  {query['sql'][:160]}")


if __name__ == "__main__":
    main()
