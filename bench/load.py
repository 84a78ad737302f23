"""`make load`: gunicorn with production settings under wrk, for a bounded time, on 127.0.0.1.

    .venv/bin/python -m bench.load [--seconds 20] [--connections 16] [--workers 2]

Uses the 10,000-case benchmark database (make bench makes it), Redis for the page cache
(database 3 of 127.0.0.1:6379, flushed first) and collected static files. For each target (a
static file, the trivial view, then a mix of list, filter, search and case URLs with the cache
cold and then warm) wrk runs `--seconds` with `--connections` connections; the table (requests
per second, latency percentiles, errors) goes to stdout and into bench/results.md. gunicorn is
stopped by its PID at the end, whatever happens.
"""

import argparse
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.run import ROOT, database_url, psql

PORT = 8765
REDIS_URL = "redis://127.0.0.1:6379/3"
SIZE = 10_000
LUA = """
math.randomseed(os.time())
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
-- As browsers do: every one accepts gzip.
local headers = {["Accept-Encoding"] = "gzip, deflate, br"}
request = function() return wrk.format("GET", paths[math.random(#paths)], headers) end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%d %%.0f %%.0f %%.0f %%.0f\\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.errors.status, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def mix_paths(count=400, seed=0):
    """The list, filter, search and case URLs the mix requests (distinct enough to be cold)."""
    rng = random.Random(seed)
    goals = range(1, 18)
    countries = ["KE", "MN", "BR", "IN", "ZA", "CN", "MX", "ET", "KG", "TZ", "VN", "PE"]
    searches = ["%E7%A4%BE%E4%BF%9D", "decent+work", "%E7%BB%BF%E8%89%B2", "trainers", "Mongolia"]
    paths = []
    for _ in range(count):
        language = rng.choice(["en", "zh-hans"])
        kind = rng.random()
        if kind < 0.25:
            paths.append(f"/{language}/cases/?page={rng.randint(1, 40)}")
        elif kind < 0.55:
            goal, country = rng.choice(goals), rng.choice(countries)
            paths.append(f"/{language}/cases/?goal={goal}&country={country}")
        elif kind < 0.7:
            paths.append(f"/{language}/cases/?q={rng.choice(searches)}&page={rng.randint(1, 3)}")
        else:
            paths.append(f"/{language}/cases/bench-{rng.randint(0, SIZE - 1)}/")
    return paths


def start_gunicorn(env, workers):
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "bench.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/bench/trivial/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start")


def wrk(paths, seconds, connections, scratch):
    path_file = Path(scratch) / "paths.txt"
    path_file.write_text("\n".join(paths) + "\n")
    script = Path(scratch) / "mix.lua"
    script.write_text(LUA % {"paths": path_file})
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(script)]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{PORT}"], capture_output=True, text=True, check=True
    ).stdout
    numbers = re.search(r"RESULT (.*)", output).group(1).split()
    requests, socket_errors, status_errors, duration_us, p50, p95, p99, most = map(float, numbers)
    return {
        "rps": requests / (duration_us / 1e6),
        "errors": int(socket_errors + status_errors),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "max": most / 1000,
    }


def warm(paths):
    for path in paths:
        urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30).read()


def environment(static_root):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "ALLOW_DEVELOPMENT_SECRET": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url(SIZE),
        "CACHE_URL": REDIS_URL,
        "STATIC_ROOT": static_root,
        "STATICFILES_BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    }


def table(results):
    lines = [
        "| target | requests/s | × trivial | p50 ms | p95 ms | p99 ms | max ms | errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    trivial = results["trivial view"]["rps"]
    for name, result in results.items():
        lines.append(
            f"| {name} | {result['rps']:,.0f} | {result['rps'] / trivial:.2f} | "
            f"{result['p50']:.1f} | {result['p95']:.1f} | {result['p99']:.1f} | "
            f"{result['max']:.0f} | {result['errors']} |"
        )
    return "\n".join(lines)


def record(text, arguments):
    path = ROOT / "bench" / "results.md"
    marker = "## Load (make load)"
    existing = path.read_text() if path.exists() else ""
    before = existing.split(marker, 1)[0].rstrip()
    after = existing.split(marker, 1)[1] if marker in existing else ""
    rest = after[after.find("\n## ") :] if "\n## " in after else ""
    section = (
        f"{marker}\n\nMeasured {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC: gunicorn "
        f"({arguments.workers} sync workers, production settings, page cache in Redis) on "
        f"127.0.0.1, {SIZE:,} cases, wrk with {arguments.connections} connections for "
        f"{arguments.seconds} s per row. The mix: {len(mix_paths())} list, filter, search and "
        "case URLs in both languages, picked at random; cold = the cache emptied first, warm = "
        "after one request to each.\n\n" + text + "\n"
    )
    path.write_text(f"{before}\n\n{section}{rest}")


def flush_cache():
    subprocess.run(["redis-cli", "-n", "3", "FLUSHDB"], check=True, capture_output=True)


def measure(arguments, scratch):
    def run(targets):
        return wrk(targets, arguments.seconds, arguments.connections, scratch)

    home = urllib.request.urlopen(f"http://127.0.0.1:{PORT}/en/").read().decode()
    static = re.search(r'href="(/static/css/site\.[^"]+\.css)"', home).group(1)
    paths = mix_paths()
    results = {"static file": run([static]), "trivial view": run(["/bench/trivial/"])}
    flush_cache()
    results["mix, cache cold"] = run(paths)
    warm(paths)
    results["mix, cache warm"] = run(paths)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    arguments = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    if not psql(f"SELECT 1 FROM pg_database WHERE datname = 'catalogue_bench_{SIZE}'"):
        sys.exit("Run make bench first: it makes the 10,000-case database.")
    with tempfile.TemporaryDirectory() as scratch:
        env = environment(str(Path(scratch) / "static"))
        collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
        subprocess.run(collect, cwd=ROOT, env=env, check=True)
        server = start_gunicorn(env, arguments.workers)
        try:
            results = measure(arguments, scratch)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    text = table(results)
    print(text)
    record(text, arguments)


if __name__ == "__main__":
    main()
