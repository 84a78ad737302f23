"""The case list: filtered, sorted and paginated published cases, with facets and help for an
empty result. The page, the CSV and the feed all start from `case_filter`."""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from .. import search
from ..filters import FILTER_PARAMETERS, MAX_VALUE_LENGTH, SORTS, CaseFilter
from ..models import Case
from ..parsing import parse_positive_int
from .facets import facets
from .prefetch import with_card_data
from .regions import region_tree


def case_filter(params):
    """The FilterSet over published cases, with the region tree it needs (one query)."""
    return CaseFilter(params, queryset=Case.objects.published(), regions=region_tree())


def newest_cases(filterset, limit):
    """The most recently published cases matching the filters (for the feed)."""
    cases = filterset.queryset_without().newest_first()
    return list(cases.prefetch_related("sdg_targets")[:limit])


@dataclass
class CataloguePage:
    """Everything the list page shows."""

    filterset: CaseFilter
    query: search.ParsedQuery
    page: object
    cases: list
    facets: list
    chips: list  # (parameter, FacetOption) of every chosen option
    notices: list  # what was ignored in the request, and why
    sort: str
    sorts: list  # (key, label) the reader may choose
    last_filter: tuple | None  # (parameter, value, label) of the last value in the URL
    removals: list  # for an empty result: (parameter, label, count) of filters to drop
    suggestions: dict | None  # for an empty search: close targets, countries, organizations


def catalogue_page(params, language):
    """The list page for these GET parameters, in `language`."""
    filterset = case_filter(params)
    notices = [
        _("Ignored %(parameter)s “%(value)s”: %(reason)s.")
        % {"parameter": ignored.parameter, "value": ignored.value, "reason": ignored.reason}
        for ignored in filterset.ignored
    ]
    page, page_notice = paginate(with_card_data(filterset.qs), params.get("page"))
    if page_notice:
        notices.append(page_notice)
    query = filterset.search_query
    cards = list(page.object_list)
    if not query.is_empty:
        for case in cards:
            case.snippet = search.snippet(case, query, language)
    facet_list = facets(filterset)
    found = page.paginator.count
    return CataloguePage(
        filterset=filterset,
        query=query,
        page=page,
        cases=cards,
        facets=facet_list,
        chips=[
            (facet.parameter, option)
            for facet in facet_list
            for option in facet.all_options()
            if option.selected
        ],
        notices=notices,
        sort=filterset.sort_order,
        sorts=[
            (key, label) for key, label in SORTS.items() if key != "relevance" or not query.is_empty
        ],
        last_filter=last_filter(params, facet_list),
        removals=[] if found else removals(filterset, facet_list, query),
        suggestions=None if found or query.is_empty else search.suggestions(query, language),
    )


def paginate(cases, raw_page):
    """The requested page, or page 1 / the last page with a notice saying why."""
    paginator = Paginator(cases, settings.CASES_PER_PAGE)
    if raw_page in (None, ""):
        return paginator.page(1), None
    shown = raw_page[:MAX_VALUE_LENGTH]
    number = parse_positive_int(raw_page)
    if number is None:
        notice = _("Ignored page “%(page)s”: a page is a whole number from 1.") % {"page": shown}
        return paginator.page(1), notice
    if number > paginator.num_pages:
        notice = _("There is no page %(page)s: showing the last page, %(last)s.") % {
            "page": shown,
            "last": paginator.num_pages,
        }
        return paginator.page(paginator.num_pages), notice
    return paginator.page(number), None


def results_without_each_filter(filterset):
    """For an empty result: {parameter: number of cases} when only that parameter is dropped.

    One count per active parameter, so it runs only when nothing was found.
    """
    parameters = list(filterset.active)
    if not filterset.search_query.is_empty:
        parameters.append("q")
    counts = {name: filterset.queryset_without(name).count() for name in parameters}
    return {name: count for name, count in counts.items() if count}


def removals(filterset, facet_list, query):
    """For an empty result: each filter (all its values) whose removal would find cases."""
    counts = results_without_each_filter(filterset)
    labels = {}
    for facet in facet_list:
        for option in facet.all_options():
            if option.selected:
                labels.setdefault(facet.parameter, []).append(option.label)
    if not query.is_empty:
        labels["q"] = [query.text]
    return [
        (parameter, _(", ").join(map(str, labels[parameter])), counts[parameter])
        for parameter in labels
        if counts.get(parameter)
    ]


def last_filter(params, facet_list):
    """The last filter value in the URL, with its label: an empty result offers to remove it."""
    pairs = [
        (key, value)
        for key, values in params.lists()
        if key in FILTER_PARAMETERS
        for value in values
        if value.strip()
    ]
    if not pairs:
        return None
    parameter, value = pairs[-1]
    labels = {
        (facet.parameter, option.value.lower()): option.label
        for facet in facet_list
        for option in facet.all_options()
    }
    return parameter, value, labels.get((parameter, value.strip().lower()), value)
