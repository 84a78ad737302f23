"""The map and each chart of the insights page as a file: SVG always, PNG where CairoSVG (and
a CJK font, for Chinese labels) is installed.

The downloaded SVG stands alone: its text, colours and, for the map, the shapes of the
countries it colours are inside it (the page's map refers to the cached static asset
instead). It is drawn from the same read as the page (`reads.insights.insights_page`), so it
shows the same numbers for the same filters.
"""

import functools
import re

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..reads.insights import NO_CASES_COLOUR, insights_page

MAP_ASSET = "maps/world.svg"
SYMBOL = re.compile(r'<symbol id="([A-Za-z]+)"[^>]*>.*?</symbol>', re.S)
PNG_SCALE = 2  # pixels per SVG unit: sharp enough to print


@functools.cache
def map_symbols():
    """{id: "<symbol ...>...</symbol>"} of the static map asset, read once per process."""
    with open(finders.find(MAP_ASSET), encoding="utf-8") as asset:
        return {match.group(1): match.group(0) for match in SYMBOL.finditer(asset.read())}


def render_svg(request, name):
    page = insights_page(request.GET, get_language())
    item = page.chart(name)
    if item is None:
        raise Http404(_("There is no such chart."))
    if name == "map":
        symbols = map_symbols()
        used = ["land", "borders", *(country.code for country in item.drawn)]
        return render_to_string(
            "cases/insights/map.svg",
            {
                "map": item,
                "symbols": "".join(symbols[code] for code in used if code in symbols),
                "no_cases_colour": NO_CASES_COLOUR,
                "total": page.total,
                "legend_y": item.height + 24,
                "height": item.height + 90,
            },
            request,
        )
    return render_to_string("cases/insights/chart.svg", {"chart": item}, request)


def _filename(name, extension):
    return f'attachment; filename="catalogue-{name}-{get_language()}.{extension}"'


def svg(request, name):
    response = HttpResponse(render_svg(request, name), content_type="image/svg+xml")
    response["Content-Disposition"] = _filename(name, "svg")
    return response


def png_available():
    return cairosvg() is not None


@functools.cache
def cairosvg():
    """The CairoSVG module, or None where it (or the Cairo library under it) is missing."""
    try:
        import cairosvg as module
    except (ImportError, OSError):
        return None
    return module


def png(request, name):
    converter = cairosvg()
    if converter is None:
        message = _(
            "PNG downloads need CairoSVG on the server (pip install cairosvg, with the Cairo "
            "library and a Chinese font such as fonts-wqy-microhei). Download the SVG instead: "
            "it opens in every browser and prints at any size."
        )
        return HttpResponse(message, status=501, content_type="text/plain; charset=utf-8")
    document = render_svg(request, name).encode("utf-8")
    response = HttpResponse(
        converter.svg2png(bytestring=document, scale=PNG_SCALE), content_type="image/png"
    )
    response["Content-Disposition"] = _filename(name, "png")
    return response
