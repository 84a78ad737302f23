"""A publication volume's text -> cases as plain data, with every problem and its line number.

Pure functions: no database, no files. The layout (cases/imports/layout.py) is, per case:
a title line, a tagline, the challenge heading and its paragraphs, the solution heading and its
paragraphs, the contacts heading and the contacts, then the closing block of "label : value"
lines. Between cases and inside paragraphs the page layout leaves furniture behind (photo
credits, caption names, page numbers, running headers, paragraphs cut by a photo): it is
dropped or joined here, and every such step is reported, so an editor can check it.

`parse_volume(lines, language)` returns a `Volume`: its cases (`ParsedCase`) and the problems
that belong to no case. A problem is an `error` (the case cannot be imported as it is) or a
`note` (imported; worth a look).
"""

import dataclasses
import re

from django.utils.translation import gettext as _

from . import layout

ERROR, NOTE = "error", "note"

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPERSCRIPT_VALUES = {char: str(number) for number, char in enumerate(SUPERSCRIPTS)}
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
BULLET = re.compile(r"^\s*(?:[-–•·▪●◦■]|\d{1,2}[.)、])\s+")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
# A paragraph that ends like this is complete; any other is cut by the layout and goes on in
# the next paragraph.
COMPLETE_END = re.compile(r"[。！？；：.!?;:…”’\"')）」』】》*]$")
PAGE_NUMBER = re.compile(r"^\s*(?:[-–]\s*)?\d{1,4}(?:\s*[-–])?\s*$")
PHOTO_CREDIT = re.compile(r"^\s*(?:©|\(c\)|photo\s*:|图片\s*[:：]|摄影\s*[:：])", re.IGNORECASE)
# A caption's bare name: two to four capitalised Latin words and nothing else.
CAPTION_NAME = re.compile(r"^\s*[A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’.-]*){1,3}\s*$")
FOOTNOTE_LINE = re.compile(rf"^\s*([{SUPERSCRIPTS}]+)\s*(\S.*)$")
FOOTNOTE_MARK = re.compile(rf"(?<=[\w.,;:。，；：！？)）”’\u3400-\u9fff])([{SUPERSCRIPTS}]+)\s*")
TARGET_CODE = re.compile(r"^(\d{1,2})\.(\d{1,2}|[a-z])$")
YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")
MAX_TITLE = 300


@dataclasses.dataclass(frozen=True)
class Problem:
    line: int
    message: str
    level: str = ERROR

    def __str__(self):
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclasses.dataclass
class Contact:
    name: str
    honorific: str
    job_title: str
    emails: list
    line: int


@dataclasses.dataclass
class ParsedCase:
    language: str
    line: int  # of the title line
    end_line: int = 0
    heading: str = ""  # the title line: the case's short name
    headline: str = ""
    challenge: str = ""
    solution: str = ""
    contacts: list = dataclasses.field(default_factory=list)
    project_name: str = ""
    countries: list = dataclasses.field(default_factory=list)  # names as written, in order
    nominated_by: list = dataclasses.field(default_factory=list)
    supported_by: list = dataclasses.field(default_factory=list)
    implemented_by: list = dataclasses.field(default_factory=list)
    sdg_targets: list = dataclasses.field(default_factory=list)
    status: str = ""
    start_year: int | None = None
    end_year: int | None = None
    links: list = dataclasses.field(default_factory=list)
    block_lines: dict = dataclasses.field(default_factory=dict)  # key -> line number
    problems: list = dataclasses.field(default_factory=list)

    @property
    def title(self):
        return self.project_name or self.heading

    @property
    def has_errors(self):
        return any(problem.level == ERROR for problem in self.problems)

    def error(self, line, message):
        self.problems.append(Problem(line, message, ERROR))

    def note(self, line, message):
        self.problems.append(Problem(line, message, NOTE))


@dataclasses.dataclass
class Volume:
    language: str
    cases: list
    problems: list  # about the file, not one case


# --- splitting the volume into cases ------------------------------------------------------


