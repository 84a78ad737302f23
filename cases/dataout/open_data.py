"""The whole published catalogue as open data: a Frictionless Data Package (CSV tables and a
`datapackage.json` describing every field) and one JSON file.

Both are built from `reads/records.py` CHUNK cases at a time, in the list's newest-first order
(the catalogue index's), and from the index's names. Contacts carry names, honorifics and job
titles but never email addresses: a bulk download must not be a way to harvest them (the case
page and the API's case detail keep them).

The site builds them on request and keeps them in the cache under the catalogue version
(`cached_download`), so a publish, edit or unpublish makes the next download a new one and no
background worker is needed; `manage.py export_open_data DIR` writes the same files.
"""

import csv
import io
import json
import zipfile

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django.views.decorators.http import condition

from .. import catalogue_version
from ..fields import LANGUAGE_CODES, localized
from ..models import Case, CaseCountry, CaseOrganization, Organization
from ..reads.catalogue_index import current_index
from ..reads.records import case_records
from ..site import SITE_NAME
from . import licence
from .api.presenters import timestamp

CHUNK = 500
PACKAGE_NAME = "south-south-good-practice-cases"
ZIP_NAME = f"{PACKAGE_NAME}-datapackage.zip"
JSON_NAME = f"{PACKAGE_NAME}.json"
# Larger downloads are built per request rather than kept in the cache (see README).
CACHED_BYTES = 50 * 1024 * 1024


def _columns(field, description, type_="string", **extra):
    return {"name": field, "type": type_, "description": description, **extra}


def _both(field, description, **extra):
    return [
        _columns(
            localized(field, code),
            format_lazy("{description} ({language})", description=description, language=code),
            **extra,
        )
        for code in LANGUAGE_CODES
    ]


CASE_REFERENCE = {"fields": "case", "reference": {"resource": "cases", "fields": "slug"}}
STATUS_VALUES = Case.Status.values
MODALITY_VALUES = Case.Modality.values
ROLE_VALUES = CaseOrganization.Role.values
COUNTRY_ROLE_VALUES = CaseCountry.Role.values

