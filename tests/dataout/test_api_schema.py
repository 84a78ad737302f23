"""The OpenAPI description and schemathesis against it: generated requests for every
operation (a bounded, derandomized number), no server error, every response as described."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db


def test_schema_describes_every_endpoint(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/",
        "/api/v1/cases/",
        "/api/v1/cases/{slug}/",
        "/api/v1/sdg-goals/",
        "/api/v1/sdg-targets/",
        "/api/v1/regions/",
        "/api/v1/countries/",
        "/api/v1/organizations/",
    }
    parameters = {p["name"] for p in schema["paths"]["/api/v1/cases/"]["get"]["parameters"]}
    assert parameters == {
        "q", "goal", "target", "region", "country", "organization", "role", "status",
        "modality", "year", "sort", "page", "page_size", "facets", "lang",
    }  # fmt: skip
    errors = schema["paths"]["/api/v1/cases/"]["get"]["responses"]["400"]
    assert errors["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}


def test_documentation_page_uses_our_own_static_files(client):
    html = client.get("/api/v1/docs/").content.decode()
    assert (
        '<script src="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js">'
        in html
    )
    assert "<style>" not in html  # the CSP allows no inline style
    assert "cdn" not in html.lower()
    script = client.get("/api/v1/docs/?script=")
    assert script["Content-Type"].startswith("application/javascript")


@pytest.fixture
def connection_kept_open():
    """Requests through the WSGI application close the database connection when they finish
    (inside the test's transaction Django takes it as unusable); the test client avoids that
    the same way: by not closing connections between requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@override_settings(API_RATE_LIMIT="", PAGE_CACHE=False)
@pytest.mark.usefixtures("connection_kept_open")
def test_schemathesis_finds_no_server_error_and_no_off_schema_response():
    """Every operation, 30 generated requests each (derandomized: the same ones every run),
    checked for server errors, undocumented status codes and content types, and responses
    that break the schema. The run takes a few seconds."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    tried = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=30,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call()
            case.validate_response(response, checks=checks)

        run()
        tried.append(operation.label)
    assert len(tried) == 8
