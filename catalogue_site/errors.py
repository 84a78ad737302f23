"""The server error page, and the "come back soon" page when the database is unavailable.

Both render without touching the database (no session, no user, no query), in the language of
the address the reader asked for, and never fall back to Django's bare English text.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import get_language_from_path, override

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
