"""Search that understands Chinese: documents, queries, ranking, snippets and suggestions.

How it works (the README's "Search" section explains it for readers and operators):

* Chinese has no spaces, so PostgreSQL's parser would take a whole clause as one word. At write
  time we cut every run of CJK characters into overlapping character bigrams (what Lucene's CJK
  analyzer does): "实现非洲社保全覆盖" -> 实现 现非 非洲 洲社 社保 保全 全覆 覆盖. Any Chinese
  string of two or more characters is then a chain of adjacent bigrams, found whatever boundaries a
  word segmenter would draw (jieba cuts 社/保全 and would miss "社保"). The last character of
  each run is also kept as a one-character token, so that a one-character query (a prefix
  match `社:*` on the bigrams and those tokens) finds every character of the text.
* Latin words (English, names, acronyms, numbers) are kept lower-cased as they are (so "WHO",
  an English stop word, is still found), and are also indexed with PostgreSQL's 'english'
  configuration for stemming ("trained" finds "training of trainers").
* Both go into `Case.search_document` and `Case.search_english` (plain text, one line per
  ranking weight: A title and short name, B headline, C organization and country names, D
  challenge and solution). On PostgreSQL, migration 0003 adds a stored generated column
  `search_vector` (a weighted tsvector computed from those two columns) with a GIN index, so a
  query is one indexed `@@` and ranking reads the stored vector instead of re-parsing text.
  The column is not a model field: only this module reads it (see `_SearchVector`).
* On SQLite the same documents are matched and ranked by `_evaluate` below, in Python,
  registered as SQL functions: the same semantics, only slower (every row is read), with a
  light suffix-stripping stemmer instead of Snowball.

No word segmenter is used: bigrams need none at query time, so web requests never pay jieba's
start-up cost (about 0.8 s and 60 MB per process).
"""

import functools
import json
import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.db import connection
from django.db.models import BooleanField, Expression, F, FloatField, Func, Prefetch, Value
from django.db.models.expressions import Col
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .models import Case, Country, Organization, SdgTarget

MAX_QUERY_LENGTH = 200
MAX_TERMS = 20
SNIPPET_LENGTH = 160
SNIPPET_CONTEXT_BEFORE = 40
SUGGESTIONS_PER_KIND = 5
MAX_LATIN_TOKEN_LENGTH = 100
REFRESH_BATCH_SIZE = 500

# Han (with extensions and compatibility forms), kana and hangul: scripts written without
# spaces between words, indexed as bigrams.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
TOKEN_RE = re.compile(f"([{CJK}]+)|([^\\W_{CJK}]+)")

# Ranking weights, as PostgreSQL's ts_rank defaults for D, C, B, A.
WEIGHTS = (0.1, 0.2, 0.4, 1.0)
SECTION_WEIGHT_INDEX = (3, 2, 1, 0)  # document lines A, B, C, D -> index into WEIGHTS
# PostgreSQL keeps positions up to 16383 and at most 256 of them per word.
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 256

# The fields each line of the documents is made of, in ranking order (A, B, C, D).
CASE_SECTIONS = (
    ("short_name_zh_hans", "short_name_en", "title_zh_hans", "title_en"),
    ("headline_zh_hans", "headline_en"),
    (),  # organization and country names
    ("challenge_zh_hans", "challenge_en", "solution_zh_hans", "solution_en"),
)
# Saving a case with update_fields outside these (e.g. publishing) leaves its documents as they are.
SEARCHED_CASE_FIELDS = frozenset(
    {"short_name", "title", "headline", "challenge", "solution"}
    | {column for section in CASE_SECTIONS for column in section}
)
SEARCHED_ORGANIZATION_FIELDS = ("name_zh_hans", "name_en", "acronym_zh_hans", "acronym_en")
SEARCHED_COUNTRY_FIELDS = ("name_zh_hans", "name_en")
SNIPPET_FIELDS = ("headline", "challenge", "solution")

QUOTES = str.maketrans(dict.fromkeys("“”„‟«»「」『』〝〞＂", '"'))
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CHUNK_RE = re.compile(r'(-*)"([^"]*)"?|(\S+)')


# -- text to tokens -------------------------------------------------------------------------


