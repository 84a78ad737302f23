"""Markdown rendering for case texts: Markdown -> HTML -> sanitized by nh3 (an allow-list).

Editors write Markdown, not HTML. Raw HTML in their text is shown as the text they typed
(escaped), never interpreted: an unclosed `<style>`, `<script>` or `<textarea>` would otherwise
swallow the rest of the section or break the page. nh3 then keeps only the tags and
attributes Markdown itself makes, as a second line of defence.
"""

import threading

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
    "div",
    "hr",
}
# Only what Markdown's footnotes make: ids on the footnote and its reference, their classes.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "sup": {"id"},
    "li": {"id"},
    "ol": {"start"},
}
ALLOWED_CLASSES = {
    "a": {"footnote-ref", "footnote-backref"},
    "div": {"footnote"},
}
URL_SCHEMES = {"http", "https", "mailto"}


class _EscapedHtml(markdown.Extension):
    """Raw HTML (blocks and inline tags) stays text; Markdown escapes it on output."""

    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def _footnote_ids(section):
    """An nh3 attribute filter giving this section's footnote ids their own prefix.

    The challenge and the solution both number their footnotes from 1: without a prefix both
    would make `fn:1`, and a reference in one would jump to the other.
    """
    prefix = f"{section}-"

    def attribute_filter(tag, attribute, value):
        if attribute == "id":
            return prefix + value
        if tag == "a" and attribute == "href" and value.startswith("#"):
            return "#" + prefix + value[1:]
        return value

    return attribute_filter


_converters = threading.local()


def _converter():
    """This thread's Markdown converter, reset before each text: building one (its parser and
    extensions) cost more than converting a case's text (bench/results.md). Reset clears the
    footnotes of the previous text; one per thread because a converter keeps state while it
    converts."""
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown(
            extensions=["footnotes", "sane_lists", _EscapedHtml()],
            extension_configs={"footnotes": {"BACKLINK_TITLE": "↩"}},
            output_format="html",
        )
    return converter.reset()


@register.filter(name="markdown")
def render_markdown(text, section="text"):
    """Render an editor's Markdown to safe HTML; `section` names its footnote ids."""
    if not text:
        return mark_safe("")
    html = _converter().convert(text)
    return mark_safe(  # noqa: S308 - nh3 keeps only the allowed tags and attributes
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            # Nothing is dropped with its content: any tag nh3 removes leaves its text.
            clean_content_tags=set(),
            attributes=ALLOWED_ATTRIBUTES,
            allowed_classes=ALLOWED_CLASSES,
            attribute_filter=_footnote_ids(section),
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
        )
    )
