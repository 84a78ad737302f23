"""Search on the list page: what a reader sees (the engine is tested in test_search.py)."""

import pytest

from tests.reading import notices, result_slugs, text

pytestmark = pytest.mark.django_db


def test_search_results_show_highlighted_snippets(client):
    response = client.get("/en/cases/?q=社保")
    assert result_slugs(response) == ["transform"]
    assert (
        '<p class="case-card__snippet">通过南南合作发展技术水平与领导能力，实现非洲<mark>社保</mark>全覆盖</p>'
        in response.content.decode()
    )


def test_search_orders_by_relevance_by_default_and_offers_the_other_sorts(client):
    html = client.get("/en/cases/?q=decent+work").content.decode()
    assert '<option value="relevance" selected>Best match</option>' in html
    assert '<option value="title">Title (A–Z)</option>' in html
    without_query = client.get("/en/cases/").content.decode()
    assert 'value="relevance"' not in without_query


def test_search_combines_with_filters(client):
    assert result_slugs(client.get("/en/cases/?q=ILO&country=MN")) == ["page-kyrgyzstan-mongolia"]


def test_nothing_found_suggests_countries_targets_and_organizations(client):
    response = client.get("/en/cases/?q=Keny")
    assert result_slugs(response) == []
    page = text(response)
    assert "Perhaps you are looking for" in page
    assert '<a href="/en/cases/?country=KE">Country: Kenya</a>' in response.content.decode()


def test_search_box_keeps_what_was_typed_escaped(client):
    html = client.get('/en/cases/?q="><b>x</b>').content.decode()
    assert 'value="&quot;&gt;&lt;b&gt;x&lt;/b&gt;"' in html


@pytest.mark.parametrize(
    ("query", "expected_notice"),
    [
        ("-", "Ignored search “-”: a minus sign needs a word right after it."),
        ('""', 'Ignored search “""”: the quotation marks contain no words.'),
        ("&|!", "Ignored search “&|!”: it contains no letters or digits."),
    ],
)
def test_operators_alone_are_explained(client, query, expected_notice):
    from urllib.parse import quote

    response = client.get(f"/en/cases/?q={quote(query)}")
    assert sorted(result_slugs(response)) == [
        "ilo-sse-academy",
        "page-kyrgyzstan-mongolia",
        "transform",
    ]
    assert notices(response) == [expected_notice]


def test_search_notice_in_chinese(client):
    assert notices(client.get("/zh-hans/cases/?q=-")) == ["已忽略搜索“-”：减号后面需要紧跟一个词。"]
