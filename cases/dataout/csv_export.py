"""The filtered case list as CSV, every result, with readable names in the reader's language.

Streamed: the catalogue index gives the cases' ids in the list's order, then each chunk of
CHUNK cases is read as plain SQL rows (no model instances), with its targets,
countries, regions and organizations, and written out before the next one is read. Memory
stays flat whatever the number of rows; names come from the index, so no query joins a
reference table.
"""

import csv
import datetime
import io
import operator
from collections import defaultdict

from django.db import connection
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from modeltranslation.utils import resolution_order

from ..fields import localized
from ..models import Case, CaseCountry, CaseOrganization
from ..reads import plain_sql
from ..reads.catalogue import select
from .licence import LICENCE_URL

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
        labels = _Labels(names, language, absolute_url)
        for start in range(0, len(case_ids), CHUNK):
            chunk = case_ids[start : start + CHUNK]
            cases, links = _cases(chunk, language), _links(chunk)
            for pk in chunk:
                case = cases.get(pk)
                if case is not None:  # None: unpublished or deleted while the download ran
                    yield _row(case, links, labels)


# Plain SQL (reads/plain_sql.py) for the two reads per chunk, from the primary database: the
# ids come from the catalogue index, which is read from there.
CASE_COLUMNS = ("id", "slug", "status", "modality", "start_year", "end_year", "published_at")


def _cases(ids, language):
    """{id: row} with each text field in `language`, else in the next language that has it
    (modeltranslation's fallback order, as the model attributes read them)."""
    order = resolution_order(language)
    texts = {field: [localized(field, code) for code in order] for field in TEXT_FIELDS}
    names = [*CASE_COLUMNS, *(column for columns in texts.values() for column in columns)]
    sql, parameters = plain_sql.selected(connection, Case._meta.db_table, names, "id", ids)
    cases = {}
    for values in plain_sql.rows(connection, sql, parameters):
        row = dict(zip(names, values, strict=True))
        for field, columns in texts.items():
            row[field] = next((row[column] for column in columns if row[column]), "")
        row["published_at"] = _aware(row["published_at"])
        cases[row["id"]] = row
    return cases


def _aware(moment):
    """SQLite's driver gives naive UTC datetimes, and sometimes text; PostgreSQL's aware ones."""
    if moment is None or hasattr(moment, "tzinfo") and moment.tzinfo is not None:
        return moment
    if isinstance(moment, str):
        moment = datetime.datetime.fromisoformat(moment)
    return moment.replace(tzinfo=datetime.UTC)


LINKS = (
    # kind (None: the row's role), model, value column, whether the rows have an order
    ("target", Case.sdg_targets.through, "sdgtarget_id", False),
    ("country", CaseCountry, "country_id", True),
    ("region", Case.regions.through, "region_id", False),
    (None, CaseOrganization, "organization_id", True),
)


PLACE_THEN_ROW = operator.itemgetter(3, 4)  # the rows' order, then their ids (no lambda per row)


def _links(ids):
    """{kind: {case id: [values in order]}} for the chunk's targets, countries, regions and
    organizations (kind: their role), in one query."""
    quote = connection.ops.quote_name
    parts = []
    for kind, model, column, ordered in LINKS:
        kind_sql = quote("role") if kind is None else f"'{kind}'"
        place = quote("order") if ordered else "0"
        # Names from the models, values as parameters.
        select = f"SELECT {kind_sql}, {quote('case_id')}, CAST({quote(column)} AS TEXT), {place}, "
        table = quote(model._meta.db_table)
        rest = f"{quote('id')} FROM {table} WHERE case_id IN ({plain_sql.placeholders(ids)})"
        parts.append(select + rest)
    links = defaultdict(lambda: defaultdict(list))
    found = plain_sql.rows(connection, " UNION ALL ".join(parts), list(ids) * len(LINKS))
    for kind, pk, value, _place, _id in sorted(found, key=PLACE_THEN_ROW):
        links[kind][pk].append(int(value) if kind in ROLES else value)
    return links


class _Labels:
    """Everything a row names, looked up once per download: translated choice labels, names
    from the catalogue index, and the address of a case (reversing a URL per row would be a
    third of the export's time)."""

    def __init__(self, names, language, absolute_url):
        self.statuses = {value: str(label) for value, label in Case.Status.choices}
        self.modalities = {value: str(label) for value, label in Case.Modality.choices}
        self.target_position, self.target_goal = names.target_position, names.target_goal
        self.countries, self.regions = names.countries[language], names.regions[language]
        slugs, organizations = names.organization_slugs, names.organizations[language]
        self.organizations = {pk: organizations[slug] for pk, slug in slugs.items()}
        placeholder = "__slug__"
        address = absolute_url(reverse("cases:case_detail", kwargs={"slug": placeholder}))
        self.address_before, self.address_after = address.split(placeholder)


def _row(case, links, labels):
    pk = case["id"]
    targets = sorted(links["target"][pk], key=labels.target_position.get)
    countries = links["country"][pk]
    by_role = {role: "; ".join(map(labels.organizations.get, links[role][pk])) for role in ROLES}
    return [
        case["short_name"],
        case["title"],
        case["headline"],
        "; ".join(targets),
        "; ".join(str(goal) for goal in sorted({labels.target_goal[code] for code in targets})),
        "; ".join(map(labels.countries.get, countries)),
        "; ".join(countries),
        "; ".join(map(labels.regions.get, sorted(links["region"][pk]))),
        by_role["nominator"],
        by_role["funder"],
        by_role["implementer"],
        labels.statuses.get(case["status"], case["status"]),
        labels.modalities.get(case["modality"], case["modality"]),
        case["start_year"] or "",
        case["end_year"] or "",
        case["source"],
        case["published_at"].date().isoformat() if case["published_at"] else "",
        labels.address_before + case["slug"] + labels.address_after,
    ]


# Rows per piece of the response: fewer, larger writes than one per row for the server and the
# client, and a few hundred rows are still only tens of KB (memory stays flat).
ROWS_PER_PIECE = 250


def csv_pieces(rows):
    """The rows as CSV text (formula-safe) in pieces of ROWS_PER_PIECE lines, the BOM first."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    for number, row in enumerate(rows, 1):
        writer.writerow([neutralize_formula(value) for value in row])
        if number % ROWS_PER_PIECE == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


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
        (piece.encode("utf-8") for piece in csv_pieces(rows)),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"south-south-cases-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The data's licence (cases/dataout/licence.py), as the data package and the API state it.
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response
