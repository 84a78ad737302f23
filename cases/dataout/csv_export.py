"""The filtered case list as CSV, with readable names in the reader's language."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import CaseOrganization
from ..reads.catalogue import case_filter
from ..reads.prefetch import with_export_data

# UTF-8 with a byte-order mark: spreadsheet programs then read the Chinese correctly.
BOM = "\ufeff"


def case_rows(cases, absolute_url):
    """One row per case. `cases` comes from reads.prefetch.with_export_data (no queries per row)."""
    yield [
        _("Short name"),
        _("Title"),
        _("Headline"),
        _("SDG targets"),
        _("SDG goals"),
        _("Countries"),
        _("Country codes"),
        _("Regions"),
        _("Nominated by"),
        _("Supported by"),
        _("Implemented by"),
        _("Project status"),
        _("Modality"),
        _("Start year"),
        _("End year"),
        _("Source"),
        _("Published"),
        _("Address"),
    ]
    for case in cases:
        by_role = {role: [] for role in CaseOrganization.Role.values}
        for link in case.organization_links:
            by_role[link.role].append(str(link.organization))
        yield [
            case.short_name,
            case.title,
            case.headline,
            "; ".join(target.code for target in case.sdg_targets.all()),
            "; ".join(str(goal.number) for goal in case.goals),
            "; ".join(link.country.name for link in case.country_links),
            "; ".join(link.country_id for link in case.country_links),
            "; ".join(region.name for region in case.regions.all()),
            "; ".join(by_role[CaseOrganization.Role.NOMINATOR]),
            "; ".join(by_role[CaseOrganization.Role.FUNDER]),
            "; ".join(by_role[CaseOrganization.Role.IMPLEMENTER]),
            case.get_status_display(),
            case.get_modality_display(),
            case.start_year or "",
            case.end_year or "",
            case.source,
            case.published_at.date().isoformat() if case.published_at else "",
            absolute_url(case.get_absolute_url()),
        ]


def csv_text(rows):
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralize_formula(value) for value in row])
    return buffer.getvalue()


def neutralize_formula(value):
    """Text starting with = + - @ would run as a formula in a spreadsheet: quote it."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def case_list_csv(request):
    """The filtered list (same parameters as the page) as a CSV download, every result."""
    filterset = case_filter(request.GET)
    cases = with_export_data(filterset.qs)
    response = HttpResponse(
        csv_text(case_rows(cases, request.build_absolute_uri)),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"south-south-cases-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
