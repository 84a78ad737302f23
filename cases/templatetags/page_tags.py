"""{% capture name %}…{% endcapture %}: render once, use twice. base.html renders a page's title
and description blocks once and uses them in <title>, the meta description and the sharing
tags (a block can appear only once in a template). {% page_path name %}: a page's path, kept."""

from django import template
from django.utils.safestring import mark_safe

from .. import paths

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        # Set where the rest of the template reads it (the tag stands outside any block).
        # The output is template output, escaped as it was rendered: safe as it stands.
        output = " ".join(self.nodelist.render(context).split())
        context[self.name] = mark_safe(output)  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("usage: {% capture name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(bits[1], nodelist)


@register.simple_tag
def page_path(name):
    """{% url name %} for a page without arguments, reversed once per language
    (cases/paths.py): base.html alone links to a dozen pages."""
    return paths.path(name)
