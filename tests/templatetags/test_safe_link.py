"""The one rule for drawing a stored web address as a link."""

import pytest

from cases.templatetags.catalogue_tags import safe_link


@pytest.mark.parametrize(
    "url",
    [
        "https://www.ilo.org/",
        "http://example.org/a?b=1#c",
        "mailto:info@example.org",
        " https://x.org/ ",
    ],
)
def test_safe_link_keeps_http_https_and_mailto(url):
    assert safe_link(url) == url.strip()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "\x01javascript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "ftp://example.org/",
        "//evil.example/",
        "/relative",
        "https:no-host",
        "http://[::1",
        "",
        None,
    ],
)
def test_safe_link_refuses_everything_else(url):
    assert safe_link(url) == ""
