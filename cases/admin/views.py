"""Admin pages beyond the change form: the draft preview and restoring an earlier version.

Both are wired through CaseAdmin.get_urls(), inside admin_site.admin_view: anyone who is not
logged-in staff is sent to the admin login page.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..models import Case, CaseRevision
from ..parsing import parse_positive_int
from ..reads.changes import display_value
from ..reads.history import reason_display
from ..reads.restore_preview import compare_with_current, inline_changes_of_restore
from ..rendering import render_case_page
from ..writes.locking import StaleCaseError
from ..writes.restore import RestoreRefused
from ..writes.restore import restore_version as restore
from .presenters import case_change_url, problem_html


def _case_or_404(model_admin, request, object_id):
    case = model_admin.get_object(request, unquote(object_id))
    if case is None or not model_admin.has_view_permission(request, case):
        raise Http404(_("There is no case with this number."))
    return case


def case_preview(model_admin, request, object_id):
    """The public page of any case, drafts included, exactly as readers will see it.

    `?language=en` previews another language (only the site's languages are accepted).
    """
    case = _case_or_404(model_admin, request, object_id)
    language = request.GET.get("language")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language()
    with translation.override(language):
        request.LANGUAGE_CODE = language
        response = render_case_page(request, case, preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def restore_version(model_admin, request, object_id, version_id):
    """GET: what restoring version `version_id` would change. POST: restore it."""
    case = _case_or_404(model_admin, request, object_id)
    record = None
    history_id = parse_positive_int(str(version_id))
    if history_id is not None:
        record = Case.history.filter(id=case.pk, history_id=history_id).first()
    if record is None:
        raise Http404(_("There is no such version of this case."))
    can_restore = model_admin.has_change_permission(request, case)

    if request.method == "POST":
        if not can_restore:
            raise PermissionDenied
        if _restore_with_messages(request, case, record):
            return HttpResponseRedirect(case_change_url(case))
        case = Case.objects.get(pk=case.pk)

    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Restore an earlier version of “%(case)s”") % {"case": case},
        "opts": Case._meta,
        "object": case,
        "record": record,
        "record_reason": reason_display(record.history_change_reason),
        "changes": compare_with_current(case, record),
        "inline_changes": inline_changes_of_restore(case, record),
        "can_restore": can_restore,
        "change_url": case_change_url(case),
        "history_url": reverse("admin:cases_case_history", args=[case.pk]),
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/cases/case/restore_confirmation.html", context)


def _restore_with_messages(request, case, record):
    """Restore `record` as the POST asks; True when done. Messages say what happened."""
    # A damaged version matches no stored one: the restore is refused as stale.
    expected_version = parse_positive_int(request.POST.get("expected_version", "")) or -1
    try:
        result = restore(case, record.history_id, request.user, expected_version=expected_version)
    except StaleCaseError:
        messages.error(
            request,
            _(
                "Not restored: someone saved the case after you opened this page. "
                "Check the changes below, then restore again."
            ),
        )
        return False
    except (RestoreRefused, PermissionDenied) as error:
        problems = getattr(error, "problems", [str(error)])
        for problem in problems:
            text = escape(_("Not restored: %(problem)s")) % {"problem": problem_html(problem)}
            messages.error(request, mark_safe(text))  # noqa: S308 - both parts are escaped
        return False
    date = display_value(Case, "published_at", record.history_date)
    if isinstance(result, CaseRevision):  # an Editor's restore of a published case
        messages.success(
            request,
            _(
                "The version of %(date)s is saved as changes that await review by a Publisher. "
                "The public sees the published version until then."
            )
            % {"date": date},
        )
        return True
    messages.success(
        request,
        _("Restored the version of %(date)s. The restore is recorded in the history.")
        % {"date": date},
    )
    return True
