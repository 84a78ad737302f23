"""The filter panel's options, drawn in Python: a hundred options through template tags cost
more than everything else on the list page (see bench/results.md). The same markup a template
would write; every value and label is escaped (the standard library's html.escape, as Django's
own escape does, without the lazy-string wrapping that makes it slow per call)."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext

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
