"""The filter panel's options, drawn in Python: a hundred options through template tags cost
more than everything else on the list page (see bench/results.md). The same markup a template
would write; every value and label is escaped (the standard library's html.escape, as Django's
own escape does, without the lazy-string wrapping that makes it slow per call)."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext

register = template.Library()


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