def normalize(text):
    """NFKC (full-width letters and digits become ASCII) and lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def tokens(text):
    """The (kind, value) tokens of a text: ("cjk", run of CJK characters) or ("word", word)."""
    return [
        ("cjk", run) if run else ("word", word) for run, word in TOKEN_RE.findall(normalize(text))
    ]


def bigrams(run):
    return [a + b for a, b in zip(run, run[1:], strict=False)] or [run]


def light_stem(word):
    """A small English suffix stripper for SQLite and snippets (PostgreSQL uses Snowball).

    It only has to agree with itself: "trainers" -> "trainer", "training"/"trained" -> "train",
    "policies" -> "policy".
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3 and any(c in "aeiouy" for c in stem):
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouylsz":
                stem = stem[:-1]
            return stem
    return word


def _lines(texts):
    """One line of `search_document` and one of `search_english` for one ranking weight.

    search_document: bigrams and lower-cased words in order, then the last character of each
    CJK run. The run-final characters come last so that the bigrams of neighbouring runs stay
    adjacent (a quoted "非洲 社保" is the chain 非洲 <-> 社保) while every character still has a
    token. search_english: the words alone, for PostgreSQL's English stemmer.
    """
    sequence, tails, words = [], {}, []
    for text in texts:
        for run, word in TOKEN_RE.findall(normalize(text)):
            if run:
                sequence += bigrams(run)
                if len(run) > 1:
                    tails[run[-1]] = None
            elif len(word) <= MAX_LATIN_TOKEN_LENGTH:
                sequence.append(word)
                words.append(word)
    return " ".join(sequence + list(tails)), " ".join(words)


def searched_names(organizations, countries):
    """Organization names and acronyms, then country names, both languages, each once."""
    names = []
    for organization in {o.pk: o for o in organizations}.values():  # once, whatever its roles
        names += [getattr(organization, name) for name in SEARCHED_ORGANIZATION_FIELDS]
    for country in countries:
        names += [getattr(country, name) for name in SEARCHED_COUNTRY_FIELDS]
    return [name for name in names if name]


def build_search_document(case, names=None):
    """(search_document, search_english) for a saved case, from both languages' fields.

    `names` (see searched_names) defaults to the case's organizations and countries; pass them
    to build the columns of unsaved cases (bulk imports, bench/synthetic.py).
    """
    if names is None:
        names = searched_names(case.organizations.all(), case.countries.all())
    sections = [[getattr(case, column) or "" for column in columns] for columns in CASE_SECTIONS]
    sections[2] = names
    lines = [_lines(texts) for texts in sections]
    return "\n".join(line for line, _words in lines), "\n".join(words for _line, words in lines)


def _cases_for_refresh(case_ids):
    organizations = Organization.objects.only("pk", *SEARCHED_ORGANIZATION_FIELDS)
    countries = Country.objects.only("pk", *SEARCHED_COUNTRY_FIELDS)
    columns = [column for section in CASE_SECTIONS for column in section]
    return (
        Case.objects.filter(pk__in=case_ids)
        .only("pk", *columns)
        .prefetch_related(
            Prefetch("organizations", queryset=organizations),
            Prefetch("countries", queryset=countries),
        )
        .order_by()
    )


def refresh_case(case):
    """Recompute a just-saved case's search columns, store them and set them on `case` too.

    Keeping the instance current matters: a later `case.save()` of the same object would
    otherwise write its stale columns back (and history records copy the instance).
    """
    case.search_document, case.search_english = build_search_document(case)
    Case.objects.filter(pk=case.pk).update(
        search_document=case.search_document, search_english=case.search_english
    )


def refresh_search_documents(case_ids, batch_size=REFRESH_BATCH_SIZE):
    """Recompute and store the search columns of these cases; returns how many were written.

    Written with a queryset update (bulk_update), so no save(), no signals, no history rows and
    no version bump: the search data is derived, not an edit.
    """
    case_ids = list(dict.fromkeys(case_ids))
    written = 0
    for start in range(0, len(case_ids), batch_size):
        cases = list(_cases_for_refresh(case_ids[start : start + batch_size]))
        for case in cases:
            case.search_document, case.search_english = build_search_document(case)
        Case.objects.bulk_update(cases, ["search_document", "search_english"])
        written += len(cases)
    return written


