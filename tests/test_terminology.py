"""Terminology: the words the United Nations uses, the same in every template, catalogue and fixture.

Read as plain files: no database. "Triangular cooperation" is 三角合作 (SDG target 17.9, the UN's
own Chinese, and the source publication's title); 三方合作 is a mistranslation, and so is 三方 for
"triangular" in any other phrase (三方安排). 第三方 ("a third party") is a different word.
"""

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = sorted(p for p in (ROOT / "templates").rglob("*") if p.is_file())
CATALOGUES = sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po"))
FIXTURES = sorted((ROOT / "fixtures").glob("*.json"))

TRIANGULAR_MISTRANSLATED = re.compile(r"(?<!第)三方(?:合作|安排)|南南和三方")
# UN editorial style writes "policymakers" and "policymaking" as one word.
POLICY_MAKERS = re.compile(r"\bpolicy[ -]makers?\b|\bpolicy[ -]making\b", re.IGNORECASE)


def relative(path):
    return path.relative_to(ROOT).as_posix()


def english_fixture_values():
    for path in FIXTURES:
        for obj in json.loads(path.read_text(encoding="utf-8")):
            for key, value in obj["fields"].items():
                if key.endswith("_en") and isinstance(value, str):
                    yield f"{relative(path)} {obj['model']} {obj['pk']} {key}", value


def catalogue(language):
    with open(ROOT / "locale" / language / "LC_MESSAGES" / "django.po", "rb") as po:
        return read_po(po)


def test_the_files_checked_are_there():
    assert {relative(p) for p in CATALOGUES} == {
        "locale/en/LC_MESSAGES/django.po",
        "locale/zh_Hans/LC_MESSAGES/django.po",
    }
    assert "templates/base.html" in {relative(p) for p in TEMPLATES}
    assert {p.name for p in FIXTURES} == {
        "cases.json",
        "geography.json",
        "organizations.json",
        "sdg.json",
    }


@pytest.mark.parametrize("path", [*TEMPLATES, *CATALOGUES, *FIXTURES], ids=relative)
def test_triangular_cooperation_is_never_sanfang(path):
    text = path.read_text(encoding="utf-8")

    found = [
        (text.count("\n", 0, match.start()) + 1, match.group())
        for match in TRIANGULAR_MISTRANSLATED.finditer(text)
    ]

    assert found == []


def test_the_pattern_finds_the_mistranslations_and_spares_a_third_party():
    assert TRIANGULAR_MISTRANSLATED.search("南南合作和三方合作")
    assert TRIANGULAR_MISTRANSLATED.search("南南和三方安排")
    assert not TRIANGULAR_MISTRANSLATED.search("与第三方的合作")
    assert not TRIANGULAR_MISTRANSLATED.search("南南合作和三角合作")


def test_the_modality_is_called_sanjiao_hezuo_in_chinese():
    messages = {message.id: message.string for message in catalogue("zh_Hans")}

    assert messages["Triangular cooperation"] == "三角合作"
    assert messages["South-South cooperation"] == "南南合作"


def test_sdg_target_17_6_says_triangular_in_both_languages():
    sdg = json.loads((ROOT / "fixtures" / "sdg.json").read_text(encoding="utf-8"))
    [target] = [o["fields"] for o in sdg if o["model"] == "cases.sdgtarget" and o["pk"] == "17.6"]

    assert "三角" in target["label_zh_hans"]
    assert "triangular" in target["label_en"]


def english_catalogue_texts():
    """Every English string of the interface: the msgids and the English catalogue's msgstrs."""
    for message in catalogue("en"):
        if message.id:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            yield f"locale/en {ids[0]!r}", " ".join([*ids, *strings])


def test_english_says_policymakers_in_one_word():
    texts = [(relative(p), p.read_text(encoding="utf-8")) for p in TEMPLATES]
    texts += [*english_catalogue_texts(), *english_fixture_values()]

    assert [where for where, text in texts if POLICY_MAKERS.search(text)] == []
