"""The page shown when django-axes has paused signing in (AXES_LOCKOUT_CALLABLE)."""

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

# Too Many Requests: clients and monitoring tell it from a wrong password (200 with the form).
LOCKED_OUT_STATUS = 429


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        **admin.site.each_context(request),
        "title": _("Signing in is paused"),
        "lockout_minutes": minutes,
    }
    response = TemplateResponse(
        request, "registration/locked_out.html", context, status=LOCKED_OUT_STATUS
    )
    response["Retry-After"] = str(minutes * 60)
    return response.render()
