"""Model validation rules and small model behaviour."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cases.models import Case, Country, Region, SdgTarget
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def errors_of(instance):
    with pytest.raises(ValidationError) as raised:
        instance.full_clean()
    return raised.value.message_dict


def test_end_year_before_start_year_is_refused():
    case = Case(slug="x", title_zh_hans="标题", start_year=2018, end_year=2017)
    assert errors_of(case)["end_year"] == ["The end year must not be before the start year."]


def test_end_year_before_start_year_is_refused_by_the_database_too():
    case = make_case(start_year=2018)
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(end_year=2017)


@pytest.mark.parametrize("year", [1949, 2101])
def test_years_out_of_range_are_refused(year):
    case = Case(slug="x", title_zh_hans="标题", start_year=year)
    assert "start_year" in errors_of(case)


def test_a_case_needs_a_title_in_some_language():
    case = Case(slug="x")
    assert errors_of(case)["title_zh_hans"] == ["Give the case a title, in Chinese or in English."]


def test_an_english_only_draft_is_allowed():
    Case(slug="draft-en", title_en="Only English").full_clean()


def test_a_case_in_review_needs_a_chinese_title():
    case = Case(slug="x", title_en="Only English", publication_status=Case.PublicationStatus.REVIEW)
    assert errors_of(case)["title_zh_hans"] == ["A case needs a Chinese title before review."]


def test_a_case_needs_an_sdg_target_before_review():
    from cases.writes.workflow import action_problems

    case = make_case(targets=[], publication_status=Case.PublicationStatus.DRAFT)
    assert action_problems(case, "send_to_review") == [
        "A case needs at least one SDG target before review."
    ]
    case.sdg_targets.set(["8.5"])
    assert action_problems(case, "send_to_review") == []


@pytest.mark.parametrize(
    ("instance", "field"),
    [
        (
            lambda: SdgTarget(
                code="8.x", goal_id=8, label_zh_hans="a", label_en="a", position=9999
            ),
            "code",
        ),
        (
            lambda: SdgTarget(
                code="18.1", goal_id=8, label_zh_hans="a", label_en="a", position=9999
            ),
            "code",
        ),
        (lambda: Region(code="14", name_zh_hans="a", name_en="a"), "code"),
        (lambda: Country(code="ke", name_zh_hans="a", name_en="a", region_id="014"), "code"),
        (lambda: Country(code="KEN", name_zh_hans="a", name_en="a", region_id="014"), "code"),
    ],
)
def test_codes_must_have_their_format(instance, field):
    assert field in errors_of(instance())


def test_valid_codes_pass():
    for code, goal in [("8.10", 8), ("17.a", 17), ("1.1", 1)]:
        target = SdgTarget(code=code, goal_id=goal, label_zh_hans="a", label_en="a", position=9999)
        target.full_clean(validate_unique=False)


def test_missing_translation_fields_lists_fields_only_in_the_other_language():
    case = make_case(
        title_zh="中文", title_en="", headline_zh_hans="副标题", headline_en="Headline"
    )
    assert case.missing_translation_fields("en") == ["title"]
    assert case.missing_translation_fields("zh-hans") == []


def test_translated_fields_fall_back_to_chinese():
    from django.utils import translation

    case = make_case(title_zh="中文标题", title_en="")
    with translation.override("en"):
        assert Case.objects.get(pk=case.pk).title == "中文标题"


def test_natural_order_of_targets():
    codes = list(SdgTarget.objects.filter(goal=8).values_list("code", flat=True))
    assert codes == [
        "8.1",
        "8.2",
        "8.3",
        "8.4",
        "8.5",
        "8.6",
        "8.7",
        "8.8",
        "8.9",
        "8.10",
        "8.a",
        "8.b",
    ]


def test_str_and_urls():
    from django.utils import translation

    case = Case.objects.get(slug="transform")
    assert str(case) == "TRANSFORM"
    with translation.override("zh-hans"):
        assert case.get_absolute_url() == "/zh-hans/cases/transform/"
        assert SdgTarget.objects.get(code="8.5").get_absolute_url() == "/zh-hans/cases/?target=8.5"


@pytest.mark.parametrize(
    ("short_name", "title", "prefix", "display"),
    [
        ("TRANSFORM", "TRANSFORM – Leadership", "", "TRANSFORM – Leadership"),
        ("transform", "TRANSFORM – Leadership", "", "TRANSFORM – Leadership"),
        ("ILO Academy", "ILO Academy", "", "ILO Academy"),
        ("SunNet", "Solar Kiosks", "SunNet", "Solar Kiosks (SunNet)"),
        ("", "Solar Kiosks", "", "Solar Kiosks"),
        ("SunNet", "", "", "SunNet"),
    ],
)
def test_shown_short_name_and_display_title(short_name, title, prefix, display):
    case = Case(short_name_en=short_name, title_en=title)
    assert case.shown_short_name == prefix
    assert case.display_title == display
