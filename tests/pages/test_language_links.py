"""The language switch and the hreflang alternates always point at this site, whatever path or
host-like text a request carries."""

import re

import pytest

pytestmark = pytest.mark.django_db

SWITCH = re.compile(r'<a href="([^"]*)" hreflang="[^"]+" lang="[^"]+" rel="alternate">')
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="[^"]+" href="([^"]*)">')

# (path as the server receives it, the language the not-found page is shown in)
HOSTILE_PATHS = [
    ("//evil.example/en/", "zh-hans"),
    ("//evil.example/en/cases/", "zh-hans"),
    ("///evil.example/en/", "zh-hans"),
    ("/\\evil.example/en/", "zh-hans"),
    ("//evil.example/zh-hans/cases/", "zh-hans"),
    ("/en//evil.example/", "en"),
    ("/en/cases//evil.example/", "en"),
    ("/en/no-such-page/", "en"),
]


def links(response):
    html = response.content.decode()
    return SWITCH.findall(html), ALTERNATE.findall(html)


def raw_get(client, path, query=""):
    """A GET of `path` exactly as a server receives it (client.get would read "//host" as a
    host and drop it)."""
    return client.request(PATH_INFO=path, QUERY_STRING=query, REQUEST_METHOD="GET")


@pytest.mark.parametrize("path, language", HOSTILE_PATHS)
def test_not_found_page_links_only_to_this_site(client, path, language):
    response = raw_get(client, path, "goal=8")

    assert response.status_code == 404
    switch, alternates = links(response)
    assert switch == ["/en/?goal=8" if language == "zh-hans" else "/zh-hans/?goal=8"]
    assert alternates == [
        "http://testserver/zh-hans/?goal=8",
        "http://testserver/en/?goal=8",
        "http://testserver/zh-hans/?goal=8",
    ]


def test_not_found_case_keeps_its_address_in_the_other_language(client):
    response = client.get("/en/cases/no-such-case/?goal=8")

    assert response.status_code == 404
    switch, alternates = links(response)
    assert switch == ["/zh-hans/cases/no-such-case/?goal=8"]
    assert alternates[1] == "http://testserver/en/cases/no-such-case/?goal=8"


def test_normal_page_switch_keeps_path_and_filters(client):
    response = client.get("/zh-hans/cases/?goal=8&country=KE")

    switch, alternates = links(response)
    assert switch == ["/en/cases/?country=KE&amp;goal=8"]
    assert alternates == [
        "http://testserver/zh-hans/cases/?country=KE&amp;goal=8",
        "http://testserver/en/cases/?country=KE&amp;goal=8",
        "http://testserver/zh-hans/cases/?country=KE&amp;goal=8",
    ]


def test_query_string_cannot_leave_the_site(client):
    response = client.get("/en/cases/?next=//evil.example/&goal=%2F%2Fevil.example")

    switch, alternates = links(response)
    # Unknown parameters are dropped; a value stays a value, after "?".
    assert switch == ["/zh-hans/cases/?goal=%2F%2Fevil.example"]
    assert all(url.startswith("http://testserver/") for url in alternates)
