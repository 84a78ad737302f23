"""sitemap.xml and robots.txt for search engines."""

import pytest

from cases.models import Case
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_sitemap_lists_published_cases_in_both_languages_with_alternates(client):
    make_case(slug="hidden-draft", targets=["8.5"], publication_status=Case.PublicationStatus.DRAFT)
    xml = client.get("/sitemap.xml").content.decode()
    for language in ["zh-hans", "en"]:
        assert f"<loc>http://testserver/{language}/cases/transform/</loc>" in xml
        assert f"<loc>http://testserver/{language}/sdg/</loc>" in xml
        assert f"<loc>http://testserver/{language}/insights/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="en" href="http://testserver/en/cases/transform/"/>'
        in xml
    )
    assert 'hreflang="x-default"' in xml
    assert "hidden-draft" not in xml


def test_robots_points_at_the_sitemap_and_does_not_name_the_admin(client):
    # The admin's address (ADMIN_URL) is not advertised; its login page says noindex itself.
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    assert response.content.decode() == (
        "User-agent: *\nAllow: /\nSitemap: http://testserver/sitemap.xml\n"
    )


def test_the_sitemaps_default_language_link_is_the_one_the_pages_give(client):
    xml = client.get("/sitemap.xml").content.decode()
    page = client.get("/en/cases/transform/").content.decode()
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/zh-hans/cases/transform/">'
        in page
    )
    assert (
        '<xhtml:link rel="alternate" hreflang="x-default"'
        ' href="http://testserver/zh-hans/cases/transform/"/>'
    ) in xml
    assert 'href="http://testserver/cases/' not in xml
