"""The whole catalogue as open data: a Frictionless Data Package that frictionless's own
validator accepts and whose CSVs read back the published cases, one JSON file, the data page
and the export command."""

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from frictionless import Package, validate

from cases.models import Case, Contact
from tests.factories import make_case
from tests.reading import text

pytestmark = pytest.mark.django_db

ZIP = "/data/south-south-good-practice-cases-datapackage.zip"
JSON = "/data/south-south-good-practice-cases.json"
SEEDED = {"transform", "ilo-sse-academy", "page-kyrgyzstan-mongolia"}
TABLES = {
    "cases", "case_targets", "case_regions", "case_countries", "case_organizations",
    "contacts", "links", "sdg_goals", "sdg_targets", "regions", "countries", "organizations",
}  # fmt: skip


def unzip(client, tmp_path):
    response = client.get(ZIP)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        archive.extractall(tmp_path)
    return tmp_path / "south-south-good-practice-cases"


def read(folder, table):
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_data_package_validates_with_frictionless(client, tmp_path):
    folder = unzip(client, tmp_path)
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(folder / "datapackage.json"))
    assert {resource.name for resource in package.resources} == TABLES
    assert package.licenses[0]["name"] == "CC-BY-4.0"
    assert "rights stay with its publisher" in package.description
    for resource in package.resources:
        for field in resource.schema.fields:
            assert field.description, (resource.name, field.name)


def test_csvs_read_back_the_published_cases(client, tmp_path):
    folder = unzip(client, tmp_path)
    cases = {row["slug"]: row for row in read(folder, "cases")}
    assert set(cases) == SEEDED
    transform = cases["transform"]
    case = Case.objects.get(slug="transform")
    assert transform["title_zh_hans"] == case.title_zh_hans
    assert transform["title_en"] == case.title_en
    assert transform["challenge_en"] == case.challenge_en
    assert (transform["start_year"], transform["end_year"]) == ("2015", "2020")
    assert cases["ilo-sse-academy"]["end_year"] == ""
    assert {slug: row["status_as_of"] for slug, row in cases.items()} == dict.fromkeys(
        SEEDED, "2018"
    )
    assert transform["url_en"] == "http://testserver/en/cases/transform/"
    targets = [
        (r["target"], r["goal"]) for r in read(folder, "case_targets") if r["case"] == "transform"
    ]
    assert targets == [("1.3", "1"), ("3.8", "3"), ("5.4", "5"), ("8.5", "8"), ("10.4", "10")]
    countries = [(r["country"], r["role"]) for r in read(folder, "case_countries")
                 if r["case"] == "page-kyrgyzstan-mongolia"]  # fmt: skip
    assert countries == [("KG", "participant"), ("MN", "participant")]
    organizations = [(r["organization"], r["role"], r["order"])
                     for r in read(folder, "case_organizations") if r["case"] == "ilo-sse-academy"]  # fmt: skip
    assert organizations == [
        ("ilo", "nominator", "0"),
        ("ilo", "funder", "0"),
        ("ilo-partner-member-states", "funder", "1"),
        ("ilo", "implementer", "0"),
        ("host-member-states", "implementer", "1"),
    ]
    assert [r["region"] for r in read(folder, "case_regions") if r["case"] == "transform"] == [
        "002"
    ]


def test_bulk_downloads_carry_no_email_addresses(client, tmp_path):
    folder = unzip(client, tmp_path)
    contacts = read(folder, "contacts")
    assert len(contacts) == Contact.objects.count()
    assert set(contacts[0]) == {
        "case", "order", "name", "honorific_zh_hans", "honorific_en", "job_title_zh_hans",
        "job_title_en",
    }  # fmt: skip
    everything = b"".join(path.read_bytes() for path in folder.iterdir())
    everything += client.get(JSON).content
    for email in Contact.objects.values_list("email", flat=True):
        assert email and email.encode() not in everything


