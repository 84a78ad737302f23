"""Public pages. A view parses input, calls one read, and renders."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import submission_limits
from .dataout.insights_download import png_available
from .reads import browse
from .reads import submissions as submission_reads
from .reads.case_page import moved_case, published_case
from .reads.catalogue import catalogue_page, facet_options_page
from .reads.facets import LONG_FACETS
from .reads.insights import insights_page
from .rendering import render_case_page
from .submission_form import SubmissionForm
from .writes import submissions


def home(request):
    context = {**vars(browse.home_page()), "png_downloads": png_available()}
    return render(request, "cases/home.html", context)


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


def insights(request):
    """The catalogue at a glance: the map and the charts, for the list's filters."""
    page = insights_page(request.GET, get_language())
    context = {**vars(page), "list_url": page.list_url, "png_downloads": png_available()}
    return render(request, "cases/insights.html", context)


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


# "Share your practice": never cached (the form holds a CSRF token, the status page is private).


def csrf_refused(request, form):
    """True when the CSRF check refused this form (catalogue_site.errors.csrf_failure then
    calls the view): it comes back with what was typed, its messages and a fresh token, and
    nothing is stored or counted."""
    if not getattr(request, "csrf_refused", False):
        return False
    form.is_valid()
    form.renew_stale_started()
    form.add_error(
        None,
        _(
            "Your session expired, so nothing was sent. Your entries are below: check them "
            "and send the form again."
        ),
    )
    return True


@never_cache
def submit(request):
    if request.method != "POST":
        return render(request, "cases/submit.html", {"form": SubmissionForm()})
    if "add_contact" in request.POST:
        form = SubmissionForm.with_another_contact(request.POST)
        return render(request, "cases/submit.html", {"form": form})
    form = SubmissionForm(request.POST)
    context = {"form": form}
    if csrf_refused(request, form):
        return render(request, "cases/submit.html", context, status=403)
    if not form.is_valid():
        return render(request, "cases/submit.html", context)
    if "preview" in request.POST:
        context["preview"] = form.cleaned_data
        return render(request, "cases/submit.html", context)
    problem = form.check_started()
    if problem is not None:
        form.add_error(None, problem)
        return render(request, "cases/submit.html", context)
    email = form.cleaned_data["submitter_email"]
    problem = submission_limits.limit_problem(request, email)
    if problem is not None:
        form.add_error(None, problem)
        return render(request, "cases/submit.html", context, status=429)
    earlier = submission_reads.duplicate_of(form.cleaned_data["title"], email)
    if earlier is not None:
        return render(request, "cases/submit_done.html", {"duplicate_of": earlier})
    submissions.receive(form.submission_values(), get_language())
    submission_limits.count_submission(request, email)
    return redirect("cases:submit_done")


@never_cache
def submit_done(request):
    return render(request, "cases/submit_done.html", {})


@never_cache
def submission_amend(request, token):
    """The submitter corrects their submission (their private link is the only key)."""
    submission = submission_reads.by_token(token)
    if submission is None:
        raise Http404(_("There is no submission at this address."))
    if submission.status != submission.Status.RECEIVED:
        return redirect(submission.get_absolute_url())
    if request.method != "POST":
        form = SubmissionForm(initial=submission_reads.form_initial(submission))
        return render(request, "cases/submit.html", {"form": form, "amending": submission})
    if "add_contact" in request.POST:
        form = SubmissionForm.with_another_contact(request.POST)
        return render(request, "cases/submit.html", {"form": form, "amending": submission})
    form = SubmissionForm(request.POST)
    context = {"form": form, "amending": submission}
    if csrf_refused(request, form):
        return render(request, "cases/submit.html", context, status=403)
    if not form.is_valid():
        return render(request, "cases/submit.html", context)
    if "preview" in request.POST:
        context["preview"] = form.cleaned_data
        return render(request, "cases/submit.html", context)
    try:
        submissions.amend(submission, form.submission_values())
    except submissions.SubmissionRefused as refused:
        form.add_error(None, str(refused))
        return render(request, "cases/submit.html", context)
    return redirect(submission.get_absolute_url())


@never_cache
def submission_status(request, token):
    submission = submission_reads.by_token(token)
    if submission is None:
        raise Http404(_("There is no submission at this address."))
    response = render(request, "cases/submission_status.html", {"submission": submission})
    response["X-Robots-Tag"] = "noindex"
    return response


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever a page links to. The static address
    is looked up per request: the manifest exists only after collectstatic."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
