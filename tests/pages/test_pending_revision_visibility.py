"""A pending revision is invisible on every public output (page, list, search, feed, CSV) until
a Publisher approves it; the approval makes it visible on all of them at once."""

import pytest

from cases.models import Case
from tests.admin_client import case_change_url, client_for, fill, read_form
from tests.reading import result_slugs, text

pytestmark = pytest.mark.django_db

SLUG = "page-kyrgyzstan-mongolia"
NEW_TITLE = "Zephyrine green economy exchange"
NEW_CONTACT = "Aigerim Zephyrova"


def public_outputs(client):
    """What a reader sees of the new text in each output: {output: shown?}."""
    page = text(client.get(f"/en/cases/{SLUG}/"))
    listing = text(client.get("/en/cases/"))
    search = client.get("/en/cases/?q=Zephyrine")
    feed = client.get("/en/feed/").content.decode()
    csv = b"".join(client.get("/en/cases.csv").streaming_content).decode("utf-8")
    return {
        "page": NEW_TITLE in page and NEW_CONTACT in page,
        "list": NEW_TITLE in listing,
        "search": result_slugs(search) == [SLUG],
        "feed": NEW_TITLE in feed,
        "csv": NEW_TITLE in csv,
    }


def test_a_pending_revision_is_public_nowhere_until_approved(client, editor, publisher):
    editor_client, publisher_client = client_for(editor), client_for(publisher)
    case = Case.objects.get(slug=SLUG)
    form = read_form(editor_client.get(case_change_url(case)))
    fill(form, title_en=NEW_TITLE, **{"contacts-0-name": NEW_CONTACT})
    assert editor_client.post(case_change_url(case), form).status_code == 302

    assert public_outputs(client) == dict.fromkeys(["page", "list", "search", "feed", "csv"], False)
    old_title = Case.objects.get(slug=SLUG).title_en
    assert old_title in text(client.get(f"/en/cases/{SLUG}/"))

    review_url = f"/admin/cases/case/{case.pk}/changes/"
    approve = read_form(publisher_client.get(review_url), "approve-form")
    approve["_approve"] = ["yes"]
    assert publisher_client.post(review_url, approve).status_code == 302

    assert public_outputs(client) == dict.fromkeys(["page", "list", "search", "feed", "csv"], True)
    assert old_title not in text(client.get(f"/en/cases/{SLUG}/"))
