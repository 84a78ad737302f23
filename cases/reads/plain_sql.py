"""Plain SQL for the hottest reads (a page's cards, the CSV's chunks): the ORM's work per value
and per row (preparing each id of an IN, building each row) was most of their time
(bench/results.md). Names come from the models and are quoted; values are always parameters."""

from django.db import connections, router


def reading(model):
    """The connection a read of `model` uses (the replica when the router sends reads there)."""
    return connections[router.db_for_read(model)]


def placeholders(values):
    """ "%s, %s, ..." for an IN list of `values`."""
    return ", ".join(["%s"] * len(values))


def among(connection, column, ids):
    """(sql, parameters) of "`column` is one of ids" (`column` already quoted). PostgreSQL
    takes the ids as one array (`= ANY(%s)`): a thousand separate literals cost it more to
    receive and parse than the index lookups they ask for. SQLite has no arrays: IN (...)."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(ids)]
    return f"{column} IN ({placeholders(ids)})", list(ids)


def rows(connection, sql, parameters):
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return cursor.fetchall()


def selected(connection, table, columns, where_column, ids):
    """(sql, parameters) of SELECT `columns` FROM `table` WHERE `where_column` is one of ids."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    condition, parameters = among(connection, quote(where_column), ids)
    return f"SELECT {names} FROM {quote(table)} WHERE {condition}", parameters  # noqa: S608


class CompiledOnce:
    """An ORM read compiled once, then run with other values of its one varying parameter.

    For the one-row reads of a page (the case by its slug, its contacts, its links), compiling
    the queryset took longer than running it (bench/results.md). `make(value)` gives the
    queryset; it is compiled with `placeholder` as the value, per database, and run as a
    RawQuerySet: the same model instances, field conversions and deferred fields as the
    queryset's own, so the queryset stays the one statement of what is read.
    """

    def __init__(self, make, placeholder):
        self.make, self.placeholder = make, placeholder
        self.model = make(placeholder).model
        self._compiled = {}

    def __call__(self, value):
        alias = router.db_for_read(self.model)
        if alias not in self._compiled:
            compiler = self.make(self.placeholder).query.get_compiler(using=alias)
            sql, parameters = compiler.as_sql()
            places = [i for i, parameter in enumerate(parameters) if parameter == self.placeholder]
            if len(places) != 1:
                raise ValueError(f"the placeholder is {len(places)} parameters of {sql}")
            self._compiled[alias] = sql, list(parameters), places[0]
        sql, parameters, place = self._compiled[alias]
        parameters = [*parameters[:place], value, *parameters[place + 1 :]]
        return list(self.model._default_manager.db_manager(alias).raw(sql, parameters))
