"""Snippets: about SNIPPET_LENGTH characters of a case around the first match, matches marked."""

import functools
import re

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

MARKDOWN_RES = [
    (re.compile(r"\[\^[^\]]*\]:?"), ""),  # footnote references and definitions
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),  # autolinks
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.M), ""),  # block markers
    (re.compile(r"(\*\*|__|\*|`)"), ""),  # emphasis and code marks
    (re.compile(r"\s+"), " "),
]


def plain_text(markdown_text):
    """Markdown as the reader sees it, on one line (for snippets; HTML is escaped later)."""
    text = markdown_text or ""
    for pattern, replacement in MARKDOWN_RES:
        text = pattern.sub(replacement, text)
    return text.strip()


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


def _match_spans(text, query):
    """Spans (in `text`) of what the query's positive terms match, sorted."""
    normalized, origin = _normalized_with_map(text)
    spans = []
    stems = {light_stem(w) for t in query.include if _term_pattern(t) is None for w in t.words}
    words = {w for t in query.include if _term_pattern(t) is None for w in t.words}
    if stems:
        for match in re.finditer(f"{LATIN}+", normalized):
            word = match.group()
            if word in words or light_stem(word) in stems:
                spans.append((match.start(), match.end()))
    for term in query.include:
        pattern = _term_pattern(term)
        if pattern is not None:
            spans += [
                (m.start(), m.end()) for m in pattern.finditer(normalized) if m.end() > m.start()
            ]
    return sorted((origin[start], origin[end - 1] + 1) for start, end in spans)


def _merge(spans):
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _is_latin(character):
    return bool(re.fullmatch(LATIN, character))


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
