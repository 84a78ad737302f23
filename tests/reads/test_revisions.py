"""reads.revisions: every revision of a case with its steps, as the history page lists them."""

import pytest

from cases.models import Case
from cases.reads.revisions import revisions_of
from cases.writes import revisions

pytestmark = pytest.mark.django_db


def test_revisions_of_lists_each_step_with_who_and_the_comment(editor, second_editor, publisher):
    case = Case.objects.get(slug="transform")
    first = revisions.propose(case, editor, values={"title_en": "One"})
    revisions.propose(case, second_editor, values={"title_en": "Two"})
    revisions.send_back(first, publisher, "Keep the official title.")
    revisions.propose(case, editor, values={"title_en": "Three"})
    revisions.approve(first, publisher)
    second = revisions.propose(case, editor, values={"headline_en": "Later"})
    revisions.withdraw(second, second_editor)

    entries = revisions_of(case)

    assert [entry.revision.pk for entry in entries] == [second.pk, first.pk]
    assert [(s.user.username, s.action, s.comment) for s in entries[1].steps] == [
        ("editor", "Proposed", ""),
        ("editor_b", "Edited", ""),
        ("publisher", "Sent back", "Keep the official title."),
        ("editor", "Edited and sent for review again", ""),
        ("publisher", "Approved", ""),
    ]
    assert [(s.user.username, s.action) for s in entries[0].steps] == [
        ("editor", "Proposed"),
        ("editor_b", "Discarded"),
    ]


def test_the_history_page_shows_the_revisions_and_their_steps(editor, publisher, publisher_client):
    case = Case.objects.get(slug="transform")
    revision = revisions.propose(case, editor, values={"title_en": "One"})
    revisions.send_back(revision, publisher, "Keep the official title.")

    page = publisher_client.get(f"/admin/cases/case/{case.pk}/history/").content.decode()

    assert "Changes proposed for review" in page
    assert "publisher – Sent back: “Keep the official title.”" in page
    assert f'href="/admin/cases/case/{case.pk}/changes/">See the changes</a>' in page
