"""The admin loads nothing from other origins and has no inline scripts (the CSP allows only
'self'), and the translation tabs' files are the local ones."""

import re

import pytest
from django.contrib.staticfiles import finders

from cases.models import Case
from cases.writes.locking import save_locked
from tests.admin_client import (
    ADD_URL,
    CHANGELIST_URL,
)

pytestmark = pytest.mark.django_db

TABS_FILES = [
    "admin/js/jquery.init.js",
    "modeltranslation/js/force_jquery.js",
    "admin-extra/js/translation-tabs.js",
    "modeltranslation/js/tabbed_translation_fields.js",
    "modeltranslation/css/tabbed_translation_fields.css",
    "admin-extra/css/admin-extra.css",
]


def admin_pages(client, user):
    case = Case.objects.get(slug="transform")
    record = save_locked(case, user=user, reason="", expected_version=1, values={"title_en": "T"})
    history_id = record.history_id
    return {
        url: client.get(url)
        for url in (
            CHANGELIST_URL,
            ADD_URL,
            f"/admin/cases/case/{case.pk}/change/",
            f"/admin/cases/case/{case.pk}/history/",
            f"/admin/cases/case/{case.pk}/history/{history_id}/",
            "/admin/cases/organization/1/change/",
            "/admin/cases/organization/1/history/",
            "/admin/cases/sdgtarget/8.5/change/",
        )
    }


def test_admin_pages_load_only_local_scripts_and_styles(editor_client, editor):
    for url, response in admin_pages(editor_client, editor).items():
        page = response.content.decode()
        assert response.status_code == 200, url
        sources = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', page)
        assert sources, url
        assert [s for s in sources if not s.startswith("/")] == [], url
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == [], url
        assert " style=" not in page, url
        assert "default-src 'self'" in response["Content-Security-Policy"]


def test_admin_case_form_uses_local_translation_tabs(editor_client):
    page = editor_client.get(ADD_URL).content.decode()

    for path in TABS_FILES:
        assert f"/static/{path}" in page
        assert finders.find(path), path
    assert "jquery-ui" not in page.lower()
    assert page.index("admin/js/jquery.init.js") < page.index("translation-tabs.js")
    assert page.index("translation-tabs.js") < page.index("tabbed_translation_fields.js")
