"""The corrections listed in README's "Data notes", checked against the fixtures that hold them.

Read as plain files: no database. Two kinds of checks:

- the corrected facts themselves, as exact values (whole sentences, names, links, codes);
- README and fixtures agree: every note under "Corrections" (and every other note that names a
  stored value) is in NOTES below, and for each note the value it quotes is both in the note's
  text and in the fixture field named here. Changing a stored value without its note, or a note
  without the data, fails.
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def load(name):
    return json.loads((ROOT / "fixtures" / f"{name}.json").read_text(encoding="utf-8"))


FIXTURES = {name: load(name) for name in ("cases", "organizations", "geography", "sdg")}


def fields(fixture, model, lookup):
    """The fields of the one object of `model` whose pk, or whose field `key`, has `value`."""
    key, value = lookup
    found = [
        obj["fields"]
        for obj in FIXTURES[fixture]
        if obj["model"] == model and (obj["pk"] if key == "pk" else obj["fields"].get(key)) == value
    ]
    assert len(found) == 1, (fixture, model, lookup)
    return found[0]


def squeeze(text):
    """Without whitespace: README wraps lines, and the Chinese text spaces digits unevenly."""
    return re.sub(r"\s+", "", text)


TRANSFORM = ("cases", "cases.case", ("slug", "transform"))
SSE = ("cases", "cases.case", ("slug", "ilo-sse-academy"))
PAGE = ("cases", "cases.case", ("slug", "page-kyrgyzstan-mongolia"))
SSE_LINK = ("cases", "cases.caselink", ("url", "https://ssecollectivebrain.net/"))


def org(slug):
    return ("organizations", "cases.organization", ("slug", slug))


def country(code):
    return ("geography", "cases.country", ("pk", code))


# README note title -> [(fixture object, field, value the field holds, the value as the note writes
# it when that differs)].
NOTES = {
    "Footnote.": [
        (
            TRANSFORM,
            "challenge_zh_hans",
            "国际劳工组织，《世界社会保障报告 2017-19》，第 9 页",
        ),
        (TRANSFORM, "challenge_en", "ILO, *World Social Protection Report 2017-19*, p. 9."),
    ],
    "EU-SPS.": [
        (org("eu-sps"), "name_zh_hans", "欧盟社会保障体系方案"),
        (org("eu-sps"), "name_en", "EU Social Protection Systems Programme"),
        (TRANSFORM, "solution_zh_hans", "欧盟社会保障体系方案 (EU-SPS) 能力发展方案"),
    ],
    "SASPEN.": [
        (org("saspen"), "name_en", "Southern African Social Protection Experts Network"),
        (org("saspen"), "name_zh_hans", "南部非洲社会保障专家网络"),
    ],
    "UNICEF.": [(org("unicef"), "name_zh_hans", "联合国儿童基金会")],
    "Call for applications.": [
        (
            TRANSFORM,
            "solution_zh_hans",
            "参与人员的甄选通过公开征集申请方式进行，征集通知由 TRANSFORM 区域合作伙伴网络分发",
        ),
        (
            TRANSFORM,
            "solution_en",
            "selected through a call for applications circulated by the TRANSFORM regional partner networks",
        ),
    ],
    "Southern Africa.": [
        (TRANSFORM, "solution_zh_hans", "南部和东部非洲"),
        (TRANSFORM, "solution_en", "Southern and Eastern Africa"),
    ],
    "Typo.": [(TRANSFORM, "solution_zh_hans", "所采用的结构")],
    "Often environmental aims.": [
        (SSE, "challenge_zh_hans", "追求明确的社会目标（往往还有环境目标）"),
        (SSE, "challenge_en", "explicit social and, often, environmental aims"),
    ],
    "Leave no one behind.": [
        (TRANSFORM, "challenge_zh_hans", "尤其是实现不让任何一个人掉队的承诺"),
        (TRANSFORM, "challenge_en", "its promise to leave no one behind"),
    ],
    "The ILO's SSTC programme.": [
        (SSE, "solution_zh_hans", "国际劳工组织南南合作和三角合作方案"),
        (SSE, "solution_en", "the ILO's South-South and triangular cooperation (SSTC) programme"),
    ],
    "SSE networks.": [
        (
            SSE,
            "solution_zh_hans",
            "亚洲团结经济理事会（ASEC）网络和社会团结经济洲际促进网络（RIPESS）",
        ),
    ],
    "XacBank.": [(PAGE, "solution_zh_hans", "XacBank"), (PAGE, "solution_en", "XacBank")],
    "The ninth academy.": [
        (SSE, "solution_zh_hans", "巴西坎皮纳斯、南非约翰内斯堡、哥斯达黎加圣何塞"),
        (SSE, "solution_en", "Campinas, Brazil; Johannesburg, South Africa; San José"),
    ],
    "The SSE Academy's website.": [
        (SSE_LINK, "url", "https://ssecollectivebrain.net/"),
        (SSE_LINK, "label_en", "formerly sseacb.net"),
        (SSE_LINK, "label_zh_hans", "原 sseacb.net"),
    ],
    "三角, not 三方.": [(SSE, "solution_zh_hans", "南南和三角安排")],
    "Member States as organizations.": [
        (org("ilo-partner-member-states"), "name_zh_hans", "国际劳工组织合作成员国"),
        (org("ilo-partner-member-states"), "name_en", "ILO partner member States"),
        (org("host-member-states"), "name_zh_hans", "相关成员国（通常为劳工部）"),
        (org("host-member-states"), "name_en", "Host member States (usually ministries of labour)"),
    ],
    "PAGE's short name.": [
        (PAGE, "short_name_en", "PAGE: Kyrgyzstan-Mongolia exchange"),
        (PAGE, "short_name_zh_hans", "PAGE：吉尔吉斯斯坦与蒙古国交流"),
    ],
    "The OECD sentence.": [
        (
            PAGE,
            "solution_zh_hans",
            "可持续金融的新工作内容由经济合作与发展组织 (OECD) 和吉尔吉斯斯坦财政部领导，"
            "其可持续公共采购倡议提供了两个范例",
        ),
        (
            PAGE,
            "solution_en",
            "Two examples are the new work on sustainable finance, led by the Organisation for "
            "Economic Co-operation and Development (OECD) and the Kyrgyz Ministry of Finance, and "
            "the Ministry's sustainable public procurement initiative",
        ),
    ],
    "Modality.": [
        (TRANSFORM, "modality", "south_south", "TRANSFORM: South-South"),
        (SSE, "modality", "triangular", "SSE Academy: triangular"),
        (PAGE, "modality", "triangular", "PAGE: triangular"),
    ],
    "Goal text colours.": [
        (
            ("sdg", "cases.sdggoal", ("pk", 1)),
            "text_colour",
            "#FFFFFF",
            "Goal 1's red therefore takes white",
        ),
    ],
    "Hong Kong and Macao.": [
        (country("HK"), "name_en", "China, Hong Kong Special Administrative Region"),
        (country("HK"), "name_zh_hans", "中国香港特别行政区"),
        (country("MO"), "name_en", "China, Macao Special Administrative Region"),
        (country("MO"), "name_zh_hans", "中国澳门特别行政区"),
    ],
    "Not verified: 蒙古国 and 多米尼加.": [
        (country("MN"), "name_zh_hans", "蒙古国", "we keep 蒙古国"),
        (country("DO"), "name_zh_hans", "多米尼加", "and 多米尼加 until someone checks"),
    ],
}


def data_notes():
    """{title: text} for every bullet of README's "Data notes" that starts with a bold title,
    and the titles of those under "Corrections"."""
    readme = README.read_text(encoding="utf-8")
    start = readme.index("\n## Data notes\n")
    section = readme[start : readme.index("\n## ", start + 1)]
    notes, corrections, part = {}, set(), None
    for block in re.split(r"\n(?=- |\*\*)", section):
        heading = re.match(r"\*\*(.+?)\*\*\s*$", block.strip())
        if heading:
            part = heading[1]
            continue
        bullet = re.match(r"- \*\*(.+?)\*\*(.*)", block, re.DOTALL)
        if bullet:
            notes[bullet[1]] = bullet[2]
            if part and part.startswith("Corrections"):
                corrections.add(bullet[1])
    return notes, corrections


NOTE_ENTRIES = [
    pytest.param(
        title, *entry, *[None] * (4 - len(entry)), id=f"{title} {entry[1]} {entry[0][2][1]}"
    )
    for title, entries in NOTES.items()
    for entry in entries
]


def test_readme_data_notes_are_found():
    notes, corrections = data_notes()

    assert {"Footnote.", "Leave no one behind.", "三角, not 三方."} <= corrections
    assert {"Modality.", "Hong Kong and Macao."} <= set(notes) - corrections


def test_every_correction_in_the_readme_is_checked_here_and_every_note_here_is_in_the_readme():
    notes, corrections = data_notes()

    assert sorted(corrections - set(NOTES)) == []
    assert sorted(set(NOTES) - set(notes)) == []


@pytest.mark.parametrize(("title", "target", "field", "value", "as_written"), NOTE_ENTRIES)
def test_each_note_names_a_value_that_its_field_really_holds(
    title, target, field, value, as_written
):
    notes, _corrections = data_notes()
    stored = fields(*target)[field]

    assert squeeze(value) in squeeze(stored)
    assert squeeze(as_written or value) in squeeze(notes[title])


# --------------------------------------------------------------------------- the corrected facts


def full_sentence(text, sentence):
    """True if `sentence` stands in `text` as a whole sentence (or list item, or bold run)."""
    # A Chinese sentence ends at its 。 whatever follows; an English one before a space or the end.
    end = "" if sentence.endswith("。") else r"(?=$|[\s*])"
    pattern = r"(?:^|(?<=[\s。*]))" + re.escape(sentence) + end
    return re.search(pattern, text, re.MULTILINE) is not None


@pytest.mark.parametrize(
    ("target", "field", "sentence"),
    [
        (
            TRANSFORM,
            "challenge_zh_hans",
            "目前来看，要想实现 2030 年可持续发展议程，尤其是实现不让任何一个人掉队的承诺，社会保障的作用和潜力至关重要。",
        ),
        (
            TRANSFORM,
            "challenge_en",
            "Yet the role and potential of social protection are vital to achieving the 2030 Agenda "
            "for Sustainable Development, and in particular its promise to leave no one behind.",
        ),
        (
            TRANSFORM,
            "challenge_en",
            "Despite a few success stories and frontrunner countries, sub-Saharan Africa remains the "
            "region with the lowest social protection coverage in the world.[^1]",
        ),
        (
            TRANSFORM,
            "solution_en",
            "The approach also places strong emphasis on driving change: the courses aim to leave "
            "each participant with a sense of ownership of change and an action plan for leading it.",
        ),
        (
            TRANSFORM,
            "solution_en",
            "To be certified, trainers must first complete the course themselves; they can then "
            "deliver training with the support of master trainers.",
        ),
        (
            TRANSFORM,
            "solution_en",
            "An online version of the course was developed to extend the reach of the training as far "
            "as possible, and the first online course drew participants from 19 countries.",
        ),
        (
            SSE,
            "solution_zh_hans",
            "在国际劳工组织南南合作和三角合作方案的奖学金资助下，国际劳工组织社会经济和团结经济学院广迎来自各南方国家的参与者。",
        ),
        (
            SSE,
            "solution_en",
            "Thanks to scholarships funded by the ILO's South-South and triangular cooperation (SSTC) "
            "programme, the ILO SSE Academy welcomes participants from countries across the South.",
        ),
        (
            SSE,
            "solution_zh_hans",
            "目前已经建设完成的共有九个学院（意大利都灵、加拿大蒙特利尔、摩洛哥阿加迪尔、墨西哥普埃布拉、"
            "巴西坎皮纳斯、南非约翰内斯堡、哥斯达黎加圣何塞、大韩民国首尔和卢森堡卢森堡市）。",
        ),
        (
            SSE,
            "solution_zh_hans",
            "**南南和三角安排可以扩大社会经济和团结经济在国家环境中的影响，其方式是建立地区和区域间网络和平台，用于知识和经验分享。",
        ),
        (
            PAGE,
            "solution_en",
            "Kyrgyzstan, which has begun its transition to a green economy, was keen to learn from "
            "Mongolia's experience with PAGE, including its lessons learned, challenges and "
            "achievements (Mongolia is nearing the end of its PAGE-supported programme).",
        ),
    ],
    ids=lambda value: value[2][1] if isinstance(value, tuple) else None,
)
def test_corrected_sentences_are_stored_exactly(target, field, sentence):
    assert full_sentence(fields(*target)[field], sentence)


@pytest.mark.parametrize(
    ("target", "field", "value"),
    [
        (PAGE, "short_name_en", "PAGE: Kyrgyzstan-Mongolia exchange"),
        (PAGE, "short_name_zh_hans", "PAGE：吉尔吉斯斯坦与蒙古国交流"),
        (SSE, "modality", "triangular"),
        (SSE_LINK, "url", "https://ssecollectivebrain.net/"),
        (
            SSE_LINK,
            "label_en",
            "SSE Collective Brain, the SSE Academy's website (ssecollectivebrain.net, formerly sseacb.net)",
        ),
        (
            SSE_LINK,
            "label_zh_hans",
            "社会经济和团结经济学院的 SSE Collective Brain 网站（ssecollectivebrain.net，原 sseacb.net）",
        ),
        (org("ilo-partner-member-states"), "name_zh_hans", "国际劳工组织合作成员国"),
        (org("host-member-states"), "name_en", "Host member States (usually ministries of labour)"),
        (("sdg", "cases.sdggoal", ("pk", 1)), "text_colour", "#FFFFFF"),
        (
            ("sdg", "cases.sdgtarget", ("pk", "17.6")),
            "label_zh_hans",
            "南北、南南和三角科技创新合作",
        ),
        (country("HK"), "name_zh_hans", "中国香港特别行政区"),
        (country("MO"), "name_en", "China, Macao Special Administrative Region"),
    ],
)
def test_corrected_values_are_stored_exactly(target, field, value):
    assert fields(*target)[field] == value


def test_policymakers_is_one_word_in_every_case():
    english = " ".join(
        value
        for obj in FIXTURES["cases"]
        for key, value in obj["fields"].items()
        if key.endswith("_en") and isinstance(value, str)
    )

    assert "policymakers" in english
    assert not re.search(r"policy[ -]makers?", english, re.IGNORECASE)
    for calque in ("front-running", "Moreover", "has embarked on", "take part in a training"):
        assert calque not in english, calque