@pytest.mark.parametrize("status", [Case.PublicationStatus.DRAFT, Case.PublicationStatus.REVIEW])
def test_unpublished_cases_are_in_no_download(client, tmp_path, status):
    make_case(slug="secret-draft", title_en="Secret", publication_status=status,
              targets=["2.1"], countries=["FJ"])  # fmt: skip
    folder = unzip(client, tmp_path)
    everything = b"".join(path.read_bytes() for path in folder.iterdir())
    assert b"secret-draft" not in everything
    assert b"secret-draft" not in client.get(JSON).content


def test_json_file_has_every_case_in_both_languages(client):
    response = client.get(JSON)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert data["count"] == 3
    assert data["licence"]["name"] == "CC-BY-4.0"
    by_slug = {case["slug"]: case for case in data["cases"]}
    assert set(by_slug) == SEEDED
    transform = by_slug["transform"]
    assert transform["title"]["zh-hans"] == Case.objects.get(slug="transform").title_zh_hans
    assert transform["sdg_targets"] == ["1.3", "3.8", "5.4", "8.5", "10.4"]
    assert transform["urls"] == {
        "zh-hans": "http://testserver/zh-hans/cases/transform/",
        "en": "http://testserver/en/cases/transform/",
    }
    assert data["names"]["countries"]["KE"] == {"zh-hans": "肯尼亚", "en": "Kenya"}
    assert set(transform["contacts"][0]) == {"name", "honorific", "job_title"}
    assert (transform["status"], transform["status_as_of"]) == ("ongoing", 2018)


def test_the_schema_describes_the_year_a_status_was_stated(client, tmp_path):
    package = Package(str(unzip(client, tmp_path) / "datapackage.json"))
    fields = package.get_resource("cases").schema.fields
    (field,) = [field for field in fields if field.name == "status_as_of"]
    assert [f.name for f in fields].index("status_as_of") == [f.name for f in fields].index(
        "status"
    ) + 1
    assert (field.type, field.description) == (
        "integer",
        "The year the status was stated (the source publication's year unless the editors "
        "recorded another)",
    )


def test_downloads_follow_a_publish_and_answer_304(client, tmp_path):
    first = client.get(JSON)
    assert client.get(JSON, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    make_case(slug="just-published", targets=["2.1"])
    second = client.get(JSON, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert json.loads(second.content)["count"] == 4
    assert client.get(ZIP, HTTP_ORIGIN="https://x.example")["Access-Control-Allow-Origin"] == "*"


def test_large_downloads_are_built_per_request_not_cached(client, monkeypatch):
    from django.core.cache import cache

    from cases.dataout import open_data

    monkeypatch.setattr(open_data, "CACHED_BYTES", 100)
    assert json.loads(client.get(JSON).content)["count"] == 3
    assert not [key for key in cache._cache if "open-data" in key]
    monkeypatch.setattr(open_data, "CACHED_BYTES", 50 * 1024 * 1024)
    client.get(JSON)
    assert len([key for key in cache._cache if "open-data" in key]) == 2


def test_export_command_writes_the_same_files(client, tmp_path, capsys):
    call_command("export_open_data", str(tmp_path / "out"))
    names = {path.name for path in (tmp_path / "out").iterdir()}
    assert names == {f"{table}.csv" for table in TABLES} | {
        "datapackage.json",
        "south-south-good-practice-cases.json",
    }
    assert validate(str(tmp_path / "out" / "datapackage.json")).valid
    assert {row["slug"] for row in read(tmp_path / "out", "cases")} == SEEDED


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Open data", "Licence and terms", "CC BY 4.0", "rights stay with its publisher",
                "cases.csv", "title_zh_hans", "Data package (ZIP)"]),
        ("zh-hans", ["开放数据", "许可和条款", "CC BY 4.0", "cases.csv", "title_zh_hans"]),
    ],
)  # fmt: skip
def test_data_page_explains_the_data_its_licence_and_fields(client, language, expected):
    response = client.get(f"/{language}/data/")
    page = text(response)
    for words in expected:
        assert words in page
    html = response.content.decode()
    assert f'href="{ZIP}"' in html and f'href="{JSON}"' in html
    assert 'href="/api/v1/docs/"' in html
