"""The preview shows a draft exactly as the public page will, to logged-in staff only."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from cases.models import Case
from tests.admin_client import (
    ADD_URL,
    new_case_form,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(editor_client):
    editor_client.post(ADD_URL, new_case_form(editor_client))
    return Case.objects.get(slug="community-health-worker-exchange")


def preview_url(case, language=None):
    url = f"/admin/cases/case/{case.pk}/preview/"
    return f"{url}?language={language}" if language else url


def test_admin_preview_shows_a_draft_in_each_language(editor_client, draft):
    english = editor_client.get(preview_url(draft, "en"))
    chinese = editor_client.get(preview_url(draft, "zh-hans"))

    assert english.status_code == 200
    assert english.context["preview"] is True
    assert english.templates[0].name == "cases/case_detail.html"
    assert "Community Health Worker Training Exchange" in english.content.decode()
    assert "Preview: this case is not public. Publication status: Draft." in (
        english.content.decode()
    )
    assert "社区卫生工作者培训交流" in chinese.content.decode()
    assert '<html lang="zh-Hans"' in chinese.content.decode()
    assert english["X-Robots-Tag"] == "noindex, nofollow"
    # The public address of the draft does not exist.
    assert editor_client.get(draft.get_absolute_url()).status_code == 404


def test_admin_preview_ignores_an_unknown_language(editor_client, draft):
    response = editor_client.get(preview_url(draft, "xx"))

    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_admin_preview_sends_visitors_and_non_staff_to_the_login(draft):
    anonymous = Client().get(preview_url(draft))
    user = get_user_model().objects.create_user("reader", password="x-long-password-1234")
    reader = Client()
    reader.force_login(user)
    not_staff = reader.get(preview_url(draft))

    for response in (anonymous, not_staff):
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=")


def test_admin_preview_of_an_unknown_case_is_not_found(editor_client):
    assert editor_client.get("/admin/cases/case/999999/preview/").status_code == 404


def test_admin_markdown_preview_is_rendered_and_sanitized(editor_client, draft):
    Case.objects.filter(pk=draft.pk).update(
        challenge_en="Rural areas lack **health workers**.<script>alert(1)</script>"
    )

    page = editor_client.get(f"/admin/cases/case/{draft.pk}/change/").content.decode()

    # Raw HTML is shown as the editor typed it, never run.
    assert (
        "<p>Rural areas lack <strong>health workers</strong>.&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        in page
    )
    assert "<script>alert(1)</script>" not in page
    assert "<p>两国交换培训课程：</p>" in page
