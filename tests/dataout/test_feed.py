"""The Atom feed of newly published cases."""

import re
from html import unescape

import pytest
from django.utils import timezone

from cases.models import Case
from tests.factories import make_case

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


def entry_titles(xml):
    return re.findall(r"<entry><title>([^<]*)</title>", xml)


def feed_part(xml, tag):
    """The feed's own <tag> (before the first entry)."""
    head = xml.split("<entry>", 1)[0]
    return unescape(re.search(rf"<{tag}[^>]*>([^<]*)</{tag}>", head).group(1))


def test_feed_titles_a_case_without_a_short_name_by_its_title(client):
    make_case(slug="no-short-name", title_en="Solar Kiosks for Rural Clinics", targets=["7.1"])

    xml = client.get("/en/feed/?target=7.1").content.decode()

    assert entry_titles(xml) == ["Solar Kiosks for Rural Clinics"]


def test_feed_never_repeats_a_short_name_the_title_starts_with(client):
    make_case(
        slug="prefixed",
        short_name_en="SunNet",
        title_en="SunNet – Solar Kiosks",
        targets=["7.1"],
        published_at=timezone.now() + timezone.timedelta(days=1),
    )
    make_case(slug="other", short_name_en="SunNet", title_en="Solar Kiosks", targets=["7.1"])

    xml = client.get("/en/feed/?target=7.1").content.decode()

    assert entry_titles(xml) == ["SunNet – Solar Kiosks", "Solar Kiosks (SunNet)"]
    # In Chinese the titles are the Chinese ones, the short name in full-width brackets.
    zh = client.get("/zh-hans/feed/?target=7.1").content.decode()
    assert entry_titles(zh) == ["合成案例（SunNet）", "合成案例（SunNet）"]


def test_feed_of_the_seeded_cases_shows_each_title_once(client):
    titles = entry_titles(client.get("/en/feed/").content.decode())

    assert sorted(titles) == sorted(
        [
            "TRANSFORM – Leadership and Transformation Curriculum on Building and Managing Social Protection Floors in Africa",
            "ILO Social and Solidarity Economy Academy",
            "Partnership for Action on Green Economy: Mongolia and Kyrgyzstan learning from each other's green economy policies and practices to advance the 2030 Agenda for Sustainable Development (PAGE: Kyrgyzstan-Mongolia exchange)",
        ]
    )


def test_filtered_feed_links_to_the_filtered_list_and_has_its_own_id(client):
    filtered = client.get("/en/feed/?country=KE&goal=8&q=").content.decode()
    unfiltered = client.get("/en/feed/").content.decode()

    assert feed_part(filtered, "id") == "http://testserver/en/cases/?goal=8&country=KE"
    assert (
        '<link href="http://testserver/en/cases/?goal=8&amp;country=KE" rel="alternate"/>'
        in filtered
    )
    assert feed_part(unfiltered, "id") == "http://testserver/en/cases/"
    # The same filters in another order are the same feed.
    reordered = client.get("/en/feed/?goal=8&country=KE").content.decode()
    assert feed_part(reordered, "id") == feed_part(filtered, "id")


@pytest.mark.parametrize(
    ("language", "author"),
    [
        ("en", "Good Practices in South-South and Triangular Cooperation"),
        ("zh-hans", "南南合作和三角合作良好实践"),
    ],
)
def test_the_feed_and_every_entry_name_an_author(client, language, author):
    from defusedxml import ElementTree

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.fromstring(client.get(f"/{language}/feed/?goal=8").content)
    assert feed.find(f"{atom}author/{atom}name").text == author
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 3
    assert [entry.find(f"{atom}author/{atom}name").text for entry in entries] == [author] * 3