# Every table: its fields (name, type, description, constraints), its key and references.
TABLES = {
    "cases": {
        "description": _("One row per published case."),
        "fields": [
            _columns(
                "slug",
                _("The case's identifier and the last part of its address."),
                constraints={"required": True, "unique": True},
            ),
            *_both("short_name", _("Short name")),
            *_both("title", _("Title (the project's name)")),
            *_both("headline", _("One-line summary")),
            *_both("challenge", _("The challenge, in Markdown")),
            *_both("solution", _("The solution, in Markdown")),
            _columns("status", _("Project status"), constraints={"enum": STATUS_VALUES}),
            _columns(
                "status_as_of",
                _(
                    "The year the status was stated (the source publication's year unless the "
                    "editors recorded another)"
                ),
                "integer",
            ),
            _columns("modality", _("Modality"), constraints={"enum": MODALITY_VALUES}),
            _columns("start_year", _("First year of the project"), "integer"),
            _columns("end_year", _("Last year (empty: ongoing, to present)"), "integer"),
            *_both("source", _("The publication the case comes from")),
            _columns("published_at", _("When it was published in the catalogue (UTC)"), "datetime"),
            *[
                _columns(
                    f"url_{code.replace('-', '_')}",
                    format_lazy(_("The case's page in {language}"), language=code),
                    format="uri",
                )
                for code in LANGUAGE_CODES
            ],
        ],
        "primaryKey": ["slug"],
    },
    "case_targets": {
        "description": _("The SDG targets each case addresses."),
        "fields": [
            _columns("case", _("The case's slug")),
            _columns("target", _("SDG target code (8.5, 17.a)")),
            _columns("goal", _("The target's SDG goal (1-17)"), "integer"),
        ],
        "foreignKeys": [
            CASE_REFERENCE,
            {"fields": "target", "reference": {"resource": "sdg_targets", "fields": "code"}},
        ],
    },
    "case_regions": {
        "description": _(
            "Regions a case is about as a whole (Africa, World); countries are below."
        ),
        "fields": [
            _columns("case", _("The case's slug")),
            _columns("region", _("UN M49 region code")),
        ],
        "foreignKeys": [
            CASE_REFERENCE,
            {"fields": "region", "reference": {"resource": "regions", "fields": "code"}},
        ],
    },
    "case_countries": {
        "description": _("The countries of each case, in the source's order."),
        "fields": [
            _columns("case", _("The case's slug")),
            _columns("country", _("ISO 3166-1 alpha-2 code")),
            _columns(
                "role",
                _("provider, beneficiary or participant (empty: not said)"),
                constraints={"enum": [*COUNTRY_ROLE_VALUES, ""]},
            ),
            _columns("order", _("Place in the case's list, from 0"), "integer"),
        ],
        "foreignKeys": [
            CASE_REFERENCE,
            {"fields": "country", "reference": {"resource": "countries", "fields": "code"}},
        ],
    },
    "case_organizations": {
        "description": _("Organizations by role: nominated by, supported by, implemented by."),
        "fields": [
            _columns("case", _("The case's slug")),
            _columns("organization", _("The organization's slug")),
            _columns(
                "role", _("nominator, funder or implementer"), constraints={"enum": ROLE_VALUES}
            ),
            _columns(
                "order", _("Place among the case's organizations of that role, from 0"), "integer"
            ),
        ],
        "foreignKeys": [
            CASE_REFERENCE,
            {
                "fields": "organization",
                "reference": {"resource": "organizations", "fields": "slug"},
            },
        ],
    },
    "contacts": {
        "description": _("Contact people named by each case (no email addresses in bulk data)."),
        "fields": [
            _columns("case", _("The case's slug")),
            _columns("order", _("Place in the case's list, from 0"), "integer"),
            _columns("name", _("Name as written")),
            *_both("honorific", _("Mr, Ms, Dr... as written")),
            *_both("job_title", _("Title and organization as written")),
        ],
        "foreignKeys": [CASE_REFERENCE],
    },
    "links": {
        "description": _("Web links of each case."),
        "fields": [
            _columns("case", _("The case's slug")),
            _columns("order", _("Place in the case's list, from 0"), "integer"),
            _columns("url", _("The address"), format="uri"),
            *_both("label", _("What the link is")),
        ],
        "foreignKeys": [CASE_REFERENCE],
    },
    "sdg_goals": {
        "description": _("The 17 Sustainable Development Goals."),
        "fields": [
            _columns("number", _("Goal number"), "integer"),
            *_both("name", _("Official short name")),
        ],
        "primaryKey": ["number"],
    },
    "sdg_targets": {
        "description": _("The 169 SDG targets, with short labels written by the catalogue."),
        "fields": [
            _columns("code", _("Target code")),
            _columns("goal", _("Its goal"), "integer"),
            *_both("label", _("Short label")),
        ],
        "primaryKey": ["code"],
        "foreignKeys": [
            {"fields": "goal", "reference": {"resource": "sdg_goals", "fields": "number"}}
        ],
    },
    "regions": {
        "description": _("UN M49 regions."),
        "fields": [
            _columns("code", _("UN M49 code")),
            *_both("name", _("Name")),
            _columns("parent", _("The region it belongs to (empty for World)")),
        ],
        "primaryKey": ["code"],
        "foreignKeys": [{"fields": "parent", "reference": {"resource": "", "fields": "code"}}],
    },
    "countries": {
        "description": _("Countries and areas (ISO 3166-1), with their UN M49 sub-region."),
        "fields": [
            _columns("code", _("ISO 3166-1 alpha-2 code")),
            *_both("name", _("UN short name")),
            _columns("region", _("UN M49 sub-region code")),
        ],
        "primaryKey": ["code"],
        "foreignKeys": [
            {"fields": "region", "reference": {"resource": "regions", "fields": "code"}}
        ],
    },
    "organizations": {
        "description": _("Organizations named by the cases as nominators, funders, implementers."),
        "fields": [
            _columns("slug", _("Identifier")),
            *_both("name", _("Name")),
            *_both("acronym", _("Acronym")),
            _columns(
                "kind", _("Kind of organization"), constraints={"enum": Organization.Kind.values}
            ),
            _columns("url", _("Website")),
        ],
        "primaryKey": ["slug"],
    },
}


def datapackage(created):
    """The datapackage.json descriptor (Frictionless Data Package v1), described in English."""
    with override("en"):
        return json.loads(json.dumps(_descriptor(created), default=str))


