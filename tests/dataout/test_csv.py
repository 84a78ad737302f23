"""The CSV download: the filtered list with readable names, opening correctly in spreadsheets."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_case

pytestmark = pytest.mark.django_db


def rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_csv_has_the_filtered_cases_with_readable_names(client):
    response = client.get("/en/cases.csv?country=KE")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="south-south-cases-')
    header, *data = rows(response)
    assert header[:6] == [
        "Short name",
        "Title",
        "Headline",
        "SDG targets",
        "SDG goals",
        "Countries",
    ]
    assert len(data) == 1
    row = dict(zip(header, data[0], strict=True))
    assert row["Short name"] == "TRANSFORM"
    assert row["SDG targets"] == "1.3; 3.8; 5.4; 8.5; 10.4"
    assert row["SDG goals"] == "1; 3; 5; 8; 10"
    assert row["Country codes"] == "ET; KE; MW; MZ; TZ; ZM"
    assert row["Countries"].startswith("Ethiopia; Kenya; Malawi")
    assert row["Regions"] == "Africa"
    assert row["Nominated by"] == "International Labour Organization (ILO)"
    assert "Irish Aid" in row["Supported by"]
    assert row["Project status"] == "Ongoing"
    assert row["Start year"] == "2015" and row["End year"] == "2020"
    assert row["Address"] == "http://testserver/en/cases/transform/"


def test_csv_in_chinese_uses_chinese_names(client):
    header, *data = rows(client.get("/zh-hans/cases.csv?country=KG"))
    row = dict(zip(header, data[0], strict=True))
    assert row["国家"] == "吉尔吉斯斯坦; 蒙古国"
    assert row["项目状态"] == "进行中"


def test_csv_has_every_result_not_one_page(client, settings):
    settings.CASES_PER_PAGE = 1
    _header, *data = rows(client.get("/en/cases.csv?page=2"))
    assert len(data) == 3


def test_csv_neutralizes_spreadsheet_formulas(client):
    make_case(
        slug="formula",
        title_en='=HYPERLINK("http://x")',
        headline_en="@SUM(A1)",
        source_en="-2+3",
        targets=["8.5"],
    )
    header, *data = rows(client.get("/en/cases.csv?target=8.5&sort=newest"))
    [row] = [dict(zip(header, row, strict=True)) for row in data if "HYPERLINK" in row[1]]
    assert (row["Title"], row["Headline"], row["Source"]) == (
        '\'=HYPERLINK("http://x")',
        "'@SUM(A1)",
        "'-2+3",
    )
    assert row["Start year"] == "2016"  # numbers are left as they are


def test_the_list_links_to_the_csv_of_the_same_filters(client):
    html = client.get("/en/cases/?goal=8&page=1&country=KE").content.decode()
    assert 'href="/en/cases.csv?country=KE&amp;goal=8" download>Download as CSV</a>' in html


@pytest.mark.parametrize("extra_cases", [0, 27])
def test_csv_runs_a_fixed_number_of_queries(client, extra_cases):
    for number in range(extra_cases):
        make_case(
            targets=["8.3"],
            countries=["MN"],
            regions=["142"],
            organizations=[("ilo", "funder")],
            title_en=f"Case {number}",
        )
    client.get("/en/cases.csv")  # the catalogue index, built once per version
    with CaptureQueriesContext(connection) as queries:
        b"".join(client.get("/en/cases.csv").streaming_content)
    # The version, then per chunk of cases: the cases, their countries and their organizations
    # (each in its rows' order; targets and regions come from the catalogue index).
    assert len(queries) == 4


def test_csv_streams_every_row_in_the_lists_order_across_chunks(client):
    from cases.dataout.csv_export import CHUNK

    for number in range(CHUNK + 5):
        make_case(slug=f"many-{number:04d}", title_en=f"Many {number:04d}", targets=["14.2"])

    response = client.get("/en/cases.csv?target=14.2&sort=title")

    assert response.streaming
    pieces = list(response.streaming_content)
    # Sent in pieces of ROWS_PER_PIECE lines (the header is the first line), never all at once.
    assert [piece.count(b"\r\n") for piece in pieces] == [250, 250, 250, 250, 6]
    body = b"".join(pieces).decode("utf-8")
    header, *data = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    titles = [dict(zip(header, row, strict=True))["Title"] for row in data]
    assert titles == [f"Many {number:04d}" for number in range(CHUNK + 5)]


def test_csv_names_the_data_licence(client):
    response = client.get("/en/cases.csv")
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


def test_csv_texts_fall_back_to_the_other_language_and_lists_keep_their_order(client):
    from datetime import UTC, datetime

    make_case(
        slug="only-chinese",
        title_en="",
        title_zh="只有中文标题",
        headline_zh_hans="中文标语",
        targets=["8.5", "1.3"],
        countries=["MN", "KG"],
        organizations=[("unep", "implementer"), ("ilo", "funder"), ("irish-aid", "funder")],
        published_at=datetime(2026, 3, 9, 23, 30, tzinfo=UTC),
        start_year=None,
    )

    header, *data = rows(client.get("/en/cases.csv?target=8.5&country=MN&q=只有中文标题"))

    [row] = [dict(zip(header, values, strict=True)) for values in data]
    assert (row["Title"], row["Headline"], row["Short name"]) == ("只有中文标题", "中文标语", "")
    assert row["SDG targets"] == "1.3; 8.5" and row["SDG goals"] == "1; 8"
    assert row["Country codes"] == "MN; KG"  # the case's own order
    assert row["Countries"] == "Mongolia; Kyrgyzstan"
    assert row["Supported by"] == "International Labour Organization (ILO); Irish Aid"
    assert row["Implemented by"] == "United Nations Environment Programme (UNEP)"
    assert row["Nominated by"] == "" and row["Regions"] == ""
    assert (row["Start year"], row["End year"], row["Published"]) == ("", "", "2026-03-09")
