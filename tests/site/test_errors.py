"""Errors: a real error page in both languages, a 503 with Retry-After when the database is
down, a request id in the header and in the structured log line, mail to ADMINS."""

import json
import logging
import re
from io import StringIO

import pytest
from django.test import Client

from tests.reading import text
from tests.site.unreachable_database import database_refusing_connections


@pytest.fixture
def failing_client(db):
    return Client(raise_request_exception=False)


@pytest.fixture
def stdout_log():
    """What the `django` logger's JSON handler writes to stdout, as a list of records."""
    handler = next(h for h in logging.getLogger("django").handlers if h.name == "stdout")
    buffer = StringIO()
    previous = handler.setStream(buffer)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    handler.setStream(previous)


@pytest.mark.urls("tests.site.error_urls")
@pytest.mark.parametrize(
    "path, heading, advice",
    [
        (
            "/en/fail/",
            "Something went wrong",
            "The page could not be shown because of an error on our side.",
        ),
        ("/zh-hans/fail/", "出错了", "由于我们这边出现错误，页面无法显示。"),
    ],
)
def test_server_error_page_is_translated_and_names_its_request(
    failing_client, path, heading, advice
):
    response = failing_client.get(path)

    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    page = text(response)
    assert heading in page and advice in page
    assert request_id in page
    assert "Server Error (500)" not in page


@pytest.mark.urls("tests.site.error_urls")
def test_server_error_is_logged_as_one_json_line_with_the_request_id(failing_client, stdout_log):
    response = failing_client.get("/en/fail/?q=x")

    errors = [record for record in stdout_log() if record["level"] == "ERROR"]
    assert len(errors) == 1
    record = errors[0]
    assert {
        key: record[key] for key in ("logger", "message", "request_id", "method", "path", "status")
    } == {
        "logger": "django.request",
        "message": "Internal Server Error: /en/fail/",
        "request_id": response["X-Request-ID"],
        "method": "GET",
        "path": "/en/fail/",
        "status": 500,
    }
    assert "RuntimeError: a bug in a view" in record["exception"]


@pytest.mark.urls("tests.site.error_urls")
def test_server_error_is_mailed_to_the_admins(failing_client, settings, mailoutbox):
    settings.ADMINS = [("Ops", "ops@example.org")]

    failing_client.get("/en/fail/")

    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        (["ops@example.org"], "[Django] ERROR (EXTERNAL IP): Internal Server Error: /en/fail/")
    ]


def test_request_id_is_on_every_response(client, db):
    first, second = client.get("/en/"), client.get("/en/")

    assert re.fullmatch(r"[0-9a-f]{32}", first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_request_id_from_a_trusted_proxy_is_kept_and_a_forged_one_replaced(client, db, settings):
    assert client.get("/en/", HTTP_X_REQUEST_ID="lb-3f2a9c01")["X-Request-ID"] != "lb-3f2a9c01"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.get("/en/", HTTP_X_REQUEST_ID="lb-3f2a9c01")["X-Request-ID"] == "lb-3f2a9c01"
    forged = client.get("/en/", HTTP_X_REQUEST_ID="<script>\nx")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", forged)


@pytest.mark.parametrize(
    "path, heading, advice",
    [
        (
            "/en/cases/",
            "The catalogue is briefly unavailable",
            "We cannot reach the catalogue's database just now. Nothing is lost: please try "
            "again in a minute.",
        ),
        (
            "/zh-hans/cases/",
            "案例库暂时无法访问",
            "我们暂时无法连接案例库的数据库。所有内容都不会丢失：请一分钟后再试。",
        ),
    ],
)
def test_database_down_gives_readers_a_translated_503_with_retry_after(
    django_db_blocker, path, heading, advice
):
    client = Client(raise_request_exception=False)
    with django_db_blocker.unblock(), database_refusing_connections():
        response = client.get(path)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    page = text(response)
    assert heading in page and advice in page
    assert response["X-Request-ID"] in page
    assert "Server Error (500)" not in page


def test_database_down_is_logged_but_not_mailed(
    django_db_blocker, settings, mailoutbox, stdout_log
):
    settings.ADMINS = [("Ops", "ops@example.org")]
    client = Client(raise_request_exception=False)
    with django_db_blocker.unblock(), database_refusing_connections():
        response = client.get("/en/cases/")

    assert mailoutbox == []
    errors = [record for record in stdout_log() if record["level"] == "ERROR"]
    assert [(r["status"], r["request_id"]) for r in errors] == [(503, response["X-Request-ID"])]
    assert "OperationalError" in errors[0]["exception"]
