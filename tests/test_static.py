"""The stylesheet's goal colours agree with the reference data."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_stylesheet_goal_colours_match_the_sdg_fixture():
    css = (ROOT / "static" / "css" / "site.css").read_text()
    goals = [
        o
        for o in json.loads((ROOT / "fixtures" / "sdg.json").read_text())
        if o["model"] == "cases.sdggoal"
    ]
    found = {
        int(number): (colour, text)
        for number, colour, text in re.findall(
            r"\.sdg-(\d+) \{ --goal: (#[0-9A-F]{6}); --goal-text: (#[0-9A-F]{6}); \}", css
        )
    }
    assert found == {g["pk"]: (g["fields"]["colour"], g["fields"]["text_colour"]) for g in goals}


def test_templates_have_no_inline_scripts_or_styles():
    for template in (ROOT / "templates").rglob("*.html"):
        html = template.read_text()
        assert " style=" not in html, template
        # Scripts come from files; a JSON-LD data block is data, never run, so the CSP allows it.
        assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))", html), (
            template
        )
