"""The catalogue at a glance: the world map and the charts (goals, regions, start years,
statuses), counted by the catalogue index like the list's facets.

Every number follows the list's filters (`cases.filters.CaseFilter`, through
`catalogue.select`) the way a facet does: a chart of a filter parameter applies every other
active filter but not its own, so the chosen options are marked and the others say what
choosing them would give; a chart of something that is not a filter (start years, the cases
without a country) applies every filter. A map of 100,000 cases therefore costs what the
facet counts cost: a few bitmap intersections, no query of its own.

Each country and bar links to the list with the same filters and that option instead of its
parameter's current values, so the number on the link is the number of cases it shows.
"""

import math
import re
from dataclasses import dataclass, field
from urllib.parse import quote_plus

from django.http import QueryDict
from django.urls import get_script_prefix, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import paths, world_map_shapes
from ..filters import normalized_query
from ..models import Case
from .catalogue import case_filter, ignored_notices, select
from .catalogue_index import Selection
from .regions import ANTARCTICA

# The map's colour scale: viridis (perceptually even, readable with every common colour vision
# deficiency, and its lightest shade stands out from the grey of countries without cases).
# Presentation attributes, not CSS: the downloaded SVG carries the same colours.
MAP_COLOURS = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
MAP_CLASSES = len(MAP_COLOURS)
NO_CASES_COLOUR = "#d9d9d9"
NICE_STEPS = (1, 2, 3, 5)
REGION_DEPTHS = (1, 2)  # continents and their sub-regions (World is the total)
WORLD = "001"
BAR_COLOUR = "#1f5f8b"


@dataclass
class Bar:
    value: str
    label: str
    count: int
    url: str
    selected: bool = False
    css_class: str = ""  # the goal's class (sdg-8) or a region's depth (depth-2)
    colour: str = BAR_COLOUR  # the goal's official colour for goal bars
    width: float = 0.0  # share of the longest bar, 0..100 (the SVG's bar length)
    y: int = 0  # the bar's row in the downloaded SVG (below its top)

    @property
    def length(self):
        return round(self.width * BAR_LENGTH / 100, 1)


@dataclass
class Chart:
    name: str  # goals, regions, years, statuses: the download's name too
    title: str
    parameter: str  # the filter a bar sets
    bars: list
    summary: str
    heading: str  # the table's first column
    note: str = ""  # what the chart leaves out (cases without a start year)

    @property
    def summary_lines(self):
        """The summary a sentence a line, for the downloaded SVG (SVG text does not wrap)."""
        return [line for line in re.split(r"(?<=[.。])\s*", self.summary) if line]

    @property
    def top(self):
        """Where the downloaded SVG's bars start: below the title and the summary."""
        return 34 + 18 * len(self.summary_lines)

    @property
    def height(self):
        return self.top + len(self.bars) * BAR_ROW + 10


BAR_ROW = 30
BAR_LENGTH = 580  # the downloaded SVG's longest bar, in its units (640 wide)


@dataclass
class MapCountry:
    code: str
    name: str
    count: int
    url: str
    shade: int  # 1..MAP_CLASSES
    selected: bool
    marker: bool  # drawn as a marker (too small for the map's scale)
    drawn: bool  # on the map at all (Antarctica is not)

    @property
    def colour(self):
        return MAP_COLOURS[self.shade - 1]


@dataclass
class LegendEntry:
    shade: int
    low: int
    high: int

    @property
    def colour(self):
        return MAP_COLOURS[self.shade - 1]


@dataclass
class WorldMap:
    countries: list  # MapCountry with cases, most cases first
    legend: list  # LegendEntry, lightest first
    total: int  # cases the map's filters select (its own country filter left out)
    without_country: int  # of those, cases tagged with regions only (regional or global)
    summary: str
    width: int = world_map_shapes.WIDTH
    height: int = world_map_shapes.HEIGHT
    # Its markup, made once by templatetags/map_tags.py: the home page's map is kept per
    # catalogue version (home_map), and so is its markup with it.
    markup: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def drawn(self):
        """Countries on the map: shapes first, markers on top of them."""
        return sorted(
            (country for country in self.countries if country.drawn),
            key=lambda country: country.marker,
        )

    @property
    def not_drawn(self):
        return [country for country in self.countries if not country.drawn]


@dataclass
class InsightsPage:
    filterset: object
    notices: list
    total: int  # cases matching every filter
    map: WorldMap
    charts: list
    kept: list  # (parameter, value) of the list's filters, for links back to the list

    @property
    def list_url(self):
        path = reverse("cases:case_list")
        return f"{path}?{urlencode(self.kept)}" if self.kept else path

    def chart(self, name):
        """The map or one chart by its download name, or None."""
        if name == "map":
            return self.map
        return next((chart for chart in self.charts if chart.name == name), None)


def list_url(kept, parameter, value):
    """The case list with the filters `kept`, `parameter` set to `value` alone."""
    return list_links(kept, parameter)(value)