# -- queries --------------------------------------------------------------------------------


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
    text = str(q or "")
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
    include, exclude = [], []
    for match in CHUNK_RE.finditer(text):
        minus, quoted, bare = match.groups()
        raw = match.group(0)
        excluded = False
        if bare is not None:
            excluded = bare.startswith("-") and bare.strip("-") != ""
            parts = tuple(tokens(bare.lstrip("-") if excluded else bare))
            if not parts:
                if set(bare) == {"-"}:
                    reason = gettext("a minus sign needs a word right after it")
                else:
                    reason = gettext("it contains no letters or digits")
                warnings.append((raw, reason))
                continue
            if excluded:
                terms = [Term(parts=parts, text=bare.lstrip("-"), phrase=len(parts) > 1)]
            else:
                terms = [Term(parts=(part,), text=part[1]) for part in parts]
        else:
            excluded = bool(minus)
            parts = tuple(tokens(quoted))
            if not parts:
                warnings.append((raw, gettext("the quotation marks contain no words")))
                continue
            terms = [Term(parts=parts, text=normalize(quoted).strip(), phrase=True)]
        target = exclude if excluded else include
        for term in terms:
            if term in target:
                continue
            if len(include) + len(exclude) >= MAX_TERMS:
                warnings.append(
                    (
                        term.text,
                        gettext("a search uses at most %(count)s words") % {"count": MAX_TERMS},
                    )
                )
                continue
            target.append(term)
    return ParsedQuery(
        text=text,
        include=tuple(include),
        exclude=tuple(exclude),
        warnings=tuple(warnings),
        truncated=truncated,
    )


# -- PostgreSQL -----------------------------------------------------------------------------


def _lexeme(value, prefix=False):
    """A quoted tsquery operand (tokens never contain quotes or backslashes; escaped anyway)."""
    quoted = "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + ":*" if prefix else quoted


def _term_sql(term):
    """SQL (with params) for the tsquery of one term: its tokens, OR its English stems."""
    operator = " <-> " if term.phrase else " & "
    chain = operator.join(_lexeme(token, prefix) for token, prefix in term.chain())
    sql, params = "to_tsquery('simple', %s)", [chain]
    if not term.has_cjk:
        english = "phraseto_tsquery" if term.phrase else "plainto_tsquery"
        sql = f"({sql} || {english}('english', %s))"
        params.append(" ".join(term.words))
    return sql, params


def _match_sql(query):
    pieces, params = [], []
    for negate, terms in ((False, query.include), (True, query.exclude)):
        for term in terms:
            sql, term_params = _term_sql(term)
            pieces.append(f"(!!{sql})" if negate else sql)
            params += term_params
    return "(" + " && ".join(pieces) + ")", params


def _rank_sql(query):
    """Every looked-for token OR-ed: ts_rank then scores each by weight and frequency."""
    tokens_ = dict.fromkeys(item for term in query.include for item in term.chain())
    words = dict.fromkeys(word for term in query.include for word in term.words)
    sql = "to_tsquery('simple', %s)"
    params = [" | ".join(_lexeme(token, prefix) for token, prefix in tokens_)]
    if words:
        sql = f"({sql} || to_tsquery('english', %s))"
        params.append(" | ".join(_lexeme(word) for word in words))
    return sql, params


class _SearchVector(Expression):
    """The `search_vector` column that migration 0003 adds on PostgreSQL (not a model field).

    It resolves to a column of the query's base table, so it follows the alias Django gives
    the table in joins and subqueries (e.g. `pk__in=searched.values("pk")` in facet counts).
    """

    output_field = SearchVectorField()

    def resolve_expression(self, query=None, *args, **kwargs):
        return Col(query.get_initial_alias(), _search_vector_target, SearchVectorField())


_search_vector_target = SearchVectorField()
_search_vector_target.set_attributes_from_name("search_vector")
_search_vector_target.model = Case


class _SqlFragment(Expression):
    def __init__(self, sql, params, output_field):
        super().__init__(output_field=output_field)
        self.sql, self.params = sql, params

    def as_sql(self, compiler, connection):
        return self.sql, list(self.params)


class _Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


# -- SQLite (and the reference semantics) ---------------------------------------------------


