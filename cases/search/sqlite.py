"""Search on SQLite (and the reference semantics): the same documents, matched and ranked in
Python by functions registered on each connection. Slower (every row is read), fine for a
development database; a light suffix-stripping stemmer stands in for Snowball.
"""

import functools
import json

from django.db.models import BooleanField, F, FloatField, Func, Value

from .query import ParsedQuery, Term
from .tokens import light_stem

# Ranking weights, as PostgreSQL's ts_rank defaults for D, C, B, A.
WEIGHTS = (0.1, 0.2, 0.4, 1.0)
SECTION_WEIGHT_INDEX = (3, 2, 1, 0)  # document lines A, B, C, D -> index into WEIGHTS
# PostgreSQL keeps positions up to 16383 and at most 256 of them per word.
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 256


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


def condition_and_rank(query):
    """The WHERE condition for `query` and the rank expression (higher is better)."""
    arguments = (F("search_document"), F("search_english"), Value(query.key()))
    condition = Func(*arguments, function="catalogue_search_match", output_field=BooleanField())
    rank = Func(*arguments, function="catalogue_search_rank", output_field=FloatField())
    return condition, rank
