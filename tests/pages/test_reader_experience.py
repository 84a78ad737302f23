"""What readers on phones, keyboards and social media receive in the HTML (issue 12); how it
behaves in Chromium is tested in tests/browser/test_reader_experience.py."""

import re

import pytest

from tests.reading import text

pytestmark = pytest.mark.django_db


def countries_of_card(html, slug):
    start = html.index(f'/cases/{slug}/"')
    found = re.search(r'<span class="case-card__countries">(.*?)</span>\s*<span', html[start:])
    return found.group(1)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "Brazil, Canada, Costa Rica, Italy, Republic of Korea, Luxembourg"
            ' <a href="/en/cases/ilo-sse-academy/#facts-heading">and 4 more</a>',
        ),
        (
            "zh-hans",
            "巴西、加拿大、哥斯达黎加、意大利、大韩民国、卢森堡，"
            '<a href="/zh-hans/cases/ilo-sse-academy/#facts-heading">另有 4 个国家</a>',
        ),
    ],
)
def test_a_card_names_six_countries_and_links_the_rest(client, language, expected):
    html = client.get(f"/{language}/cases/?goal=8").content.decode()
    countries = countries_of_card(html, "ilo-sse-academy")
    assert countries.split("</span>", 1)[1] == expected


def test_a_card_with_few_countries_names_them_all(client):
    html = client.get("/en/cases/?goal=8").content.decode()
    countries = countries_of_card(html, "page-kyrgyzstan-mongolia")
    assert countries.split("</span>", 1)[1] == "Kyrgyzstan, Mongolia"


def head_tags(html):
    head = html[: html.index("</head>")]
    metas = dict(
        re.findall(r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)"', head)
    )
    return {
        "canonical": re.search(r'<link rel="canonical" href="([^"]*)"', head).group(1),
        "title": re.search(r"<title>([^<]*)</title>", head).group(1),
        "description": re.search(r'<meta name="description" content="([^"]*)"', head).group(1),
        "alternate_locales": re.findall(
            r'<meta property="og:locale:alternate" content="([^"]*)"', head
        ),
        **metas,
    }


SITE = {
    "en": "Good Practices in South-South and Triangular Cooperation",
    "zh-hans": "南南合作和三角合作良好实践",
}


@pytest.mark.parametrize(
    ("language", "locale", "alternate"), [("en", "en_US", "zh_CN"), ("zh-hans", "zh_CN", "en_US")]
)
@pytest.mark.parametrize(
    "path", ["/", "/cases/", "/cases/transform/", "/sdg/", "/countries/", "/organizations/"]
)
def test_every_page_has_sharing_tags_and_a_canonical_link(
    client, language, locale, alternate, path
):
    html = client.get(f"/{language}{path}").content.decode()
    tags = head_tags(html)
    url = f"http://testserver/{language}{path}"
    assert tags["canonical"] == url
    assert tags["og:url"] == url
    assert tags["og:site_name"] == SITE[language]
    assert tags["title"] == f"{tags['og:title']} · {SITE[language]}"
    assert tags["og:description"] == tags["description"] != ""
    assert tags["og:locale"] == locale
    assert tags["alternate_locales"] == [alternate]
    assert tags["og:type"] == ("article" if path == "/cases/transform/" else "website")
    assert tags["og:image"] == "http://testserver/static/img/share.png"
    assert tags["twitter:card"] == "summary"


def test_the_case_page_shares_its_own_title_and_headline(client):
    tags = head_tags(client.get("/en/cases/transform/").content.decode())
    assert tags["og:title"] == "TRANSFORM"
    assert tags["og:description"].startswith("Building technical skills and leadership")


def test_the_list_canonical_link_is_the_normalised_filter_address(client):
    html = client.get("/en/cases/?sort=newest&q=&year=&page=1&goal=8&country=KE&utm_source=x")
    tags = head_tags(html.content.decode())
    assert tags["canonical"] == "http://testserver/en/cases/?country=KE&amp;goal=8"
    assert tags["og:url"] == tags["canonical"]
    searched = head_tags(client.get("/en/cases/?q=work&sort=relevance").content.decode())
    assert searched["canonical"] == "http://testserver/en/cases/?q=work"