class _DocumentIndex:
    """A case's two search columns read back as PostgreSQL would index them.

    lexeme -> [(position, weight)] over the simple lines then the English lines (stemmed with
    light_stem), positions numbered on as `tsvector || tsvector` does.
    """

    def __init__(self, document, english):
        self.entries = {}
        position = 0
        lines = (document or "").split("\n")
        english_lines = (english or "").split("\n")
        for lines_, stem in ((lines, False), (english_lines, True)):
            for index, line in enumerate(lines_[:4]):
                weight = WEIGHTS[SECTION_WEIGHT_INDEX[index]]
                for token in line.split():
                    position += 1
                    lexeme = light_stem(token) if stem else token
                    positions = self.entries.setdefault(lexeme, [])
                    if len(positions) < MAX_POSITIONS_PER_LEXEME:
                        positions.append((min(position, MAX_POSITION), weight))
        self.position_sets = {lexeme: {p for p, _w in ps} for lexeme, ps in self.entries.items()}

    def lexemes(self, token, prefix):
        if not prefix:
            return [token] if token in self.entries else []
        return [lexeme for lexeme in self.entries if lexeme.startswith(token)]

    def positions(self, token, prefix):
        return set().union(*(self.position_sets[lexeme] for lexeme in self.lexemes(token, prefix)))

    def has_chain(self, chain):
        if not chain:
            return False
        candidates = self.positions(*chain[0])
        for offset, item in enumerate(chain[1:], start=1):
            following = self.positions(*item)
            candidates = {p for p in candidates if p + offset in following}
            if not candidates:
                return False
        return bool(candidates)

    def has_all(self, items):
        return all(self.lexemes(*item) for item in items)

    def matches_term(self, term):
        test = self.has_chain if term.phrase else self.has_all
        if test(term.chain()):
            return True
        return not term.has_cjk and test([(light_stem(w), False) for w in term.words])

    def rank(self, items):
        """PostgreSQL's calc_rank_or (ts_rank of an OR query), item by item."""
        if not items:
            return 0.0
        total = 0.0
        for token, prefix in items:
            for lexeme in self.lexemes(token, prefix):
                positions = self.entries[lexeme]
                resj = sum(w / ((j + 1) * (j + 1)) for j, (_p, w) in enumerate(positions))
                jm, wjm = max(enumerate(w for _p, w in positions), key=lambda x: (x[1], -x[0]))
                total += (wjm + resj - wjm / ((jm + 1) * (jm + 1))) / 1.64493406685
        return total / len(items)


@functools.lru_cache(maxsize=64)
def _query_from_key(key):
    include, exclude = json.loads(key)

    def terms(raw):
        return tuple(
            Term(parts=tuple(tuple(p) for p in parts), text="", phrase=phrase)
            for parts, phrase in raw
        )

    return ParsedQuery(include=terms(include), exclude=terms(exclude))


@functools.lru_cache(maxsize=128)
def _document_index(document, english):
    return _DocumentIndex(document, english)


def _rank_items(query):
    items = dict.fromkeys(item for term in query.include for item in term.chain())
    for term in query.include:
        for word in term.words:
            items.setdefault((light_stem(word), False))
    return list(items)


def _evaluate(document, english, key):
    """(matches, rank) of one case for a query key: the SQLite implementation."""
    query = _query_from_key(key)
    index = _document_index(document or "", english or "")
    matches = all(index.matches_term(t) for t in query.include) and not any(
        index.matches_term(t) for t in query.exclude
    )
    return matches, (index.rank(_rank_items(query)) if matches else 0.0)


def _sqlite_match(document, english, key):
    return int(_evaluate(document, english, key)[0])


def _sqlite_rank(document, english, key):
    return _evaluate(document, english, key)[1]


def register_sqlite_functions(sender=None, connection=None, **kwargs):
    """connection_created receiver: the SQLite side of search_cases (see CasesConfig.ready)."""
    if connection is not None and connection.vendor == "sqlite":
        raw = connection.connection
        raw.create_function("catalogue_search_match", 3, _sqlite_match, deterministic=True)
        raw.create_function("catalogue_search_rank", 3, _sqlite_rank, deterministic=True)


# -- searching ------------------------------------------------------------------------------


def search_cases(queryset, q):
    """The cases of `queryset` that match `q`, annotated with `search_rank` (higher first).

    Returns a plain filtered queryset (a WHERE condition and one annotation) ordered by
    relevance, then newest; callers may re-order, count or annotate it. On PostgreSQL the
    condition is `search_vector @@ tsquery` on the GIN index and `search_rank` is ts_rank with
    weights title 1.0 > headline 0.4 > names 0.2 > body 0.1. On SQLite the same semantics run in
    Python per row. An empty query returns the queryset unchanged (no `search_rank`).
    """
    query = parse_query(q)
    if query.is_empty:
        return queryset
    if connection.vendor == "postgresql":
        match_sql, match_params = _match_sql(query)
        condition = _Matches(
            _SearchVector(), _SqlFragment(match_sql, match_params, SearchQueryField())
        )
        if query.include:
            rank_sql, rank_params = _rank_sql(query)
            rank = Func(
                _SearchVector(),
                _SqlFragment(rank_sql, rank_params, SearchQueryField()),
                function="ts_rank",
                output_field=FloatField(),
            )
        else:
            rank = Value(0.0, output_field=FloatField())
    else:
        arguments = (F("search_document"), F("search_english"), Value(query.key()))
        condition = Func(*arguments, function="catalogue_search_match", output_field=BooleanField())
        rank = Func(*arguments, function="catalogue_search_rank", output_field=FloatField())
    return (
        queryset.filter(condition)
        .annotate(search_rank=rank)
        .order_by("-search_rank", F("published_at").desc(nulls_last=True), "slug")
    )


