"""The filtered case list as CSV, every result, with readable names in the reader's language.

Streamed: the catalogue index gives the cases' ids in the list's order, then each chunk of
CHUNK cases is read as plain rows (`values()`, no model instances), with its targets,
countries, regions and organizations, and written out before the next one is read. Memory
stays flat whatever the number of rows; names come from the index, so no query joins a
reference table.
"""

import csv
from collections import defaultdict

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from modeltranslation.utils import resolution_order

from ..fields import localized
from ..models import Case, CaseCountry, CaseOrganization
from ..reads.catalogue import select

# UTF-8 with a byte-order mark: spreadsheet programs then read the Chinese correctly.
BOM = "\ufeff"
CHUNK = 1000
TEXT_FIELDS = ("short_name", "title", "headline", "source")
ROLES = [role for role, _label in CaseOrganization.Role.choices]


def header():
    return [
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


def case_rows(case_ids, names, language, absolute_url):
    """One row per case, for the ids in order, read CHUNK at a time.

    The rows are made while the response streams, after the view has returned: the language
    is set here, not taken from the request's."""
    with override(language):
        yield header()
        statuses, modalities = dict(Case.Status.choices), dict(Case.Modality.choices)
        for start in range(0, len(case_ids), CHUNK):
            chunk = case_ids[start : start + CHUNK]
            cases, links = _cases(chunk, language), _links(chunk)
            for pk in chunk:
                case = cases.get(pk)
                if case is not None:  # None: unpublished or deleted while the download ran
                    yield _row(case, links, names, language, statuses, modalities, absolute_url)


def _cases(ids, language):
    """{id: row} with each text field in `language`, else in the next language that has it
    (modeltranslation's fallback order, as the model attributes read them)."""
    order = resolution_order(language)
    columns = {field: [localized(field, code) for code in order] for field in TEXT_FIELDS}
    rows = Case.objects.filter(pk__in=ids).values(
        "pk",
        "slug",
        "status",
        "modality",
        "start_year",
        "end_year",
        "published_at",
        *(column for names in columns.values() for column in names),
    )
    cases = {}
    for row in rows:
        for field, names in columns.items():
            row[field] = next((row[name] for name in names if row[name]), "")
        cases[row["pk"]] = row
    return cases


def _links(ids):
    """{kind: {case id: [values in order]}} for the chunk's targets, countries, regions and
    organizations (by role)."""
    links = defaultdict(lambda: defaultdict(list))
    targets = Case.sdg_targets.through.objects.filter(case_id__in=ids)
    for pk, code in targets.values_list("case_id", "sdgtarget_id"):
        links["target"][pk].append(code)
    countries = CaseCountry.objects.filter(case_id__in=ids).order_by("order", "pk")
    for pk, code in countries.values_list("case_id", "country_id"):
        links["country"][pk].append(code)
    for pk, code in Case.regions.through.objects.filter(case_id__in=ids).values_list(
        "case_id", "region_id"
    ):
        links["region"][pk].append(code)
    organizations = CaseOrganization.objects.filter(case_id__in=ids).order_by("role", "order", "pk")
    for pk, organization, role in organizations.values_list("case_id", "organization_id", "role"):
        links[role][pk].append(organization)
    return links


def _row(case, links, names, language, statuses, modalities, absolute_url):
    pk = case["pk"]
    targets = sorted(links["target"][pk], key=names.target_position.get)
    goals = sorted({names.target_goal[code] for code in targets})
    countries = links["country"][pk]
    slugs = names.organization_slugs
    by_role = {
        role: "; ".join(names.organizations[language][slugs[o]] for o in links[role][pk])
        for role in ROLES
    }
    return [
        case["short_name"],
        case["title"],
        case["headline"],
        "; ".join(targets),
        "; ".join(map(str, goals)),
        "; ".join(names.countries[language][code] for code in countries),
        "; ".join(countries),
        "; ".join(names.regions[language][code] for code in sorted(links["region"][pk])),
        by_role["nominator"],
        by_role["funder"],
        by_role["implementer"],
        str(statuses.get(case["status"], case["status"])),
        str(modalities.get(case["modality"], case["modality"])),
        case["start_year"] or "",
        case["end_year"] or "",
        case["source"],
        case["published_at"].date().isoformat() if case["published_at"] else "",
        absolute_url(reverse("cases:case_detail", kwargs={"slug": case["slug"]})),
    ]


class _Line:
    """A file-like object that keeps the last line csv.writer wrote."""

    def write(self, text):
        self.text = text


def csv_lines(rows):
    """The rows as CSV text lines (formula-safe), the BOM first."""
    yield BOM
    line = _Line()
    writer = csv.writer(line, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralize_formula(value) for value in row])
        yield line.text


def neutralize_formula(value):
    """Text starting with = + - @ would run as a formula in a spreadsheet: quote it."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def case_list_csv(request):
    """The filtered list (same parameters and order as the page) as a CSV download."""
    selection = select(request.GET)
    language = get_language()
    ids = selection.page(selection.filterset.sort_order, language, 0, selection.count)
    rows = case_rows(ids, selection.index.names, language, request.build_absolute_uri)
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in csv_lines(rows)),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"south-south-cases-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