@dataclasses.dataclass
class _Section:
    """The raw lines of one case, by part: (line number, text) pairs."""

    start: int
    header: list = dataclasses.field(default_factory=list)
    parts: dict = dataclasses.field(default_factory=dict)  # heading key -> [(number, text)]
    heading_lines: dict = dataclasses.field(default_factory=dict)
    block: list = dataclasses.field(default_factory=list)  # (number, key, value)
    order: list = dataclasses.field(default_factory=list)  # headings in the order met


def _bare(text):
    return re.sub(r"[\s\d|·•-]+", "", text).casefold()


def _running_header(text):
    bare = _bare(text)
    return bool(bare) and any(bare == _bare(header) for header in layout.RUNNING_HEADERS)


def parse_volume(lines, language=None):
    """Parse `lines` (str, without line ends; line 1 first) of one edition."""
    language = language or layout.detect_language(lines)
    if language is None:
        return Volume(
            "",
            [],
            [
                Problem(
                    1,
                    _(
                        "No case found: the file has none of the headings "
                        "(挑战 / Challenge) or closing-block labels (项目名称 / Project name) "
                        "of a volume."
                    ),
                )
            ],
        )
    sections, problems = _split(lines, language)
    cases = [_parse_case(section, language) for section in sections]
    _flag_duplicate_titles(cases)
    if not cases and not problems:
        problems.append(Problem(1, _("No case found in the file.")))
    return Volume(language, cases, problems)


def _split(lines, language):
    sections, problems = [], []
    current = None
    state = "between"
    last_label_line = last_text_line = None
    for number, raw in enumerate(lines, start=1):
        # PDF text often has runs of spaces where the layout justified a line.
        text = re.sub(r"(?<=\S)[ \t]{2,}", " ", raw.replace("\u00a0", " ").replace("\u3000", " "))
        text = text.rstrip()
        if not text.strip():
            last_label_line = None
            continue
        last_text_line = number
        heading = layout.heading_of(text, language)
        label = layout.label_of(text, language)
        if state in ("between", "block") and heading is None and label is None:
            if state == "block" and last_label_line is not None:
                # A long value wrapped onto the next line.
                block_number, key, value = current.block[-1]
                current.block[-1] = (block_number, key, f"{value} {text.strip()}")
                last_label_line = number
                continue
            if PAGE_NUMBER.match(text) or _running_header(text):
                continue
            if state == "block" or current is None:
                current = _Section(start=number)
                sections.append(current)
                state = "between"
            current.header.append((number, text.strip()))
            continue
        if heading is not None:
            if current is None or state == "block":
                current = _Section(start=number)
                sections.append(current)
            elif heading == "challenge" and current.order:
                # A new case starts before the last one ended: the previous one is cut short,
                # and its last two paragraphs are this case's title and tagline.
                current = _cut_short(current, number)
                sections.append(current)
            if heading in current.parts:
                current.parts[heading].append((number, text.strip()))
            else:
                current.parts[heading] = []
                current.heading_lines[heading] = number
                current.order.append(heading)
            state = heading
            last_label_line = None
            continue
        if label is not None:
            if current is None:
                current = _Section(start=number)
                sections.append(current)
            current.block.append((number, *label))
            state = "block"
            last_label_line = number
            continue
        current.parts[state].append((number, text.strip()))
    if current is not None and state != "block":
        current.parts.setdefault("_truncated", []).append((last_text_line, ""))
    return sections, problems


def _cut_short(previous, number):
    """Start the case whose challenge heading is at `number` inside `previous`."""
    part = previous.order[-1]
    lines = previous.parts[part]
    # The title and tagline are the last two lines before the heading.
    header = lines[-2:] if len(lines) >= 2 else lines[:]
    del lines[len(lines) - len(header) :]
    previous.parts.setdefault("_truncated", []).append((header[0][0] if header else number, ""))
    return _Section(start=header[0][0] if header else number, header=header)


# --- one case -----------------------------------------------------------------------------


