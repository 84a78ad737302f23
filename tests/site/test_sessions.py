"""Editors' sessions: signed out after SESSION_IDLE_MINUTES without a request; kept in Redis
(and the database) when CACHE_URL names one. Readers get no session at all."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.utils import timezone

from tests.site.test_production_settings import REDIS_TEST_URL, needs_redis

pytestmark = pytest.mark.django_db


def test_staff_session_is_renewed_by_every_request(editor_client, settings):
    response = editor_client.get("/admin/")

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == settings.SESSION_COOKIE_AGE == 120 * 60
    session = Session.objects.get(session_key=cookie.value)
    remaining = session.expire_date - timezone.now()
    assert timedelta(minutes=119) < remaining <= timedelta(minutes=120)


def test_staff_session_ends_after_the_idle_time(editor_client, settings):
    editor_client.get("/admin/")
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    response = editor_client.get("/admin/")

    assert (response.status_code, response["Location"]) == (302, "/admin/login/?next=/admin/")


def test_readers_get_no_session(client, settings):
    response = client.get("/en/cases/?goal=8")

    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert Session.objects.count() == 0


@needs_redis
def test_sessions_are_kept_in_redis_and_written_through_to_the_database(editor, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": "catalogue-test",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    from django.test import Client

    client = Client()
    client.force_login(editor)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    try:
        from django.contrib.sessions.backends.cached_db import KEY_PREFIX

        cached = caches["default"].get(KEY_PREFIX + key)
        assert cached["_auth_user_id"] == str(editor.pk)
        assert Session.objects.filter(session_key=key).exists()
        caches["default"].delete(KEY_PREFIX + key)  # evicted: the database still has it
        assert client.get("/admin/").status_code == 200
    finally:
        caches["default"].clear()