# -- snippets -------------------------------------------------------------------------------

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
    """normalize(text) and, for each of its characters, the index of the original character."""
    characters, origin = [], []
    for index, character in enumerate(text):
        for normalized in normalize(character):
            characters.append(normalized)
            origin.append(index)
    return "".join(characters), origin


LATIN = f"[^\\W_{CJK}]"


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
            if match.group() in words or light_stem(match.group()) in stems:
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


def _window(text, first_start, first_end):
    start = max(0, first_start - SNIPPET_CONTEXT_BEFORE)
    end = min(len(text), max(start + SNIPPET_LENGTH, first_end))
    start = max(0, min(start, end - SNIPPET_LENGTH))
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
    other language; without a match there (e.g. only the title or an organization matched) it
    is the beginning of the headline. All text is escaped.
    """
    query = parse_query(q)
    texts = [
        plain_text(getattr(case, f"{name}_{suffix}", "") or "")
        for suffix in _language_suffixes(language)
        for name in SNIPPET_FIELDS
    ]
    for text in texts:
        spans = _match_spans(text, query) if text else []
        if spans:
            start, end = _window(text, *spans[0])
            return _render(text, start, end, spans)
    for text in texts:
        if text:
            return _render(text, 0, _window(text, 0, 0)[1], [])
    return mark_safe("")


# -- suggestions ----------------------------------------------------------------------------

SUGGESTION_FIELDS = {
    "targets": (SdgTarget, ("code", "label_zh_hans", "label_en")),
    "countries": (Country, ("code", "name_zh_hans", "name_en")),
    "organizations": (
        Organization,
        ("slug", "name_zh_hans", "name_en", "acronym_zh_hans", "acronym_en"),
    ),
}
TRIGRAM_THRESHOLD = 0.3
FALLBACK_THRESHOLD = 0.5


def _trigrams(text):
    """pg_trgm's trigrams: each word lower-cased, padded with two spaces before, one after."""
    grams = set()
    for word in re.findall(r"[^\W_]+", normalize(text)):
        padded = f"  {word} "
        grams |= {padded[i : i + 3] for i in range(len(padded) - 2)}
    return grams


def _fallback_similarity(query_grams, value):
    """Share of the query's trigrams found in `value` (like pg_trgm's word_similarity)."""
    value_grams = _trigrams(value)
    if not query_grams or not value_grams:
        return 0.0
    return len(query_grams & value_grams) / len(query_grams)


def suggestions(q, language=None):
    """The closest SDG targets, countries and organizations to the query, by name or code.

    {"targets": [...], "countries": [...], "organizations": [...]}, at most
    SUGGESTIONS_PER_KIND each, best first. PostgreSQL: pg_trgm word similarity; SQLite: the same
    measure in Python over the (small) tables.
    """
    query = parse_query(q)
    text = query.positive_text.strip()
    result = {kind: [] for kind in SUGGESTION_FIELDS}
    if not text:
        return result
    for kind, (model, fields) in SUGGESTION_FIELDS.items():
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import TrigramWordSimilarity
            from django.db.models.functions import Greatest

            scores = [TrigramWordSimilarity(text, name) for name in fields]
            result[kind] = list(
                model.objects.annotate(similarity=Greatest(*scores))
                .filter(similarity__gte=TRIGRAM_THRESHOLD)
                .order_by("-similarity", *model._meta.ordering)[:SUGGESTIONS_PER_KIND]
            )
        else:
            grams = _trigrams(text)
            scored = []
            for instance in model.objects.all():
                score = max(_fallback_similarity(grams, getattr(instance, f) or "") for f in fields)
                if score >= FALLBACK_THRESHOLD:
                    scored.append((-score, len(scored), instance))
            result[kind] = [instance for _s, _i, instance in sorted(scored)][:SUGGESTIONS_PER_KIND]
    return result


__all__ = [
    "ParsedQuery",
    "Term",
    "build_search_document",
    "parse_query",
    "refresh_case",
    "refresh_search_documents",
    "search_cases",
    "snippet",
    "suggestions",
]
