"""One case's page: the case with everything it shows, grouped as the page reads it."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import get_language

from ..models import NEWEST_FIRST, Case, CaseOrganization
from .prefetch import with_card_data, with_page_data


@dataclass
class CasePage:
    case: Case
    goals: list  # (goal, [its targets]) in goal order
    organizations_by_role: list  # (role, label, [organizations]) in the source's order
    missing_translations: list  # fields shown in the other language
    related_cases: list


def published_case(slug):
    """The published case with this slug and everything its page shows, or None."""
    return with_page_data(Case.objects.published()).filter(slug=slug).first()


def case_page(case):
    """What the page of `case` shows (a published case, or any case in the admin's preview)."""
    if not hasattr(case, "country_links"):
        case = with_page_data(Case.objects.all()).get(pk=case.pk)
    organizations = {}
    for link in case.organization_links:
        organizations.setdefault(link.role, []).append(link.organization)
    return CasePage(
        case=case,
        goals=goals_with_targets(case),
        organizations_by_role=[
            (role, label, organizations[role])
            for role, label in CaseOrganization.Role.choices
            if role in organizations
        ],
        missing_translations=case.missing_translation_fields(get_language()),
        related_cases=related_cases(case),
    )


def goals_with_targets(case):
    goals = {}
    for target in case.sdg_targets.all():
        goals.setdefault(target.goal_id, (target.goal, []))[1].append(target)
    return [goals[number] for number in sorted(goals)]


def related_cases(case, limit=3):
    """Published cases sharing the most SDG targets and countries with `case`."""
    target_codes = [target.code for target in case.sdg_targets.all()]
    country_codes = [link.country_id for link in case.country_links]
    shared = Count("sdg_targets", filter=Q(sdg_targets__in=target_codes), distinct=True) + Count(
        "countries", filter=Q(countries__in=country_codes), distinct=True
    )
    related = (
        Case.objects.published()
        .exclude(pk=case.pk)
        .filter(Q(sdg_targets__in=target_codes) | Q(countries__in=country_codes))
        .annotate(shared=shared)
        .order_by("-shared", *NEWEST_FIRST)
        .distinct()
    )
    return list(with_card_data(related)[:limit])