def _descriptor(created):
    terms = licence.terms()
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": str(SITE_NAME),
        "description": (
            "Every published case of the South-South good-practice case catalogue, in "
            "Simplified Chinese and English, with its SDG targets, countries, regions, "
            "organizations by role, contacts (without email addresses) and links. "
            + terms["data"]
            + " "
            + terms["case_texts"]
        ),
        "created": created,
        "licenses": [{"name": terms["name"], "title": terms["title"], "path": terms["url"]}],
        "resources": [
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": table["description"],
                "schema": {
                    key: table[key]
                    for key in ("fields", "primaryKey", "foreignKeys")
                    if key in table
                },
            }
            for name, table in TABLES.items()
        ],
    }


def _case_urls(absolute):
    urls = {}
    for code in LANGUAGE_CODES:
        with override(code):
            urls[code] = absolute(reverse("cases:case_detail", kwargs={"slug": "__slug__"}))
    return urls


def published_records(progress=None):
    """Every published case's record (with texts, contacts and links), newest first, read
    CHUNK at a time; contacts without their email addresses."""
    ids = [int(pk) for pk in current_index().case_ids]
    for start in range(0, len(ids), CHUNK):
        chunk = case_records(ids[start : start + CHUNK], long_texts=True, parts=True)
        for record in chunk:
            for contact in record["contacts"]:
                del contact["email"]
            yield record
        if progress is not None:
            progress.advance(len(ids[start : start + CHUNK]))


def tables(records, absolute):
    """{table name: rows (lists, header first)} of the package."""
    names = current_index().names
    urls = _case_urls(absolute)
    rows = {name: [[field["name"] for field in table["fields"]]] for name, table in TABLES.items()}
    for record in records:
        slug = record["slug"]
        rows["cases"].append(
            [
                slug,
                *_texts(record, "short_name", "title", "headline", "challenge", "solution"),
                record["status"],
                record["status_as_of"],
                record["modality"],
                record["start_year"],
                record["end_year"],
                *_texts(record, "source"),
                _moment(record["published_at"]),
                *[urls[code].replace("__slug__", slug) for code in LANGUAGE_CODES],
            ]
        )
        for code in sorted(record["targets"], key=names.target_position.get):
            rows["case_targets"].append([slug, code, names.target_goal[code]])
        for code in record["regions"]:
            rows["case_regions"].append([slug, code])
        for order, (code, role) in enumerate(record["countries"]):
            rows["case_countries"].append([slug, code, role, order])
        places = {}
        for organization, role in record["organizations"]:
            place = places.get(role, 0)
            places[role] = place + 1
            rows["case_organizations"].append([slug, organization, role, place])
        for order, contact in enumerate(record["contacts"]):
            rows["contacts"].append(
                [
                    slug,
                    order,
                    contact["name"],
                    *[contact["honorific"][code] for code in LANGUAGE_CODES],
                    *[contact["job_title"][code] for code in LANGUAGE_CODES],
                ]
            )
        for order, link in enumerate(record["links"]):
            rows["links"].append(
                [slug, order, link["url"], *[link["label"][code] for code in LANGUAGE_CODES]]
            )
    rows["sdg_goals"] += [
        [number, *[names.goals[code][number] for code in LANGUAGE_CODES]]
        for number in sorted(names.goals[LANGUAGE_CODES[0]])
    ]
    rows["sdg_targets"] += [
        [code, names.target_goal[code], *[names.targets[lang][code] for lang in LANGUAGE_CODES]]
        for code in sorted(names.target_goal, key=names.target_position.get)
    ]
    rows["regions"] += [
        [code, *[names.regions[lang][code] for lang in LANGUAGE_CODES], parent or ""]
        for code, parent in sorted(names.region_parent.items())
    ]
    rows["countries"] += [
        [code, *[names.countries[lang][code] for lang in LANGUAGE_CODES], region]
        for code, region in sorted(names.country_region.items())
    ]
    columns = ["slug", "kind", "url"] + [
        localized(field, code) for field in ("name", "acronym") for code in LANGUAGE_CODES
    ]
    for row in Organization.objects.order_by("slug").values(*columns):
        rows["organizations"].append(
            [
                row["slug"],
                *[row[localized("name", code)] or "" for code in LANGUAGE_CODES],
                *[row[localized("acronym", code)] or "" for code in LANGUAGE_CODES],
                row["kind"],
                row["url"],
            ]
        )
    return rows


def _texts(record, *fields):
    return [record[field][code] for field in fields for code in LANGUAGE_CODES]


def _moment(moment):
    return timestamp(moment.replace(microsecond=0)) if moment else ""


