"""Languages: redirects, alternates, the switch, and complete translation catalogues."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.reading import text

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def test_root_redirects_by_accept_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 302 and response["Location"] == "/en/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert response["Location"] == "/zh-hans/"


def test_root_redirect_prefers_the_language_cookie(client):
    client.cookies["catalogue_language"] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response["Location"] == "/en/"


def test_reading_a_page_remembers_its_language(client):
    response = client.get("/en/cases/")
    assert response.cookies["catalogue_language"].value == "en"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")["Location"] == "/en/"


@pytest.mark.parametrize(("language", "html_lang"), [("en", "en"), ("zh-hans", "zh-Hans")])
def test_pages_declare_their_language(client, language, html_lang):
    response = client.get(f"/{language}/cases/?goal=8")
    assert f'<html lang="{html_lang}">' in response.content.decode()
    assert response["Content-Language"] == language


def test_pages_link_their_translations(client):
    html = client.get("/en/cases/?goal=8&country=KE").content.decode()
    assert (
        '<link rel="alternate" hreflang="zh-Hans" href="http://testserver/zh-hans/cases/?country=KE&amp;goal=8">'
        in html
    )
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/cases/?country=KE&amp;goal=8">'
        in html
    )
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/zh-hans/cases/?country=KE&amp;goal=8">'
        in html
    )


def test_language_switch_keeps_path_and_query(client):
    html = client.get("/zh-hans/cases/transform/").content.decode()
    assert (
        '<a href="/en/cases/transform/" hreflang="en" lang="en" rel="alternate">English</a>' in html
    )
    html = client.get("/en/cases/?target=8.5&country=KE&sort=title").content.decode()
    assert (
        '<a href="/zh-hans/cases/?country=KE&amp;sort=title&amp;target=8.5" hreflang="zh-Hans" lang="zh-Hans" rel="alternate">简体中文</a>'
        in html
    )


@pytest.mark.parametrize(
    "url",
    [
        "/zh-hans/",
        "/zh-hans/cases/?goal=8",
        "/zh-hans/cases/transform/",
        "/zh-hans/sdg/",
        "/zh-hans/countries/",
        "/zh-hans/organizations/",
        "/zh-hans/cases/?country=ZZ&q=zzzz",
        "/zh-hans/insights/?goal=8&country=ZZ",
    ],
)
def test_chinese_pages_have_no_english_interface_text(client, url):
    page = text(client.get(url))
    english_ui = [
        "Search",
        "Cases",
        "Filter",
        "Sort",
        "Home",
        "Skip",
        "Goal ",
        "Countries",
        "Organizations",
        "Ignored",
        "No case",
        "Clear all",
        "Challenge",
        "Cite",
    ]
    found = [word for word in english_ui if re.search(r"\b" + re.escape(word), page)]
    assert found == []


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/cases/?goal=8",
        "/en/cases/transform/",
        "/en/sdg/",
        "/en/countries/",
        "/en/organizations/",
        "/en/insights/?goal=8",
    ],
)
def test_english_pages_have_no_chinese_interface_text(client, url):
    page = text(client.get(url))
    # Chinese may appear only where it is data: language name and the search example
    page = page.replace("简体中文", "").replace("绿色经济", "")
    assert re.findall(r"[\u4e00-\u9fff]+", page) == []


def test_every_interface_string_is_translated_into_chinese():
    with open(LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po", "rb") as po:
        catalog = read_po(po)
    untranslated = [
        message.id
        for message in catalog
        if message.id
        and (
            not any(message.string if isinstance(message.string, tuple) else [message.string])
            or message.fuzzy
        )
    ]
    assert untranslated == []


def test_the_english_catalogue_covers_the_same_strings():
    def ids(language):
        with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as po:
            return {message.id for message in read_po(po) if message.id}

    assert ids("en") == ids("zh_Hans")