def _parse_case(section, language):
    case = ParsedCase(language=language, line=section.start)
    numbers = [n for n, _t in section.header]
    for lines in section.parts.values():
        numbers += [n for n, _t in lines]
    numbers += [n for n, _k, _v in section.block]
    case.end_line = max(numbers) if numbers else section.start
    _parse_header(case, section)
    headings = layout.HEADINGS[language]
    for key in ("challenge", "solution", "contacts"):
        if key not in section.parts:
            word = headings[key][0]
            level = NOTE if key == "contacts" else ERROR
            case.problems.append(
                Problem(
                    section.start,
                    _("The case has no “%(heading)s” heading.") % {"heading": word},
                    level,
                )
            )
    if "_truncated" in section.parts:
        case.error(
            section.parts["_truncated"][0][0],
            _(
                "The case that starts at line %(start)s ends without its closing block "
                "(“%(label)s : …”): the file is cut short or the block is missing."
            )
            % {"start": section.start, "label": layout.BLOCK_LABELS[language]["project_name"][0]},
        )
    footnotes = {}
    texts = {}
    for key in ("challenge", "solution"):
        texts[key] = _paragraphs(case, section.parts.get(key, []), footnotes)
    _place_footnotes(case, texts, footnotes)
    case.challenge, case.solution = (
        "\n\n".join(texts["challenge"]).strip(),
        "\n\n".join(texts["solution"]).strip(),
    )
    case.contacts = _contacts(case, section.parts.get("contacts", []))
    _parse_block(case, section.block)
    return case


def _parse_header(case, section):
    header = [
        (number, text) for number, text in section.header if not _is_furniture(case, number, text)
    ]
    if not header:
        case.error(section.start, _("The case has no title line before its first heading."))
        return
    (case.line, case.heading), *rest = header
    if len(case.heading) > MAX_TITLE:
        case.error(
            case.line, _("The title line is longer than %(max)s characters.") % {"max": MAX_TITLE}
        )
    if not rest:
        case.note(case.line, _("The case has no tagline under its title."))
        return
    case.headline = _join([text for _n, text in rest])
    if len(rest) > 1:
        case.note(
            rest[0][0],
            _(
                "Lines %(first)s-%(last)s between the title and the first heading "
                "are read as one tagline."
            )
            % {"first": rest[0][0], "last": rest[-1][0]},
        )


def _is_furniture(case, number, text):
    if PAGE_NUMBER.match(text) or _running_header(text):
        case.note(
            number, _("Dropped “%(text)s” (a page number or running header).") % {"text": text}
        )
        return True
    if PHOTO_CREDIT.match(text):
        case.note(number, _("Dropped “%(text)s” (a photo credit).") % {"text": text})
        return True
    return False


def _join(parts):
    """Lines of one paragraph as one line: no space between Chinese characters."""
    joined = ""
    for part in parts:
        part = part.strip()
        if not joined:
            joined = part
        elif CJK.match(joined[-1]) or CJK.match(part[0]):
            joined += part
        elif joined.endswith("-") and part[:1].islower():
            joined = joined[:-1] + part
        else:
            joined += " " + part
    return joined


def _blocks(lines):
    """Group (number, text) lines into paragraphs: runs of consecutive line numbers."""
    blocks = []
    for number, text in lines:
        if blocks and number == blocks[-1][-1][0] + 1:
            blocks[-1].append((number, text))
        else:
            blocks.append([(number, text)])
    return blocks


def _paragraphs(case, lines, footnotes):
    """Markdown paragraphs of a section: furniture dropped, cut paragraphs joined, lists kept."""
    paragraphs = []  # [first line number, text, is_list]
    for block in _blocks(lines):
        kept = []
        for number, text in block:
            match = FOOTNOTE_LINE.match(text)
            if match:
                mark = "".join(SUPERSCRIPT_VALUES[c] for c in match.group(1))
                footnotes[mark] = (number, match.group(2).strip())
                continue
            if _is_furniture(case, number, text):
                continue
            if len(block) == 1 and CAPTION_NAME.match(text) and not text.rstrip().endswith("."):
                case.note(number, _("Dropped “%(text)s” (a caption's name).") % {"text": text})
                continue
            kept.append((number, text))
        items = _list_items(kept)
        if items is not None:
            paragraphs.append([kept[0][0], "\n".join(f"- {item}" for item in items), True])
        elif kept:
            paragraphs.append([kept[0][0], _join([text for _n, text in kept]), False])
    merged = []
    for number, text, is_list in paragraphs:
        previous = merged[-1] if merged else None
        if previous is not None and previous[2] and is_list:
            # List items with blank lines between them (a .docx, a PDF) are still one list.
            previous[1] += "\n" + text
            continue
        if (
            previous is not None
            and not previous[2]
            and not is_list
            and not COMPLETE_END.search(previous[1])
        ):
            case.note(
                number,
                _("Joined to the paragraph at line %(line)s, which ends mid-sentence.")
                % {"line": previous[0]},
            )
            previous[1] = _join([previous[1], text])
            continue
        merged.append([number, text, is_list])
    return [_footnote_marks(text) for _n, text, _l in merged]


