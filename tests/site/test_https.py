"""Behind a TLS proxy every absolute address is https://, and the security headers are sent."""

import re

import pytest

pytestmark = pytest.mark.django_db

HTTPS = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "catalogue.example.org"}


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = ["catalogue.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True


def absolute_addresses(html):
    return set(re.findall(r"\bhttps?://catalogue\.example\.org[^\s\"'<]*", html))


def test_case_page_canonical_citation_and_alternates_use_https(client, behind_proxy):
    html = client.get("/en/cases/transform/", **HTTPS).content.decode()

    addresses = absolute_addresses(html)
    assert {
        "https://catalogue.example.org/en/cases/transform/",
        "https://catalogue.example.org/zh-hans/cases/transform/",
    } <= addresses
    assert not [address for address in addresses if address.startswith("http:")]
    assert '<link rel="canonical" href="https://catalogue.example.org/en/cases/transform/">' in html


def test_csv_robots_sitemap_and_feed_use_https(client, behind_proxy):
    csv = b"".join(client.get("/en/cases.csv", **HTTPS).streaming_content).decode()
    robots = client.get("/robots.txt", **HTTPS).content.decode()
    sitemap = client.get("/sitemap.xml", **HTTPS).content.decode()
    feed = client.get("/en/feed/", **HTTPS).content.decode()

    assert "https://catalogue.example.org/en/cases/transform/" in csv
    assert robots.endswith("Sitemap: https://catalogue.example.org/sitemap.xml\n")
    for document in (csv, robots, sitemap, feed):
        assert "http://catalogue.example.org" not in document
    assert "https://catalogue.example.org/zh-hans/cases/transform/" in sitemap
    assert "https://catalogue.example.org/en/cases/transform/" in feed


def test_plain_http_is_redirected_to_https(client, behind_proxy):
    response = client.get("/en/cases/?goal=8", HTTP_HOST="catalogue.example.org")

    assert (response.status_code, response["Location"]) == (
        301,
        "https://catalogue.example.org/en/cases/?goal=8",
    )


def test_without_a_trusted_proxy_a_forwarded_proto_is_ignored(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/en/", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 301


def test_security_headers_on_a_page(client, behind_proxy):
    response = client.get("/zh-hans/", **HTTPS)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Permissions-Policy"].startswith("accelerometer=(), autoplay=()")
    assert "camera=()" in response["Permissions-Policy"]
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_cookies_are_secure_when_asked(client, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client.get("/en/")

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME]["secure"] is True
