"""The case page: every field of a seeded case, in both languages."""

import re

import pytest

from cases.models import Case
from tests.factories import make_case
from tests.reading import query_count, text

pytestmark = pytest.mark.django_db


def test_case_page_shows_every_field_in_english(client):
    response = client.get("/en/cases/transform/")
    page = text(response)
    html = response.content.decode()
    assert "TRANSFORM – Leadership and Transformation Curriculum" in page
    assert "Building technical skills and leadership through South-South cooperation" in page
    assert "Challenge" in page and "Solution" in page
    assert "2015–2020" in page
    assert "Ongoing" in page and "South-South cooperation" in page
    for name in [
        "Ethiopia",
        "Kenya",
        "Malawi",
        "Mozambique",
        "United Republic of Tanzania",
        "Zambia",
        "Africa",
    ]:
        assert f">{name}</a>" in html
    assert '<a href="/en/cases/?region=002">Africa</a>' in html
    assert '<a href="/en/cases/?country=KE">Kenya</a>' in html
    assert "Nominated by" in page and "Supported by" in page and "Implemented by" in page
    assert 'href="/en/cases/?organization=irish-aid&amp;role=funder">Irish Aid</a>' in html
    for code in ["1.3", "3.8", "5.4", "8.5", "10.4"]:
        assert f'href="/en/cases/?target={code}"' in html
    assert 'class="target-badge sdg-1" href="/en/cases/?target=1.3"' in html
    assert '<a href="mailto:pellerano@ilo.org">pellerano@ilo.org</a>' in html
    assert "Dr Luca Pellerano" in page
    assert 'href="http://socialprotection.org/institutions/transform"' in html
    assert "World Social Protection Report 2017-19" in page
    assert 'class="footnote"' in html


def test_case_page_shows_every_field_in_chinese(client):
    response = client.get("/zh-hans/cases/ilo-sse-academy/")
    page = text(response)
    html = response.content.decode()
    assert "国际劳工组织社会经济和团结经济学院" in page
    assert "建设地区 / 区域间网络和平台，促进知识和经验分享" in page
    assert "2013 年至今" in page
    assert "Roberto Di Meglio 先生" in page
    assert "Laura Cicciarelli 女士" in page
    assert "<strong>南南和三角安排可以扩大社会经济和团结经济在国家环境中的影响" in html
    assert "<li>推广社会经济和团结经济概念；</li>" in html
    assert '<a href="/zh-hans/cases/?region=001">世界</a>' in html
    assert "大韩民国" in page


def test_case_page_cites_the_case_with_its_permanent_url(client):
    page = text(client.get("/en/cases/page-kyrgyzstan-mongolia/"))
    assert (
        "Good Practices in South-South and Triangular Cooperation. http://testserver/en/cases/page-kyrgyzstan-mongolia/ (accessed "
        in page
    )


def test_case_page_lists_related_cases_most_in_common_first(client):
    html = client.get("/en/cases/page-kyrgyzstan-mongolia/").content.decode()
    related = html[html.index('id="related-heading"') :]
    # The SSE academy shares target 8.3, goals 8 and 17 and the ILO; TRANSFORM goal 8 and the
    # ILO.
    assert re.findall(r'case-card__title"><a href="/en/cases/([^/]+)/"', related) == [
        "ilo-sse-academy",
        "transform",
    ]


def test_case_page_notes_text_shown_in_the_other_language(client):
    make_case(
        slug="only-chinese",
        title_zh="只有中文",
        title_en="",
        targets=["8.5"],
        challenge_zh_hans="中文挑战",
    )
    english = text(client.get("/en/cases/only-chinese/"))
    assert (
        "Parts of this case have not been translated into English yet; they are shown in Chinese."
        in english
    )
    assert "只有中文" in english and "中文挑战" in english
    assert "只有中文 (not yet in English)" in text(client.get("/en/cases/?target=8.5"))
    chinese = text(client.get("/zh-hans/cases/only-chinese/"))
    assert "not been translated" not in chinese and "尚未" not in chinese


def test_case_page_of_a_fully_translated_case_has_no_note(client):
    assert "not been translated" not in text(client.get("/en/cases/transform/"))


def test_draft_cases_are_not_public(client):
    make_case(slug="secret-draft", targets=["8.5"], publication_status=Case.PublicationStatus.DRAFT)
    assert client.get("/en/cases/secret-draft/").status_code == 404
    assert "secret-draft" not in client.get("/en/cases/").content.decode()


def test_case_page_sanitizes_markdown(client):
    make_case(
        slug="unsafe",
        targets=["8.5"],
        challenge_en="Hello <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>",
    )
    html = client.get("/en/cases/unsafe/").content.decode()
    assert "<script>alert" not in html
    assert "javascript:" not in html
    # The raw HTML is shown as typed, escaped: its handler is text, not an attribute.
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html


@pytest.mark.parametrize("extra_cases", [0, 27])
def test_case_page_runs_a_fixed_number_of_queries(client, extra_cases):
    for number in range(extra_cases):
        make_case(targets=["8.3", "13.2"], countries=["MN", "KG"], title_en=f"Case {number}")
    # The version; the case; its targets, regions, countries, organizations, contacts and
    # links (one query); then the related cases and their targets and countries.
    assert query_count(client, "/en/cases/page-kyrgyzstan-mongolia/") == 5
