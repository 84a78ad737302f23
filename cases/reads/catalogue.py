"""The case list: filtered, sorted and paginated published cases, with facets and help for an
empty result. The page, the CSV and the feed all start from `case_filter`."""

from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from .. import search
from ..filters import (
    FILTER_PARAMETERS,
    MAX_VALUE_LENGTH,
    SORTS,
    CaseFilter,
    normalized_query,
)
from ..models import Case
from ..parsing import parse_positive_int
from .cards import card_rows, cards
from .catalogue_index import Selection, current_index
from .catalogue_index.search import find
from .facets import facet as one_facet
from .facets import facets
from .regions import region_tree


def case_filter(params, index=None):
    """The FilterSet over published cases. With the catalogue index, it checks codes and
    reads the region tree from the index; without, from the database."""
    if index is None:
        return CaseFilter(params, queryset=Case.objects.published(), regions=region_tree())
    return CaseFilter(
        params, queryset=Case.objects.published(), regions=index.regions, known=index.known
    )


def newest_cases(selection, limit):
    """The most recently published cases of the selection, with their targets (the feed)."""
    ids = selection.page("newest", None, 0, limit)
    cases = {c.pk: c for c in Case.objects.filter(pk__in=ids).prefetch_related("sdg_targets")}
    return [cases[pk] for pk in ids if pk in cases]


def select(params):
    """The published cases these GET parameters choose, in the catalogue index."""
    index = current_index()
    filterset = case_filter(params, index)
    query = filterset.search_query
    ranked = filterset.sort_order == "relevance"
    found = None if query.is_empty else find(index, query, ranked=ranked)
    return Selection(index, filterset, found)


@dataclass
class CataloguePage:
    """Everything the list page shows."""

    filterset: CaseFilter
    query: search.ParsedQuery
    page: object
    page_numbers: list  # the page links to show: 1 … 4 5 6 7 8 … 50 (Paginator.ELLIPSIS)
    ellipsis: str
    cases: list  # reads.cards.Card
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
    selection = select(params)
    filterset = selection.filterset
    query, sort = filterset.search_query, filterset.sort_order
    notices = ignored_notices(filterset)
    page, page_notice = paginate(SortedCases(selection, sort, language), params.get("page"))
    if page_notice:
        notices.append(page_notice)
    rows = list(page.object_list)
    if not query.is_empty:
        for row in rows:
            row["snippet"] = search.snippet(SimpleNamespace(**row), query, language)
    facet_list = facets(selection, language)
    return CataloguePage(
        filterset=filterset,
        query=query,
        page=page,
        page_numbers=list(page.paginator.get_elided_page_range(page.number, on_each_side=2)),
        ellipsis=page.paginator.ELLIPSIS,
        cases=cards(rows, selection.index, language),
        facets=facet_list,
        chips=[
            (facet.parameter, option)
            for facet in facet_list
            for option in facet.all_options()
            if option.selected
        ],
        notices=notices,
        sort=sort,
        sorts=[
            (key, label) for key, label in SORTS.items() if key != "relevance" or not query.is_empty
        ],
        last_filter=last_filter(params, facet_list),
        removals=[] if selection.count else removals(selection, facet_list, query),
        suggestions=None
        if selection.count or query.is_empty
        else search.suggestions(query, language),
    )


def ignored_notices(filterset):
    """What the request's filters had that was ignored, and why, as sentences."""
    return [
        _("Ignored %(parameter)s “%(value)s”: %(reason)s.")
        % {"parameter": ignored.parameter, "value": ignored.value, "reason": ignored.reason}
        for ignored in filterset.ignored
    ]


class SortedCases:
    """The selection's cases in order, as the paginator slices them: a page reads its cases
    (with what their cards show) by id, in three queries."""

    def __init__(self, selection, sort, language):
        self.selection, self.sort, self.language = selection, sort, language
        self.with_texts = selection.search is not None  # snippets quote the long texts

    def count(self):
        return self.selection.count

    def __len__(self):
        return self.selection.count

    def __getitem__(self, items):
        ids = self.selection.page(self.sort, self.language, items.start or 0, items.stop)
        return card_rows(ids, with_texts=self.with_texts)


def paginate(cases, raw_page):
    """The requested page, or page 1 / the last page with a notice saying why."""
    paginator = Paginator(cases, settings.CASES_PER_PAGE)
    if raw_page in (None, ""):
        return paginator.page(1), None
    shown = raw_page[:MAX_VALUE_LENGTH]
    number = parse_positive_int(raw_page)
    if number is None:
        notice = _("Ignored page “%(page)s”: page numbers start at 1.") % {"page": shown}
        return paginator.page(1), notice
    if number > paginator.num_pages:
        notice = _("There is no page %(page)s: showing the last page, %(last)s.") % {
            "page": shown,
            "last": paginator.num_pages,
        }
        return paginator.page(paginator.num_pages), notice
    return paginator.page(number), None


def results_without_each_filter(selection):
    """For an empty result: {parameter: number of cases} when only that parameter is dropped."""
    parameters = list(selection.values)
    if selection.search is not None:
        parameters.append("q")
    counts = {name: selection.count_without(name) for name in parameters}
    return {name: count for name, count in counts.items() if count}


def removals(selection, facet_list, query):
    """For an empty result: each filter (all its values) whose removal would find cases."""
    counts = results_without_each_filter(selection)
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
    """The last filter value of the (normalised) query, with its label: an empty result offers
    to remove it."""
    pairs = [(key, value) for key, value in normalized_query(params) if key in FILTER_PARAMETERS]
    if not pairs:
        return None
    parameter, value = pairs[-1]
    labels = {
        (facet.parameter, option.value.lower()): option.label
        for facet in facet_list
        for option in facet.all_options()
    }
    return parameter, value, labels.get((parameter, value.strip().lower()), value)


@dataclass
class FacetOptionsPage:
    """Every option of one facet for the list as it is filtered now (the "show all" page)."""

    facet: object
    kept: list  # (parameter, value) of the list's other filters, to send back with the choice
    narrow: str  # the text the reader narrowed the options to ("" for all)
    shown: int  # options shown after narrowing


def facet_options_page(params, parameter, language, narrow=""):
    selection = select(params)
    narrow = narrow.strip()[:MAX_VALUE_LENGTH]
    complete = one_facet(selection, language, parameter, complete=True, narrow=narrow)
    kept = [
        (name, value) for name, value in normalized_query(params) if name not in (parameter, "page")
    ]
    shown = sum(1 for option in complete.all_options() if not option.children)
    return FacetOptionsPage(complete, kept, narrow, shown)
