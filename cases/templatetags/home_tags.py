"""The home page's 17 goal tiles, drawn in Python: through the template engine (a loop, a
plural translation and five values per tile) they were a fifth of the home page's time once
its map was kept per catalogue version (see bench/results.md). The markup the template wrote;
every name is escaped (`html.escape`, as facet_tags.py explains)."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from .. import paths

register = template.Library()


@register.simple_tag
def goal_tiles(goals):
    """An <li> per goal (reads.browse.GoalTile), each a link to the list of its cases."""
    list_url = escape(paths.path("cases:case_list"))
    tiles = []
    for goal in goals:
        number, count = int(goal.number), int(goal.count)
        empty = "" if count else " goal-tile--empty"
        cases = ngettext("%(counter)s case", "%(counter)s cases", count) % {"counter": count}
        tiles.append(
            f"\n    <li>\n"
            f'      <a class="goal-tile sdg-{number}{empty}" href="{list_url}?goal={number}">\n'
            f'        <span class="goal-tile__number">{number}</span>\n'
            f'        <span class="goal-tile__name">{escape(str(goal.name))}</span>\n'
            f'        <span class="goal-tile__count">{escape(cases)}</span>\n'
            f"      </a>\n"
            f"    </li>"
        )
    return mark_safe("".join(tiles))  # noqa: S308 - every value above is escaped or a number
