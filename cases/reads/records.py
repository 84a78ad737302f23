"""Published cases as plain data, in both languages and with codes: what the API, the citations
and the open-data downloads (`cases/dataout/`) are made of.

A record is a dict of the case's own columns (every translated field as {language: text}, the
stored text, without falling back), its targets, regions, countries and organizations as codes
(with roles, in the source's order;
organizations by role, then in order) and, when asked, its contacts and links. Names of the codes
come from the catalogue index (`index.names`), so nothing here joins a reference table: a page
of records is three queries (the cases, their links in one UNION ALL, and contacts and links
when asked for), whatever its size.
"""

from collections import defaultdict

from django.db.models import CharField, F, IntegerField, Value
from django.db.models.functions import Cast

from ..fields import LANGUAGE_CODES, localized
from ..models import Case, CaseCountry, CaseLink, CaseOrganization, Contact
from ..sources import status_year

OWN_COLUMNS = (
    "pk",
    "slug",
    "status",
    "status_as_of",
    "modality",
    "start_year",
    "end_year",
    "published_at",
)
SHORT_TEXTS = ("short_name", "title", "headline", "source")
LONG_TEXTS = ("challenge", "solution")


def case_records(ids, *, long_texts=False, parts=False):
    """Records of the published cases with these ids, in the ids' order (ids of unpublished
    cases are left out). `long_texts`: with challenge and solution; `parts`: with contacts and
    links (contacts with their email addresses: a caller that publishes in bulk drops them)."""
    ids = list(ids)
    if not ids:
        return []
    texts = SHORT_TEXTS + (LONG_TEXTS if long_texts else ())
    columns = [localized(field, code) for field in texts for code in LANGUAGE_CODES]
    rows = Case.objects.published().filter(pk__in=ids).values(*OWN_COLUMNS, *columns)
    records = {}
    for row in rows:
        record = {name: row[name] for name in OWN_COLUMNS}
        for field in texts:
            record[field] = {code: row[localized(field, code)] or "" for code in LANGUAGE_CODES}
        # The year the status was stated, as the case page says it: the editors' year, else
        # the source publication's.
        record["status_as_of"] = status_year(row["status_as_of"], record["source"].values())
        record.update(targets=[], regions=[], countries=[], organizations=[])
        records[row["pk"]] = record
    _add_links(records)
    if parts:
        _add_parts(records)
    return [records[pk] for pk in ids if pk in records]


def published_case_id(slug):
    """The id of the published case with this slug, or None."""
    return Case.objects.published().filter(slug=slug).values_list("pk", flat=True).first()


def _link_rows(model, kind, column, ids, *, ordered):
    text = CharField()
    return (
        model.objects.filter(case_id__in=ids)
        .order_by()
        .values_list(
            Value(kind, output_field=text),
            "case_id",
            Cast(column, output_field=text),
            F("role") if ordered else Value("", output_field=text),
            F("order") if ordered else Value(0, output_field=IntegerField()),
            "pk",
        )
    )


def _add_links(records):
    """Targets, regions, countries and organizations of every record, in one query."""
    ids = list(records)
    links = _link_rows(Case.sdg_targets.through, "targets", "sdgtarget_id", ids, ordered=False)
    links = links.union(
        _link_rows(Case.regions.through, "regions", "region_id", ids, ordered=False),
        _link_rows(CaseCountry, "countries", "country_id", ids, ordered=True),
        _link_rows(CaseOrganization, "organizations", "organization__slug", ids, ordered=True),
        all=True,
    )
    for kind, pk, code, role, _order, _row in sorted(links, key=lambda row: (row[4], row[5])):
        record = records[pk]
        if kind in ("targets", "regions"):
            record[kind].append(code)
        else:
            record[kind].append((code, role))
    roles = {role: place for place, role in enumerate(CaseOrganization.Role.values)}
    for record in records.values():
        record["regions"].sort()
        # By role (nominated, supported, implemented by), each role in the source's order.
        record["organizations"].sort(key=lambda pair: roles.get(pair[1], len(roles)))


def _add_parts(records):
    """Contacts and links of every record (two queries)."""
    by_case = defaultdict(lambda: {"contacts": [], "links": []})
    contact_columns = ["case_id", "name", "email"] + [
        localized(field, code) for field in ("honorific", "job_title") for code in LANGUAGE_CODES
    ]
    for row in (
        Contact.objects.filter(case_id__in=records).order_by("order", "pk").values(*contact_columns)
    ):
        by_case[row["case_id"]]["contacts"].append(
            {
                "name": row["name"],
                "honorific": _texts(row, "honorific"),
                "job_title": _texts(row, "job_title"),
                "email": row["email"],
            }
        )
    link_columns = ["case_id", "url"] + [localized("label", code) for code in LANGUAGE_CODES]
    for row in (
        CaseLink.objects.filter(case_id__in=records).order_by("order", "pk").values(*link_columns)
    ):
        by_case[row["case_id"]]["links"].append({"url": row["url"], "label": _texts(row, "label")})
    for pk, record in records.items():
        record.update(by_case[pk])


def _texts(row, field):
    return {code: row[localized(field, code)] or "" for code in LANGUAGE_CODES}


def in_language(texts, language):
    """A translated field's text in `language`, else in the other language (as the site shows
    it: modeltranslation's fallback order)."""
    from modeltranslation.utils import resolution_order

    return next((texts[code] for code in resolution_order(language) if texts.get(code)), "")
