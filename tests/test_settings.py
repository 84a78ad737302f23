"""Production settings refuse to start without a real secret; development stays easy."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_settings(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SECRET_KEY", "DEBUG", "ALLOW_DEVELOPMENT_SECRET")
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="catalogue_site.settings")
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_a_secret_refuses_to_start():
    result = load_settings()
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set." in result.stderr


def test_a_short_secret_is_refused():
    result = load_settings(SECRET_KEY="too-short")
    assert "SECRET_KEY must be at least 32 characters long." in result.stderr


def test_a_bad_boolean_is_refused_loudly():
    result = load_settings(DEBUG="maybe")
    assert "DEBUG must be true or false, not 'maybe'" in result.stderr


def test_production_with_a_secret_starts():
    result = load_settings(SECRET_KEY="x" * 50)
    assert result.returncode == 0 and result.stdout.strip() == "False"


def test_development_runs_with_debug():
    result = load_settings(DEBUG="true")
    assert result.returncode == 0 and result.stdout.strip() == "True"


def test_management_commands_run_without_a_secret_but_serving_does_not():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SECRET_KEY", "DEBUG", "ALLOW_DEVELOPMENT_SECRET")
    }
    check = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stderr
    assert "System check identified no issues" in check.stdout
    serving = subprocess.run(
        [sys.executable, "-c", "import catalogue_site.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "ImproperlyConfigured: SECRET_KEY is not set." in serving.stderr
