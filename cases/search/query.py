"""What a search box input means: terms to include and exclude, and what was ignored, and why."""

import json
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext

from .tokens import bigrams, normalize, tokens

MAX_QUERY_LENGTH = 200
MAX_TERMS = 20
QUOTES = str.maketrans(dict.fromkeys("“”„‟«»「」『』〝〞＂", '"'))
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CHUNK_RE = re.compile(r'(-*)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    """One thing to look for: a word, a Chinese string, or a quoted phrase of several parts.

    `parts` are (kind, value) tokens as in `tokens()`: ("cjk", "社保") or ("word", "decent").
    """

    parts: tuple
    text: str  # as typed (normalized), for messages and suggestions
    phrase: bool = False

    @property
    def words(self):
        return [value for kind, value in self.parts if kind == "word"]

    @property
    def has_cjk(self):
        return any(kind == "cjk" for kind, _value in self.parts)

    def chain(self):
        """The document tokens of the term, in order: (token, is_prefix).

        A phrase needs them adjacent and in order; any other term needs them all, anywhere
        (for a Chinese string that is nearly always the string itself, and much cheaper for
        PostgreSQL: the GIN index answers it without reading the rows).
        """
        chain = []
        for kind, value in self.parts:
            if kind == "word":
                chain.append((value, False))
            elif len(value) == 1:
                chain.append((value, True))
            else:
                chain.extend((bigram, False) for bigram in bigrams(value))
        return chain


@dataclass(frozen=True)
class ParsedQuery:
    """What a search box input means. `warnings` lists (ignored part, reason) pairs."""

    text: str = ""
    include: tuple = ()
    exclude: tuple = ()
    warnings: tuple = ()
    truncated: bool = False

    @property
    def is_empty(self):
        return not self.include and not self.exclude

    @property
    def positive_text(self):
        """The words looked for, without operators (for suggestions)."""
        return " ".join(term.text for term in self.include)

    def key(self):
        """A stable text form of the terms (the SQLite functions' argument, a cache key)."""
        return json.dumps(
            [
                [[[list(p) for p in t.parts], t.phrase] for t in terms]
                for terms in (self.include, self.exclude)
            ],
            ensure_ascii=False,
        )

    def __str__(self):
        return self.text


def parse_query(q):
    """Read a search box input. Never fails: what cannot be used is listed in `warnings`.

    - terms are AND-ed; a Chinese string matches when all its two-character pieces are in the
      case (nearly always: the string itself), a Latin word as a word or by English stem;
    - "quoted phrases" match as an exact sequence (punctuation and spaces between ignored);
    - -word and -"a phrase" exclude;
    - input is cut to MAX_QUERY_LENGTH characters and MAX_TERMS terms.
    """
    if isinstance(q, ParsedQuery):
        return q
    warnings = []
    text, truncated = _clean_text(str(q or ""), warnings)
    include, exclude = [], []
    for match in CHUNK_RE.finditer(text):
        excluded, terms = _chunk_terms(match, warnings)
        target = exclude if excluded else include
        for term in terms:
            if term in target:
                continue
            if len(include) + len(exclude) >= MAX_TERMS:
                reason = gettext("a search uses at most %(count)s words") % {"count": MAX_TERMS}
                warnings.append((term.text, reason))
                continue
            target.append(term)
    return ParsedQuery(
        text=text,
        include=tuple(include),
        exclude=tuple(exclude),
        warnings=tuple(warnings),
        truncated=truncated,
    )


def _clean_text(text, warnings):
    """The input without control characters, normalized, cut to MAX_QUERY_LENGTH."""
    if CONTROL_RE.search(text):
        warnings.append(("\x00", gettext("control characters are not searched")))
        text = CONTROL_RE.sub(" ", text)
    text = unicodedata.normalize("NFKC", text).translate(QUOTES).strip()
    text = re.sub(r"\s+", " ", text)
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        dropped = text[MAX_QUERY_LENGTH:]
        warnings.append(
            (
                dropped if len(dropped) <= 40 else dropped[:39] + "…",
                gettext("a search uses only its first %(count)s characters")
                % {"count": MAX_QUERY_LENGTH},
            )
        )
        text = text[:MAX_QUERY_LENGTH]
    return text, truncated


def _chunk_terms(match, warnings):
    """(excluded, terms) of one chunk of the input: a bare word or a quoted phrase."""
    minus, quoted, bare = match.groups()
    raw = match.group(0)
    if bare is not None:
        excluded = bare.startswith("-") and bare.strip("-") != ""
        parts = tuple(tokens(bare.lstrip("-") if excluded else bare))
        if not parts:
            if set(bare) == {"-"}:
                reason = gettext("a minus sign needs a word right after it")
            else:
                reason = gettext("it contains no letters or digits")
            warnings.append((raw, reason))
            return excluded, []
        if excluded:
            return True, [Term(parts=parts, text=bare.lstrip("-"), phrase=len(parts) > 1)]
        return False, [Term(parts=(part,), text=part[1]) for part in parts]
    parts = tuple(tokens(quoted))
    if not parts:
        warnings.append((raw, gettext("the quotation marks contain no words")))
        return bool(minus), []
    return bool(minus), [Term(parts=parts, text=normalize(quoted).strip(), phrase=True)]
