"""Public pages. A view parses input, calls one read, and renders."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .reads import browse
from .reads.case_page import moved_case, published_case
from .reads.catalogue import catalogue_page, facet_options_page
from .reads.facets import LONG_FACETS
from .rendering import render_case_page


def home(request):
    return render(request, "cases/home.html", vars(browse.home_page()))


def case_list(request):
    page = catalogue_page(request.GET, get_language())
    return render(request, "cases/case_list.html", vars(page))


def facet_options(request, parameter):
    """Every option of a long facet (targets, countries, organizations), narrowed by `find`."""
    if parameter not in LONG_FACETS:
        raise Http404(_("There is no such filter."))
    page = facet_options_page(
        request.GET, parameter, get_language(), narrow=request.GET.get("find", "")
    )
    return render(request, "cases/facet_options.html", vars(page))


def case_detail(request, slug):
    case = published_case(slug)
    if case is None:
        moved = moved_case(slug)
        if moved is not None:
            return HttpResponsePermanentRedirect(moved.get_absolute_url())
        raise Http404(_("There is no published case at this address."))
    return render_case_page(request, case)


def sdg_browse(request):
    return render(request, "cases/sdg_browse.html", {"goals": browse.sdg_browse()})


def country_browse(request):
    return render(request, "cases/country_browse.html", {"regions": browse.country_browse()})


def organization_browse(request):
    return render(
        request,
        "cases/organization_browse.html",
        {"organizations": browse.organization_browse()},
    )


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever a page links to. The static address
    is looked up per request: the manifest exists only after collectstatic."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
