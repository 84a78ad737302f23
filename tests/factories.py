"""Plain helper functions that make synthetic cases with known answers."""

import itertools

from django.utils import timezone

from cases import catalogue_version
from cases.models import Case, CaseCountry, CaseOrganization, Organization

_sequence = itertools.count(1)


def make_case(
    *,
    slug=None,
    title_zh="合成案例",
    title_en="Synthetic case",
    targets=(),
    countries=(),
    regions=(),
    organizations=(),
    status=Case.Status.ONGOING,
    modality=Case.Modality.SOUTH_SOUTH,
    start_year=2016,
    end_year=None,
    publication_status=Case.PublicationStatus.PUBLISHED,
    published_at=None,
    **fields,
):
    """A case with the given codes. `organizations` is a list of (slug, role) pairs."""
    number = next(_sequence)
    case = Case.objects.create(
        slug=slug or f"synthetic-{number}",
        title_zh_hans=title_zh,
        title_en=title_en,
        status=status,
        modality=modality,
        start_year=start_year,
        end_year=end_year,
        publication_status=publication_status,
        published_at=published_at
        or (timezone.now() if publication_status == Case.PublicationStatus.PUBLISHED else None),
        **fields,
    )
    case.sdg_targets.set(targets)
    case.regions.set(regions)
    for order, code in enumerate(countries):
        CaseCountry.objects.create(case=case, country_id=code, order=order)
    for order, (slug_, role) in enumerate(organizations):
        organization = Organization.objects.get(slug=slug_)
        CaseOrganization.objects.create(
            case=case, organization=organization, role=role, order=order
        )
    return case


def unpublish_seeded_cases():
    """Hide the three shipped cases so a synthetic set has the catalogue to itself.

    A bulk update sends no signals, so it moves the catalogue version on itself, as any bulk
    write must (see cases/catalogue_version.py).
    """
    Case.objects.update(publication_status=Case.PublicationStatus.DRAFT)
    catalogue_version.bump()