def list_links(kept, parameter):
    """`list_url` for many values of one parameter (the map's 250 countries): the list's path
    and the rest of the query are made once (per value, they were a tenth of the home page).
    The query's pairs stay sorted: `parameter` goes between the names before and after it."""
    pairs = sorted((name, v) for name, v in kept if name not in (parameter, "page"))
    before = urlencode([pair for pair in pairs if pair[0] < parameter])
    after = urlencode([pair for pair in pairs if pair[0] > parameter])
    path = paths.path("cases:case_list")
    start = f"{path}?{before + '&' if before else ''}{quote_plus(parameter)}="
    end = f"&{after}" if after else ""

    def link(value):
        return f"{start}{quote_plus(str(value))}{end}"

    return link


def insights_page(params, language):
    selection = select(params)
    kept = [(name, value) for name, value in normalized_query(params) if name != "page"]
    filterset = selection.filterset
    return InsightsPage(
        filterset=filterset,
        notices=ignored_notices(filterset),
        total=selection.count,
        map=world_map(selection, language, kept),
        charts=charts(selection, language, kept),
        kept=kept,
    )


def home_map(index, language):
    """The unfiltered map of the home page, from the index the page already has. It follows
    from the catalogue and the language alone, so it is made once per catalogue version (kept
    with the index) rather than per request: its 250 countries, their links and shades were a
    fifth of the home page (bench/results.md). The script prefix is in the key because the
    links start with it."""
    return index.derived(
        ("home map", language, get_script_prefix()),
        lambda: world_map(Selection(index, case_filter(QueryDict(), index)), language, []),
    )


# -- the map ----------------------------------------------------------------------------------


def world_map(selection, language, kept):
    names = selection.index.names.countries[language]
    order = selection.index.names.name_order["country"][language]
    counts = selection.counts("country")
    chosen = set(selection.values.get("country", []))
    within = selection.cases_without("country")
    located = selection.index.cases_with("has_country", True)
    without_country = len(within) - within.intersection_cardinality(located)
    with_cases = sorted(
        (code for code, count in counts.items() if count and code in names),
        key=lambda code: (-counts[code], order.get(code, 0)),
    )
    breaks = map_breaks(max((counts[code] for code in with_cases), default=0))
    link = list_links(kept, "country")
    countries = [
        MapCountry(
            code=code,
            name=names[code],
            count=counts[code],
            url=link(code),
            shade=shade_of(counts[code], breaks),
            selected=code in chosen,
            marker=code in world_map_shapes.MARKERS,
            drawn=code in world_map_shapes.SHAPES or code in world_map_shapes.MARKERS,
        )
        for code in with_cases
    ]
    legend = []
    low = 1
    for index, high in enumerate(breaks):
        legend.append(LegendEntry(_shade_index(index, len(breaks)), low, high))
        low = high + 1
    return WorldMap(
        countries=countries,
        legend=legend,
        total=len(within),
        without_country=without_country,
        summary=_map_summary(countries, without_country),
    )


def map_breaks(largest):
    """Upper bounds of the colour classes for counts 1..largest: one class per count up to
    MAP_CLASSES, else about evenly spaced on a log scale, rounded to 1, 2, 3, 5 × 10ⁿ."""
    if largest <= 0:
        return []
    if largest <= MAP_CLASSES:
        return list(range(1, largest + 1))
    bounds = []
    for step in range(1, MAP_CLASSES):
        bound = _nice(largest ** (step / MAP_CLASSES))
        if bound < largest and (not bounds or bound > bounds[-1]):
            bounds.append(bound)
    return [*bounds, largest]


def _nice(value):
    exponent = 10 ** math.floor(math.log10(value))
    return min(
        (step * exponent for step in (*NICE_STEPS, 10)), key=lambda bound: abs(bound - value)
    )


def _shade_index(index, classes):
    """Few classes spread over the whole scale, so the largest count is always the darkest."""
    if classes <= 1:
        return MAP_CLASSES
    return 1 + round(index * (MAP_CLASSES - 1) / (classes - 1))


def shade_of(count, breaks):
    for index, high in enumerate(breaks):
        if count <= high:
            return _shade_index(index, len(breaks))
    return MAP_CLASSES


LEADERS_NAMED = 3


def leaders(names):
    """The first few of `names` (those sharing the largest count), and how many more."""
    shown = _(", ").join(names[:LEADERS_NAMED])
    if len(names) <= LEADERS_NAMED:
        return shown
    more = len(names) - LEADERS_NAMED
    return ngettext("%(names)s and %(counter)s other", "%(names)s and %(counter)s others", more) % {
        "names": shown,
        "counter": more,
    }


def _map_summary(countries, without_country):
    if not countries:
        text = _("No case names a country.")
    else:
        text = ngettext(
            "%(countries)s country has cases; most in %(names)s (%(count)s).",
            "%(countries)s countries have cases; most in %(names)s (%(count)s).",
            len(countries),
        ) % {
            "countries": len(countries),
            "names": leaders(
                [country.name for country in countries if country.count == countries[0].count]
            ),
            "count": countries[0].count,
        }
    if without_country:
        text += " " + ngettext(
            "%(counter)s regional or global case names no country.",
            "%(counter)s regional or global cases name no country.",
            without_country,
        ) % {"counter": without_country}
    return text


