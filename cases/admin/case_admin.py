"""The case admin: translation tabs, inlines, the workflow, preview, history and restore.

Writes go through `cases.writes` (optimistic lock, one history record per save, the rules);
this module wires them into the Django admin.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import F
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .. import rules, workflow
from ..fields import localized
from ..models import Case
from ..permissions import can_delete_case, can_publish, can_view_submissions
from ..reads.changes import display_value
from ..reads.history import case_history
from ..reads.revisions import revisions_of
from ..reads.submission_origin import origins_of
from ..templatetags.case_markdown import render_markdown
from ..writes.locking import begin_case_save, finish_case_save
from ..writes.workflow import delete_case
from . import import_views, review_views, views
from .forms import CaseAdminForm
from .inlines import CASE_INLINES
from .list_filters import ReviewFreshnessFilter, TranslationStatusFilter
from .mixins import ADDRESS_FIELD_OVERRIDES, HistoryListMixin, TabbedTranslationMedia
from .revisions import RevisionAdminMixin
from .workflow_actions import WORKFLOW_ADMIN_ACTIONS, WorkflowAdminMixin

FIELDSETS = [
    (None, {"fields": ["title", "short_name", "headline", "slug"]}),
    (
        gettext_lazy("Challenge and solution"),
        {
            "description": gettext_lazy(
                "The two main sections of the case, as in the source document. Write in "
                "Markdown; the public page formats and cleans it."
            ),
            "fields": ["challenge", "solution"],
        },
    ),
    (
        gettext_lazy("Formatted text (as last saved)"),
        {
            "classes": ["collapse"],
            "description": gettext_lazy(
                "The challenge and solution as the public page shows them. Save to update."
            ),
            "fields": ["challenge_preview", "solution_preview"],
        },
    ),
    (
        gettext_lazy("Project"),
        {"fields": [("status", "status_as_of"), ("start_year", "end_year"), "modality", "source"]},
    ),
    (gettext_lazy("SDG targets and regions"), {"fields": ["sdg_targets", "regions"]}),
    (
        gettext_lazy("Publication and review"),
        {
            "fields": [
                "publication_status",
                "published_at",
                "workflow_events",
                "reviewed_at",
                "expected_version",
                "expected_revision",
            ]
        },
    ),
]


class CaseListColumns:
    """The case list's columns."""

    @admin.display(description=gettext_lazy("case"), ordering="slug")
    def display_title(self, obj):
        return str(obj) or obj.slug

    @admin.display(description=gettext_lazy("Chinese complete"), boolean=True)
    def chinese_complete(self, obj):
        return not obj.missing_translation_fields("zh-hans")

    @admin.display(description=gettext_lazy("English complete"), boolean=True)
    def english_complete(self, obj):
        return not obj.missing_translation_fields("en")

    # Ascending: never reviewed first, then the oldest review (the most overdue on top).
    @admin.display(
        description=gettext_lazy("last reviewed"), ordering=F("reviewed_at").asc(nulls_first=True)
    )
    def last_reviewed(self, obj):
        if obj.reviewed_at is None:
            return format_html('<span class="review-overdue">{}</span>', _("Never reviewed"))
        reviewed = display_value(Case, "reviewed_at", obj.reviewed_at)
        if rules.is_review_overdue(obj.reviewed_at):
            return format_html(
                '{} <span class="review-overdue">{}</span>',
                reviewed,
                _("Review due: over two years ago"),
            )
        return reviewed

    @admin.display(description=gettext_lazy("public page"))
    def public_link(self, obj):
        if obj.is_published:
            return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("View on site"))
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:cases_case_preview", args=[obj.pk]),
            _("Preview"),
        )


class CaseFormReadOnlyFields:
    """What the change form shows but does not edit."""

    def _markdown_preview(self, obj, field):
        if obj is None or obj.pk is None:
            return _("Save the case to see how the text will look.")
        sections = []
        for code, name in settings.LANGUAGES:
            text = getattr(obj, localized(field, code))
            empty = format_html("<p>{}</p>", _("(empty)"))
            body = render_markdown(text, f"{field}-{code}") if text else empty
            sections.append((code, name, body))
        return format_html_join(
            "",
            '<section class="markdown-preview" lang="{}"><h4>{}</h4>{}</section>',
            sections,
        )

    @admin.display(description=gettext_lazy("challenge"))
    def challenge_preview(self, obj):
        return self._markdown_preview(obj, "challenge")

    @admin.display(description=gettext_lazy("solution"))
    def solution_preview(self, obj):
        return self._markdown_preview(obj, "solution")

    @admin.display(description=gettext_lazy("workflow"))
    def workflow_events(self, obj):
        if obj is None or obj.pk is None:
            return _("A new case starts as a draft.")
        records = (
            Case.history.filter(id=obj.pk, history_change_reason__in=workflow.WORKFLOW_REASONS)
            .select_related("history_user")
            .order_by("-history_date")[:5]
        )
        if not records:
            return _("No workflow steps recorded yet.")
        return format_html_join(
            "",
            "<div>{} – {} – {}</div>",
            (
                (
                    workflow.reason_label(record.history_change_reason),
                    record.history_user.get_username() if record.history_user else "—",
                    display_value(Case, "published_at", record.history_date),
                )
                for record in records
            ),
        )


