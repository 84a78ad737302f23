"""Admin pages for the review of changes: a case's pending changes (the difference against the
published case, with approve / send back / discard), the Publishers' queue, and the change
form's presence ping.

Wired through CaseAdmin.get_urls(), inside admin_site.admin_view (staff only).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..models import Case
from ..permissions import can_change, can_publish
from ..reads.presence import others_with_case_open
from ..reads.queue import review_queue as queue_items
from ..reads.queue import sent_back
from ..reads.revisions import active_revision, review_of
from ..writes import revisions
from ..writes.locking import StaleCaseError
from ..writes.presence import mark_open
from .presenters import case_change_url, presence_text, problem_html
from .revisions import parse_version
from .views import _case_or_404

ACTIONS = ("_approve", "_send_back", "_withdraw")


def review_revision(model_admin, request, object_id):
    """GET: what approving the case's pending changes would do. POST: approve, send back or
    discard them. A refused POST shows the page again, with the comment as typed."""
    case = _case_or_404(model_admin, request, object_id)
    revision = active_revision(case)
    if revision is None:
        messages.info(request, _("“%(case)s” has no changes awaiting review.") % {"case": case})
        return HttpResponseRedirect(case_change_url(case))
    comment = ""
    if request.method == "POST":
        if not model_admin.has_change_permission(request, case):
            raise PermissionDenied
        comment = request.POST.get("comment", "")
        done = _act(request, revision, comment)
        if done is not None:
            return done
        revision = active_revision(case)
        if revision is None:
            return HttpResponseRedirect(case_change_url(case))
    review = review_of(revision)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Changes to “%(case)s” awaiting review") % {"case": case},
        "opts": Case._meta,
        "object": case,
        "revision": revision,
        "review": review,
        "comment": comment,
        "can_publish": can_publish(request.user),
        "can_change": can_change(request.user),
        "change_url": case_change_url(case),
        "queue_url": reverse("admin:cases_case_queue"),
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/cases/case/revision_review.html", context)


def _act(request, revision, comment):
    """Carry out the posted action; a redirect when done, None to show the page again."""
    action = next((name for name in ACTIONS if name in request.POST), None)
    expected = parse_version(request.POST.get("expected_revision_version")) or -1
    case = revision.case
    try:
        if action == "_approve":
            expected_live = parse_version(request.POST.get("expected_live_version")) or -1
            revisions.approve(
                revision,
                request.user,
                expected_revision_version=expected,
                expected_live_version=expected_live,
            )
            text = _("Approved: the changes to “%(case)s” are now public.")
        elif action == "_send_back":
            revisions.send_back(revision, request.user, comment, expected_revision_version=expected)
            text = _("Sent back: the editors see your comment on “%(case)s”.")
        elif action == "_withdraw":
            revisions.withdraw(revision, request.user, expected_revision_version=expected)
            text = _("Discarded the changes to “%(case)s” that awaited review.")
        else:
            return None
    except StaleCaseError:
        messages.error(
            request,
            _(
                "Not done: the published case was saved after you opened this page. "
                "Check the differences below, then try again."
            ),
        )
        return None
    except revisions.StaleRevisionError:
        messages.error(
            request,
            _(
                "Not done: the changes were edited after you opened this page. "
                "Check them below, then try again."
            ),
        )
        return None
    except (revisions.RevisionRefused, PermissionDenied) as error:
        for problem in getattr(error, "problems", [str(error)]):
            text = escape(_("Not done: %(problem)s")) % {"problem": problem_html(problem)}
            messages.error(request, mark_safe(text))  # noqa: S308 - both parts are escaped
        return None
    messages.success(request, text % {"case": case})
    if action == "_approve" or action == "_withdraw":
        return HttpResponseRedirect(case_change_url(case))
    return HttpResponseRedirect(reverse("admin:cases_case_queue"))


def review_queue(model_admin, request):
    """Cases in review and pending changes, the longest-waiting first; then those sent back."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Waiting for review"),
        "opts": Case._meta,
        "items": queue_items(),
        "sent_back": sent_back(),
        "can_publish": can_publish(request.user),
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/cases/case/review_queue.html", context)


def presence_ping(model_admin, request, object_id):
    """POST from the change form's script, every minute: "still here"; answers who else is."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    case = model_admin.get_object(request, object_id)
    if case is None or not model_admin.has_view_permission(request, case):
        raise Http404
    mark_open(case, request.user)
    others = others_with_case_open(case, request.user)
    return JsonResponse({"others": [presence_text(presence) for presence in others]})
