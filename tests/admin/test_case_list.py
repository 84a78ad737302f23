"""The case list: translation status per language and its filter, review freshness (sortable,
filterable, flagged after two years), and the links to the public page or the preview."""

import datetime

import pytest
from django.utils import timezone

from cases.models import Case
from tests.admin_client import (
    CHANGELIST_URL,
    messages_of,
    post_action,
)

pytestmark = pytest.mark.django_db

FULL = {
    f"{field}_{suffix}": f"{field} {suffix}"
    for field in ("short_name", "headline", "challenge", "solution", "source")
    for suffix in ("zh_hans", "en")
}


def make_case(slug, **values):
    fields = {**FULL, "title_zh_hans": f"{slug} 标题", "title_en": f"{slug} title", **values}
    return Case.objects.create(slug=slug, **fields)


def listed(client, query=""):
    response = client.get(CHANGELIST_URL + query)
    return [case.slug for case in response.context["cl"].result_list], response


def test_admin_translation_filter_returns_exactly_the_incomplete_cases(editor_client):
    make_case("complete")
    make_case("no-english-title", title_en="")
    make_case("no-english-solution", solution_en="   ")
    make_case("no-chinese-headline", headline_zh_hans="")
    make_case("short-name-in-neither", short_name_zh_hans="", short_name_en="")

    missing_en, _ = listed(editor_client, "?translation=missing-en")
    missing_zh, _ = listed(editor_client, "?translation=missing-zh-hans")
    complete, _ = listed(editor_client, "?translation=complete")

    assert sorted(missing_en) == ["no-english-solution", "no-english-title"]
    assert sorted(missing_zh) == ["no-chinese-headline"]
    assert "complete" in complete and "short-name-in-neither" in complete
    assert not {"no-english-solution", "no-english-title", "no-chinese-headline"} & set(complete)
    # The filter follows the same rule as the public page's fallback note.
    for case in Case.objects.all():
        assert (case.slug in missing_en) == bool(case.missing_translation_fields("en"))
        assert (case.slug in missing_zh) == bool(case.missing_translation_fields("zh-hans"))


def test_admin_translation_columns_show_each_language(editor_client):
    case = make_case("no-english-title", title_en="")

    page = editor_client.get(CHANGELIST_URL + "?q=no-english-title").content.decode()

    row = page[page.index(f"/admin/cases/case/{case.pk}/change/") :]
    row = row[: row.index("</tr>")]
    assert row.index('alt="True"') < row.index('alt="False"')


def test_admin_review_freshness_filter_sort_and_flag(editor_client):
    today = timezone.localdate()
    Case.objects.update(reviewed_at=today)
    make_case("three-years", reviewed_at=today - datetime.timedelta(days=3 * 365))
    make_case("one-year", reviewed_at=today - datetime.timedelta(days=365))
    make_case("never")

    overdue, response = listed(editor_client, "?reviewed=overdue")
    recent, _ = listed(editor_client, "?reviewed=recent")
    by_review_date, _ = listed(editor_client, "?o=5")

    assert sorted(overdue) == ["never", "three-years"]
    assert sorted(recent) == sorted(
        ["one-year", "transform", "ilo-sse-academy", "page-kyrgyzstan-mongolia"]
    )
    assert by_review_date[:3] == ["never", "three-years", "one-year"]
    page = response.content.decode()
    assert '<span class="review-overdue">Review due: over two years ago</span>' in page
    assert '<span class="review-overdue">Never reviewed</span>' in page


def test_admin_mark_as_reviewed_today(editor_client):
    case = make_case("old", reviewed_at=datetime.date(2020, 1, 1))

    response = post_action(editor_client, "mark_reviewed_action", [case], confirm=True)

    assert "Mark as reviewed today: done for 1 case: short_name en." in messages_of(response)
    case.refresh_from_db()
    assert case.reviewed_at == timezone.localdate()


def test_admin_list_links_published_cases_to_the_site_and_drafts_to_the_preview(editor_client):
    draft = make_case("a-draft")
    transform = Case.objects.get(slug="transform")

    page = editor_client.get(CHANGELIST_URL).content.decode()

    assert '<a href="/en/cases/transform/">View on site</a>' in page
    assert f'<a href="/admin/cases/case/{draft.pk}/preview/">Preview</a>' in page
    change_page = editor_client.get(f"/admin/cases/case/{transform.pk}/change/").content.decode()
    assert "View on site" in change_page
    draft_page = editor_client.get(f"/admin/cases/case/{draft.pk}/change/").content.decode()
    assert "View on site" not in draft_page
    assert f"/admin/cases/case/{draft.pk}/preview/?language=en" in draft_page
