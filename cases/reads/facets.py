"""The filter panel's facets, counted by the catalogue index: each facet's counts apply every
other active filter but not its own, so a reader sees what choosing another option would give.

A facet shows its options with the most cases first (goals: all 17 in order; regions: the
tree; roles, statuses, modalities: all), at most TOP_OPTIONS of them, and always the chosen
ones; `more` says how many others there are, for the "show all" page (`all_options`).
"""

from dataclasses import dataclass, field

from django.utils.text import capfirst
from django.utils.translation import ngettext

from ..models import Case, CaseOrganization, Country, Organization, Region, SdgGoal, SdgTarget
from .regions import ANTARCTICA

TOP_OPTIONS = 10
CHOICES = {
    "role": CaseOrganization.Role,
    "status": Case.Status,
    "modality": Case.Modality,
}
TITLES = {
    "goal": SdgGoal._meta.verbose_name_plural,
    "target": SdgTarget._meta.verbose_name_plural,
    "region": Region._meta.verbose_name_plural,
    "country": Country._meta.verbose_name_plural,
    "organization": Organization._meta.verbose_name_plural,
    "role": CaseOrganization._meta.get_field("role").verbose_name,
    "status": Case._meta.get_field("status").verbose_name,
    "modality": Case._meta.get_field("modality").verbose_name,
    "year": Case._meta.get_field("start_year").verbose_name,
}
# Facets long enough to be cut to their top options, with a "show all" page.
LONG_FACETS = ("target", "region", "country", "organization")


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    css_class: str = ""
    children: list = field(default_factory=list)
    depth: int = 0


@dataclass
class Facet:
    parameter: str
    title: str
    options: list
    more: int = 0  # options not shown (the "show all" page has them)

    @property
    def selected_count(self):
        return sum(1 for option in self.all_options() if option.selected)

    def all_options(self):
        for option in self.options:
            yield option
            yield from option.children

    @property
    def heading(self):
        return capfirst(self.title)


def facets(selection, language):
    """Every facet of the list, in the order the filter panel shows them."""
    return [facet(selection, language, name) for name in TITLES]


def facet(selection, language, parameter, *, complete=False, narrow=""):
    """One facet; `complete` gives every option with cases (the "show all" page), `narrow`
    only those whose label contains it (and the chosen ones)."""
    chosen = {str(value) for value in selection.values.get(parameter, [])}
    build = BUILDERS.get(parameter, _choice_options)
    more = 0
    if parameter in CUT_BEFORE_BUILDING and not complete and not narrow:
        options, more = build(selection, language, parameter, chosen, top=True)
    else:
        options = build(selection, language, parameter, chosen)
        if narrow:
            wanted = narrow.casefold()
            options = [o for o in options if o.selected or wanted in o.label.casefold()]
        if parameter in LONG_FACETS and not complete:
            options, more = _top(options, chosen)
    if parameter == "target":
        options = _grouped_by_goal(selection.index.names, language, options)
    return Facet(parameter, TITLES[parameter], options, more)


def _top(options, chosen):
    """The TOP_OPTIONS with most cases, and the chosen ones, in their original order."""
    shown, more = _top_values([o.value for o in options], [o.count for o in options], chosen)
    keep = set(shown)
    return [option for option in options if option.value in keep], more


def _top_values(values, counts, chosen):
    """`_top` of values in order with their counts: the values shown, and how many are not."""
    ranked = sorted(range(len(values)), key=lambda i: (-counts[i], i))
    keep = set(ranked[:TOP_OPTIONS]) | {i for i, value in enumerate(values) if value in chosen}
    shown = [value for i, value in enumerate(values) if i in keep]
    return shown, len(values) - len(shown)


# The long facets whose builders cut them to their top options themselves (top=True), before
# making an option of each of their hundreds of values only to drop most (a tenth of a list
# page). The result is `_top`'s.
CUT_BEFORE_BUILDING = ("target", "country", "organization")