def _list_items(lines):
    """The items when the lines are a bulleted list (wrapped items joined), else None."""
    if not lines or not BULLET.match(lines[0][1]):
        return None
    items = []
    for _number, text in lines:
        if BULLET.match(text):
            items.append([BULLET.sub("", text, count=1)])
        else:
            items[-1].append(text)
    return [_join(parts) for parts in items]


def _footnote_marks(text):
    def mark(match):
        number = "".join(SUPERSCRIPT_VALUES[c] for c in match.group(1))
        after = text[match.end() : match.end() + 1]
        space = "" if not after or CJK.match(after) else " "
        return f"[^{number}]{space}"

    return FOOTNOTE_MARK.sub(mark, text)


def _place_footnotes(case, texts, footnotes):
    """Each footnote goes at the end of the section that cites it (wherever the layout put it)."""
    for mark, (number, definition) in sorted(footnotes.items()):
        home = next(
            (key for key in ("challenge", "solution") if f"[^{mark}]" in "".join(texts[key])),
            None,
        )
        if home is None:
            case.note(
                number,
                _("Footnote %(mark)s is cited nowhere: kept at the end of the solution.")
                % {"mark": mark},
            )
            home = "solution"
        texts[home].append(f"[^{mark}]: {definition}")
    for key in ("challenge", "solution"):
        for cited in re.findall(r"\[\^(\d+)\]", "".join(texts[key])):
            if cited not in footnotes:
                case.note(
                    case.line, _("Footnote %(mark)s is cited but not given.") % {"mark": cited}
                )


# --- contacts -----------------------------------------------------------------------------


def _contacts(case, lines):
    contacts = []
    pending = []  # lines of the contact being read
    for number, text in lines:
        emails = EMAIL.findall(text)
        rest = EMAIL.sub("", text).strip(" ,，;；、/")
        if rest and pending and pending[-1][2]:
            # The previous lines ended with an email: this is the next contact.
            contacts.append(_contact(case, pending))
            pending = []
        pending.append((number, rest, emails))
    if pending:
        contacts.append(_contact(case, pending))
    return [contact for contact in contacts if contact is not None]


def _contact(case, lines):
    number = lines[0][0]
    text = _join([rest for _n, rest, _e in lines if rest])
    emails = [email for _n, _r, found in lines for email in found]
    if not emails:
        case.note(number, _("The contact “%(text)s” has no email address.") % {"text": text})
    if len(emails) > 1:
        case.note(
            number,
            _(
                "The contact at line %(line)s has %(count)s emails: the first is stored, "
                "the others (%(others)s) are listed here only."
            )
            % {"line": number, "count": len(emails), "others": ", ".join(emails[1:])},
        )
    name_part, _sep, job_title = _split_once(text)
    name, honorific = _name_and_honorific(name_part.strip(), case.language)
    if not name:
        case.error(number, _("A contact has no name."))
        return None
    return Contact(name, honorific, job_title.strip(" ,，;；"), emails, number)


def _split_once(text):
    match = re.search(r"[,，]", text)
    if not match:
        return text, "", ""
    return text[: match.start()], match.group(), text[match.end() :]


def _name_and_honorific(text, language):
    for honorific in layout.HONORIFICS_AFTER:
        if text.endswith(honorific):
            return text[: -len(honorific)].strip(), honorific
    for honorific in layout.HONORIFICS_BEFORE:
        match = re.match(rf"^{re.escape(honorific)}\.?\s+(.*)$", text)
        if match:
            return match.group(1).strip(), honorific
    return text, ""


