"""reads.case_page: one case's page data, grouped as the page reads it."""

import pytest

from cases.models import Case
from cases.reads.case_page import case_page, published_case, related_cases
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_published_case_finds_only_published_cases():
    make_case(slug="draft", publication_status=Case.PublicationStatus.DRAFT)

    assert published_case("transform").slug == "transform"
    assert published_case("draft") is None
    assert published_case("no-such-case") is None


def test_case_page_groups_targets_by_goal_and_organizations_by_role():
    page = case_page(published_case("transform"))

    assert [(goal.number, [t.code for t in targets]) for goal, targets in page.goals] == [
        (1, ["1.3"]),
        (3, ["3.8"]),
        (5, ["5.4"]),
        (8, ["8.5"]),
        (10, ["10.4"]),
    ]
    roles = [
        (role, [o.slug for o in organizations])
        for role, _label, organizations in page.organizations_by_role
    ]
    assert [role for role, _slugs in roles] == ["nominator", "funder", "implementer"]
    assert roles[0] == ("nominator", ["ilo"])
    assert page.missing_translations == []


def test_case_page_loads_a_case_given_without_its_related_rows():
    page = case_page(Case.objects.get(slug="page-kyrgyzstan-mongolia"))

    assert [link.country_id for link in page.case.country_links] == ["KG", "MN"]


def test_related_cases_rank_by_what_they_share():
    transform = published_case("transform")
    make_case(slug="shares-much", targets=["8.5", "1.3"], countries=["KE"])
    make_case(slug="shares-a-target", targets=["8.5"])
    make_case(slug="shares-nothing", targets=["14.1"])
    make_case(slug="draft", targets=["8.5"], publication_status=Case.PublicationStatus.DRAFT)

    # Two targets, their goals and Kenya; one target and its goal; then PAGE (goal 8, the ILO
    # and UNDP), before the SSE Academy (goal 8 and the ILO).
    assert [case.slug for case in related_cases(transform)] == [
        "shares-much",
        "shares-a-target",
        "page-kyrgyzstan-mongolia",
    ]


def test_a_case_sharing_nothing_has_no_related_cases():
    lonely = make_case(slug="lonely", targets=["14.1"], countries=["FJ"])

    assert related_cases(published_case("lonely")) == []
    assert lonely.pk
