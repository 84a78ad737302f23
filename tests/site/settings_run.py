"""Running Python or manage.py in a child process with a chosen environment: settings are read
once per process, so each configuration gets its own."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Every variable the settings read: a test states the ones it wants, the rest are unset.
SETTINGS_VARIABLES = {
    "SECRET_KEY",
    "DEBUG",
    "ALLOW_DEVELOPMENT_SECRET",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "ADMIN_URL",
    "REPLICA_DATABASE_URL",
    "CACHE_URL",
    "TRUSTED_PROXY_COUNT",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_COOKIES",
    "SESSION_IDLE_MINUTES",
    "STATICFILES_BACKEND",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "ADMINS",
    "LOGIN_FAILURE_LIMIT",
    "LOGIN_LOCKOUT_MINUTES",
    # Set by the browser tests' conftest for Playwright; never in a deployment.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}

PRODUCTION = {
    "SECRET_KEY": "k3V9s-8QwZ2pL7nR4tY6uI1oP0aS5dF8gH3jK6lZ9xC2vB7nM4qW1eR8tY5uI0o",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "catalogue.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://catalogue.example.org",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_COOKIES": "true",
    "TRUSTED_PROXY_COUNT": "1",
    "ADMIN_URL": "editors-only/",
}


def child_environment(**variables):
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    env.update(variables, DJANGO_SETTINGS_MODULE="catalogue_site.settings")
    return env


def run(arguments, **variables):
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        arguments,
        cwd=ROOT,
        env=child_environment(**variables),
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_python(code, **variables):
    """Run `code` after django.setup(); returns the finished process."""
    return run([sys.executable, "-c", "import django; django.setup()\n" + code], **variables)


def manage(*arguments, **variables):
    return run([sys.executable, "manage.py", *arguments], **variables)