# --- the closing block --------------------------------------------------------------------


def split_list(value):
    """Items of a list value, split at top-level separators (not inside brackets)."""
    items, depth, current = [], 0, ""
    for char in value:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth = max(depth - 1, 0)
        if depth == 0 and char in "、，,;；":
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    return [item.strip() for item in items if item.strip()]


def _parse_block(case, block):
    seen = {}
    for number, key, value in block:
        if key in seen:
            case.note(
                number,
                _("“%(label)s” is given twice (also at line %(line)s): the later one is used.")
                % {"label": layout.BLOCK_LABELS[case.language][key][0], "line": seen[key]},
            )
        seen[key] = number
        case.block_lines[key] = number
        if key == "project_name":
            case.project_name = value
            if len(value) > MAX_TITLE:
                case.error(
                    number,
                    _("The project name is longer than %(max)s characters.") % {"max": MAX_TITLE},
                )
        elif key in ("countries", "nominated_by", "supported_by", "implemented_by"):
            setattr(case, key, split_list(value))
        elif key == "sdg_targets":
            case.sdg_targets = _targets(case, number, value)
        elif key == "status":
            _status(case, number, value)
        elif key == "period":
            _period(case, number, value)
        elif key == "links":
            case.links = _links(case, number, value)
    if block:
        labels = layout.BLOCK_LABELS[case.language]
        missing = [labels[key][0] for key in labels if key not in seen]
        if missing:
            case.note(
                block[0][0],
                _("The closing block has no line for: %(labels)s.")
                % {"labels": ", ".join(missing)},
            )


def _targets(case, number, value):
    codes = []
    for item in re.split(r"[、，,;；\s]+", value):
        item = item.strip().rstrip(".")
        if not item:
            continue
        if not TARGET_CODE.match(item):
            case.note(
                number,
                _("“%(code)s” is not an SDG target code (like 8.5 or 17.a): left out.")
                % {"code": item},
            )
            continue
        if item not in codes:
            codes.append(item)
    return codes


def _status(case, number, value):
    status = layout.STATUSES.get(value.strip().casefold().rstrip("."))
    if status is None:
        case.note(
            number,
            _("Unknown project status “%(value)s”: left as it is (new cases: ongoing).")
            % {"value": value},
        )
        return
    case.status = status


def _period(case, number, value):
    years = [int(year) for year in YEAR.findall(value)]
    open_end = bool(layout.OPEN_END.search(value))
    if not years:
        case.note(
            number, _("No year in the project period “%(value)s”: left empty.") % {"value": value}
        )
        return
    start = years[0]
    end = None if open_end else (years[-1] if len(years) > 1 else None)
    if end is not None and end < start:
        case.error(
            number,
            _("The project period “%(value)s” ends before it starts.") % {"value": value},
        )
        return
    case.start_year, case.end_year = start, end
    if end is None and not open_end and len(years) == 1:
        case.note(
            number,
            _("The project period “%(value)s” has one year: read as the start year.")
            % {"value": value},
        )


def _links(case, number, value):
    links = []
    for item in re.split(r"[\s;；、,，]+", value):
        item = item.strip().strip("<>").rstrip(".")
        if not item:
            continue
        if not re.match(r"^https?://", item, re.IGNORECASE):
            if re.match(r"^[\w-]+(\.[\w-]+)+(/\S*)?$", item):
                item = "https://" + item
            else:
                case.note(number, _("“%(link)s” is not a web address: left out.") % {"link": item})
                continue
        if item not in links:
            links.append(item)
    return links


def _flag_duplicate_titles(cases):
    first = {}
    for case in cases:
        key = re.sub(r"\s+", " ", case.title).strip().casefold()
        if not key:
            if not case.has_errors:
                case.error(case.line, _("The case has neither a project name nor a title line."))
            continue
        if key in first:
            case.error(
                case.line,
                _("The title “%(title)s” is also the title of the case at line %(line)s.")
                % {"title": case.title, "line": first[key].line},
            )
        else:
            first[key] = case
