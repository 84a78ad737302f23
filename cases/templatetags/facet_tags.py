"""The filter panel, drawn in Python: a hundred options through template tags cost more than
everything else on the list page, and the panel's loop over its nine facets, with its headings,
groups and links, was still a fifth of a list page's time (see bench/results.md). The same
markup a template would write; every value and label is escaped (the standard library's
html.escape, as Django's own escape does, without the lazy-string wrapping that makes it slow
per call)."""

from html import escape

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext

from .catalogue_tags import _query

register = template.Library()

# Facets shown open even when nothing in them is chosen.
OPEN_FACETS = ("goal", "status", "modality", "role")


@register.simple_tag(takes_context=True)
def facet_panel(context, facets):
    """Every facet of the filter panel (reads.facets.Facet): the year as a menu, the others as
    checkboxes in a <details>, targets grouped by goal, with "show all" for the long ones."""
    query = _query(context["request"])
    query.pop("page", None)
    encoded = urlencode(sorted(query.lists()), doseq=True)
    words = {
        "goal": escape(gettext("Goal")),
        "no targets": escape(gettext("No targets yet.")),
        "none": escape(gettext("None yet.")),
    }
    parts = []
    for facet in facets:
        if facet.parameter == "year":
            parts.append(_year_menu(facet))
        else:
            parts.append(_facet_details(facet, encoded, words))
    return mark_safe("".join(parts))  # noqa: S308 - every value below is escaped


def _year_menu(facet):
    options = "".join(
        f'<option value="{escape(option.value)}"{" selected" if option.selected else ""}>'
        f"{escape(option.label)}</option>"
        for option in facet.options
    )
    # Outside the f-string: xgettext does not read calls inside one.
    title, anything = escape(gettext("Active in year")), escape(gettext("Any year"))
    return (
        f'\n    <div class="facet">\n'
        f'      <label class="facet__title" for="f-year">{title}'
        f"</label>\n"
        f'      <select id="f-year" name="year">\n'
        f'        <option value="">{anything}</option>\n'
        f"        {options}\n"
        f"      </select>\n"
        f"    </div>\n"
    )


def _facet_details(facet, encoded, words):
    parameter, heading = escape(facet.parameter), escape(str(facet.heading))
    selected = facet.selected_count
    is_open = " open" if selected or facet.parameter in OPEN_FACETS else ""
    chosen = f' <span class="facet__selected">({int(selected)})</span>' if selected else ""
    if facet.parameter == "target":
        body = (
            "".join(
                f'\n        <p class="facet-group"><span class="swatch {escape(group.css_class)}" '
                f'aria-hidden="true"></span>{words["goal"]} {escape(group.value)}: '
                f"{escape(group.label)}</p>\n"
                f'        <ul class="facet-options">{facet_checkboxes("target", group.children)}'
                f"</ul>"
                for group in facet.options
            )
            or f'\n        <p class="muted">{words["no targets"]}</p>'
        )
    else:
        options = (
            facet_checkboxes(facet.parameter, facet.options)
            if facet.options
            else f'<li class="muted">{words["none"]}</li>'
        )
        body = f'\n        <ul class="facet-options">{options}</ul>'
    more = ""
    if facet.more:
        path = reverse("cases:facet_options", kwargs={"parameter": facet.parameter})
        url = f"{path}?{encoded}" if encoded else path
        show_all = ngettext(
            "Show all (%(counter)s more)", "Show all (%(counter)s more)", facet.more
        ) % {"counter": facet.more}
        more = (
            f'\n        <p class="facet__more"><a href="{escape(url)}">{escape(show_all)}'
            f'<span class="visually-hidden"> – {heading}</span></a></p>'
        )
    return (
        f'\n    <details class="facet" data-facet="{parameter}"{is_open}>\n'
        f'      <summary class="facet__title">{heading}{chosen}</summary>\n'
        f"      <fieldset>\n"
        f'        <legend class="visually-hidden">{heading}</legend>'
        f"{body}{more}\n"
        f"      </fieldset>\n"
        f"    </details>\n"
    )


@register.simple_tag
def facet_checkboxes(parameter, options, id_prefix="f", narrowable=False):
    """<li> checkboxes for `options` (reads.facets.FacetOption) of `parameter`; `narrowable`
    adds the label for the "show all" page's type-to-narrow box."""
    cases_word = escape(gettext("cases:"))
    parameter = escape(parameter)
    html = "".join(
        _checkbox(parameter, option, id_prefix, cases_word, narrowable) for option in options
    )
    return mark_safe(html)  # noqa: S308 - every value below is escaped


def _checkbox(parameter, option, id_prefix, cases_word, narrowable):
    identifier = escape(f"{id_prefix}-{parameter}-{slugify(option.value)}")
    label = str(option.label)
    empty = " is-empty" if not option.count and not option.selected else ""
    swatch = (
        f'<span class="swatch {escape(option.css_class)}" aria-hidden="true"></span>'
        if option.css_class
        else ""
    )
    narrow = f' data-label="{escape(label.casefold())}"' if narrowable else ""
    return (
        f'<li class="facet-option{empty} depth-{int(option.depth)}"{narrow}>'
        f'<input type="checkbox" id="{identifier}" '
        f'name="{parameter}" value="{escape(option.value)}"{" checked" if option.selected else ""}>'
        f'<label for="{identifier}">{swatch}<span class="facet-option__label">{escape(label)}'
        f'</span> <span class="count"><span class="visually-hidden">{cases_word} </span>'
        f"{int(option.count)}</span></label></li>"
    )


GLANCE_HEIGHT = 40  # the side panel's goal chart: 17 bars in a 170 x 40 box


@register.simple_tag
def goal_glance(facets):
    """The side panel's small chart of the goal facet: one bar per goal, 1-17, in the goal's
    colour (a class: the CSP forbids inline styles), its height the goal's share of the
    largest count. Pointer users hover for the number; the goal checkboxes below have the same
    numbers and choose the goal, so the chart is hidden from assistive technology."""
    goal = next((facet for facet in facets if facet.parameter == "goal"), None)
    if goal is None:
        return ""
    largest = max((option.count for option in goal.options), default=0)
    bars = []
    for place, option in enumerate(goal.options):
        height = round(GLANCE_HEIGHT * option.count / largest, 1) if largest else 0
        height = max(height, 1)  # a goal without cases still shows as a line
        title = ngettext(
            "%(goal)s: %(counter)s case", "%(goal)s: %(counter)s cases", option.count
        ) % {"goal": f"{option.value} {option.label}", "counter": option.count}
        bars.append(
            f'<rect class="{escape(option.css_class)}" x="{place * 10}" '
            f'y="{GLANCE_HEIGHT - height}" width="8" height="{height}">'
            f"<title>{escape(title)}</title></rect>"
        )
    return mark_safe(  # noqa: S308 - every value above is escaped or a number
        f'<svg class="goal-glance" viewBox="0 0 170 {GLANCE_HEIGHT}" preserveAspectRatio="none" '
        f'aria-hidden="true" '
        f'focusable="false">{"".join(bars)}</svg>'
    )
