"""Reading what a user sees in our HTML pages (no template internals)."""

import re
from html import unescape

CARD_LINK = re.compile(r'class="case-card__title"><a href="/(?:zh-hans|en)/cases/([^/"]+)/"')


def result_slugs(response):
    """The slugs of the case cards in the result list, in page order."""
    html = response.content.decode()
    start = html.find('id="results"')
    assert start != -1, "no result list on the page"
    return CARD_LINK.findall(html[start:])


def text(response):
    """The visible text of a page, tags removed and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def facet_counts(response, parameter):
    """{value: count} for a facet's checkboxes, as shown next to each option."""
    html = response.content.decode()
    pattern = re.compile(
        r'type="checkbox"[^>]* name="' + re.escape(parameter) + r'" value="([^"]+)"[^>]*>'
        r"\s*<label[^>]*>(?:(?!<input).)*?"
        r'<span class="count"><span class="visually-hidden">[^<]*</span>(\d+)</span>',
        re.S,
    )
    return {unescape(value): int(count) for value, count in pattern.findall(html)}


def notices(response):
    html = response.content.decode()
    match = re.search(r'<div class="notice" role="status">\s*<ul>(.*?)</ul>', html, re.S)
    if not match:
        return []
    return [unescape(item).strip() for item in re.findall(r"<li>(.*?)</li>", match.group(1), re.S)]


def query_count(client, url, *, page_cache=False):
    """Queries of one request for `url`, once the catalogue index is built for this version
    (a build is once per version and process; tests/reads/test_catalogue_index.py pins it).
    Without the page cache by default: what rendering the page costs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    with override_settings(PAGE_CACHE=page_cache):
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
    assert response.status_code == 200
    return len(queries)
