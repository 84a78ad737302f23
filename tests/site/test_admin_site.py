"""The admin carries the site's name, in the editor's language."""

import pytest
from django.conf import settings
from django.test import Client

from tests.reading import text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, header, title",
    [
        (
            "en",
            "Good Practices in South-South and Triangular Cooperation: editors",
            "Good Practices in South-South and Triangular Cooperation",
        ),
        ("zh-hans", "南南合作和三角合作良好实践：编辑后台", "南南合作和三角合作良好实践"),
    ],
)
def test_admin_is_titled_with_the_site_name(language, header, title):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get("/admin/login/")

    assert header in text(page)
    assert f"| {title}</title>" in page.content.decode()
    assert "Django administration" not in text(page)
