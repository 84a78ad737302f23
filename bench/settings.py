"""Settings for the benchmarks: the project's, plus the two baselines' URLs and templates.

DEBUG is off (as in production), so Django keeps no query log and templates are cached."""

from catalogue_site.settings import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405 - its templates
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# make bench measures in one process: the page cache lives in its memory; make load sets
# CACHE_URL to Redis, and STATIC_ROOT to where it collected the static files.
if not CACHE_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STATIC_ROOT = os.environ.get("STATIC_ROOT", STATIC_ROOT)  # noqa: F405
