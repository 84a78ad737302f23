"""The "Submissions" queue: what the public sent through "Share your practice".

Read only (a submission records what was sent); staff with `moderate_submission` (Editors
and Publishers) accept it as a draft case, accept it as changes awaiting review to a published
case, or decline it with a reason, below the submission, and map the organization names the
submitter typed (`admin/submission_mapping.py`). Everything the submitter typed is
shown escaped (the admin's read-only display and format_html), never interpreted. Only
Publishers delete (a request to erase one's data; `manage.py submitter_data` erases history too).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Case, Country, Organization, SdgTarget, Submission
from ..models.submission import ORGANIZATION_ROLES
from ..parsing import parse_positive_int
from ..permissions import can_moderate
from ..reads.submission_mapping import mapping
from ..reads.submissions import side_by_side
from ..writes import submissions
from ..writes.revisions import RevisionRefused
from . import submission_mapping
from .presenters import case_change_url

STEP_NAMES = {
    "received": gettext_lazy("received"),
    "asked": gettext_lazy("question sent"),
    "amended": gettext_lazy("corrected by the submitter"),
    "accepted": gettext_lazy("accepted"),
    "declined": gettext_lazy("declined"),
    "erased": gettext_lazy("submitter's data erased"),
    "mapped": gettext_lazy("organizations mapped"),
}
ROLE_NAMES = {
    "nominator": gettext_lazy("Nominated by"),
    "funder": gettext_lazy("Supported by"),
    "implementer": gettext_lazy("Implemented by"),
}


def _lines(items):
    if not items:
        return "–"
    return format_html_join(mark_safe("<br>"), "{}", ((item,) for item in items))


def _paragraphs(text):
    """The text as typed, escaped, its line breaks kept (Markdown is not rendered here)."""
    return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in text.splitlines()))


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "submitter",
        "language",
        "status",
        "created_at",
        "email_state",
        "draft",
    )
    list_filter = ("status", "language", "created_at")
    search_fields = ("title", "submitter_name", "submitter_email", "submitter_organization")
    list_select_related = ("case",)
    date_hierarchy = "created_at"
    change_form_template = "admin/cases/submission/change_form.html"
    view_on_site = False  # its only page is the submitter's private status page
    fieldsets = (
        (
            gettext_lazy("The practice"),
            {"fields": ("title", "headline", "language", "challenge_text", "solution_text")},
        ),
        (
            gettext_lazy("Where, goals and organizations"),
            {
                "fields": (
                    "country_names",
                    "target_names",
                    "organization_names",
                    "typed_organizations",
                )
            },
        ),
        (
            gettext_lazy("Status, period, links, contacts"),
            {
                "fields": (
                    "project_status",
                    "start_year",
                    "end_year",
                    "link_list",
                    "contact_list",
                    "consent_publish_contact",
                )
            },
        ),
        (
            gettext_lazy("Submitter (seen only by staff)"),
            {
                "fields": (
                    "submitter_name",
                    "submitter_organization",
                    "submitter_email",
                    "consent_contact",
                )
            },
        ),
        (
            gettext_lazy("Moderation"),
            {
                "fields": (
                    "status",
                    "created_at",
                    "decided_by",
                    "decided_at",
                    "question",
                    "asked_at",
                    "amended_at",
                    "decline_reason",
                    "draft",
                    "email_state",
                    "steps",
                )
            },
        ),
    )
    readonly_fields = (
        "title",
        "headline",
        "language",
        "challenge_text",
        "solution_text",
        "country_names",
        "target_names",
        "organization_names",
        "typed_organizations",
        "project_status",
        "start_year",
        "end_year",
        "link_list",
        "contact_list",
        "consent_publish_contact",
        "submitter_name",
        "submitter_organization",
        "submitter_email",
        "consent_contact",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
        "question",
        "asked_at",
        "amended_at",
        "decline_reason",
        "draft",
        "email_state",
        "steps",
    )

    def has_add_permission(self, request):
        return False  # submissions come from the public form only

    def has_change_permission(self, request, obj=None):
        return False  # what was sent stays as sent; moderation has its own buttons

    @admin.display(description=gettext_lazy("submitter"), ordering="submitter_name")
    def submitter(self, obj):
        return f"{obj.submitter_name} <{obj.submitter_email}>"

    @admin.display(description=gettext_lazy("email to the submitter"))
    def email_state(self, obj):
        if obj.email_problem:
            return format_html(
                "<strong>{}: {}</strong>",
                _("Not sent"),
                obj.email_problem,
            )
        return _("Sent")

    @admin.display(description=gettext_lazy("steps"))
    def steps(self, obj):
        records = obj.history.select_related("history_user").order_by("history_date", "history_id")
        return _lines(
            [
                " · ".join(
                    part
                    for part in (
                        timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M"),
                        str(
                            STEP_NAMES.get(
                                record.history_change_reason, record.history_change_reason
                            )
                        ),
                        record.history_user.get_username() if record.history_user else "",
                    )
                    if part
                )
                for record in records
            ]
        )

    @admin.display(description=gettext_lazy("case"))
    def draft(self, obj):
        if obj.case is None:
            return "–"
        return format_html('<a href="{}">{}</a>', case_change_url(obj.case), obj.case)

    @admin.display(description=gettext_lazy("challenge"))
    def challenge_text(self, obj):
        return _paragraphs(obj.challenge)

    @admin.display(description=gettext_lazy("solution"))
    def solution_text(self, obj):
        return _paragraphs(obj.solution)

    @admin.display(description=gettext_lazy("countries"))
    def country_names(self, obj):
        names = Country.objects.in_bulk(obj.countries)
        return _lines([str(names.get(code, code)) for code in obj.countries])

    @admin.display(description=gettext_lazy("SDG targets"))
    def target_names(self, obj):
        targets = SdgTarget.objects.in_bulk(obj.sdg_targets)
        return _lines(
            [
                f"{code} {targets[code].label}" if code in targets else code
                for code in obj.sdg_targets
            ]
        )

    @admin.display(description=gettext_lazy("organizations (known)"))
    def organization_names(self, obj):
        slugs = [slug for role in ORGANIZATION_ROLES for slug in obj.organizations.get(role, [])]
        known = Organization.objects.in_bulk(slugs, field_name="slug")
        return _lines(
            [
                f"{ROLE_NAMES[role]}: {known.get(slug, slug)}"
                for role in ORGANIZATION_ROLES
                for slug in obj.organizations.get(role, [])
            ]
        )

    @admin.display(description=gettext_lazy("organizations typed in (suggestions)"))
    def typed_organizations(self, obj):
        mapped = Organization.objects.in_bulk(
            [slug for names in obj.organization_mappings.values() for slug in names.values()],
            field_name="slug",
        )
        lines = []
        for role in ORGANIZATION_ROLES:
            for name in obj.new_organizations.get(role, []):
                slug = (obj.organization_mappings.get(role) or {}).get(name)
                line = f"{ROLE_NAMES[role]}: {name}"
                if slug is not None:
                    line = _("%(typed)s → mapped to %(organization)s") % {
                        "typed": line,
                        "organization": mapped.get(slug, slug),
                    }
                lines.append(line)
        return _lines(lines)

    @admin.display(description=gettext_lazy("links"))
    def link_list(self, obj):
        return _lines(obj.links)

    @admin.display(description=gettext_lazy("contacts"))
    def contact_list(self, obj):
        """One line per contact: name, title and organization, email (as typed, escaped)."""
        return _lines(
            [
                " · ".join(part for part in (c["name"], c["job_title"], c["email"]) if part)
                for c in obj.contacts
            ]
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/moderate/", wrap(self.moderate), name="cases_submission_moderate"
            ),
            path(
                "<path:object_id>/organizations/",
                wrap(submission_mapping.map_organizations),
                name="cases_submission_map",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # An address that is no number finds nothing (the admin then says so), never a 500.
        pk = parse_positive_int(object_id, max_digits=18)
        submission = Submission.objects.select_related("case").filter(pk=pk).first() if pk else None
        compare = request.GET.get("compare", "").strip()[:80]
        case = None
        if submission is not None:
            # Its draft (or the case it changed), else the published case asked for by address.
            case = submission.case or Case.objects.published().filter(slug=compare).first()
        extra_context = {
            **(extra_context or {}),
            "can_moderate": can_moderate(request.user),
            "decline_reason": request.session.pop("submission_decline_reason", ""),
            "question": request.session.pop("submission_question", ""),
            "compare": compare,
            "compared_case": case,
            "compared_fields": side_by_side(submission, case) if case is not None else [],
            "compare_missing": bool(compare) and case is None,
            "mapping": mapping(submission) if submission is not None else None,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def moderate(self, request, object_id):
        """POST: accept (as a draft, or as changes to a published case), ask, or decline."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not can_moderate(request.user):
            raise PermissionDenied
        pk = parse_positive_int(object_id, max_digits=18)
        submission = Submission.objects.filter(pk=pk).first() if pk else None
        if submission is None:
            raise Http404
        back = reverse("admin:cases_submission_change", args=[submission.pk])
        try:
            if "_accept" in request.POST:
                case = submissions.accept(submission, request.user)
                messages.success(
                    request,
                    _(
                        "Draft “%(case)s” created from the submission. Translate it, then "
                        "send it to review."
                    )
                    % {"case": case},
                )
                return HttpResponseRedirect(case_change_url(case))
            if "_accept_as_changes" in request.POST:
                slug = request.POST.get("case", "").strip()[:80]
                case = Case.objects.filter(slug=slug).first()
                if case is None or not case.is_published:
                    messages.error(
                        request,
                        _("There is no published case with the address “%(slug)s”.")
                        % {"slug": slug},
                    )
                    return HttpResponseRedirect(back)
                submissions.accept_as_changes(submission, case, request.user)
                messages.success(
                    request,
                    _("The submission's texts now await review as changes to “%(case)s”.")
                    % {"case": case},
                )
                return HttpResponseRedirect(case_change_url(case))
            if "_ask" in request.POST:
                question = request.POST.get("question", "")[:5000]
                try:
                    submissions.ask(submission, request.user, question)
                except submissions.SubmissionRefused:
                    request.session["submission_question"] = question
                    raise
                messages.success(request, _("The question was emailed to the submitter."))
                return HttpResponseRedirect(back)
            if "_decline" in request.POST:
                reason = request.POST.get("reason", "")[:5000]
                try:
                    submissions.decline(submission, request.user, reason)
                except submissions.SubmissionRefused:
                    request.session["submission_decline_reason"] = reason
                    raise
                messages.success(
                    request, _("The submission was declined; the submitter is told why.")
                )
                return HttpResponseRedirect(back)
        except (submissions.SubmissionRefused, RevisionRefused) as refused:
            problems = getattr(refused, "problems", None) or [str(refused)]
            for problem in problems:
                messages.error(request, str(problem))
        return HttpResponseRedirect(back)
