"""Search on PostgreSQL: one indexed `search_vector @@ tsquery`, ranked by ts_rank.

The `search_vector` column (migration 0003) is not a model field, since SQLite has no tsvector:
only this module names it.
"""

from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.db.models import BooleanField, Expression, FloatField, Func, Value
from django.db.models.expressions import Col

from ..models import Case


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


def condition_and_rank(query):
    """The WHERE condition for `query` and the rank expression (higher is better)."""
    match_sql, match_params = _match_sql(query)
    condition = _Matches(_SearchVector(), _SqlFragment(match_sql, match_params, SearchQueryField()))
    if not query.include:
        return condition, Value(0.0, output_field=FloatField())
    rank_sql, rank_params = _rank_sql(query)
    rank = Func(
        _SearchVector(),
        _SqlFragment(rank_sql, rank_params, SearchQueryField()),
        function="ts_rank",
        output_field=FloatField(),
    )
    return condition, rank
