"""Data checks for fixtures/sdg.json (the 17 SDGs and their 169 targets).

The fixture is read as plain JSON: no database or Django settings are needed.
"""

import json
import pathlib
import re
import string

import pytest

FIXTURE = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "sdg.json"

# goal -> (official colour, English short name, Chinese short name), as in the reference.
EXPECTED_GOALS = {
    1: ("#E5243B", "No poverty", "无贫穷"),
    2: ("#DDA63A", "Zero hunger", "零饥饿"),
    3: ("#4C9F38", "Good health and well-being", "良好健康与福祉"),
    4: ("#C5192D", "Quality education", "优质教育"),
    5: ("#FF3A21", "Gender equality", "性别平等"),
    6: ("#26BDE2", "Clean water and sanitation", "清洁饮水和卫生设施"),
    7: ("#FCC30B", "Affordable and clean energy", "经济适用的清洁能源"),
    8: ("#A21942", "Decent work and economic growth", "体面工作和经济增长"),
    9: ("#FD6925", "Industry, innovation and infrastructure", "产业、创新和基础设施"),
    10: ("#DD1367", "Reduced inequalities", "减少不平等"),
    11: ("#FD9D24", "Sustainable cities and communities", "可持续城市和社区"),
    12: ("#BF8B2E", "Responsible consumption and production", "负责任消费和生产"),
    13: ("#3F7E44", "Climate action", "气候行动"),
    14: ("#0A97D9", "Life below water", "水下生物"),
    15: ("#56C02B", "Life on land", "陆地生物"),
    16: ("#00689D", "Peace, justice and strong institutions", "和平、正义与强大机构"),
    17: ("#19486A", "Partnerships for the goals", "促进目标实现的伙伴关系"),
}

# goal -> (numbered targets, lettered targets): e.g. 8 -> 8.1-8.10, 8.a, 8.b.
EXPECTED_TARGET_COUNTS = {
    1: (5, 2),
    2: (5, 3),
    3: (9, 4),
    4: (7, 3),
    5: (6, 3),
    6: (6, 2),
    7: (3, 2),
    8: (10, 2),
    9: (5, 3),
    10: (7, 3),
    11: (7, 3),
    12: (8, 3),
    13: (3, 2),
    14: (7, 3),
    15: (9, 3),
    16: (10, 2),
    17: (19, 0),
}

GOAL_FIELDS = {"name_zh_hans", "name_en", "colour", "text_colour"}
TARGET_FIELDS = {"goal", "label_zh_hans", "label_en", "position"}
BLACK, WHITE = "#000000", "#FFFFFF"
WCAG_AA_NORMAL_TEXT = 4.5

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
HEX_COLOUR = re.compile(r"^#[0-9A-F]{6}$")


def _load():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _goals():
    return {o["pk"]: o["fields"] for o in _load() if o["model"] == "cases.sdggoal"}


def _targets():
    return {o["pk"]: o["fields"] for o in _load() if o["model"] == "cases.sdgtarget"}


def _expected_codes_in_order():
    codes = []
    for goal, (numbered, lettered) in EXPECTED_TARGET_COUNTS.items():
        codes += [f"{goal}.{i}" for i in range(1, numbered + 1)]
        codes += [f"{goal}.{letter}" for letter in string.ascii_lowercase[:lettered]]
    return codes


def _index_within_goal():
    counters = {}
    for code in _expected_codes_in_order():
        goal = code.split(".")[0]
        counters[goal] = counters.get(goal, 0) + 1
        yield counters[goal], code


