"""What a page shows of each case, prefetched in a fixed number of queries (never per row)."""

from django.db.models import Prefetch

from ..models import CaseCountry, CaseOrganization, SdgTarget


def _targets():
    return Prefetch(
        "sdg_targets", queryset=SdgTarget.objects.select_related("goal").order_by("position")
    )


def _country_links():
    return Prefetch(
        "casecountry_set",
        queryset=CaseCountry.objects.select_related("country").order_by("order", "pk"),
        to_attr="country_links",
    )


def _organization_links():
    return Prefetch(
        "caseorganization_set",
        queryset=CaseOrganization.objects.select_related("organization").order_by(
            "role", "order", "pk"
        ),
        to_attr="organization_links",
    )


def with_card_data(queryset):
    """What a case card shows: targets (for goal badges) and countries, in two queries."""
    return queryset.prefetch_related(_targets(), _country_links())


def with_export_data(queryset):
    """Everything a CSV row shows."""
    return with_card_data(queryset).prefetch_related("regions", _organization_links())


def with_page_data(queryset):
    """Everything the case page shows."""
    return with_export_data(queryset).prefetch_related("contacts", "links")
