"""make prod-check: the production configuration, run locally and checked from outside.

Creates a scratch PostgreSQL database, runs `check --deploy`, migrations, the catalogue and
collectstatic with production settings, starts gunicorn on 127.0.0.1, sends requests the way
a TLS-terminating proxy would (X-Forwarded-Proto: https), checks the health check, the
security headers, a page in each language, the HTTPS redirect of plain HTTP and long-lived
static files, then stops gunicorn by its PID and drops the database. Exits non-zero on the
first failed check. Every request goes to 127.0.0.1.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DATABASE = os.environ.get("PROD_CHECK_DATABASE", "catalogue_prod_check")
POSTGRES = os.environ.get("PROD_CHECK_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("PROD_CHECK_REDIS_URL", "redis://127.0.0.1:6379/15")
HTTPS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(port):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("ALLOW_DEVELOPMENT_SECRET", "DEBUG", "DATABASE_URL", "CACHE_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="catalogue_site.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="false",
        ALLOWED_HOSTS=f"127.0.0.1,127.0.0.1:{port}",
        CSRF_TRUSTED_ORIGINS=f"https://127.0.0.1:{port}",
        DATABASE_URL=f"{POSTGRES}/{DATABASE}",
        CACHE_URL=REDIS,
        SECURE_SSL_REDIRECT="true",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="true",
        SECURE_HSTS_PRELOAD="true",
        SECURE_COOKIES="true",
        TRUSTED_PROXY_COUNT="1",
        STATICFILES_BACKEND="whitenoise.storage.CompressedManifestStaticFilesStorage",
    )
    return env


@contextmanager
def scratch_database():
    admin = psycopg2.connect(f"{POSTGRES}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    try:
        yield
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        admin.close()


def manage(env, *arguments):
    step(" ".join(["manage.py", *arguments]))
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True)  # noqa: S603


@contextmanager
def gunicorn(env, port):
    step(f"gunicorn on 127.0.0.1:{port}")
    server = subprocess.Popen(  # noqa: S603 - our interpreter, our WSGI module
        [PYTHON, "-m", "gunicorn", "catalogue_site.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "2", "--access-logfile", "-", "--forwarded-allow-ips", "127.0.0.1"],
        cwd=ROOT,
        env=env,
    )
    try:
        yield server.pid
    finally:
        step(f"stopping gunicorn (PID {server.pid})")
        server.terminate()
        server.wait(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(port, path, headers=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
    try:
        with OPENER.open(request, timeout=20) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def wait_until_up(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if fetch(port, "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer /healthz in time")


def step(text):
    print(f"\n== {text}", flush=True)


def expect(condition, what):
    print(("  ok    " if condition else "  FAIL  ") + what, flush=True)
    if not condition:
        raise SystemExit(f"prod-check failed: {what}")


def check_site(port):
    base = f"https://127.0.0.1:{port}"
    status, headers, body = fetch(port, "/healthz")
    expect((status, body) == (200, "ok\n"), "/healthz answers ok over plain HTTP")
    expect("no-store" in headers.get("Cache-Control", ""), "/healthz is never cached")

    status, headers, body = fetch(port, "/en/")
    expect(status == 301 and headers["Location"] == f"{base}/en/", "plain HTTP goes to HTTPS")

    status, headers, body = fetch(port, "/en/", HTTPS)
    expect(status == 200 and '<html lang="en">' in body, "the English home page")
    expected_headers = {
        "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }
    for name, value in expected_headers.items():
        expect(headers.get(name) == value, f"{name}: {value}")
    expect("default-src 'self'" in headers.get("Content-Security-Policy", ""), "CSP")
    expect("camera=()" in headers.get("Permissions-Policy", ""), "Permissions-Policy")
    expect(re.fullmatch(r"[0-9a-f]{32}", headers.get("X-Request-ID", "")), "X-Request-ID")
    expect(f'hreflang="zh-Hans" href="{base}/zh-hans/"' in body, "hreflang alternates use https")

    status, headers, body = fetch(port, "/zh-hans/cases/transform/", HTTPS)
    expect(status == 200 and '<html lang="zh-Hans">' in body, "a Chinese case page")
    expect(f'<link rel="canonical" href="{base}/zh-hans/cases/transform/">' in body, "canonical")

    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body)
    expect(stylesheet is not None, "the stylesheet has a hashed name")
    status, headers, _ = fetch(port, stylesheet.group(1), HTTPS)
    cache = headers.get("Cache-Control", "")
    expect(status == 200 and "max-age=315360000" in cache and "immutable" in cache, cache)

    status, _, body = fetch(port, "/robots.txt", HTTPS)
    expect(body.endswith(f"Sitemap: {base}/sitemap.xml\n"), "robots.txt names the https sitemap")
    status, _, body = fetch(port, "/admin/", HTTPS)
    expect(status == 302, "the admin asks for a login")


def main():
    port = free_port()
    env = production_environment(port)
    with scratch_database():
        manage(env, "check", "--deploy", "--fail-level", "WARNING")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_catalogue", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        with gunicorn(env, port):
            wait_until_up(port)
            check_site(port)
    print("\nprod-check: all checks passed")


if __name__ == "__main__":
    main()
