"""The "From a public submission" panel on a case's change page: the submitter's details, for
staff who may see submissions only, and what it costs (one query)."""

import re
from html import unescape

import pytest
from django.utils import timezone

from cases.models import Case
from cases.writes import submission_mapping, submissions
from cases.writes.submission_mapping import Decision
from tests.admin.test_submission_mapping import group_without
from tests.admin_client import case_change_url, client_for, make_staff
from tests.reading import text
from tests.writes.test_submissions import committed, received

pytestmark = pytest.mark.django_db


def panel(response):
    html = response.content.decode()
    start = html.find('<div class="module submission-origin"')
    if start == -1:
        return ""
    return html[start : html.index("</div>", start)]


def visible(html):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def test_the_draft_shows_its_submission_and_submitter_to_editors(editor):
    submission = received(new_organizations={"funder": ["Sunlight Fund", "Moon Trust"]})
    case = committed(submissions.accept, submission, editor)
    submission_mapping.map_organizations(
        submission, editor, [Decision("funder", "Moon Trust", slug="unicef")]
    )

    response = client_for(editor).get(case_change_url(case))

    date = timezone.localtime(submission.created_at).strftime("%Y-%m-%d")
    shown = panel(response)
    assert f'<a href="/admin/cases/submission/{submission.pk}/change/">' in shown
    assert visible(shown) == (
        f"From a public submission Submission No. {submission.pk} of {date} "
        "Submitter Li Wei, Rural Power Trust, li.wei@example.org "
        "Consents may be contacted; the contact details may be published "
        "Organizations typed in, not mapped (suggestions) Supported by: Sunlight Fund"
    )


def test_the_panel_says_when_nothing_is_left_to_map_and_what_was_not_consented(editor):
    submission = received(consent_publish_contact=False, submitter_organization="")
    case = committed(submissions.accept, submission, editor)
    submission_mapping.map_organizations(
        submission, editor, [Decision("funder", "Sunlight Fund", slug="unicef")]
    )

    page = text(client_for(editor).get(case_change_url(case)))

    assert "Submitter Li Wei, li.wei@example.org" in page
    assert "may be contacted; the contact details may not be published" in page
    assert "Organizations typed in, not mapped (suggestions) –" in page


def test_staff_who_may_not_see_submissions_see_nothing_of_it(editor):
    case = committed(submissions.accept, received(), editor)
    other = make_staff("other", group_without("Editors", "view_submission", "moderate_submission"))

    response = client_for(other).get(case_change_url(case))

    assert response.status_code == 200
    assert panel(response) == ""
    page = text(response)
    for private in ("From a public submission", "Li Wei", "li.wei@example.org", "Sunlight Fund"):
        assert private not in page
    assert "/admin/cases/submission/" not in response.content.decode()


def test_a_case_not_from_a_submission_has_no_panel(editor_client):
    response = editor_client.get(case_change_url(Case.objects.get(slug="transform")))

    assert panel(response) == ""


def test_the_panel_costs_one_query(editor, django_assert_num_queries):
    case = committed(submissions.accept, received(), editor)
    other = make_staff("other", group_without("Editors", "view_submission", "moderate_submission"))
    editor_client, other_client = client_for(editor), client_for(other)
    editor_client.get(case_change_url(case))  # the first visit records who has it open
    other_client.get(case_change_url(case))

    with django_assert_num_queries(33):
        other_client.get(case_change_url(case))
    with django_assert_num_queries(34):  # the same page, and the case's submissions
        editor_client.get(case_change_url(case))