def _relative_luminance(colour):
    """WCAG 2.x relative luminance of an sRGB colour written as #RRGGBB."""

    def linear(channel):
        c = int(channel, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(colour_a, colour_b):
    lighter, darker = sorted(
        (_relative_luminance(colour_a), _relative_luminance(colour_b)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def test_fixture_is_a_list_of_sdg_objects_only():
    data = _load()
    assert isinstance(data, list)
    assert {o["model"] for o in data} == {"cases.sdggoal", "cases.sdgtarget"}
    assert all(set(o) == {"model", "pk", "fields"} for o in data)


def test_fixture_fields_use_only_language_variants():
    for obj in _load():
        expected = GOAL_FIELDS if obj["model"] == "cases.sdggoal" else TARGET_FIELDS
        assert set(obj["fields"]) == expected, obj["pk"]
        assert "name" not in obj["fields"] and "label" not in obj["fields"]


def test_goals_are_numbered_1_to_17():
    goals = _goals()
    assert len(goals) == 17
    assert sorted(goals) == list(range(1, 18))
    assert all(type(pk) is int for pk in goals)


def test_goals_names_match_reference_in_both_languages():
    goals = _goals()
    for number, (_colour, name_en, name_zh) in EXPECTED_GOALS.items():
        assert goals[number]["name_en"] == name_en, number
        assert goals[number]["name_zh_hans"] == name_zh, number


def test_goals_colours_match_official_values():
    goals = _goals()
    for number, (colour, _name_en, _name_zh) in EXPECTED_GOALS.items():
        assert HEX_COLOUR.match(goals[number]["colour"]), number
        assert goals[number]["colour"] == colour, number


def test_goals_text_colour_passes_wcag_aa():
    for number, fields in _goals().items():
        assert fields["text_colour"] in (BLACK, WHITE), number
        contrast = _contrast(fields["colour"], fields["text_colour"])
        assert contrast >= WCAG_AA_NORMAL_TEXT, (number, round(contrast, 2))


def test_goals_text_colour_is_white_as_in_the_sdg_branding_wherever_white_passes():
    # The SDG branding sets white on every goal colour; black only where white fails AA.
    for number, fields in _goals().items():
        white_passes = _contrast(fields["colour"], WHITE) >= WCAG_AA_NORMAL_TEXT
        assert fields["text_colour"] == (WHITE if white_passes else BLACK), number


def test_goal_1_red_takes_white_text_though_black_contrasts_a_little_more():
    red = _goals()[1]["colour"]

    assert _goals()[1]["text_colour"] == WHITE
    assert round(_contrast(red, WHITE), 2) == 4.52
    assert round(_contrast(red, BLACK), 2) == 4.65


def test_goals_text_colours_are_black_exactly_where_white_fails():
    black = {number for number, fields in _goals().items() if fields["text_colour"] == BLACK}

    assert black == {2, 3, 5, 6, 7, 9, 11, 12, 14, 15}


def test_contrast_formula_matches_known_values():
    assert round(_contrast(BLACK, WHITE), 2) == 21.0
    assert round(_contrast(WHITE, WHITE), 2) == 1.0
    # Mid grey #767676 is the darkest grey that reaches 4.5:1 on white.
    assert _contrast("#767676", WHITE) >= WCAG_AA_NORMAL_TEXT > _contrast("#777777", WHITE)


def test_targets_count_is_169():
    assert len(_targets()) == 169
    assert sum(n + m for n, m in EXPECTED_TARGET_COUNTS.values()) == 169


def test_targets_codes_match_reference_ranges():
    assert set(_targets()) == set(_expected_codes_in_order())


def test_targets_codes_have_no_duplicate_objects():
    codes = [o["pk"] for o in _load() if o["model"] == "cases.sdgtarget"]
    assert len(codes) == len(set(codes))


def test_targets_goal_equals_number_before_dot():
    for code, fields in _targets().items():
        assert type(fields["goal"]) is int, code
        assert fields["goal"] == int(code.split(".")[0]), code


def test_targets_positions_are_unique_integers():
    positions = [f["position"] for f in _targets().values()]
    assert all(type(p) is int and p > 0 for p in positions)
    assert len(positions) == len(set(positions))


def test_targets_position_order_is_natural_order():
    targets = _targets()
    by_position = sorted(targets, key=lambda code: targets[code]["position"])
    assert by_position == _expected_codes_in_order()


def test_targets_position_orders_8_2_before_8_10_before_8_a():
    targets = _targets()
    assert targets["8.2"]["position"] < targets["8.10"]["position"] < targets["8.a"]["position"]
    assert targets["8.a"]["position"] < targets["8.b"]["position"] < targets["9.1"]["position"]
    assert targets["16.9"]["position"] < targets["16.10"]["position"] < targets["16.a"]["position"]
    assert targets["17.2"]["position"] < targets["17.10"]["position"] < targets["17.19"]["position"]


def test_targets_numbered_precede_lettered_within_each_goal():
    targets = _targets()
    for goal in EXPECTED_TARGET_COUNTS:
        mine = {c: f["position"] for c, f in targets.items() if f["goal"] == goal}
        numbered = [p for c, p in mine.items() if c.split(".")[1].isdigit()]
        lettered = [p for c, p in mine.items() if not c.split(".")[1].isdigit()]
        if lettered:
            assert max(numbered) < min(lettered), goal


def test_targets_position_is_goal_times_100_plus_index():
    targets = _targets()
    for index_in_goal, code in _index_within_goal():
        goal = int(code.split(".")[0])
        assert targets[code]["position"] == goal * 100 + index_in_goal, code


def test_labels_non_empty_in_both_languages():
    for pk, fields in {**_goals(), **_targets()}.items():
        for key in ("name_zh_hans", "name_en", "label_zh_hans", "label_en"):
            if key in fields:
                value = fields[key]
                assert isinstance(value, str) and value.strip() == value and value, (pk, key)


def test_labels_chinese_contain_cjk_and_no_latin_letters():
    for code, fields in _targets().items():
        assert CJK.search(fields["label_zh_hans"]), code
        assert not LATIN_LETTER.search(fields["label_zh_hans"]), code


def test_labels_english_are_ascii_without_cjk():
    for code, fields in _targets().items():
        assert not CJK.search(fields["label_en"]), code
        assert fields["label_en"].isascii(), code


def test_labels_are_short():
    for code, fields in _targets().items():
        assert 2 <= len(fields["label_en"].split()) <= 10, code
        assert 4 <= len(CJK.findall(fields["label_zh_hans"])) <= 16, code


def test_labels_unique_within_each_goal():
    targets = _targets()
    for goal in EXPECTED_TARGET_COUNTS:
        mine = [f for f in targets.values() if f["goal"] == goal]
        for key in ("label_en", "label_zh_hans"):
            labels = [f[key].casefold() for f in mine]
            assert len(labels) == len(set(labels)), (goal, key)


# Pairs that used to say different things in the two languages (e.g. 3.5 named alcohol only in
# Chinese, 4.7 global citizenship only in Chinese, 8.3 job creation only in English).
@pytest.mark.parametrize(
    ("code", "label_en", "label_zh_hans"),
    [
        (
            "2.4",
            "Sustainable food production and resilient farming practices",
            "可持续粮食生产体系和抗灾农作方法",
        ),
        (
            "3.5",
            "Prevent and treat substance abuse and harmful use of alcohol",
            "预防和治疗药物滥用及有害使用酒精",
        ),
        (
            "3.9",
            "Reduce deaths and illnesses from hazardous chemicals and pollution",
            "减少危险化学品和污染致死致病",
        ),
        (
            "4.7",
            "Education for sustainable development and global citizenship",
            "可持续发展教育和全球公民意识",
        ),
        (
            "8.3",
            "Decent jobs, entrepreneurship and micro-, small and medium-sized enterprises",
            "体面就业、创业和中小微企业",
        ),
        ("8.9", "Sustainable tourism that creates jobs", "促进可创造就业的可持续旅游业"),
        (
            "17.6",
            "North-South, South-South and triangular cooperation on science, technology and innovation",
            "南北、南南和三角科技创新合作",
        ),
    ],
)
def test_target_label_pairs_say_the_same_in_both_languages(code, label_en, label_zh_hans):
    fields = _targets()[code]

    assert (fields["label_en"], fields["label_zh_hans"]) == (label_en, label_zh_hans)