# -- the charts -------------------------------------------------------------------------------


def charts(selection, language, kept):
    return [
        _scaled(chart)
        for chart in (
            goal_chart(selection, language, kept),
            region_chart(selection, language, kept),
            year_chart(selection, kept),
            status_chart(selection, kept),
        )
    ]


def _scaled(chart):
    longest = max((bar.count for bar in chart.bars), default=0)
    for row, bar in enumerate(chart.bars):
        bar.width = round(100 * bar.count / longest, 1) if longest else 0.0
        bar.y = row * BAR_ROW
    return chart


def goal_chart(selection, language, kept):
    names = selection.index.names.goals[language]
    counts = selection.counts("goal", names.keys())
    chosen = set(selection.values.get("goal", []))
    colours = selection.index.names.goal_colours
    bars = [
        Bar(
            str(number),
            f"{number} {names[number]}",
            counts[number],
            list_url(kept, "goal", number),
            number in chosen,
            f"sdg-{number}",
            colours[number][0],
        )
        for number in sorted(names)
    ]
    empty = [bar for bar in bars if not bar.count]
    if not any(bar.count for bar in bars):
        summary = _("No case addresses a goal.")
    else:
        top = max(bar.count for bar in bars)
        summary = _("Most cases address goals %(goals)s (%(count)s).") % {
            "goals": leaders([bar.label for bar in bars if bar.count == top]),
            "count": top,
        }
        if empty:
            summary += " " + ngettext(
                "%(counter)s goal has no case: %(goals)s.",
                "%(counter)s goals have no case: %(goals)s.",
                len(empty),
            ) % {"counter": len(empty), "goals": _(", ").join(bar.value for bar in empty)}
    return Chart(
        "goals", _("Cases by Sustainable Development Goal"), "goal", bars, summary, _("Goal")
    )


def region_chart(selection, language, kept):
    index = selection.index
    names = index.names.regions[language]
    counts = selection.counts("region", names.keys())
    chosen = set(selection.values.get("region", []))
    bars = []

    def walk(code):
        region = index.regions[code]
        shown = counts[code] or (region.depth == 1 and code != ANTARCTICA)
        if region.depth in REGION_DEPTHS and shown:
            bars.append(
                Bar(
                    code,
                    names[code],
                    counts[code],
                    list_url(kept, "region", code),
                    code in chosen,
                    f"depth-{region.depth}",
                )
            )
        if region.depth < max(REGION_DEPTHS):
            for child in sorted(region.child_regions, key=lambda r: r.code):
                walk(child.code)

    if WORLD in index.regions:
        walk(WORLD)
    continents = [bar for bar in bars if bar.css_class == "depth-1"]
    if any(bar.count for bar in continents):
        top = max(bar.count for bar in continents)
        summary = _("Most cases are in %(regions)s (%(count)s).") % {
            "regions": leaders([bar.label for bar in continents if bar.count == top]),
            "count": top,
        }
    else:
        summary = _("No case names a region or country.")
    return Chart("regions", _("Cases by region"), "region", bars, summary, _("Region"))


def year_chart(selection, kept):
    """Cases by the year they started, every year from the first to the last (zeros too).
    The bars link to the list of cases active in that year, the nearest filter there is."""
    counts = {year: count for year, count in selection.counts("start_year").items() if count}
    bars = []
    if counts:
        for year in range(min(counts), max(counts) + 1):
            bars.append(
                Bar(str(year), str(year), counts.get(year, 0), list_url(kept, "year", year))
            )
    undated = selection.count - sum(counts.values())
    if counts:
        top = max(bar.count for bar in bars)
        summary = _(
            "Cases started between %(first)s and %(last)s; most in %(years)s (%(count)s)."
        ) % {
            "first": bars[0].label,
            "last": bars[-1].label,
            "years": leaders([bar.label for bar in bars if bar.count == top]),
            "count": top,
        }
    else:
        summary = _("No case has a start year.")
    note = _("Each year links to the cases active in that year.")
    if undated:
        note += " " + ngettext(
            "%(counter)s case without a start year is not shown.",
            "%(counter)s cases without a start year are not shown.",
            undated,
        ) % {"counter": undated}
    return Chart("years", _("Cases by start year"), "year", bars, summary, _("Start year"), note)


def status_chart(selection, kept):
    counts = selection.counts("status", Case.Status.values)
    chosen = set(selection.values.get("status", []))
    bars = [
        Bar(value, str(label), counts[value], list_url(kept, "status", value), value in chosen)
        for value, label in Case.Status.choices
    ]
    summary = _(", ").join(
        _("%(status)s: %(count)s") % {"status": bar.label, "count": bar.count} for bar in bars
    )
    return Chart("statuses", _("Cases by status"), "status", bars, summary, _("Status"))
