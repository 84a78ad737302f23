"""Data checks for fixtures/geography.json (UN M49 regions and ISO 3166-1 countries).

The fixture is read as plain JSON: no database or Django settings are needed.
"""

import json
import pathlib
import re

import pytest

FIXTURE = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "geography.json"

# M49 code -> parent code, as in the reference (plus 010 Antarctica for AQ).
EXPECTED_REGION_PARENTS = {
    "001": None,
    "002": "001",
    "015": "002",
    "202": "002",
    "014": "202",
    "017": "202",
    "018": "202",
    "011": "202",
    "019": "001",
    "419": "019",
    "029": "419",
    "013": "419",
    "005": "419",
    "021": "019",
    "142": "001",
    "143": "142",
    "030": "142",
    "035": "142",
    "034": "142",
    "145": "142",
    "150": "001",
    "151": "150",
    "154": "150",
    "039": "150",
    "155": "150",
    "009": "001",
    "053": "009",
    "054": "009",
    "057": "009",
    "061": "009",
    "010": "001",
}

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _load():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _regions():
    return {o["pk"]: o["fields"] for o in _load() if o["model"] == "cases.region"}


def _countries():
    return {o["pk"]: o["fields"] for o in _load() if o["model"] == "cases.country"}


def test_fixture_only_contains_regions_and_countries():
    models = {o["model"] for o in _load()}
    assert models == {"cases.region", "cases.country"}


def test_fixture_has_no_duplicate_primary_keys():
    keys = [(o["model"], o["pk"]) for o in _load()]
    assert len(keys) == len(set(keys))


def test_regions_match_reference_codes_and_parents():
    parents = {code: fields["parent"] for code, fields in _regions().items()}
    assert parents == EXPECTED_REGION_PARENTS


def test_regions_have_expected_names():
    regions = _regions()
    assert regions["001"]["name_zh_hans"] == "世界"
    assert regions["001"]["name_en"] == "World"
    assert regions["202"]["name_zh_hans"] == "撒哈拉以南非洲"
    assert regions["202"]["name_en"] == "Sub-Saharan Africa"
    assert regions["419"]["name_zh_hans"] == "拉丁美洲和加勒比"
    assert regions["419"]["name_en"] == "Latin America and the Caribbean"
    assert regions["014"]["name_zh_hans"] == "东部非洲"
    assert regions["014"]["name_en"] == "Eastern Africa"
    assert regions["010"]["name_zh_hans"] == "南极洲"
    assert regions["010"]["name_en"] == "Antarctica"


def test_countries_count_is_249():
    assert len(_countries()) == 249


def test_country_codes_are_iso_alpha2():
    for code in _countries():
        assert re.fullmatch(r"[A-Z]{2}", code), code


def test_countries_region_is_a_leaf_region():
    regions = _regions()
    parents = {fields["parent"] for fields in regions.values()}
    leaves = set(regions) - parents
    for code, fields in _countries().items():
        assert fields["region"], code
        assert fields["region"] in regions, code
        assert fields["region"] in leaves, (code, fields["region"])


def test_every_leaf_region_has_countries():
    regions = _regions()
    parents = {fields["parent"] for fields in regions.values()}
    used = {fields["region"] for fields in _countries().values()}
    assert used == set(regions) - parents


@pytest.mark.parametrize("model", ["cases.region", "cases.country"])
def test_names_are_non_empty_in_both_languages(model):
    for obj in _load():
        if obj["model"] != model:
            continue
        zh = obj["fields"]["name_zh_hans"]
        en = obj["fields"]["name_en"]
        assert zh and zh.strip() == zh, obj["pk"]
        assert en and en.strip() == en, obj["pk"]


@pytest.mark.parametrize("model", ["cases.region", "cases.country"])
def test_names_chinese_has_cjk_and_english_does_not(model):
    for obj in _load():
        if obj["model"] != model:
            continue
        assert CJK.search(obj["fields"]["name_zh_hans"]), obj["pk"]
        assert not CJK.search(obj["fields"]["name_en"]), obj["pk"]


@pytest.mark.parametrize("model", ["cases.region", "cases.country"])
@pytest.mark.parametrize("field", ["name_zh_hans", "name_en"])
def test_names_are_unique_within_a_language(model, field):
    names = [o["fields"][field] for o in _load() if o["model"] == model]
    duplicates = {n for n in names if names.count(n) > 1}
    assert not duplicates


@pytest.mark.parametrize(
    ("code", "zh", "en", "region"),
    [
        ("KE", "肯尼亚", "Kenya", "014"),
        ("TZ", "坦桑尼亚联合共和国", "United Republic of Tanzania", "014"),
        ("KR", "大韩民国", "Republic of Korea", "030"),
        ("KP", "朝鲜民主主义人民共和国", "Democratic People's Republic of Korea", "030"),
        ("KG", "吉尔吉斯斯坦", "Kyrgyzstan", "143"),
        ("MN", "蒙古国", "Mongolia", "030"),
        ("MA", "摩洛哥", "Morocco", "015"),
        ("SD", "苏丹", "Sudan", "015"),
        ("ET", "埃塞俄比亚", "Ethiopia", "014"),
        ("MW", "马拉维", "Malawi", "014"),
        ("MZ", "莫桑比克", "Mozambique", "014"),
        ("ZM", "赞比亚", "Zambia", "014"),
        ("ZA", "南非", "South Africa", "018"),
        ("BR", "巴西", "Brazil", "005"),
        ("BO", "多民族玻利维亚国", "Bolivia (Plurinational State of)", "005"),
        ("VE", "委内瑞拉玻利瓦尔共和国", "Venezuela (Bolivarian Republic of)", "005"),
        ("MX", "墨西哥", "Mexico", "013"),
        ("CR", "哥斯达黎加", "Costa Rica", "013"),
        ("CA", "加拿大", "Canada", "021"),
        ("IT", "意大利", "Italy", "039"),
        ("ES", "西班牙", "Spain", "039"),
        ("LU", "卢森堡", "Luxembourg", "155"),
        ("IR", "伊朗伊斯兰共和国", "Iran (Islamic Republic of)", "034"),
        ("TR", "土耳其", "Türkiye", "145"),
        ("VN", "越南", "Viet Nam", "035"),
        ("LA", "老挝人民民主共和国", "Lao People's Democratic Republic", "035"),
        ("HK", "中国香港特别行政区", "China, Hong Kong Special Administrative Region", "030"),
        ("MO", "中国澳门特别行政区", "China, Macao Special Administrative Region", "030"),
        ("TW", "中国台湾省", "Taiwan Province of China", "030"),
        ("PS", "巴勒斯坦国", "State of Palestine", "145"),
        ("AQ", "南极洲", "Antarctica", "010"),
    ],
)
def test_country_spot_check_has_exact_values(code, zh, en, region):
    fields = _countries()[code]
    assert fields == {"name_zh_hans": zh, "name_en": en, "region": region}


def test_order_regions_before_countries():
    models = [o["model"] for o in _load()]
    last_region = max(i for i, m in enumerate(models) if m == "cases.region")
    first_country = models.index("cases.country")
    assert last_region < first_country


def test_order_parents_before_children():
    seen = set()
    for obj in _load():
        if obj["model"] != "cases.region":
            continue
        parent = obj["fields"]["parent"]
        assert parent is None or parent in seen, obj["pk"]
        seen.add(obj["pk"])


def test_file_is_utf8_without_ascii_escapes():
    text = FIXTURE.read_text(encoding="utf-8")
    assert "\\u" not in text
    assert "肯尼亚" in text
