"""A pending revision is in no open-data output (API, citations, JSON file, data package)
until a Publisher approves it; then it is in all of them."""

import io
import zipfile

import pytest

from cases.models import Case
from tests.admin_client import case_change_url, client_for, fill, read_form

pytestmark = pytest.mark.django_db

SLUG = "page-kyrgyzstan-mongolia"
NEW_TITLE = "Zephyrine green economy exchange"
NEW_CONTACT = "Aigerim Zephyrova"


def open_outputs(client):
    detail = client.get(f"/api/v1/cases/{SLUG}/?lang=en").content.decode()
    listing = client.get("/api/v1/cases/?lang=en").content.decode()
    citation = client.get(f"/en/cases/{SLUG}/citation.ris").content.decode()
    whole = client.get("/data/south-south-good-practice-cases.json").content.decode()
    package = client.get("/data/south-south-good-practice-cases-datapackage.zip").content
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        tables = b"".join(archive.read(name) for name in archive.namelist()).decode()
    return {
        "api detail": NEW_TITLE in detail and NEW_CONTACT in detail,
        "api list": NEW_TITLE in listing,
        "citation": NEW_TITLE in citation,
        "json": NEW_TITLE in whole and NEW_CONTACT in whole,
        "package": NEW_TITLE in tables and NEW_CONTACT in tables,
    }


def test_a_pending_revision_is_open_data_nowhere_until_approved(client, editor, publisher):
    editor_client, publisher_client = client_for(editor), client_for(publisher)
    case = Case.objects.get(slug=SLUG)
    form = read_form(editor_client.get(case_change_url(case)))
    fill(form, title_en=NEW_TITLE, **{"contacts-0-name": NEW_CONTACT})
    assert editor_client.post(case_change_url(case), form).status_code == 302
    outputs = ["api detail", "api list", "citation", "json", "package"]
    assert open_outputs(client) == dict.fromkeys(outputs, False)

    review_url = f"/admin/cases/case/{case.pk}/changes/"
    approve = read_form(publisher_client.get(review_url), "approve-form")
    approve["_approve"] = ["yes"]
    assert publisher_client.post(review_url, approve).status_code == 302
    assert open_outputs(client) == dict.fromkeys(outputs, True)
