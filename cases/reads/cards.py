"""What a case card shows (the list, the home page, related cases), worked out in Python once
per card rather than by template logic per card: cards are most of a page's rendering time.

A page's cards are read in three plain queries (the cases' own columns, their targets, their
countries); goal and country names come from the catalogue index, so no query joins a
reference table and no related model is built.
"""

from dataclasses import dataclass

from django.utils.translation import gettext, ngettext
from modeltranslation.utils import resolution_order

from .. import display
from ..fields import LANGUAGE_CODES, localized
from ..models import Case, CaseCountry
from ..paths import case_path
from . import plain_sql

SHOWN_COUNTRIES = 6
CARD_COLUMNS = ("pk", "slug", "start_year", "end_year")
CARD_TEXTS = ("short_name", "title", "headline")
SNIPPET_TEXTS = ("challenge", "solution")


@dataclass
class Card:
    slug: str
    url: str
    short_name: str  # the short name to show with the title, or ""
    title: str
    headline: str
    title_missing: bool  # the title is shown in the other language
    goals: list  # (number, name) of the case's SDG goals, in order
    countries: str  # the first SHOWN_COUNTRIES countries' names
    more_countries: str  # "and 4 more" when there are more (a link to the case's facts), or ""
    period: str
    snippet: str = ""


def card_rows(ids, *, with_texts=False):
    """Rows (dicts) for these ids, in their order, with what cards (and, `with_texts`,
    snippets) read, plus `target_codes` and `country_codes`. Two plain queries (plain_sql.py):
    the cases' columns, then their targets and countries in one UNION ALL."""
    ids = [int(pk) for pk in ids]
    if not ids:
        return []
    texts = CARD_TEXTS + (SNIPPET_TEXTS if with_texts else ())
    keys = [*CARD_COLUMNS, *(localized(field, code) for field in texts for code in LANGUAGE_CODES)]
    connection = plain_sql.reading(Case)
    columns = ["id" if key == "pk" else key for key in keys]
    sql, parameters = plain_sql.selected(connection, Case._meta.db_table, columns, "id", ids)
    rows = {}
    for values in plain_sql.rows(connection, sql, parameters):
        row = dict(zip(keys, values, strict=True))
        row["target_codes"], row["country_codes"] = [], []
        rows[row["pk"]] = row
    # Targets and countries in one query; countries in their order.
    quote, among = connection.ops.quote_name, plain_sql.placeholders(ids)
    targets, countries = Case.sdg_targets.through._meta.db_table, CaseCountry._meta.db_table
    links_sql = (
        f"SELECT 'target_codes', case_id, sdgtarget_id, 0, id FROM {quote(targets)}"  # noqa: S608
        f" WHERE case_id IN ({among}) UNION ALL"
        f" SELECT 'country_codes', case_id, country_id, {quote('order')}, id"
        f" FROM {quote(countries)} WHERE case_id IN ({among})"
    )
    links = plain_sql.rows(connection, links_sql, [*ids, *ids])
    for kind, pk, code, _order, _row in sorted(links, key=lambda link: (link[3], link[4])):
        if pk in rows:
            rows[pk][kind].append(code)
    return [rows[pk] for pk in ids if pk in rows]


def card(row, index, language):
    names = index.names
    order = resolution_order(language)
    title = display.in_language(row, "title", order)
    goals = sorted({names.target_goal[code] for code in row["target_codes"]})
    return Card(
        slug=row["slug"],
        url=case_path(row["slug"]),
        short_name=display.shown_short_name(display.in_language(row, "short_name", order), title),
        title=title,
        headline=display.in_language(row, "headline", order),
        title_missing=bool(title) and not (row.get(localized("title", language)) or "").strip(),
        goals=[(number, names.goals[language][number]) for number in goals],
        **countries_text([names.countries[language][c] for c in row["country_codes"]]),
        period=display.period(row["start_year"], row["end_year"]),
        snippet=row.get("snippet", ""),
    )


def cards(rows, index, language):
    return [card(row, index, language) for row in rows]


def countries_text(names):
    """`countries` "Kenya, Malawi" (SHOWN_COUNTRIES named) and `more_countries` "and 4 more"
    (Chinese "另有 4 个国家") when there are more; the template puts them together."""
    shown = gettext(", ").join(names[:SHOWN_COUNTRIES])
    extra = len(names) - SHOWN_COUNTRIES
    if extra <= 0:
        return {"countries": shown, "more_countries": ""}
    more = ngettext("and %(extra)s more", "and %(extra)s more", extra) % {"extra": extra}
    return {"countries": shown, "more_countries": more}
