"""cases.rules: the case rules, as plain functions (used by the model, the admin and restore)."""

import datetime

import pytest

from cases import rules
from cases.models import Case

pytestmark = pytest.mark.django_db


def messages(problems):
    return [(problem.field, str(problem)) for problem in problems]


def test_year_rules():
    assert messages(rules.year_range_problems(1949, 2101)) == [
        ("start_year", "Enter a year between 1950 and 2100."),
        ("end_year", "Enter a year between 1950 and 2100."),
    ]
    assert rules.year_range_problems(1950, 2100) == []
    assert messages(rules.year_order_problems(2019, 2016)) == [
        ("end_year", "The end year must not be before the start year.")
    ]
    # An out-of-range year is reported once, by the range rule.
    assert rules.year_order_problems(2019, 1900) == []
    assert rules.year_order_problems(None, 2016) == []


def test_title_rules():
    none = {"title_zh_hans": " ", "title_en": ""}
    english_only = {"title_zh_hans": "", "title_en": "A title"}
    assert messages(rules.title_problems(none, past_draft=False)) == [
        ("title_zh_hans", "Give the case a title, in Chinese or in English.")
    ]
    assert rules.title_problems(english_only, past_draft=False) == []
    assert messages(rules.title_problems(english_only, past_draft=True)) == [
        ("title_zh_hans", "A case needs a Chinese title before review.")
    ]


def test_duplicate_rules_name_the_other_case_and_keep_a_typed_percent_sign():
    others = Case.objects.exclude(slug="transform")
    academy = Case.objects.get(slug="ilo-sse-academy")
    academy.title_en = "100% Solar"
    academy.save()

    problems = rules.duplicate_problems(
        others, "ilo-sse-academy", {"title_zh_hans": "", "title_en": "100% SOLAR"}
    )

    assert messages(problems) == [
        (
            "slug",
            "Another case already uses the address “ilo-sse-academy”: ILO Social and Solidarity Economy Academy.",
        ),
        (
            "title_en",
            "Another case already has the title “100% SOLAR”: ILO Social and Solidarity Economy Academy.",
        ),
    ]
    assert {problem.other_case.pk for problem in problems} == {academy.pk}


def test_review_is_due_after_two_years():
    today = datetime.date(2026, 12, 1)
    assert rules.review_due_date(today) == datetime.date(2024, 12, 1)
    assert rules.review_due_date(datetime.date(2028, 2, 29)) == datetime.date(2026, 2, 28)
    assert rules.is_review_overdue(None, today)
    assert rules.is_review_overdue(datetime.date(2024, 11, 30), today)
    assert not rules.is_review_overdue(datetime.date(2024, 12, 1), today)
