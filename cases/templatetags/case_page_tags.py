"""The case page's links into the list (its places, organizations and target badges), drawn in
Python: through the template engine, their loops were a third of the page's rendering time
(bench/results.md). The markup the template wrote; every value is escaped (`html.escape`, as
facet_tags.py explains)."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from .. import paths

register = template.Library()


def _list_url():
    return escape(paths.path("cases:case_list"))


@register.simple_tag
def place_links(places):
    """<li> links for reads.case_page `places`: (parameter, code, name, role label)."""
    url = _list_url()
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<li><a href="{url}?{escape(parameter)}={escape(code)}">{escape(str(name))}</a>'
            f"{_role(role)}</li>"
            for parameter, code, name, role in places
        )
    )


def _role(role):
    return f' <span class="muted">({escape(str(role))})</span>' if role else ""


@register.simple_tag
def organization_links(role, organizations):
    """<li> links for one role's organizations: (slug, name)."""
    url, role = _list_url(), escape(str(role))
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<li><a href="{url}?organization={escape(slug)}&amp;role={role}">'
            f"{escape(str(name))}</a></li>"
            for slug, name in organizations
        )
    )


@register.simple_tag
def target_badges(goals):
    """<li> badges for reads.case_page `goals`: (number, name, [(code, label)])."""
    url = _list_url()
    return mark_safe(  # noqa: S308 - every value is escaped or a number
        "".join(
            f"\n            <li>"
            f'<a class="target-badge sdg-{int(number)}" href="{url}?target={escape(code)}">'
            f'<span class="target-badge__code">{escape(code)}</span> {escape(str(label))}</a>'
            f"</li>\n            "
            for number, _name, targets in goals
            for code, label in targets
        )
    )
