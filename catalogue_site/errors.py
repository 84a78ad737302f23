"""The error pages: server error, "come back soon" when the database is unavailable, access
denied, and a form refused by the CSRF check.

All render without a database query, in the language of the address the reader asked for
(outside the language prefixes, the admin's: the one active for the request), never with
Django's bare English text, and never cacheable.

A refused "Share your practice" form is the exception that proves it: the form comes back
with everything typed, rendered by its own view (see cases.views.csrf_refused).
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404, resolve
from django.utils.translation import get_language_from_path, override

from cases import views as case_views
from cases.context_processors import languages

# Seconds a reader (or a crawler) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30
DATABASE_DOWN = (OperationalError, InterfaceError)
# If even the template fails: both languages, no template, no database.
LAST_RESORT = (
    "<!doctype html><meta charset=utf-8><title>Error</title>"
    "<p lang=zh-Hans>网站出现错误，请稍后再试。</p>"
    "<p lang=en>The site had an error. Please try again later.</p>"
)


def server_error(request):
    """handler500: a 503 with Retry-After when the database is down, else a 500."""
    error = sys.exc_info()[1]
    down = isinstance(error, DATABASE_DOWN)
    template, status = ("503.html", 503) if down else ("500.html", 500)
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    try:
        with override(language):
            context = {
                **languages(request),
                "request": request,
                "LANGUAGE_CODE": language,
                "request_id": getattr(request, "request_id", ""),
            }
            body = loader.get_template(template).render(context)
    except Exception:  # noqa: BLE001 - an error page must not fail
        body = LAST_RESORT
    response = HttpResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    if down:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _language(request):
    return (
        get_language_from_path(request.path_info)
        or getattr(request, "LANGUAGE_CODE", None)
        or settings.LANGUAGE_CODE
    )


def _forbidden(request, template):
    with override(_language(request)):
        response = render(request, template, status=403)
    response["Cache-Control"] = "no-store"
    return response


def permission_denied(request, exception=None):
    """handler403. The exception's text is for developers (and in English): not shown."""
    return _forbidden(request, "403.html")


# The pages whose form comes back filled in when the CSRF check refuses it.
FORM_VIEWS = {
    "cases:submit": case_views.submit,
    "cases:submission_amend": case_views.submission_amend,
}


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without a valid CSRF token (the cookie expired or was
    cleared, the page was open too long, or the sender is another site).

    A submitter's practice is typed at length: its form is shown again by its own view, bound
    to what was sent, with a fresh token and nothing stored. Everything else gets a page that
    says what happened and what to do."""
    match = request.resolver_match
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
    view = FORM_VIEWS.get(match.view_name) if match is not None else None
    if request.method == "POST" and view is not None:
        request.csrf_refused = True
        with override(_language(request)):
            return view(request, *match.args, **match.kwargs)
    return _forbidden(request, "403_csrf.html")
