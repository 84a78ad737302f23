"""Production settings: every switch from the environment, loud on bad values, and
`check --deploy` clean."""

import json
import os
import socket

import pytest

from tests.site.settings_run import PRODUCTION, manage, run_python

REDIS_TEST_URL = "redis://127.0.0.1:6379/10"


def redis_reachable():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


needs_redis = pytest.mark.skipif(
    not redis_reachable() and not os.environ.get("CI"),
    reason="Redis is not running on 127.0.0.1:6379 (CI starts it)",
)


def settings_json(names, **variables):
    code = (
        "import json; from django.conf import settings\n"
        f"print(json.dumps({{name: getattr(settings, name, None) for name in {names!r}}}, default=str))"
    )
    result = run_python(code, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_check_deploy_warns_about_a_development_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="true")

    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W018"):
        assert warning in result.stderr


def test_production_settings_come_from_the_environment():
    values = settings_json(
        [
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            "SECURE_HSTS_PRELOAD",
            "SECURE_PROXY_SSL_HEADER",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "LANGUAGE_COOKIE_SECURE",
            "CSRF_TRUSTED_ORIGINS",
            "ADMIN_URL",
            "SECURE_REDIRECT_EXEMPT",
        ],
        **PRODUCTION,
    )

    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "CSRF_TRUSTED_ORIGINS": ["https://catalogue.example.org"],
        "ADMIN_URL": "editors-only/",
        "SECURE_REDIRECT_EXEMPT": ["^healthz$"],
    }


def test_without_proxies_the_forwarded_proto_header_is_not_trusted():
    values = settings_json(["SECURE_PROXY_SSL_HEADER", "TRUSTED_PROXY_COUNT"], DEBUG="true")

    assert values == {"SECURE_PROXY_SSL_HEADER": None, "TRUSTED_PROXY_COUNT": 0}


def test_admin_url_moves_the_admin():
    code = (
        "from django.urls import reverse, resolve, Resolver404\n"
        "print(reverse('admin:index'))\n"
        "try:\n    resolve('/admin/'); print('admin still at /admin/')\n"
        "except Resolver404:\n    print('nothing at /admin/')"
    )
    result = run_python(code, DEBUG="true", ADMIN_URL="editors-7f3a/")

    assert result.stdout.split("\n")[:2] == ["/editors-7f3a/", "nothing at /admin/"]


@pytest.mark.parametrize(
    "variable, value, message",
    [
        ("ADMIN_URL", "/admin", "ADMIN_URL must be path segments ending in '/'"),
        ("ADMIN_URL", "../x/", "ADMIN_URL must be path segments ending in '/'"),
        ("SECURE_HSTS_SECONDS", "a year", "SECURE_HSTS_SECONDS must be a whole number from 0"),
        ("SECURE_HSTS_SECONDS", "３", "SECURE_HSTS_SECONDS must be a whole number from 0"),
        ("TRUSTED_PROXY_COUNT", "-1", "TRUSTED_PROXY_COUNT must be a whole number from 0"),
        ("SESSION_IDLE_MINUTES", "1", "SESSION_IDLE_MINUTES must be a whole number from 5"),
        ("CACHE_URL", "memcached://x", "CACHE_URL must start with redis://"),
        ("ADMINS", "nobody", "ADMINS: 'nobody' is not 'Name <address>' or an address"),
        ("SECURE_SSL_REDIRECT", "sometimes", "SECURE_SSL_REDIRECT must be true or false"),
        ("API_RATE_LIMIT", "lots", "API_RATE_LIMIT must look like 120/minute"),
        ("API_RATE_LIMIT", "0/minute", "API_RATE_LIMIT must look like 120/minute"),
    ],
)
def test_a_bad_setting_is_refused_loudly(variable, value, message):
    result = run_python("", DEBUG="true", **{variable: value})

    assert result.returncode != 0
    assert message in result.stderr


def test_admins_come_from_the_environment():
    values = settings_json(
        ["ADMINS"], DEBUG="true", ADMINS="Wang Fang <wang.fang@example.org>, ops@example.org"
    )

    assert values == {
        "ADMINS": [["Wang Fang", "wang.fang@example.org"], ["ops@example.org", "ops@example.org"]]
    }


def test_without_cache_url_the_cache_is_local_memory():
    values = settings_json(["CACHES", "SESSION_ENGINE"], DEBUG="true")

    assert values["CACHES"]["default"]["BACKEND"] == (
        "django.core.cache.backends.locmem.LocMemCache"
    )
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


@needs_redis
def test_cache_url_uses_the_real_redis_for_the_cache():
    code = (
        "from django.core.cache import cache, caches\n"
        "cache.set('settings-test', {'社保': 1}, 30)\n"
        "print(type(caches['default']).__name__, cache.get('settings-test'))\n"
        "cache.delete('settings-test')\n"
        "import redis; print(redis.Redis.from_url('redis://127.0.0.1:6379/10').dbsize() >= 0)"
    )
    result = run_python(code, DEBUG="true", CACHE_URL=REDIS_TEST_URL)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["RedisCache {'社保': 1}", "True"]


def test_replica_database_url_adds_the_replica_and_its_router():
    values = settings_json(
        ["DATABASES", "DATABASE_ROUTERS"],
        DEBUG="true",
        REPLICA_DATABASE_URL="postgres://reader@replica.internal:5432/catalogue",
    )

    replica = values["DATABASES"]["replica"]
    assert (replica["HOST"], replica["NAME"], replica["USER"]) == (
        "replica.internal",
        "catalogue",
        "reader",
    )
    assert replica["TEST"]["MIRROR"] == "default"
    assert values["DATABASE_ROUTERS"] == ["catalogue_site.routers.PrimaryReplicaRouter"]


def test_s3_media_storage_is_picked_up_from_the_environment():
    code = (
        "from django.core.files.storage import storages\n"
        "storage = storages['default']\n"
        "print(type(storage).__module__, type(storage).__name__)\n"
        "print(storage.bucket_name, storage.endpoint_url, storage.custom_domain)"
    )
    result = run_python(
        code,
        DEBUG="true",
        AWS_STORAGE_BUCKET_NAME="catalogue-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == [
        "storages.backends.s3 S3Storage",
        "catalogue-media https://s3.example.org media.example.org",
    ]


def test_without_a_bucket_media_stays_on_the_file_system():
    values = settings_json(["STORAGES"], DEBUG="true")

    assert values["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_env_example_is_a_clean_production_configuration():
    """Every line of .env.example, as it stands, passes `check --deploy`."""
    from tests.site.settings_run import ROOT

    variables = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, value = line.split("=", 1)
            variables[name] = value

    result = manage("check", "--deploy", "--fail-level", "WARNING", **variables)

    assert result.returncode == 0, result.stdout + result.stderr
    assert set(variables) >= {"SECRET_KEY", "TRUSTED_PROXY_COUNT", "SECURE_HSTS_SECONDS"}