def csv_text(rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(["" if value is None else value for value in row] for row in rows)
    return out.getvalue()


def catalogue_json(records, created, absolute):
    """The one-file download: every case in both languages, with the codes' names."""
    names = current_index().names
    urls = _case_urls(absolute)
    cases = []
    for record in records:
        slug = record["slug"]
        cases.append(
            {
                "slug": slug,
                "urls": {code: urls[code].replace("__slug__", slug) for code in LANGUAGE_CODES},
                **{
                    field: record[field]
                    for field in ("short_name", "title", "headline", "challenge", "solution")
                },
                "status": record["status"],
                "status_as_of": record["status_as_of"],
                "modality": record["modality"],
                "start_year": record["start_year"],
                "end_year": record["end_year"],
                "source": record["source"],
                "published_at": _moment(record["published_at"]) or None,
                "sdg_targets": sorted(record["targets"], key=names.target_position.get),
                "sdg_goals": sorted({names.target_goal[code] for code in record["targets"]}),
                "regions": record["regions"],
                "countries": [{"code": c, "role": r or None} for c, r in record["countries"]],
                "organizations": [{"slug": s, "role": r} for s, r in record["organizations"]],
                "contacts": record["contacts"],
                "links": record["links"],
            }
        )
    by_language = {
        "sdg_goals": names.goals,
        "sdg_targets": names.targets,
        "regions": names.regions,
        "countries": names.countries,
        "organizations": names.organizations,
    }
    return {
        "name": PACKAGE_NAME,
        "title": str(SITE_NAME),
        "created": created,
        "licence": licence.terms(),
        "count": len(cases),
        "cases": cases,
        "names": {
            kind: {
                str(key): {code: values[code][key] for code in LANGUAGE_CODES}
                for key in values[LANGUAGE_CODES[0]]
            }
            for kind, values in by_language.items()
        },
    }


def package_files(absolute, progress=None):
    """{file name: bytes}: the package's CSVs and datapackage.json, and the JSON file."""
    created = timestamp(timezone.now().replace(microsecond=0))
    records = list(published_records(progress))
    files = {
        f"{name}.csv": csv_text(rows).encode("utf-8")
        for name, rows in tables(records, absolute).items()
    }
    files["datapackage.json"] = _json(datapackage(created))
    files[JSON_NAME] = _json(catalogue_json(records, created, absolute))
    return files


def _json(data):
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def zipped(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            if name != JSON_NAME:
                archive.writestr(f"{PACKAGE_NAME}/{name}", content)
    return buffer.getvalue()


def cached_download(kind, absolute):
    """The zip ("package") or the JSON file ("json") of the catalogue as it is now, kept in the
    cache per catalogue version and site address."""
    version = catalogue_version.current()
    key = f"open-data:{version}:{absolute('/')}:{kind}"
    content = cache.get(key)
    if content is None:
        files = package_files(absolute)
        built = {"package": zipped(files), "json": files[JSON_NAME]}
        for name, data in built.items():
            if len(data) <= CACHED_BYTES:
                cache.set(f"open-data:{version}:{absolute('/')}:{name}", data, 24 * 60 * 60)
        content = built[kind]
    return content


def _etag(request, *args, **kwargs):
    return f'"{catalogue_version.current()}"'


def _download(request, kind, filename, content_type):
    response = HttpResponse(
        cached_download(kind, request.build_absolute_uri), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "public, no-cache"
    response["Link"] = f'<{licence.LICENCE_URL}>; rel="license"'
    return response


@condition(etag_func=_etag)
def package_download(request):
    """/data/<name>-datapackage.zip: the Frictionless Data Package."""
    return _download(request, "package", ZIP_NAME, "application/zip")


@condition(etag_func=_etag)
def json_download(request):
    """/data/<name>.json: every published case in one JSON file."""
    return _download(request, "json", JSON_NAME, "application/json; charset=utf-8")


def data_page(request):
    """/<lang>/data/: what the open data holds, its licence and fields, and the downloads."""
    return render(
        request,
        "cases/open_data.html",
        {
            "tables": [
                (name, table["description"], table["fields"]) for name, table in TABLES.items()
            ],
            "data_terms": licence.DATA_TERMS,
            "text_terms": licence.TEXT_TERMS,
            "licence_url": licence.LICENCE_URL,
            "licence_title": licence.LICENCE_TITLE,
            "zip_name": ZIP_NAME,
            "json_name": JSON_NAME,
        },
    )
