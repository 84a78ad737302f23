"""A case as a citation for reference managers (Zotero, EndNote, Mendeley): BibTeX, RIS and
CSL-JSON, in the language of the page that offers them.

A case is cited as a chapter of its source publication (publisher, title, volume, year, read
from the case's `source` text as the editors write it: "United Nations Office for South-South
Cooperation, Good Practices in …, Volume 2, 2018" or "联合国南南合作办公室：《…》，第 2 卷，
2018 年"),
with the case's permanent address in this catalogue and the date it was accessed. A source
that does not read that way is cited whole as the container title.
"""

import json
import re
from dataclasses import dataclass

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from ..reads.records import case_records, in_language, published_case_id
from ..site import SITE_NAME
from ..sources import YEAR

VOLUME = re.compile(r"(?:\b(?:Volume|Vol\.)\s*([0-9]+)\b|第\s*([0-9]+)\s*卷)", re.IGNORECASE)
CHINESE_TITLE = re.compile(r"《([^》]+)》")
# BCP 47, as reference managers expect.
LANGUAGE_TAGS = {"zh-hans": "zh-Hans", "en": "en"}
FORMATS = {
    "bib": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
}


@dataclass(frozen=True)
class Publication:
    publisher: str
    title: str
    volume: str
    year: str


def publication(source):
    """The source publication's parts, as far as the text says them."""
    source = " ".join(source.split())
    years = YEAR.findall(source)
    volume = VOLUME.search(source)
    year = years[-1] if years else ""
    volume_number = (volume.group(1) or volume.group(2)) if volume else ""
    chinese = CHINESE_TITLE.search(source)
    if chinese:
        publisher = re.split(r"[：:]", source[: chinese.start()], maxsplit=1)[0].strip(" ，,")
        return Publication(publisher, chinese.group(1).strip(), volume_number, year)
    parts = [part.strip() for part in source.split(",") if part.strip()]
    if len(parts) >= 3:
        title_parts = [
            part for part in parts[1:] if not VOLUME.fullmatch(part) and not YEAR.fullmatch(part)
        ]
        return Publication(parts[0], ", ".join(title_parts), volume_number, year)
    return Publication("", source, volume_number, year)


def citation(record, language, permalink, accessed):
    """The citation's fields (CSL names), for one language."""
    title = in_language(record["title"], language)
    short_name = in_language(record["short_name"], language)
    if short_name and short_name.casefold() not in title.casefold():
        title = f"{short_name}: {title}"
    source = publication(in_language(record["source"], language))
    item = {
        "id": record["slug"],
        "type": "chapter",
        "title": title,
        "container-title": source.title,
        "publisher": source.publisher,
        "volume": source.volume,
        "issued": {"date-parts": [[int(source.year)]]} if source.year else None,
        "URL": permalink,
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
        "language": LANGUAGE_TAGS.get(language, language),
        "note": str(SITE_NAME),
    }
    return {key: value for key, value in item.items() if value}


def csl_json(item):
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_text(value):
    return "".join(BIBTEX_SPECIAL.get(ch, ch) for ch in " ".join(str(value).split()))


def bibtex(item):
    accessed = "-".join(f"{part:02d}" for part in item["accessed"]["date-parts"][0])
    fields = [
        # Double braces keep the title's capitals (acronyms) as written.
        ("title", "{" + bibtex_text(item["title"]) + "}"),
        ("booktitle", bibtex_text(item.get("container-title", ""))),
        ("publisher", bibtex_text(item.get("publisher", ""))),
        ("volume", item.get("volume", "")),
        ("year", str(item["issued"]["date-parts"][0][0]) if "issued" in item else ""),
        ("url", item["URL"]),
        ("urldate", accessed),
        ("language", item["language"]),
        ("note", bibtex_text(item["note"])),
    ]
    key = re.sub(r"[^A-Za-z0-9_-]", "-", item["id"])
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@incollection{{{key},\n{body}\n}}\n"


def ris_text(value):
    return " ".join(str(value).split())


def ris(item):
    accessed = "/".join(f"{part:02d}" for part in item["accessed"]["date-parts"][0])
    lines = [
        ("TY", "CHAP"),
        ("TI", item["title"]),
        ("T2", item.get("container-title", "")),
        ("PB", item.get("publisher", "")),
        ("VL", item.get("volume", "")),
        ("PY", str(item["issued"]["date-parts"][0][0]) if "issued" in item else ""),
        ("UR", item["URL"]),
        ("Y2", accessed),
        ("LA", item["language"]),
        ("DB", item["note"]),
    ]
    text = "".join(f"{tag}  - {ris_text(value)}\r\n" for tag, value in lines if value)
    return text + "ER  - \r\n"


WRITERS = {"bib": bibtex, "ris": ris, "json": csl_json}


def case_citation(request, slug, kind):
    """/<lang>/cases/<slug>/citation.bib|.ris|.json: the case's citation as a download."""
    if kind not in WRITERS:
        raise Http404(_("There is no such citation format."))
    pk = published_case_id(slug)
    if pk is None:
        raise Http404(_("There is no published case at this address."))
    (record,) = case_records([pk])
    language = get_language()
    with override(language):
        permalink = request.build_absolute_uri(reverse("cases:case_detail", kwargs={"slug": slug}))
    item = citation(record, language, permalink, timezone.localdate())
    content_type, extension = FORMATS[kind]
    response = HttpResponse(WRITERS[kind](item), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slug}.{extension}"'
    return response
