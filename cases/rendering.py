"""Rendering a case's public page: shared by the public view and the admin's preview, so a
preview is exactly what readers will see."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from .context_processors import HTML_LANGUAGE
from .dataout.structured_data import case_json_ld
from .reads.case_page import case_page


def render_case_page(request, case, *, preview=False):
    page = case_page(case)
    url = request.build_absolute_uri(page.case.get_absolute_url())
    language = HTML_LANGUAGE.get(request.LANGUAGE_CODE, request.LANGUAGE_CODE)
    home = request.build_absolute_uri(reverse("cases:home"))
    return render(
        request,
        "cases/case_detail.html",
        {
            **vars(page),
            "preview": preview,
            "permanent_url": url,
            "json_ld": case_json_ld(page, url, home, language),
            "accessed": timezone.localdate(),
        },
    )
