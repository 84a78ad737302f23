"""/healthz: for the load balancer. One cheap query, no data, no cache, no HTTPS redirect."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.site.unreachable_database import database_refusing_connections


@pytest.mark.django_db
def test_healthz_answers_ok_after_one_trivial_query(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")

    assert (response.status_code, response.content) == (200, b"ok\n")
    assert response["Content-Type"] == "text/plain"
    assert [query["sql"] for query in queries] == ["SELECT 1"]
    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_healthz_says_unavailable_when_the_database_is_down(client, django_db_blocker):
    with django_db_blocker.unblock(), database_refusing_connections():
        response = client.get("/healthz")

    assert (response.status_code, response.content) == (503, b"unavailable\n")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_not_redirected_to_https_and_takes_any_host(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    health = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    page = client.get("/en/")

    assert (health.status_code, health.content) == (200, b"ok\n")
    assert (page.status_code, page["Location"]) == (301, "https://testserver/en/")


@pytest.mark.django_db
def test_only_get_and_head_reach_the_health_check(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 404