@admin.register(Case)
class CaseAdmin(
    RevisionAdminMixin,
    CaseListColumns,
    CaseFormReadOnlyFields,
    WorkflowAdminMixin,
    HistoryListMixin,
    TabbedTranslationMedia,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    form = CaseAdminForm
    inlines = CASE_INLINES
    autocomplete_fields = ["sdg_targets", "regions"]
    prepopulated_fields = {"slug": ("title_en",)}
    readonly_fields = [
        "publication_status",
        "published_at",
        "workflow_events",
        "challenge_preview",
        "solution_preview",
    ]
    fieldsets = FIELDSETS
    list_display = [
        "display_title",
        "publication_status",
        "chinese_complete",
        "english_complete",
        "last_reviewed",
        "public_link",
    ]
    list_display_links = ["display_title"]
    list_filter = [
        "publication_status",
        TranslationStatusFilter,
        ReviewFreshnessFilter,
        "status",
        "modality",
    ]
    search_fields = ["slug", "title_zh_hans", "title_en", "short_name_zh_hans", "short_name_en"]
    # Case has no foreign keys to join; its list reads only its own columns.
    list_select_related = []
    ordering = ["-updated_at", "-pk"]
    actions = WORKFLOW_ADMIN_ACTIONS
    change_form_template = "admin/cases/case/change_form.html"
    object_history_template = "admin/cases/case/object_history.html"
    formfield_overrides = ADDRESS_FIELD_OVERRIDES

    # -- permissions ---------------------------------------------------------------------------

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return can_delete_case(request.user, obj)

    def delete_model(self, request, obj):
        delete_case(obj, request.user)

    def delete_queryset(self, request, queryset):
        for case in queryset:
            delete_case(case, request.user)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None

    # -- saving --------------------------------------------------------------------------------

    # A stale save is run again by RevisionAdminMixin.changeform_view (it shows the conflict).

    def save_model(self, request, obj, form, change):
        if self.writes_revision(request, obj):
            return  # the published case stays as it is; save_related writes the revision
        begin_case_save(obj, expected_version=form.cleaned_data.get("expected_version"))
        obj.save()

    def save_related(self, request, form, formsets, change):
        if self.writes_revision(request, form.instance):
            request.case_save_plan.save_revision(form, formsets)
            return
        super().save_related(request, form, formsets, change)
        finish_case_save(form.instance, user=request.user, created=not change)

    def response_add(self, request, obj, post_url_continue=None):
        return self.after_save_workflow(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return (
            self.revision_response(request, obj)
            or self.after_save_workflow(request, obj)
            or super().response_change(request, obj)
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            {
                "can_publish": can_publish(request.user),
                "preview_languages": settings.LANGUAGES,
                **self.editing_context(request, obj),
            }
        )
        if obj is not None and obj.pk is not None and can_view_submissions(request.user):
            # The submitter's details are personal data: only who may see submissions.
            context["submission_origins"] = origins_of(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # -- preview, history and restore ----------------------------------------------------------

    def get_urls(self):
        def view(function, name, route):
            return path(route, self.admin_site.admin_view(function), name=f"cases_case_{name}")

        return [
            view(self.queue_view, "queue", "queue/"),
            view(self.import_view, "import", "import/"),
            view(self.preview_view, "preview", "<path:object_id>/preview/"),
            view(self.revision_view, "revision", "<path:object_id>/changes/"),
            view(self.presence_view, "presence", "<path:object_id>/presence/"),
            *super().get_urls(),
        ]

    def queue_view(self, request):
        return review_views.review_queue(self, request)

    def import_view(self, request):
        return import_views.import_cases(self, request)

    def revision_view(self, request, object_id):
        return review_views.review_revision(self, request, object_id)

    def presence_view(self, request, object_id):
        return review_views.presence_ping(self, request, object_id)

    def preview_view(self, request, object_id):
        return views.case_preview(self, request, object_id)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """The template shows reads.history.case_history() instead (with M2M and inlines)."""

    def history_view(self, request, object_id, extra_context=None):
        case = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if case is not None and self.has_view_permission(request, case):
            extra_context["history_entries"] = case_history(case)
            extra_context["revisions"] = revisions_of(case)
            extra_context["can_restore"] = self.has_change_permission(request, case)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One earlier version: what restoring it would change, and the button to do it."""
        return views.restore_version(self, request, object_id, version_id)
