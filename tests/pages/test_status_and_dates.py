"""How fresh a case page says its facts are (issue 12, point 9): the status with the year it
was stated ("Ongoing as of 2018"), a note where the period has ended since, and the dates the
case was published and last reviewed, in both languages."""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone

from cases.models import Case
from tests.admin_client import case_change_url, client_for, fill, read_form
from tests.factories import make_case

pytestmark = pytest.mark.django_db

LABELS = {
    "en": {"status": "Project status", "published": "Published on", "reviewed": "Last reviewed"},
    "zh-hans": {"status": "项目状态", "published": "发布日期", "reviewed": "最近审核日期"},
}
SOURCE_2016 = "UNOSSC, Good Practices in South-South and Triangular Cooperation, Volume 1, 2016"


def fact(client, slug, language, label):
    """The text of one fact in the page's "At a glance" box, tags removed; None if absent."""
    html = client.get(f"/{language}/cases/{slug}/").content.decode()
    name = re.escape(LABELS[language][label])
    found = re.search(rf"<dt>{name}</dt><dd>(.*?)</dd>", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", "", found.group(1))) if found else None


@pytest.mark.parametrize(
    ("slug", "language", "expected"),
    [
        ("transform", "en", "Ongoing as of 2018; the period ended in 2020"),
        ("transform", "zh-hans", "截至 2018 年仍在进行中；项目期间已于 2020 年结束"),
        ("page-kyrgyzstan-mongolia", "en", "Ongoing as of 2018; the period ended in 2019"),
        ("page-kyrgyzstan-mongolia", "zh-hans", "截至 2018 年仍在进行中；项目期间已于 2019 年结束"),
        # 2013 to present: no end to have passed.
        ("ilo-sse-academy", "en", "Ongoing as of 2018"),
        ("ilo-sse-academy", "zh-hans", "截至 2018 年仍在进行中"),
    ],
)
def test_the_status_says_the_year_it_was_stated_and_that_the_period_ended(
    client, slug, language, expected
):
    assert fact(client, slug, language, "status") == expected


def test_the_status_links_to_the_cases_with_that_status(client):
    html = client.get("/en/cases/transform/").content.decode()
    assert (
        '<dd><a href="/en/cases/?status=ongoing">Ongoing as of 2018</a>'
        "; the period ended in 2020</dd>" in html
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Ongoing as of 2016"), ("zh-hans", "截至 2016 年仍在进行中")],
)
def test_without_a_recorded_year_the_status_is_as_of_the_source_publication(
    client, language, expected
):
    make_case(slug="from-2016", source_en=SOURCE_2016, source_zh_hans="")
    assert Case.objects.get(slug="from-2016").status_as_of is None

    assert fact(client, "from-2016", language, "status") == expected


@pytest.mark.parametrize(("language", "expected"), [("en", "Ongoing"), ("zh-hans", "进行中")])
def test_without_any_year_the_status_is_the_label_alone(client, language, expected):
    make_case(slug="no-year", source_en="A report without a date")

    assert fact(client, "no-year", language, "status") == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Planned as of 2021", "Completed", "Ongoing as of 2024"]),
        ("zh-hans", ["截至 2021 年仍在计划中", "已完成", "截至 2024 年仍在进行中"]),
    ],
)
def test_planned_completed_and_a_period_that_has_not_ended(client, language, expected):
    this_year = timezone.localdate().year
    make_case(slug="planned", status=Case.Status.PLANNED, status_as_of=2021, end_year=2022)
    # Completed: nothing to say about freshness, whatever the years.
    make_case(slug="completed", status=Case.Status.COMPLETED, status_as_of=2019, end_year=2019)
    make_case(slug="still-running", status_as_of=2024, end_year=this_year)

    shown = [fact(client, slug, language, "status") for slug in ("planned", "completed")]
    shown.append(fact(client, "still-running", language, "status"))

    planned_note = {"en": "; the period ended in 2022", "zh-hans": "；项目期间已于 2022 年结束"}
    assert shown == [expected[0] + planned_note[language], *expected[1:]]


@pytest.mark.parametrize(
    ("language", "published", "reviewed"),
    [("en", "Nov. 28, 2026", "Nov. 28, 2026"), ("zh-hans", "2026年11月28日", "2026年11月28日")],
)
def test_the_page_shows_when_the_case_was_published_and_last_reviewed(
    client, language, published, reviewed
):
    assert fact(client, "transform", language, "published") == published
    assert fact(client, "transform", language, "reviewed") == reviewed


@pytest.mark.parametrize(
    ("language", "published", "reviewed"),
    [("en", "March 5, 2024", "Jan. 9, 2025"), ("zh-hans", "2024年3月5日", "2025年1月9日")],
)
def test_last_reviewed_is_the_later_of_the_review_and_the_last_approved_change(
    client, language, published, reviewed
):
    published_at = datetime.datetime(2024, 3, 5, 12, tzinfo=datetime.UTC)
    case = make_case(slug="dated", published_at=published_at, reviewed_at=datetime.date(2024, 6, 1))
    # The last save (by a Publisher, or an approved revision) is after the review date.
    Case.objects.filter(pk=case.pk).update(
        updated_at=datetime.datetime(2025, 1, 9, 12, tzinfo=datetime.UTC)
    )

    assert fact(client, "dated", language, "published") == published
    assert fact(client, "dated", language, "reviewed") == reviewed
    html = client.get(f"/{language}/cases/dated/").content.decode()
    assert '<time datetime="2024-03-05">' in html
    assert '<time datetime="2025-01-09">' in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_editor_records_the_year_in_the_admin(publisher, client, language):
    case = Case.objects.get(slug="transform")
    editor_client = client_for(publisher, language)
    form = read_form(editor_client.get(case_change_url(case)))
    assert form["status_as_of"] == ["2018"]

    fill(form, status_as_of="2021")
    response = editor_client.post(case_change_url(case), form)

    assert response.status_code == 302
    assert Case.objects.get(slug="transform").status_as_of == 2021
    assert fact(client, "transform", "en", "status") == (
        "Ongoing as of 2021; the period ended in 2020"
    )
    assert case.history.latest().status_as_of == 2021


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Enter a year between 1950 and 2100."),
        ("zh-hans", "请输入 1950 至 2100 之间的年份。"),
    ],
)
def test_a_year_out_of_range_is_a_form_error_and_keeps_the_typing(publisher, language, message):
    case = Case.objects.get(slug="transform")
    editor_client = client_for(publisher, language)
    form = read_form(editor_client.get(case_change_url(case)))
    fill(form, status_as_of="2150", headline_en="Typed before the mistake")

    response = editor_client.post(case_change_url(case), form)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status_as_of"] == [message]
    assert read_form(response)["headline_en"] == ["Typed before the mistake"]
    assert Case.objects.get(slug="transform").status_as_of == 2018
