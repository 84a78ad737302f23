"""The filtered case list as CSV, every result, with readable names in the reader's language.

Streamed: the catalogue index gives the cases' ids in the list's order, then each chunk of
CHUNK cases is read as plain SQL rows (no model instances), with its countries and
organizations (in their order; its targets and regions come from the index), and written out
before the next one is read. Memory
stays flat whatever the number of rows; names come from the index, so no query joins a
reference table.
"""

import csv
import datetime
import io
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


def case_rows(case_ids, index, language, absolute_url):
    """One row per case, for the ids in order (from the catalogue `index`), read CHUNK at a time.

    The rows are made while the response streams, after the view has returned: the language
    is set here, not taken from the request's."""
    with override(language):
        yield header()
        labels = _Labels(index.names, language, absolute_url)
        for start in range(0, len(case_ids), CHUNK):
            chunk = case_ids[start : start + CHUNK]
            cases, links = _cases(chunk, language), _links(chunk)
            links["target"] = _from_index(index, "target", chunk)
            links["region"] = _from_index(index, "tagged_region", chunk)
            for pk in chunk:
                case = cases.get(pk)
                if case is not None:  # None: unpublished or deleted while the download ran
                    yield _row(case, links, labels)


# Plain SQL (reads/plain_sql.py) for the two reads per chunk, from the primary database: the
# ids come from the catalogue index, which is read from there.
CASE_COLUMNS = ("id", "slug", "status", "modality", "start_year", "end_year", "published_at")


def _cases(ids, language):
    """{id: row tuple (CASE_COLUMNS, then TEXT_FIELDS)}, each text field in `language`, else
    in the next language that has it (modeltranslation's fallback order, as the model
    attributes read them): chosen by COALESCE in the query, not per value in Python."""
    quote = connection.ops.quote_name
    order = resolution_order(language)
    texts = [
        "COALESCE({}, '')".format(
            ", ".join(f"NULLIF({quote(localized(field, code))}, '')" for code in order)
        )
        for field in TEXT_FIELDS
    ]
    condition, parameters = plain_sql.among(connection, quote("id"), ids)
    columns = ", ".join([*(quote(column) for column in CASE_COLUMNS), *texts])
    sql = f"SELECT {columns} FROM {quote(Case._meta.db_table)} WHERE {condition}"  # noqa: S608
    return {row[0]: row for row in plain_sql.rows(connection, sql, parameters)}


# Where _cases puts each value in its row tuples.
ID, SLUG, STATUS, MODALITY, START_YEAR, END_YEAR, PUBLISHED_AT = range(len(CASE_COLUMNS))
SHORT_NAME, TITLE, HEADLINE, SOURCE = range(len(CASE_COLUMNS), len(CASE_COLUMNS) + 4)


def _aware(moment):
    """SQLite's driver gives naive UTC datetimes, and sometimes text; PostgreSQL's aware ones."""
    if moment is None or hasattr(moment, "tzinfo") and moment.tzinfo is not None:
        return moment
    if isinstance(moment, str):
        moment = datetime.datetime.fromisoformat(moment)
    return moment.replace(tzinfo=datetime.UTC)


def _from_index(index, parameter, ids):
    """{case id: [codes]} for the chunk's targets or own regions, from the catalogue index's
    sets of cases per code (the ids came from the same index, so they agree): no query. Neither
    has an order of its own; the row sorts them."""
    positions = index.positions(ids)
    case_ids = index.case_ids
    found = defaultdict(list)
    for code, cases in index.sets[parameter].items():
        for position in cases & positions:
            found[int(case_ids[position])].append(code)
    return found


LINKS = (
    # kind (None: the row's role), model, value column; both tables' rows have an order
    ("country", CaseCountry, "country_id"),
    (None, CaseOrganization, "organization_id"),
)


def _links(ids):
    """{kind: {case id: [values in order]}} for the chunk's countries and organizations (kind:
    their role). One query per table, each already in the rows' order:
    the database sorts, and no value is cast or tagged per row as a UNION of them needed."""
    quote = connection.ops.quote_name
    condition, parameters = plain_sql.among(connection, quote("case_id"), ids)
    links = defaultdict(lambda: defaultdict(list))
    order = f" ORDER BY {quote('order')}, {quote('id')}"
    for kind, model, column in LINKS:
        role = f"{quote('role')}, " if kind is None else ""
        sql = (
            f"SELECT {role}{quote('case_id')}, {quote(column)}"  # noqa: S608 - names from the models
            f" FROM {quote(model._meta.db_table)} WHERE {condition}{order}"
        )
        found = plain_sql.rows(connection, sql, parameters)
        if kind is None:
            for role_value, pk, value in found:
                links[role_value][pk].append(value)
        else:
            by_case = links[kind]
            for pk, value in found:
                by_case[pk].append(value)
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
    """The case's CSV row. Every text an editor typed (the texts, and the names of countries,
    regions and organizations) goes through `safe`; codes, labels, numbers, dates and the
    address are the site's own and never start a formula."""
    pk = case[ID]
    targets = sorted(links["target"][pk], key=labels.target_position.get)
    countries = links["country"][pk]
    organizations = labels.organizations.get
    published = _aware(case[PUBLISHED_AT])
    return [
        safe(case[SHORT_NAME]),
        safe(case[TITLE]),
        safe(case[HEADLINE]),
        "; ".join(targets),
        "; ".join(str(goal) for goal in sorted({labels.target_goal[code] for code in targets})),
        safe("; ".join(map(labels.countries.get, countries))),
        "; ".join(countries),
        safe("; ".join(map(labels.regions.get, sorted(links["region"][pk])))),
        safe("; ".join(map(organizations, links["nominator"][pk]))),
        safe("; ".join(map(organizations, links["funder"][pk]))),
        safe("; ".join(map(organizations, links["implementer"][pk]))),
        labels.statuses.get(case[STATUS], case[STATUS]),
        labels.modalities.get(case[MODALITY], case[MODALITY]),
        case[START_YEAR] or "",
        case[END_YEAR] or "",
        safe(case[SOURCE]),
        published.date().isoformat() if published else "",
        labels.address_before + case[SLUG] + labels.address_after,
    ]


# Rows per piece of the response: fewer, larger writes than one per row for the server and the
# client, and a few hundred rows are still only tens of KB (memory stays flat).
ROWS_PER_PIECE = 250


def csv_pieces(rows):
    """The rows as CSV text in pieces of ROWS_PER_PIECE lines, the BOM first."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    for piece in _batched(rows):
        writer.writerows(piece)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _batched(rows):
    """Lists of ROWS_PER_PIECE rows (itertools.batched is Python 3.12's)."""
    piece = []
    for row in rows:
        piece.append(row)
        if len(piece) == ROWS_PER_PIECE:
            yield piece
            piece = []
    if piece:
        yield piece


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(text):
    """Text starting with = + - @ would run as a formula in a spreadsheet: quote it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def case_list_csv(request):
    """The filtered list (same parameters and order as the page) as a CSV download."""
    selection = select(request.GET)
    language = get_language()
    ids = selection.page(selection.filterset.sort_order, language, 0, selection.count)
    rows = case_rows(ids, selection.index, language, request.build_absolute_uri)
    response = StreamingHttpResponse(
        (piece.encode("utf-8") for piece in csv_pieces(rows)),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"south-south-cases-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The data's licence (cases/dataout/licence.py), as the data package and the API state it.
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response
