"""Rendering a case's public page: shared by the public view and the admin's preview, so a
preview is exactly what readers will see."""

from django.shortcuts import render
from django.utils import timezone

from .reads.case_page import case_page


def render_case_page(request, case, *, preview=False):
    page = case_page(case)
    return render(
        request,
        "cases/case_detail.html",
        {
            **vars(page),
            "preview": preview,
            "permanent_url": request.build_absolute_uri(page.case.get_absolute_url()),
            "accessed": timezone.localdate(),
        },
    )
