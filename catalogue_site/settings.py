"""Settings for the South-South good-practice case catalogue.

One file, driven by environment variables (see .env.example). Development defaults are harmless:
SQLite, DEBUG off unless asked for, a throwaway secret that production refuses to run with.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name, default, minimum=0):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if not (value.isascii() and value.isdigit()) or int(value) < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number from {minimum}, not {value!r}")
    return int(value)


def env_admins(name):
    """ADMINS as "Name <address>" or "address" items separated by commas."""
    admins = []
    for item in env_list(name, []):
        if "<" in item and item.endswith(">"):
            person, address = item[:-1].split("<", 1)
            admins.append((person.strip(), address.strip()))
        elif "@" in item and " " not in item:
            admins.append((item, item))
        else:
            raise ImproperlyConfigured(f"{name}: {item!r} is not 'Name <address>' or an address")
    return admins


DEBUG = env_bool("DEBUG", False)
DEVELOPMENT_SECRET_KEY = "dev-only-secret-key-never-use-in-production"  # noqa: S105 - refused below
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
# Production is any run with DEBUG off that is not a test run or local `make run`:
# it must bring its own secret.
ALLOW_DEVELOPMENT_SECRET = env_bool("ALLOW_DEVELOPMENT_SECRET", False)
if not DEBUG and not ALLOW_DEVELOPMENT_SECRET and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set SECRET_KEY in the environment "
        "(or DEBUG=true / ALLOW_DEVELOPMENT_SECRET=true for local work)."
    )
if len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# A refused form says why in the reader's language; a submitter's practice comes back filled in.
CSRF_FAILURE_VIEW = "catalogue_site.errors.csrf_failure"

# The admin's address (default "admin/"): another one keeps bots from finding the login form.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/")
if not re.fullmatch(r"(?:[A-Za-z0-9_-]+/)+", ADMIN_URL):
    raise ImproperlyConfigured(
        f"ADMIN_URL must be path segments ending in '/', such as 'editors/', not {ADMIN_URL!r}"
    )

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "csp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "cases",
]

MIDDLEWARE = [
    # First: every response, the health check's and the error pages' too, carries the request id.
    "catalogue_site.middleware.RequestIdMiddleware",
    # Before the SSL redirect and the host check: a load balancer asks over plain HTTP, by IP.
    "catalogue_site.middleware.HealthCheckMiddleware",
    "catalogue_site.routers.PublicReadsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "catalogue_site.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware, as django-cors-headers asks; outside the page cache, so cached
    # API responses carry the CORS headers too.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "cases.middleware.RememberLanguageMiddleware",
    # Below everything that shapes a public page's response, so that it runs on cache hits
    # too (see cases/page_cache.py); only axes, which handles admin logins, comes after it.
    "cases.page_cache.PageCacheMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "catalogue_site.urls"
WSGI_APPLICATION = "catalogue_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cases.context_processors.languages",
                "cases.site.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
# A read replica for public pages (see catalogue_site/routers.py). In tests it mirrors the
# default database, as Django's testing of primary/replica set-ups expects.
REPLICA_DATABASE_URL = os.environ.get("REPLICA_DATABASE_URL", "")
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(REPLICA_DATABASE_URL, conn_max_age=60),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["catalogue_site.routers.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sign-in: django-axes counts failures in its own database tables, so every app server shares
# the limits. A username, and separately an address, is locked out after AXES_FAILURE_LIMIT
# failures in a row, for LOGIN_LOCKOUT_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "catalogue_site.login_limits.lockout_response"
AXES_CLIENT_IP_CALLABLE = "catalogue_site.client_ip.client_ip"
AXES_VERBOSE = False
LOGIN_URL = "admin:login"
# Where a sign-in lands when its ?next= is missing or points off the site.
LOGIN_REDIRECT_URL = "admin:index"

# How many proxies (load balancer, CDN) stand in front of the app servers. Each must set
# X-Forwarded-Proto and append the address it received the request from to X-Forwarded-For:
# the client's address is then the TRUSTED_PROXY_COUNT-th from the right. 0 (the default):
# no proxy, REMOTE_ADDR is the client and both headers are ignored, since anyone can send them.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Simplified Chinese first (the source language of the cases), then English.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_NAME = "catalogue_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
# The editors' address: the contact page and each case's "report a problem" link.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "editors@localhost")

MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_LANGUAGES = ("zh-hans", "en")
# A field empty in the reader's language shows the other language (the page says so).
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("zh-hans",), "zh-hans": ("en",)}

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}

# Optional S3-compatible storage for uploaded media (django-storages); the credentials come
# from the standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables, read by boto3.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "file_overwrite": False,
        },
    }

# Cache: Redis when CACHE_URL is set (shared by every app server), else this process's memory.
# Give Redis a memory limit with LRU eviction (see the README): the cache only holds copies.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "catalogue",
        }
    }
    # Sessions are read from Redis and written through to the database, so an eviction signs
    # no editor out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif CACHE_URL:
    raise ImproperlyConfigured(f"CACHE_URL must start with redis://, not {CACHE_URL[:20]!r}")
else:
    # One process (make run): a few hundred pages of about 30 KB each.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }
# Anonymous readers' pages, per catalogue version (cases/page_cache.py).
PAGE_CACHE = env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = 24 * 60 * 60

# Content-Security-Policy: everything from our own origin, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# The read-only API (cases/dataout/api/): JSON only, no sessions or logins (the data is public),
# anonymous requests limited per client address (catalogue_site/client_ip.py) to API_RATE_LIMIT
# ("120/minute"; empty turns the limit off, as the schema tests do), with 429 and Retry-After.
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/minute")
if API_RATE_LIMIT and not re.fullmatch(r"[1-9][0-9]{0,8}/(second|minute|hour|day)", API_RATE_LIMIT):
    raise ImproperlyConfigured(
        f"API_RATE_LIMIT must look like 120/minute (per second, minute, hour or day), "
        f"not {API_RATE_LIMIT!r}"
    )
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["cases.dataout.api.throttling.ClientAddressThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "cases.dataout.api.errors.exception_handler",
    "URL_FORMAT_OVERRIDE": None,
    "UNICODE_JSON": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "South-South good-practice case catalogue API",
    "DESCRIPTION": (
        "Read-only access to the published cases of the catalogue, with the same filters as "
        'the site (see the README\'s "Open data" section).'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
}
# Public GET for any origin, on the API and the open-data downloads only.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/(api/v1/|data/).*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# Browser features the site never uses, switched off for it and anything it could embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "usb=(), xr-spatial-tracking=()"
)

# HTTPS: every switch from the environment, off by default (development is plain HTTP).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# The load balancer's health check asks over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Only editors have sessions (readers get none): signed out after this long without a request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 120, minimum=5) * 60
SESSION_SAVE_EVERY_REQUEST = True


def env_int(name, default):
    value = os.environ.get(name, "")
    if not value:
        return default
    if not (value.isascii() and value.isdigit() and len(value) < 10):
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}")
    return int(value)


# Mail (Django's own settings). Nothing is sent unless REVIEW_QUEUE_EMAILS is on: then the
# Publishers get an email when a case is sent to review or changes to a published case await
# approval, with links under SITE_URL.
# The console by default (make run prints mail); production sets the SMTP backend.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "catalogue@localhost")
REVIEW_QUEUE_EMAILS = env_bool("REVIEW_QUEUE_EMAILS", False)
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# "Share your practice" (/<lang>/submit/): replies to the emails to submitters go to the
# editors' address; the anti-abuse limits (cases/submission_limits.py) per client address (by
# TRUSTED_PROXY_COUNT's rule) per hour, and per submitter email per day; a form sent sooner
# than SUBMISSION_MIN_SECONDS after it was shown is taken for a robot's.
SUBMISSIONS_REPLY_TO = os.environ.get("SUBMISSIONS_REPLY_TO", "")
SUBMISSIONS_PER_IP_PER_HOUR = env_int("SUBMISSIONS_PER_IP_PER_HOUR", 5)
SUBMISSIONS_PER_EMAIL_PER_DAY = env_int("SUBMISSIONS_PER_EMAIL_PER_DAY", 3)
SUBMISSION_MIN_SECONDS = env_int("SUBMISSION_MIN_SECONDS", 5)
# The admin's import keeps an uploaded volume here for an hour, between the report and the
# confirmation (cases/writes/import_uploads.py). Servers behind one load balancer share it.
IMPORT_UPLOAD_DIR = os.environ.get("IMPORT_UPLOAD_DIR", "")

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
CASES_PER_PAGE = 20

# Errors: one JSON line per record on stdout, with the request's id (also the X-Request-ID
# response header); server errors are mailed to ADMINS ("Name <address>, ...") when set.
ADMINS = env_admins("ADMINS")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "catalogue@localhost")
DEFAULT_FROM_EMAIL = SERVER_EMAIL
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "catalogue_site.request_log.RequestIdFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "not_database_down": {"()": "catalogue_site.request_log.NotDatabaseDown"},
    },
    "formatters": {"json": {"()": "catalogue_site.request_log.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id"],
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "not_database_down"],
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout", "mail_admins"], "level": LOG_LEVEL, "propagate": False},
    },
}
