"""Public pages. Views parse input, call one selector, and render."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import exports, search, selectors
from .filters import MAX_VALUE_LENGTH
from .models import CaseOrganization

FILTER_PARAMETERS = (
    "q",
    "goal",
    "target",
    "region",
    "country",
    "organization",
    "role",
    "status",
    "modality",
    "year",
)


def home(request):
    return render(
        request,
        "cases/home.html",
        {
            "totals": selectors.catalogue_totals(),
            "goals": selectors.goals_with_counts(),
            "latest_cases": selectors.latest_cases(),
        },
    )


def case_list(request):
    filterset = selectors.case_filter(request.GET)
    language = get_language()
    notices = [
        _("Ignored %(parameter)s “%(value)s”: %(reason)s.")
        % {"parameter": ignored.parameter, "value": ignored.value, "reason": ignored.reason}
        for ignored in filterset.ignored
    ]
    cases = selectors.with_card_data(selectors.sorted_cases(filterset, language))
    page, page_notice = paginate(cases, request.GET.get("page"))
    if page_notice:
        notices.append(page_notice)
    query = filterset.search_query
    cards = list(page.object_list)
    if not query.is_empty:
        for case in cards:
            case.snippet = search.snippet(case, query, language)
    facets = selectors.facets(filterset)
    context = {
        "filterset": filterset,
        "query": query,
        "page": page,
        "cases": cards,
        "facets": facets,
        "chips": [
            (facet.parameter, option)
            for facet in facets
            for option in facet.all_options()
            if option.selected
        ],
        "notices": notices,
        "sort": filterset.sort_order,
        "sorts": [
            (key, label)
            for key, label in filterset.SORTS.items()
            if key != "relevance" or not query.is_empty
        ],
        "last_filter": last_filter(request, facets),
        "removals": removals(filterset, facets, query) if not page.paginator.count else [],
        "suggestions": (
            search.suggestions(query, language)
            if not page.paginator.count and not query.is_empty
            else None
        ),
    }
    return render(request, "cases/case_list.html", context)


def case_list_csv(request):
    """The filtered list (same parameters as the page) as a CSV download, every result."""
    filterset = selectors.case_filter(request.GET)
    cases = selectors.with_export_data(selectors.sorted_cases(filterset, get_language()))
    response = HttpResponse(
        exports.csv_text(exports.case_rows(cases, request.build_absolute_uri)),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"south-south-cases-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def removals(filterset, facets, query):
    """For an empty result: each filter (all its values) whose removal would find cases."""
    counts = selectors.results_without_each_filter(filterset)
    labels = {}
    for facet in facets:
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


def paginate(cases, raw_page):
    """The requested page, or page 1 / the last page with a notice saying why."""
    paginator = Paginator(cases, settings.CASES_PER_PAGE)
    if raw_page in (None, ""):
        return paginator.page(1), None
    shown = raw_page[:MAX_VALUE_LENGTH]
    if not raw_page.isdigit() or int(raw_page) < 1:
        notice = _("Ignored page “%(page)s”: a page is a whole number from 1.") % {"page": shown}
        return paginator.page(1), notice
    if int(raw_page) > paginator.num_pages:
        notice = _("There is no page %(page)s: showing the last page, %(last)s.") % {
            "page": shown,
            "last": paginator.num_pages,
        }
        return paginator.page(paginator.num_pages), notice
    return paginator.page(int(raw_page)), None


def last_filter(request, facets):
    """The last filter value in the URL, with its label: an empty result offers to remove it."""
    pairs = [
        (key, value)
        for key, values in request.GET.lists()
        if key in FILTER_PARAMETERS
        for value in values
        if value.strip()
    ]
    if not pairs:
        return None
    parameter, value = pairs[-1]
    labels = {
        (facet.parameter, option.value.lower()): option.label
        for facet in facets
        for option in facet.all_options()
    }
    return parameter, value, labels.get((parameter, value.strip().lower()), value)


def case_detail(request, slug):
    case = selectors.published_case(slug)
    if case is None:
        raise Http404(_("There is no published case at this address."))
    return render_case_page(request, case)


def render_case_page(request, case, *, preview=False):
    """The public page of `case`. The admin's preview shows drafts through it, unchanged."""
    if not hasattr(case, "country_links"):
        case = selectors.case_detail_queryset().get(pk=case.pk)
    language = get_language()
    organizations = {}
    for link in case.organization_links:
        organizations.setdefault(link.role, []).append(link.organization)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "preview": preview,
            "goals": case_goals(case),
            "organizations_by_role": [
                (role, label, organizations[role])
                for role, label in CaseOrganization.Role.choices
                if role in organizations
            ],
            "missing_translations": case.missing_translation_fields(language),
            "related_cases": selectors.related_cases(case),
            "permanent_url": request.build_absolute_uri(case.get_absolute_url()),
            "accessed": timezone.localdate(),
        },
    )


def case_goals(case):
    goals = {}
    for target in case.sdg_targets.all():
        goals.setdefault(target.goal_id, (target.goal, []))[1].append(target)
    return [goals[number] for number in sorted(goals)]


def sdg_browse(request):
    return render(request, "cases/sdg_browse.html", {"goals": selectors.sdg_browse()})


def country_browse(request):
    return render(request, "cases/country_browse.html", {"regions": selectors.country_browse()})


def organization_browse(request):
    return render(
        request,
        "cases/organization_browse.html",
        {"organizations": selectors.organization_browse()},
    )
