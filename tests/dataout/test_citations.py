"""Citations for reference managers: BibTeX, RIS and CSL-JSON read by real parsers, with the
source publication, the permanent address and the access date; offered on the case page."""

import json

import bibtexparser
import pytest
import rispy
from django.utils import timezone

from cases.dataout.citations import Publication, publication
from cases.models import Case
from tests.factories import make_case
from tests.reading import text

pytestmark = pytest.mark.django_db

SOURCE_EN = (
    "United Nations Office for South-South Cooperation, Good Practices in South-South and "
    "Triangular Cooperation for Sustainable Development, Volume 2, 2018"
)
SOURCE_ZH = "联合国南南合作办公室：《南南合作和三角合作促进可持续发展良好实践》，第 2 卷，2018 年"


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, response.content.decode("utf-8")


def test_source_text_reads_as_publisher_title_volume_year():
    assert publication(SOURCE_EN) == Publication(
        "United Nations Office for South-South Cooperation",
        "Good Practices in South-South and Triangular Cooperation for Sustainable Development",
        "2",
        "2018",
    )
    assert publication(SOURCE_ZH) == Publication(
        "联合国南南合作办公室", "南南合作和三角合作促进可持续发展良好实践", "2", "2018"
    )
    assert publication("Annual report") == Publication("", "Annual report", "", "")


def test_bibtex_parses_with_the_publication_address_and_access_date(client):
    response, body = download(client, "/en/cases/transform/citation.bib")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="transform.bib"'
    (entry,) = bibtexparser.loads(body).entries
    assert entry == {
        "ENTRYTYPE": "incollection",
        "ID": "transform",
        "title": "{TRANSFORM – Leadership and Transformation Curriculum on Building and Managing "
        "Social Protection Floors in Africa}",
        "booktitle": "Good Practices in South-South and Triangular Cooperation for Sustainable "
        "Development",
        "publisher": "United Nations Office for South-South Cooperation",
        "volume": "2",
        "year": "2018",
        "url": "http://testserver/en/cases/transform/",
        "urldate": timezone.localdate().isoformat(),
        "language": "en",
        "note": "Good Practices in South-South and Triangular Cooperation",
    }


def test_ris_parses_in_chinese(client):
    response, body = download(client, "/zh-hans/cases/page-kyrgyzstan-mongolia/citation.ris")
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    (entry,) = rispy.loads(body)
    today = timezone.localdate()
    assert entry == {
        "type_of_reference": "CHAP",
        "title": entry["title"],
        "secondary_title": "南南合作和三角合作促进可持续发展良好实践",
        "publisher": "联合国南南合作办公室",
        "volume": "2",
        "year": "2018",
        "urls": ["http://testserver/zh-hans/cases/page-kyrgyzstan-mongolia/"],
        "access_date": f"{today.year}/{today.month:02d}/{today.day:02d}",
        "language": "zh-Hans",
        "name_of_database": "南南合作和三角合作良好实践",
    }
    case = Case.objects.get(slug="page-kyrgyzstan-mongolia")
    assert case.title_zh_hans in entry["title"]


def test_csl_json_is_an_item_list_zotero_reads(client):
    response, body = download(client, "/en/cases/ilo-sse-academy/citation.json")
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    (item,) = json.loads(body)
    today = timezone.localdate()
    assert item == {
        "id": "ilo-sse-academy",
        "type": "chapter",
        "title": "ILO Social and Solidarity Economy Academy",
        "container-title": "Good Practices in South-South and Triangular Cooperation for "
        "Sustainable Development",
        "publisher": "United Nations Office for South-South Cooperation",
        "volume": "2",
        "issued": {"date-parts": [[2018]]},
        "URL": "http://testserver/en/cases/ilo-sse-academy/",
        "accessed": {"date-parts": [[today.year, today.month, today.day]]},
        "language": "en",
        "note": "Good Practices in South-South and Triangular Cooperation",
    }


def test_bibtex_escapes_what_latex_would_read_as_commands(client):
    make_case(slug="odd-title", title_en="50% of {costs} & more_here", source_en="A report")
    _response, body = download(client, "/en/cases/odd-title/citation.bib")
    (entry,) = bibtexparser.loads(body).entries
    assert entry["title"] == r"{50\% of \{costs\} \& more\_here}"
    assert entry["booktitle"] == "A report"


@pytest.mark.parametrize("status", [Case.PublicationStatus.DRAFT, Case.PublicationStatus.REVIEW])
def test_unpublished_cases_have_no_citation(client, status):
    make_case(slug="not-yet", publication_status=status)
    for kind in ("bib", "ris", "json"):
        assert client.get(f"/en/cases/not-yet/citation.{kind}").status_code == 404
    assert client.get("/en/cases/transform/citation.txt").status_code == 404


def test_case_page_offers_the_three_formats_beside_the_citation(client):
    html = client.get("/zh-hans/cases/transform/").content.decode()
    for kind in ("bib", "ris", "json"):
        assert f'href="/zh-hans/cases/transform/citation.{kind}" download' in html
    assert "供文献管理软件使用（Zotero、EndNote、Mendeley）：" in text(
        client.get("/zh-hans/cases/transform/")
    )
    assert "For a reference manager (Zotero, EndNote, Mendeley): BibTeX · RIS · CSL-JSON" in text(
        client.get("/en/cases/transform/")
    )


def test_admin_preview_of_a_draft_offers_no_citation_download(editor_client):
    case = make_case(slug="draft-preview", publication_status=Case.PublicationStatus.DRAFT)
    html = editor_client.get(f"/admin/cases/case/{case.pk}/preview/?language=en").content.decode()
    assert "citation.bib" not in html
