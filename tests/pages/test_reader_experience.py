"""What readers on phones, keyboards and social media receive in the HTML (issue 12); how it
behaves in Chromium is tested in tests/browser/test_reader_experience.py."""

import re

import pytest

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
