"""The Atom feed of newly published cases."""

import re

import pytest
from django.utils import timezone

from cases.models import Case

from .factories import make_case

pytestmark = pytest.mark.django_db


def entry_links(xml):
    return re.findall(r'<entry>.*?<link href="http://testserver(/[^"]+)"', xml, re.S)


def test_feed_lists_published_cases_newest_first(client):
    make_case(
        slug="newest",
        title_en="Newest",
        targets=["8.5"],
        published_at=timezone.now() + timezone.timedelta(days=1),
    )
    make_case(slug="draft", targets=["8.5"], publication_status=Case.PublicationStatus.DRAFT)
    response = client.get("/en/feed/")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    xml = response.content.decode()
    links = entry_links(xml)
    assert links[0] == "/en/cases/newest/"
    assert set(links) == {
        "/en/cases/newest/",
        "/en/cases/transform/",
        "/en/cases/ilo-sse-academy/",
        "/en/cases/page-kyrgyzstan-mongolia/",
    }
    assert '<category term="SDG 8.5"/>' in xml


def test_feed_takes_the_list_filters_and_the_language(client):
    xml = client.get("/zh-hans/feed/?country=KE").content.decode()
    assert entry_links(xml) == ["/zh-hans/cases/transform/"]
    assert "<title>南南合作和三角合作良好实践：最新发布的案例</title>" in xml


def test_pages_advertise_the_feed(client):
    html = client.get("/en/").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Newly published cases" href="/en/feed/">'
        in html
    )
