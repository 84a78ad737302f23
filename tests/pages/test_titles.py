"""One rule for a case's title with its short name, on cards, the page header and citations:
the short name comes first only where the title does not already begin with it."""

import re
from html import unescape

import pytest

from tests.factories import make_case
from tests.reading import text

pytestmark = pytest.mark.django_db

CARD_TITLE = re.compile(r'<h3 class="case-card__title"><a href="[^"]+">(.*?)</a>', re.S)


def card_titles(html):
    return [unescape(re.sub(r"<[^>]+>", "", title)).strip() for title in CARD_TITLE.findall(html)]


def test_cards_print_a_short_name_the_title_starts_with_once(client):
    html = client.get("/en/cases/?sort=title").content.decode()

    assert card_titles(html) == [
        "ILO Social and Solidarity Economy Academy",
        "PAGE: Kyrgyzstan-Mongolia exchange Partnership for Action on Green Economy: Mongolia and "
        "Kyrgyzstan learning from each "
        "other's green economy policies and practices to advance the 2030 Agenda for Sustainable "
        "Development",
        "TRANSFORM – Leadership and Transformation Curriculum on Building and Managing Social "
        "Protection Floors in Africa",
    ]
    assert html.count('<span class="case-card__short">') == 1


def test_cards_print_a_short_name_the_title_does_not_say(client):
    make_case(slug="sunnet", short_name_en="SunNet", title_en="Solar Kiosks", targets=["7.1"])

    html = client.get("/en/cases/?target=7.1").content.decode()

    assert '<span class="case-card__short">SunNet</span> Solar Kiosks</a>' in html


def test_citation_names_the_short_name_only_where_the_title_does_not(client):
    make_case(slug="sunnet", short_name_en="SunNet", title_en="Solar Kiosks", targets=["7.1"])
    make_case(slug="plain", title_en="Rural Clinics", targets=["7.1"])

    transform = text(client.get("/en/cases/transform/"))
    sunnet = text(client.get("/en/cases/sunnet/"))
    plain = text(client.get("/en/cases/plain/"))

    assert (
        "“TRANSFORM – Leadership and Transformation Curriculum on Building and Managing "
        in transform
    )
    assert (
        "Floors in Africa”. In: United Nations Office for South-South Cooperation, Good Practices"
        " in South-South and Triangular Cooperation for Sustainable Development, Volume 2, 2018."
        " Good Practices in South-South and Triangular Cooperation. http://testserver/en/cases/transform/"
        in transform
    )
    assert "(TRANSFORM)" not in transform
    assert (
        "“Solar Kiosks” (SunNet). Good Practices in South-South and Triangular Cooperation."
        in sunnet
    )
    assert "“Rural Clinics”. Good Practices in South-South and Triangular Cooperation." in plain
    assert "“Rural Clinics” ()" not in plain
