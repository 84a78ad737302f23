"""reads.case_page: one case's page data, grouped as the page reads it."""

import pytest
from django.utils import translation

from cases.models import Case
from cases.reads.case_page import case_page, published_case
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_published_case_finds_only_published_cases():
    make_case(slug="draft", publication_status=Case.PublicationStatus.DRAFT)

    assert published_case("transform").slug == "transform"
    assert published_case("draft") is None
    assert published_case("no-such-case") is None


def test_case_page_groups_targets_by_goal_places_and_organizations_by_role():
    page = case_page(published_case("transform"))

    assert [
        (number, [code for code, _label in targets]) for number, _name, targets in page.goals
    ] == [
        (1, ["1.3"]),
        (3, ["3.8"]),
        (5, ["5.4"]),
        (8, ["8.5"]),
        (10, ["10.4"]),
    ]
    assert page.goals[3][1] == "Decent work and economic growth"
    assert [(parameter, code) for parameter, code, _name, _role in page.places] == [
        ("region", "002"),
        ("country", "ET"),
        ("country", "KE"),
        ("country", "MW"),
        ("country", "MZ"),
        ("country", "TZ"),
        ("country", "ZM"),
    ]
    roles = {
        role: [slug for slug, _name in organizations]
        for role, _label, organizations in page.organizations_by_role
    }
    assert list(roles) == ["nominator", "funder", "implementer"]
    assert roles["nominator"] == ["ilo"]
    assert [contact.email for contact in page.contacts] == [
        contact.email for contact in Case.objects.get(slug="transform").contacts.all()
    ]
    assert page.missing_translations == []


def test_case_page_reads_contacts_and_links_in_their_order_with_translations():
    case = make_case(slug="ordered")
    second = make_case(slug="other")
    case.contacts.create(name="B", honorific_zh_hans="女士", honorific_en="", order=2)
    case.contacts.create(name="A", honorific_zh_hans="先生", honorific_en="Mr", order=1)
    second.contacts.create(name="Not this case's", order=0)
    case.links.create(url="https://example.org/2", label_zh_hans="二", label_en="Two", order=2)
    case.links.create(url="https://example.org/1", label_zh_hans="一", label_en="", order=1)

    with translation.override("en"):
        page = case_page(published_case("ordered"))
        contacts = [(c.name, c.honorific) for c in page.contacts]
        links = [(link.url, link.label) for link in page.links]
    assert contacts == [("A", "Mr"), ("B", "女士")]  # an empty English honorific falls back
    assert links == [("https://example.org/1", "一"), ("https://example.org/2", "Two")]
    assert [c.name for c in case_page(published_case("other")).contacts] == ["Not this case's"]


def test_case_page_names_places_and_roles_in_the_readers_language():
    with translation.override("zh-hans"):
        page = case_page(published_case("page-kyrgyzstan-mongolia"))

    assert page.places == [
        ("country", "KG", "吉尔吉斯斯坦", "参与方"),
        ("country", "MN", "蒙古国", "参与方"),
    ]


def test_related_cases_rank_by_what_they_share():
    make_case(slug="shares-much", targets=["8.5", "1.3"], countries=["KE"])
    make_case(slug="shares-a-target", targets=["8.5"])
    make_case(slug="shares-nothing", targets=["14.1"])
    make_case(slug="draft", targets=["8.5"], publication_status=Case.PublicationStatus.DRAFT)

    related = case_page(published_case("transform")).related_cases

    # Two targets, their goals and Kenya; one target and its goal; then PAGE (goal 8, the ILO
    # and UNDP), before the SSE Academy (goal 8 and the ILO).
    assert [card.slug for card in related] == [
        "shares-much",
        "shares-a-target",
        "page-kyrgyzstan-mongolia",
    ]


def test_a_case_sharing_nothing_has_no_related_cases():
    make_case(slug="lonely", targets=["14.1"], countries=["FJ"])

    assert case_page(published_case("lonely")).related_cases == []


def test_a_draft_has_its_page_for_the_preview_but_no_place_among_related_cases():
    draft = make_case(slug="draft", targets=["8.5"], countries=["KE"], publication_status="draft")

    page = case_page(draft)

    assert [code for _p, code, _n, _r in page.places] == ["KE"]
    assert "draft" not in [card.slug for card in page.related_cases]