def test_the_icons_and_share_image_exist_and_are_served_from_static(client):
    from django.contrib.staticfiles import finders

    html = client.get("/en/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in html
    for name in ["img/favicon.svg", "img/apple-touch-icon.png", "img/share.png"]:
        assert finders.find(name)
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/img/favicon.svg")


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Follow these cases (Atom)"), ("zh-hans", "关注这些案例（Atom 订阅）")],
)
def test_the_list_links_its_feed_with_its_filters(client, language, label):
    html = client.get(f"/{language}/cases/?goal=8&country=KE&sort=title&page=1").content.decode()
    feed = f"/{language}/feed/?country=KE&amp;goal=8"
    assert f'<a class="follow" href="{feed}" type="application/atom+xml">{label}</a>' in html
    head = html[: html.index("</head>")]
    assert re.search(
        rf'<link rel="alternate" type="application/atom\+xml" [^>]*href="{re.escape(feed)}">', head
    )
    # Other pages offer the whole feed.
    home = client.get(f"/{language}/").content.decode()
    assert 'type="application/atom+xml" title="' in home and f'href="/{language}/feed/">' in home


@pytest.mark.parametrize(
    ("language", "name", "place"),
    [
        ("en", "TRANSFORM – Leadership and Transformation Curriculum", "Kenya"),
        ("zh-hans", "建立并管理非洲社会保障最低标准的领导力与转型课程", "肯尼亚"),
    ],
)
def test_the_case_page_carries_schema_org_json_ld(client, language, name, place):
    import json

    response = client.get(f"/{language}/cases/transform/")
    html = response.content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "CreativeWork"
    assert name in data["name"]
    assert data["url"] == f"http://testserver/{language}/cases/transform/"
    assert data["inLanguage"] == {"en": "en", "zh-hans": "zh-Hans"}[language]
    assert data["alternateName"] == "TRANSFORM"
    assert data["temporalCoverage"] == "2015/2020"
    assert {"@type": "Place", "name": place} in data["spatialCoverage"]
    assert len(data["about"]) == 5 and data["about"][0].startswith("SDG 1.3: ")
    assert data["isPartOf"]["url"] == f"http://testserver/{language}/"
    # A data block, not a script: the CSP (scripts from this site only) does not forbid it.
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_json_ld_cannot_close_its_script_block(client):
    from tests.factories import make_case

    make_case(slug="sneaky", title_en="</script><script>alert(1)</script>", targets=["8.5"])
    html = client.get("/en/cases/sneaky/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert "\\u003C/script\\u003E" in block


def test_the_list_page_stays_under_60_kb_of_html(client):
    for language in ["en", "zh-hans"]:
        assert len(client.get(f"/{language}/cases/").content) < 60_000


def test_a_search_matching_only_the_headline_shows_it_once(client):
    html = client.get("/zh-hans/cases/?q=社保").content.decode()
    results = html[html.index('id="results"') :]
    assert results.count("实现非洲社保全覆盖") == 1
    assert 'class="case-card__snippet"' not in results


def test_the_citation_names_the_publisher_and_year_in_chinese(client):
    page = text(client.get("/zh-hans/cases/ilo-sse-academy/"))
    assert (
        "》。载于：联合国南南合作办公室：《南南合作和三角合作促进可持续发展良好实践》，第 2 卷，"
        "2018 年。南南合作和三角合作良好实践。http://testserver/zh-hans/cases/ilo-sse-academy/"
    ) in page


def test_the_copy_button_waits_for_the_script(client):
    html = client.get("/en/cases/transform/").content.decode()
    assert (
        '<button type="button" data-copy="citation" data-copied="Citation copied." hidden>'
        "Copy the citation</button>"
    ) in html


@pytest.mark.parametrize(
    ("path", "heading_en", "heading_zh"),
    [
        ("/accessibility/", "Accessibility statement", "无障碍声明"),
        ("/privacy/", "Privacy notice", "隐私声明"),
        ("/contact/", "Contact the editors", "联系编辑"),
    ],
)
def test_the_pages_a_public_site_owes_in_both_languages(
    client, settings, path, heading_en, heading_zh
):
    settings.CONTACT_EMAIL = "editors@example.org"
    for language, heading in [("en", heading_en), ("zh-hans", heading_zh)]:
        html = client.get(f"/{language}{path}").content.decode()
        assert f"<h1>{heading}</h1>" in html
        assert 'href="mailto:editors@example.org"' in html
        home = client.get(f"/{language}/").content.decode()
        assert f'href="/{language}{path}"' in home  # linked from every page's footer


def test_the_privacy_notice_names_the_language_cookie(client, settings):
    page = text(client.get("/en/privacy/"))
    assert settings.LANGUAGE_COOKIE_NAME in page
    assert "no analytics" in page


@pytest.mark.parametrize(
    ("language", "label", "subject"),
    [
        ("en", "Report a problem with this case", "Problem%20with%20the%20case%20"),
        ("zh-hans", "报告此案例的问题", "%E6%A1%88%E4%BE%8B%E9%97%AE%E9%A2%98%EF%BC%9A"),
    ],
)
def test_each_case_offers_to_report_a_problem_by_mail(client, settings, language, label, subject):
    settings.CONTACT_EMAIL = "editors@example.org"
    html = client.get(f"/{language}/cases/transform/").content.decode()
    permalink = f"http%3A%2F%2Ftestserver%2F{language}%2Fcases%2Ftransform%2F"
    assert f'<a href="mailto:editors@example.org?subject={subject}{permalink}">{label}</a>' in html


def test_a_case_whose_slug_changed_answers_at_its_old_address_with_a_301(client):
    from cases.models import Case
    from tests.factories import make_case

    case = make_case(slug="old-name", title_en="Renamed", targets=["8.5"])
    case.slug = "new-name"
    case.save()
    response = client.get("/en/cases/old-name/")
    assert (response.status_code, response["Location"]) == (301, "/en/cases/new-name/")
    assert client.get("/zh-hans/cases/old-name/")["Location"] == "/zh-hans/cases/new-name/"
    # A case that is no longer published does not answer at any address.
    Case.objects.filter(pk=case.pk).update(publication_status=Case.PublicationStatus.DRAFT)
    assert client.get("/en/cases/old-name/").status_code == 404
    assert client.get("/en/cases/never-was/").status_code == 404


@pytest.mark.parametrize(
    ("path", "title", "description"),
    [
        (
            "/en/cases/?goal=8&region=014",
            "Cases: Decent work and economic growth, Eastern Africa",
            "1 good-practice case of South-South and triangular cooperation:"
            " Decent work and economic growth, Eastern Africa.",
        ),
        (
            "/zh-hans/cases/?goal=8&region=014",
            "案例：体面工作和经济增长、东部非洲",
            "1 个南南合作和三角合作良好实践案例：体面工作和经济增长、东部非洲。",
        ),
        (
            "/en/cases/?q=work&goal=8",
            "Search: work – Decent work and economic growth",
            None,
        ),
        (
            "/en/cases/",
            "All cases",
            "3 good-practice cases of South-South and triangular cooperation.",
        ),
    ],
)
def test_list_titles_and_descriptions_say_what_is_shown(client, path, title, description):
    tags = head_tags(client.get(path).content.decode())
    assert tags["og:title"] == title
    if description:
        assert tags["description"] == description == tags["og:description"]


def test_each_browse_page_has_its_own_description(client):
    descriptions = {
        head_tags(client.get(f"/{language}{path}").content.decode())["description"]
        for language in ["en", "zh-hans"]
        for path in ["/", "/sdg/", "/countries/", "/organizations/"]
    }
    assert len(descriptions) == 8
