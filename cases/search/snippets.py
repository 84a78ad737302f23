"""Snippets: about SNIPPET_LENGTH characters of a case around the first match, matches marked."""

import functools
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .query import parse_query
from .tokens import CJK, LATIN, light_stem, normalize

# In the width of Latin characters: a Chinese character is as wide as two (and carries more),
# so a Chinese snippet has half as many characters and fills the same two lines of a card.
SNIPPET_LENGTH = 160
SNIPPET_CONTEXT_BEFORE = 40
CJK_RE = re.compile(f"[{CJK}]")
SNIPPET_FIELDS = ("headline", "challenge", "solution")

# Each with the characters without which it cannot match: most texts have no link, footnote
# or emphasis, and a pattern skipped costs nothing (a results page cleans about a hundred
# texts; running every pattern over each was most of its snippets' time).
MARKDOWN_RES = [
    ("[", re.compile(r"\[\^[^\]]*\]:?"), ""),  # footnote references and definitions
    ("[", re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    ("<", re.compile(r"<(https?://[^>]+)>"), r"\1"),  # autolinks
    ("", re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.M), ""),  # block markers
    ("*_`", re.compile(r"(\*\*|__|\*|`)"), ""),  # emphasis and code marks
]


def plain_text(markdown_text):
    """Markdown as the reader sees it, on one line (for snippets; HTML is escaped later)."""
    text = markdown_text or ""
    for needed, pattern, replacement in MARKDOWN_RES:
        if not needed or any(character in text for character in needed):
            text = pattern.sub(replacement, text)
    # Whitespace runs to one space, ends stripped: what re.sub(r"\s+", " ", text).strip()
    # gives (both split on str.isspace()), in a fifth of the time.
    return " ".join(text.split())


def _normalized_with_map(text):
    """normalize(text) and, for each of its characters, the index of the original character.

    When the text keeps its length and has no combining mark (nothing can have merged), every
    character maps to itself (full-width letters and punctuation become one ASCII character
    each): the per-character work, most of a results page's snippet time, is skipped.
    """
    normalized = normalize(text)
    if len(normalized) == len(text) and not COMBINING_RE.search(text):
        return normalized, range(len(text))
    characters, origin = [], []
    for index, character in enumerate(text):
        for normalized_character in _normalized_character(character):
            characters.append(normalized_character)
            origin.append(index)
    return "".join(characters), origin


COMBINING_RE = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a]"
)


@functools.lru_cache(maxsize=4096)
def _normalized_character(character):
    return normalize(character)


@functools.lru_cache(maxsize=256)
def _term_pattern(term):
    """A regex (on normalized text) for a phrase; None for single words (matched by stem)."""
    if not term.phrase and not term.has_cjk:
        return None
    pieces = []
    for kind, value in term.parts:
        if kind == "cjk":
            pieces.append(re.escape(value))
        else:
            pieces.append(f"(?<!{LATIN}){re.escape(value)}(?!{LATIN})")
    return re.compile(r"[\W_]*".join(pieces))


@dataclass(frozen=True)
class _Looking:
    """What _match_spans looks for in every text, worked out once per query."""

    stems: frozenset  # light stems of the single words
    candidates: re.Pattern | None  # the text's words that may have one of those stems
    patterns: tuple  # phrases and Chinese terms (_term_pattern)


@functools.lru_cache(maxsize=256)
def _looking_for(query):
    words = {w for t in query.include if _term_pattern(t) is None for w in t.words}
    stems = frozenset(light_stem(w) for w in words)
    # A word whose light stem is `stem` begins with stem[:-1] (light_stem only cuts endings,
    # and "ies" becomes "y"), so only the words beginning so need stemming: the pattern finds
    # them, each whole (from a word's start to its end), and skips the rest of the text.
    starts = sorted({re.escape(stem[:-1]) for stem in stems}, key=len, reverse=True)
    candidates = re.compile(f"(?<!{LATIN})(?:{'|'.join(starts)}){LATIN}*") if stems else None
    patterns = tuple(p for t in query.include if (p := _term_pattern(t)) is not None)
    return _Looking(stems, candidates, patterns)


def _match_spans(text, query):
    """Spans (in `text`) of what the query's positive terms match, sorted."""
    normalized, origin = _normalized_with_map(text)
    looking = _looking_for(query)
    spans = []
    if looking.candidates is not None:
        for match in looking.candidates.finditer(normalized):
            if light_stem(match.group()) in looking.stems:
                spans.append((match.start(), match.end()))
    for pattern in looking.patterns:
        spans += [(m.start(), m.end()) for m in pattern.finditer(normalized) if m.end() > m.start()]
    return sorted((origin[start], origin[end - 1] + 1) for start, end in spans)


def _merge(spans):
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


LATIN_RE = re.compile(LATIN)


def _is_latin(character):
    return LATIN_RE.fullmatch(character) is not None


def _widths(text):
    """(characters shown, characters before the match) for this text: half for Chinese."""
    sample = text[:SNIPPET_LENGTH]
    if len(CJK_RE.findall(sample)) * 2 > len(sample):
        return SNIPPET_LENGTH // 2, SNIPPET_CONTEXT_BEFORE // 2
    return SNIPPET_LENGTH, SNIPPET_CONTEXT_BEFORE


def _window(text, first_start, first_end):
    length, before = _widths(text)
    start = max(0, first_start - before)
    end = min(len(text), max(start + length, first_end))
    start = max(0, min(start, end - length))
    while 0 < start < first_start and _is_latin(text[start - 1]) and _is_latin(text[start]):
        start += 1  # do not begin inside a word
    while end > first_end and end < len(text) and _is_latin(text[end - 1]) and _is_latin(text[end]):
        end -= 1
    return start, end


def _render(text, start, end, spans):
    html = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end in _merge(spans):
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        html += [
            escape(text[cursor:span_start]),
            "<mark>",
            escape(text[span_start:span_end]),
            "</mark>",
        ]
        cursor = span_end
    html += [escape(text[cursor:end]), "…" if end < len(text) else ""]
    return mark_safe("".join(html).strip())  # noqa: S308 - every piece of text is escaped


def _language_suffixes(language):
    own = "zh_hans" if (language or "").lower().startswith("zh") else "en"
    return (own, "en" if own == "zh_hans" else "zh_hans")


def snippet(case, q, language) -> SafeString:
    """About SNIPPET_LENGTH characters around the first match, the matches in <mark>.

    Looks in the headline, challenge and solution of the reader's language first, then the
    other language, but never in the headline the card already shows (the reader's, else the
    other language's): a match there says enough (and keeps the page light), and no match in
    the text (only the title or an organization matched) gives none either, rather than the
    headline twice. All text is escaped.
    """
    query = parse_query(q)
    suffixes = _language_suffixes(language)
    shown = next(
        (f"headline_{suffix}" for suffix in suffixes if getattr(case, f"headline_{suffix}", "")),
        None,
    )
    if shown and _match_spans(plain_text(getattr(case, shown)), query):
        return mark_safe("")
    raw = [
        getattr(case, f"{name}_{suffix}", "") or ""
        for suffix in suffixes
        for name in SNIPPET_FIELDS
        if f"{name}_{suffix}" != shown
    ]
    for text in filter(None, map(plain_text, filter(None, raw))):  # lazily: most stop early
        spans = _match_spans(text, query)
        if spans:
            start, end = _window(text, *spans[0])
            return _render(text, start, end, spans)
    return mark_safe("")
