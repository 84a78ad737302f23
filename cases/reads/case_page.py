"""One case's page: the case with everything it shows, grouped as the page reads it."""

from dataclasses import dataclass

import numpy as np
from django.utils.translation import get_language

from ..models import Case, CaseOrganization
from .cards import card_rows, cards
from .catalogue_index import current_index
from .catalogue_index.index import as_array, smallest
from .prefetch import with_page_data


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


# How much one shared thing counts towards relatedness: the same target or country says more
# than the same goal or organization (the ILO, say, is behind many unrelated cases).
RELATEDNESS = {"target": 2, "country": 2, "goal": 1, "organization": 1}


def related_cases(case, limit=3):
    """Up to `limit` published cases with most in common with `case`: shared targets,
    countries, goals and organizations, weighted by RELATEDNESS; the newest first among equals.

    Counted in the catalogue index (numpy over the cases' positions), then the few cases read.
    """
    index = current_index()
    shared = {
        "target": {target.code for target in case.sdg_targets.all()},
        "goal": {target.goal_id for target in case.sdg_targets.all()},
        "country": {link.country_id for link in case.country_links},
        "organization": {link.organization.slug for link in case.organization_links},
    }
    scores = np.zeros(index.size, dtype=np.int64)
    for parameter, values in shared.items():
        for value in values:
            scores[as_array(index.cases_with(parameter, value))] += RELATEDNESS[parameter]
    own = index.positions([case.pk])
    if own:
        scores[own.min()] = 0
    candidates = np.nonzero(scores)[0]
    best = smallest(candidates, -scores[candidates], 0, limit)
    ids = [int(pk) for pk in index.case_ids[best]]
    return cards(card_rows(ids), index, get_language())
