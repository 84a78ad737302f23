"""Names in a volume -> the catalogue's countries, regions and organizations, with the usual
variants; unknown names come back with suggestions; new addresses are unique."""

import pytest

from cases.imports.parser import ParsedCase
from cases.reads.import_matching import Reference, slug_for
from tests.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference():
    return Reference.load()


def places(reference, names, language="zh-hans"):
    return [(m.written, m.countries, m.regions) for m in reference.places(names, language)]


def test_country_variants(reference):
    assert places(reference, ["大韩民国", "韩国", "坦桑尼亚", "蒙古国", "越南"]) == [
        ("大韩民国", ["KR"], []),
        ("韩国", ["KR"], []),
        ("坦桑尼亚", ["TZ"], []),
        ("蒙古国", ["MN"], []),
        ("越南", ["VN"], []),
    ]
    english = ["Tanzania", "United Republic of Tanzania", "Republic of Korea", "Laos", "Bolivia"]
    assert [m.countries for m in reference.places(english, "en")] == [
        ["TZ"], ["TZ"], ["KR"], ["LA"], ["BO"]
    ]  # fmt: skip


def test_regions_and_lists(reference):
    assert places(reference, ["非洲地区", "全球（目前为止涉及巴西、加拿大）"]) == [
        ("非洲地区", [], ["002"]),
        ("全球", [], ["001"]),
        ("巴西", ["BR"], []),
        ("加拿大", ["CA"], []),
    ]
    assert places(reference, ["Africa region", "Mozambique and Zimbabwe"], "en") == [
        ("Africa region", [], ["002"]),
        ("Mozambique and Zimbabwe", ["MZ", "ZW"], []),
    ]


def test_unknown_place_has_suggestions(reference):
    (match,) = reference.places(["肯尼"], "zh-hans")
    assert not match.matched
    assert "肯尼亚" in match.suggestions


def organizations(reference, names, language="zh-hans"):
    from cases.models import Organization

    slugs = dict(Organization.objects.values_list("pk", "slug"))
    return [
        (m.written, [slugs[pk] for pk in m.organizations], m.suggestions)
        for m in reference.organizations_of(names, language)
    ]


def test_organizations_by_name_acronym_and_group(reference):
    assert organizations(reference, ["南非社会保障专家网络 - SASPEN", "UNDP"]) == [
        ("南非社会保障专家网络 - SASPEN", ["saspen"], []),
        ("UNDP", ["undp"], []),
    ]
    assert organizations(reference, ["International Labour Organization (ILO)"], "en") == [
        ("International Labour Organization (ILO)", ["ilo"], [])
    ]
    assert organizations(reference, ["绿色经济行动伙伴关系（国际劳工组织、联合国环境规划署）"]) == [
        ("绿色经济行动伙伴关系（国际劳工组织、联合国环境规划署）", ["page", "ilo", "unep"], [])
    ]
    assert organizations(reference, ["国际劳工组织和合作成员国"]) == [
        ("国际劳工组织", ["ilo"], []),
        ("合作成员国", [], ["国际劳工组织合作成员国"]),
    ]


def test_new_addresses_are_unique():
    make_case(slug="water-partnership")
    case = ParsedCase(language="en", line=1, project_name="Water Partnership")
    assert slug_for(case, "en") == "water-partnership-2"
    chinese = ParsedCase(language="zh-hans", line=1, project_name="水务伙伴")
    assert slug_for(chinese, "zh-hans") == "shui-wu-huo-ban"
