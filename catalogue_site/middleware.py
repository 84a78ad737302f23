"""Site-wide middleware: request ids, the load balancer's health check, Permissions-Policy."""

import re
import uuid

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

from .request_log import request_id

# An id a trusted proxy passes on is kept if it looks like one (it ends up in log lines).
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        if not (settings.TRUSTED_PROXY_COUNT and REQUEST_ID_PATTERN.fullmatch(given)):
            given = uuid.uuid4().hex
        request.request_id = given
        token = request_id.set(given)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = given
        return response


class HealthCheckMiddleware:
    """GET /healthz: "ok" when the database answers one trivial query, else 503.

    It answers before the host check and the SSL redirect (a load balancer asks by address,
    over plain HTTP), says nothing about the site, and is never cached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != "/healthz" or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError:
            response = HttpResponse("unavailable\n", status=503, content_type="text/plain")
        else:
            response = HttpResponse("ok\n", content_type="text/plain")
        add_never_cache_headers(response)
        return response


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
