"""The list page stays under 60 KB of HTML before compression, whatever the catalogue's size:
each facet shows its top options, twenty cards a page, snippets of bounded length.

A catalogue that fills every facet past its top options, with long names and texts, stands in
for 100,000 cases (bench/results.md measures the real thing: its "KB" column)."""

import pytest

from cases.models import Country, Organization, SdgTarget
from tests.factories import make_case, unpublish_seeded_cases

pytestmark = pytest.mark.django_db

BUDGET = 60 * 1024
LONG = "South-South cooperation on decent work and social protection for all workers " * 3


@pytest.fixture
def full_catalogue():
    unpublish_seeded_cases()
    countries = list(Country.objects.order_by("code").values_list("code", flat=True)[:80])
    targets = list(SdgTarget.objects.order_by("code").values_list("code", flat=True))
    organizations = [
        Organization.objects.create(
            slug=f"organization-{number}",
            name=f"An international organization for cooperation number {number}",
            name_zh_hans=f"第{number}个促进国际合作的组织",
            acronym=f"IOC{number}",
            kind=Organization.Kind.INTERGOVERNMENTAL,
        ).slug
        for number in range(40)
    ]
    for number in range(45):
        make_case(
            title_en=f"{LONG[:150]} {number}",
            title_zh=f"通过南南合作实现体面劳动和全民社会保护的长标题案例 {number}",
            short_name_en=f"Case {number}",
            headline_en=LONG[:230],
            headline_zh_hans="南南合作促进体面劳动和社会保护" * 4,  # 60: the longest shipped is 42
            challenge_en=LONG * 10,
            challenge_zh_hans="社会保护覆盖面不足，南南合作提供了体面劳动的经验。" * 30,
            targets=targets[number * 3 % len(targets) :][:4],
            countries=countries[number % 70 :][:8],
            organizations=[
                (organizations[number % 40], "nominator"),
                (organizations[(number + 7) % 40], "funder"),
                (organizations[(number + 13) % 40], "implementer"),
            ],
            start_year=2000 + number % 25,
        )


@pytest.mark.parametrize(
    ("url", "cards"),
    [
        ("/en/cases/", 20),
        ("/zh-hans/cases/", 20),
        ("/en/cases/?q=decent+work", 20),
        ("/zh-hans/cases/?q=%E7%A4%BE%E4%BC%9A%E4%BF%9D%E6%8A%A4", 20),  # 社会保护
        ("/en/cases/?goal=1&sort=title", 3),
    ],
)
def test_the_list_page_stays_under_60_kb_of_html(client, full_catalogue, url, cards):
    response = client.get(url)

    assert response.content.decode().count('<article class="case-card">') == cards
    assert len(response.content) < BUDGET, f"{url}: {len(response.content):,} bytes"