def _goal_options(selection, language, parameter, chosen):
    names = selection.index.names
    counts = selection.counts("goal", names.goals[language].keys())
    return [
        FacetOption(str(number), name, counts[number], str(number) in chosen, f"sdg-{number}")
        for number, name in sorted(names.goals[language].items())
    ]


def _target_options(selection, language, parameter, chosen, top=False):
    """Targets that some published case has, or that are chosen, in natural order (`top`: only
    those `_top` keeps, and how many it leaves out)."""
    names = selection.index.names
    codes = set(selection.index.values("target")) | chosen
    codes = sorted(codes & set(names.targets[language]), key=names.target_position.get)
    counts = selection.counts("target", codes)
    more = 0
    if top:
        codes, more = _top_values(codes, [counts[code] for code in codes], chosen)
    options = [
        FacetOption(
            code,
            f"{code} {names.targets[language][code]}",
            counts[code],
            code in chosen,
            f"sdg-{names.target_goal[code]}",
            depth=1,
        )
        for code in codes
    ]
    return (options, more) if top else options


def _grouped_by_goal(names, language, target_options):
    groups = {}
    for option in target_options:
        goal = int(option.css_class.removeprefix("sdg-"))
        group = groups.setdefault(
            goal, FacetOption(str(goal), names.goals[language][goal], 0, False, f"sdg-{goal}")
        )
        group.children.append(option)
    return [groups[goal] for goal in sorted(groups)]


def _region_options(selection, language, parameter, chosen):
    """The M49 tree from World, every region (muted without cases) but Antarctica."""
    names = selection.index.names
    counts = selection.counts("region", names.regions[language].keys())
    children = {}
    for code, parent in names.region_parent.items():
        children.setdefault(parent, []).append(code)
    options = []

    def walk(code, depth):
        if code != ANTARCTICA or counts[code] or code in chosen:
            label = names.regions[language][code]
            options.append(FacetOption(code, label, counts[code], code in chosen, depth=depth))
        for child in sorted(children.get(code, [])):
            walk(child, depth + 1)

    for root in sorted(children.get(None, [])):
        walk(root, 0)
    return options


def _named_options(selection, language, parameter, chosen, top=False):
    """Countries or organizations with published cases (or chosen), by name in `language`
    (in the database's order for the language: pinyin for Chinese on PostgreSQL); `top`: only
    those `_top` keeps, and how many it leaves out."""
    names = selection.index.names
    labels = getattr(names, NAMED[parameter])[language]
    order = names.name_order[parameter][language]
    values = (set(selection.index.values(parameter)) | chosen) & set(labels)
    counts = selection.counts(parameter, values)
    values, more = sorted(values, key=order.get), 0
    if top:
        values, more = _top_values(values, [counts[value] for value in values], chosen)
    options = [
        FacetOption(value, labels[value], counts[value], value in chosen) for value in values
    ]
    return (options, more) if top else options


NAMED = {"country": "countries", "organization": "organizations"}


def _choice_options(selection, language, parameter, chosen):
    choices = CHOICES[parameter]
    counts = selection.counts(parameter, choices.values)
    return [
        FacetOption(value, label, counts[value], value in chosen)
        for value, label in choices.choices
    ]


def _year_options(selection, language, parameter, chosen):
    """Years in which cases were active, newest first, with counts."""
    counts = selection.counts("year")
    years = {year for year, count in counts.items() if count} | {int(year) for year in chosen}
    return [
        FacetOption(
            str(year),
            _year_label(year, counts.get(year, 0)),
            counts.get(year, 0),
            str(year) in chosen,
        )
        for year in sorted(years, reverse=True)
    ]


def _year_label(year, count):
    return ngettext("%(year)s (%(counter)s case)", "%(year)s (%(counter)s cases)", count) % {
        "year": year,
        "counter": count,
    }


BUILDERS = {
    "goal": _goal_options,
    "target": _target_options,
    "region": _region_options,
    "country": _named_options,
    "organization": _named_options,
    "year": _year_options,
}
