"""Chinese names sort by pinyin on SQLite and PostgreSQL alike (issue 12, point 14): a stored
key (cases/pinyin.py) kept current on every save. The names here are ones whose pinyin order
is beyond doubt (different first syllables), so PostgreSQL's ICU collation agrees too."""

import pytest
from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate
from django.utils.translation import override

from cases.models import Case, Country, Organization
from cases.pinyin import sort_key
from cases.reads import catalogue_index
from cases.reads.ordering import name_order
from cases.reads.submission_choices import country_choices
from tests.factories import make_case
from tests.reading import result_slugs

pytestmark = pytest.mark.django_db

# 阿富汗 a, 巴西 ba, 吉尔吉斯斯坦 ji, 肯尼亚 ken, 蒙古 meng, 南非 nan, 中国 zhong.
CODES_IN_PINYIN_ORDER = ["AF", "BR", "KG", "KE", "MN", "ZA", "CN"]
CODES_IN_ENGLISH_ORDER = ["AF", "BR", "CN", "KE", "KG", "MN", "ZA"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("中国", "zhong1 guo2"),
        ("国际劳工组织 (ILO)", "guo2 ji4 lao2 gong1 zu3 zhi1 (ilo)"),
        # Read as a word: Peru is Bìlǔ (ICU's zh-x-icu reads 秘 alone, as mì).
        ("秘鲁", "bi4 lu3"),
        ("UNDP 开发署", "undp kai1 fa1 shu3"),
        ("", ""),
    ],
)
def test_the_sort_key_is_the_pinyin_with_tones(text, key):
    assert sort_key(text) == key


def test_the_shipped_names_have_their_keys():
    # Loaded by loaddata (raw saves): the fixtures do not carry the keys.
    assert Country.objects.get(code="KE").name_pinyin == "ken3 ni2 ya4"
    assert Organization.objects.get(slug="ilo").name_pinyin == "guo2 ji4 lao2 gong1 zu3 zhi1"
    assert Case.objects.get(slug="transform").title_pinyin.startswith(
        "transform - jian4 li4 bing4 guan3 li3"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", CODES_IN_PINYIN_ORDER), ("en", CODES_IN_ENGLISH_ORDER)],
)
def test_countries_sort_by_name_in_the_reader_s_language(language, expected):
    with override(language):
        ordered = Country.objects.filter(code__in=expected).order_by(name_order("name"))
        assert list(ordered.values_list("code", flat=True)) == expected
        assert [code for code, _name in country_choices() if code in expected] == expected


def test_postgresql_s_pinyin_collation_agrees_on_these_names():
    if connection.vendor != "postgresql":
        pytest.skip("the ICU collation zh-x-icu is PostgreSQL's")
    icu = Country.objects.filter(code__in=CODES_IN_PINYIN_ORDER).order_by(
        Collate(F("name_zh_hans"), "zh-x-icu")
    )
    assert list(icu.values_list("code", flat=True)) == CODES_IN_PINYIN_ORDER


def test_the_catalogue_index_orders_countries_and_organizations_by_pinyin():
    names = catalogue_index.current_index().names
    place = names.name_order["country"]["zh-hans"]
    assert sorted(CODES_IN_PINYIN_ORDER, key=place.get) == CODES_IN_PINYIN_ORDER
    # 非洲联盟 fei, 国际劳工组织 guo, 联合国开发计划署 lian, 南部非洲社会保障专家网络 nan
    slugs = ["saspen", "undp", "african-union", "ilo"]
    place = names.name_order["organization"]["zh-hans"]
    assert sorted(slugs, key=place.get) == ["african-union", "ilo", "undp", "saspen"]


def test_a_renamed_country_moves_to_its_new_place():
    kenya = Country.objects.get(code="KE")
    kenya.name_zh_hans = "中非测试国"  # zhong1 fei1: after 南非 nan2, before 中国 zhong1 guo2
    kenya.save()

    assert Country.objects.get(code="KE").name_pinyin == "zhong1 fei1 ce4 shi4 guo2"
    with override("zh-hans"):
        ordered = Country.objects.filter(code__in=CODES_IN_PINYIN_ORDER).order_by(
            name_order("name")
        )
        assert list(ordered.values_list("code", flat=True)) == [
            "AF", "BR", "KG", "MN", "ZA", "KE", "CN"
        ]  # fmt: skip


def test_case_titles_sort_by_pinyin_on_the_list(client):
    for slug, chinese, english in [
        ("zhong", "中国的案例", "China case"),
        ("a", "阿富汗的案例", "Afghanistan case"),
        ("ba", "巴西的案例", "Brazil case"),
        # No Chinese title: the English one stands in, among the syllables by its letters.
        ("english-only", "", "Kenya case"),
    ]:
        make_case(slug=slug, title_zh=chinese, title_en=english, targets=["14.1"])
    # A save after creation (an editor's change of title) keeps the key current.
    case = Case.objects.get(slug="zhong")
    case.title_zh_hans = "中国与蒙古的案例"
    case.save()

    shown = result_slugs(client.get("/zh-hans/cases/?target=14.1&sort=title"))

    assert shown == ["a", "ba", "english-only", "zhong"]
    assert Case.objects.get(slug="zhong").title_pinyin == "zhong1 guo2 yu3 meng2 gu3 de5 an4 li4"
