"""The world map's countries, drawn in Python: up to 250 countries, each a link with a title,
and the same again as the table's rows, through template tags cost most of the home page (see
bench/results.md). The markup a template would write; every name and address is escaped
(`html.escape`, as facet_tags.py explains)."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext

register = template.Library()

SELECTED_STROKE = "#e69f00"


def _title(country, patterns):
    """ "Kenya: 12 cases"; `patterns` keeps the plural form found for each count (a lookup per
    country was a tenth of the map)."""
    count = country.count
    if count not in patterns:
        patterns[count] = ngettext(
            "%(name)s: %(counter)s case", "%(name)s: %(counter)s cases", count
        )
    return patterns[count] % {"name": country.name, "counter": count}


def _outline(country):
    """Stroke colour and width: chosen countries stand out, markers keep a visible edge."""
    if country.selected:
        return SELECTED_STROKE, "2.5"
    return "#ffffff", "1" if country.marker else "0.5"


def _kept(world_map, key, make):
    """The markup `make()` gives, kept with `world_map` (the home page's map is kept per
    catalogue version, reads/insights.py `home_map`, so its markup is made once too)."""
    key = (*key, get_language())
    if key not in world_map.markup:
        world_map.markup[key] = make()
    return world_map.markup[key]


@register.simple_tag
def map_links(world_map, shapes):
    """The page's map: each drawn country a link (out of the Tab order: the table is the
    keyboard route) to the list of its cases, its shape from the `shapes` file."""
    return _kept(world_map, ("links", shapes), lambda: _links(world_map, shapes))


def _links(world_map, shapes):
    shapes = escape(shapes)
    parts, patterns = [], {}
    for country in world_map.drawn:
        stroke, width = _outline(country)
        classes = "map-country"
        if country.marker:
            classes += " map-country--marker"
        if country.selected:
            classes += " map-country--selected"
        code = escape(country.code)
        parts.append(
            f'<a href="{escape(country.url)}" tabindex="-1" class="{classes}" data-code="{code}">'
            f"<title>{escape(_title(country, patterns))}</title>"
            f'<use href="{shapes}#{code}" fill="{escape(country.colour)}" stroke="{stroke}" '
            f'stroke-width="{width}"/></a>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped or a constant


@register.simple_tag
def map_download_shapes(world_map):
    """The downloadable map's countries: shapes from the file's own symbols, no links."""
    parts, patterns = [], {}
    for country in world_map.drawn:
        stroke, width = _outline(country)
        parts.append(
            f'<use href="#{escape(country.code)}" fill="{escape(country.colour)}" '
            f'stroke="{stroke}" stroke-width="{width}">'
            f"<title>{escape(_title(country, patterns))}</title></use>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped or a constant


@register.simple_tag
def map_table_rows(world_map):
    """The table under the map (the keyboard and screen-reader route): a row per country."""
    return _kept(world_map, ("table",), lambda: _table_rows(world_map))


def _table_rows(world_map):
    chosen = f' <span class="muted">({escape(gettext("chosen"))})</span>'
    rows = [
        f'<tr><th scope="row"><a href="{escape(country.url)}">{escape(country.name)}</a>'
        f"{chosen if country.selected else ''}</th>"
        f'<td class="number">{int(country.count)}</td></tr>'
        for country in world_map.countries
    ]
    if not rows:
        rows.append(f'<tr><td colspan="2">{escape(gettext("No case names a country."))}</td></tr>')
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped or a number
