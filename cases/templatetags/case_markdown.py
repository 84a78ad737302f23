"""Markdown rendering for case texts: Markdown -> HTML -> sanitized by nh3 (an allow-list)."""

import markdown
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "a",
    "sup",
    "sub",
    "div",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "sup": {"id"},
    "li": {"id"},
    "div": {"class"},
    "ol": {"start"},
}


@register.filter(name="markdown")
def render_markdown(text):
    """Render an editor's Markdown to safe HTML (footnotes and lists supported)."""
    if not text:
        return mark_safe("")
    html = markdown.markdown(
        text,
        extensions=["footnotes", "sane_lists"],
        extension_configs={"footnotes": {"BACKLINK_TITLE": "↩"}},
        output_format="html",
    )
    return mark_safe(  # noqa: S308 - nh3 keeps only the allowed tags and attributes
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer",
        )
    )
