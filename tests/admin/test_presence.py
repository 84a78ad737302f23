"""Soft locks: opening a case that another editor has open (seen in the last few minutes)
shows who, and since when, before any typing; saving is never blocked."""

import datetime
import json

import pytest
from django.utils import timezone

from cases.admin.presenters import when
from cases.models import Case, EditingPresence
from tests.admin_client import case_change_url, client_for, fill, read_form

pytestmark = pytest.mark.django_db


def notices(response):
    return response.context["presence_notices"]


def test_the_second_editor_sees_who_has_the_case_open_and_since_when(editor, second_editor):
    case = Case.objects.get(slug="transform")
    first, second = client_for(editor), client_for(second_editor)
    assert notices(first.get(case_change_url(case))) == []
    opened = EditingPresence.objects.get(case=case, user=editor).opened_at

    response = second.get(case_change_url(case))

    notice = (
        f"editor has had this case open since {when(opened)} (seen just now). Saving is not "
        "blocked: if you both save, the second save is stopped and shown what the first changed."
    )
    assert notices(response) == [notice]
    page = response.content.decode()
    # The notice comes before the first field of the form.
    assert page.index(f'<li class="warning">{notice}</li>') < page.index('name="title_zh_hans"')


def test_the_notice_says_when_the_other_editor_was_last_seen(editor, second_editor):
    case = Case.objects.get(slug="transform")
    client_for(editor).get(case_change_url(case))
    EditingPresence.objects.filter(user=editor).update(
        seen_at=timezone.now() - datetime.timedelta(minutes=3)
    )

    [notice] = notices(client_for(second_editor).get(case_change_url(case)))

    assert "(last seen 3\xa0minutes ago)" in notice


def test_an_editor_gone_for_more_than_five_minutes_is_not_shown(editor, second_editor):
    case = Case.objects.get(slug="transform")
    client_for(editor).get(case_change_url(case))
    EditingPresence.objects.filter(user=editor).update(
        seen_at=timezone.now() - datetime.timedelta(minutes=6)
    )

    assert notices(client_for(second_editor).get(case_change_url(case))) == []


def test_the_ping_keeps_an_editor_present_and_says_who_else_is(editor, second_editor):
    case = Case.objects.get(slug="transform")
    first, second = client_for(editor), client_for(second_editor)
    first.get(case_change_url(case))
    second.get(case_change_url(case))
    EditingPresence.objects.filter(user=editor).update(
        seen_at=timezone.now() - datetime.timedelta(minutes=4)
    )

    answer = first.post(f"/admin/cases/case/{case.pk}/presence/")

    others = json.loads(answer.content)["others"]
    assert len(others) == 1 and others[0].startswith("editor_b has had this case open since ")
    seen = EditingPresence.objects.get(user=editor).seen_at
    assert timezone.now() - seen < datetime.timedelta(seconds=30)
    assert first.get(f"/admin/cases/case/{case.pk}/presence/").status_code == 405


def test_a_soft_lock_never_blocks_saving(editor, second_editor):
    case = Case.objects.get(slug="transform")
    Case.objects.filter(pk=case.pk).update(publication_status="draft")
    client_for(editor).get(case_change_url(case))
    second = client_for(second_editor)
    form = fill(read_form(second.get(case_change_url(case))), title_en="Saved anyway")

    assert second.post(case_change_url(case), form).status_code == 302
    assert Case.objects.get(pk=case.pk).title_en == "Saved anyway"


def test_the_ping_needs_a_staff_login(client):
    case = Case.objects.get(slug="transform")

    response = client.post(f"/admin/cases/case/{case.pk}/presence/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
