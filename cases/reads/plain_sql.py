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


def rows(connection, sql, parameters):
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return cursor.fetchall()


def selected(connection, table, columns, where_column, ids):
    """(sql, parameters) of SELECT `columns` FROM `table` WHERE `where_column` IN (ids)."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    sql = f"SELECT {names} FROM {quote(table)} WHERE {quote(where_column)} IN ({placeholders(ids)})"  # noqa: S608
    return sql, list(ids)
