"""The translation catalogues as files: placeholders, headers, GNU msgfmt, and the site's name.

The placeholder and header checks read the .po files with Babel, so they need no GNU gettext.
The msgfmt check runs GNU msgfmt --check (CI installs gettext; `make run` never needs it) and is
skipped, with the reason, where msgfmt is not installed.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.reading import text

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ["zh_Hans", "en"]

# %(name)s, %s, %d ... (not %%), and {name} / {0} / {}.
PERCENT = re.compile(r"%(?:\((?P<name>\w+)\))?[#0 +-]*\d*(?:\.\d+)?(?P<kind>[sdifrxXeEgGc%])")
BRACES = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")

SITE_NAME = {
    "en": "Good Practices in South-South and Triangular Cooperation",
    "zh-hans": "南南合作和三角合作良好实践",
}


def po_path(language):
    return ROOT / "locale" / language / "LC_MESSAGES" / "django.po"


def catalogue(language):
    with open(po_path(language), "rb") as po:
        return read_po(po)


def placeholders(string):
    """Named %-placeholders and {} fields as sets, positional %-placeholders in order."""
    named, positional = set(), []
    for match in PERCENT.finditer(string):
        if match["kind"] == "%":
            continue
        if match["name"]:
            named.add(f"%({match['name']}){match['kind']}")
        else:
            positional.append(f"%{match['kind']}")
    return named, positional, set(BRACES.findall(string))


def translations(language):
    """(what, msgid the translation must match, msgstr) for every translated form."""
    found = []
    for message in catalogue(language):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            singular, plural = message.id
            for index, string in enumerate(message.string):
                # With one plural form (Chinese) msgstr[0] serves every count, so it must keep
                # the plural's placeholders; with two, msgstr[0] is the singular.
                source = singular if index == 0 and len(message.string) > 1 else plural
                found.append((f"{singular!r} [{index}]", source, string))
        else:
            found.append((repr(message.id), message.id, message.string))
    return [(what, source, string) for what, source, string in found if string]


def test_placeholders_are_found_as_gettext_and_python_see_them():
    assert placeholders("%(action)s: these %(counter)s cases") == (
        {"%(action)s", "%(counter)s"},
        [],
        set(),
    )
    assert placeholders("%s of %d, 100%% done, {name} {0}") == (set(), ["%s", "%d"], {"name", "0"})
    assert placeholders("{{ not a field }}")[2] == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_the_placeholders_of_its_msgid(language):
    broken = [
        (what, string)
        for what, source, string in translations(language)
        if placeholders(string) != placeholders(source)
    ]

    assert broken == []


def test_the_plural_confirmation_keeps_its_count_in_chinese():
    message = catalogue("zh_Hans").get("%(action)s: %(counter)s case")

    assert message.id == ("%(action)s: %(counter)s case", "%(action)s: %(counter)s cases")
    assert message.string == ("%(action)s：%(counter)s 个案例",)


@pytest.mark.parametrize(
    ("language", "plural_forms", "team"),
    [
        ("zh_Hans", "nplurals=1; plural=0;", "Chinese (Simplified)"),
        ("en", "nplurals=2; plural=(n != 1);", "English"),
    ],
)
def test_catalogue_headers_are_filled_in(language, plural_forms, team):
    header = po_path(language).read_text(encoding="utf-8").split("\n\n", 1)[0]
    fields = dict(re.findall(r'^"([\w-]+): (.*?)\\n"$', header, re.MULTILINE))

    assert fields["Project-Id-Version"] == "south-south-catalogue 0.1.0"
    assert fields["Language"] == language
    assert fields["Language-Team"] == team
    assert fields["Plural-Forms"] == plural_forms
    assert fields["Content-Type"] == "text/plain; charset=utf-8"
    for default in ("PACKAGE", "YEAR-MO-DA", "FULL NAME", "EMAIL@ADDRESS", "LL@li.org"):
        assert default not in header, default


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_passes_gnu_msgfmt_check(language):
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file=/dev/null", str(po_path(language))],
        capture_output=True,
        text=True,
        check=False,
    )

    assert (result.returncode, result.stderr) == (0, "")


def test_chinese_home_totals_have_measure_words_and_field_names_do_not():
    messages = {(m.context, m.id): m.string for m in catalogue("zh_Hans") if m.id}

    assert messages[("home totals", ("country", "countries"))] == ("个国家",)
    assert messages[("home totals", ("organization", "organizations"))] == ("个组织",)
    assert messages[(None, "country")] == "国家"
    assert messages[(None, "organization")] == "组织"


def test_chinese_messages_name_the_case_rather_than_say_it():
    strings = [string for _what, _source, string in translations("zh_Hans")]

    assert [s for s in strings if s.startswith("它")] == []
    assert "该案例已发布。" in strings


def test_chinese_interface_says_liang_hao_shi_jian_as_the_source_title_does():
    strings = [string for _what, _source, string in translations("zh_Hans")]

    assert [s for s in strings if "优秀实践" in s] == []


# --------------------------------------------------------------------------- the site's name


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_site_name_is_the_same_in_header_title_home_and_citation(client, language):
    name = SITE_NAME[language]
    home = client.get(f"/{language}/").content.decode()
    case = client.get(f"/{language}/cases/transform/")

    assert f"<span>{name}</span>" in home
    assert f"<h1>{name}</h1>" in home
    assert re.search(rf"<title>[^<]* · {re.escape(name)}</title>", home)
    assert re.search(rf"<title>[^<]* · {re.escape(name)}</title>", case.content.decode())
    citation = text(case).split("引用此案例" if language == "zh-hans" else "Cite this case")[1]
    assert name in citation


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language",
    [
        "en",
        "zh-hans",
    ],
)
def test_the_feed_title_carries_the_site_name(client, language):
    xml = client.get(f"/{language}/feed/").content.decode()
    [title] = re.findall(r"<feed[^>]*>.*?<title>([^<]*)</title>", xml, re.DOTALL)

    assert title.startswith(SITE_NAME[language])


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext's xgettext is not installed"
)
def test_catalogues_hold_exactly_the_strings_of_the_code_and_templates(tmp_path):
    """makemessages, run on a copy, finds no new, no vanished and no fuzzy entry."""
    for folder in ("cases", "catalogue_site", "templates", "locale"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "-l", "en"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={**os.environ, "ALLOW_DEVELOPMENT_SECRET": "true"},
    )

    for language in LANGUAGES:
        with open(tmp_path / "locale" / language / "LC_MESSAGES" / "django.po", "rb") as po:
            remade = read_po(po)
        keys = {(m.context, m.id) for m in catalogue(language) if m.id}
        remade_keys = {(m.context, m.id) for m in remade if m.id}
        assert (remade_keys - keys, keys - remade_keys) == (set(), set()), language
        assert [m.id for m in remade if m.id and m.fuzzy] == [], language
