"""The editors' admin: cases with translation tabs, inlines, workflow, history and restore.

Writes go through cases.services (optimistic lock, one history record per save, validation);
this module wires them into the Django admin. Nothing here loads from another origin: the
translation tabs use Django's bundled jQuery and a small local tabs widget (the CSP allows only
'self').
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, Trim
from django.db.models.lookups import Exact
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from . import admin_views, services
from .admin_forms import CaseAdminForm, CaseCountryInlineForm, CaseOrganizationInlineForm
from .models import (
    Case,
    CaseCountry,
    CaseLink,
    CaseOrganization,
    Contact,
    Country,
    Organization,
    Region,
    SdgGoal,
    SdgTarget,
)
from .templatetags.case_markdown import render_markdown

# Friendlier messages for web addresses and emails everywhere in the admin.
ADDRESS_FIELD_OVERRIDES = {
    models.URLField: {
        "assume_scheme": "https",
        "error_messages": {"invalid": services.INVALID_URL_MESSAGE},
    },
    models.EmailField: {"error_messages": {"invalid": services.INVALID_EMAIL_MESSAGE}},
}


class TabbedTranslationMedia:
    """modeltranslation's tabs, with jQuery from Django and a local tabs widget (no CDN)."""

    class Media:
        js = (
            "admin/js/jquery.init.js",
            "modeltranslation/js/force_jquery.js",
            "admin-extra/js/translation-tabs.js",
            "modeltranslation/js/tabbed_translation_fields.js",
        )
        css = {
            "all": (
                "modeltranslation/css/tabbed_translation_fields.css",
                "admin-extra/css/admin-extra.css",
            )
        }


class HistoryListMixin:
    # simple_history's own list template has an inline style attribute, which the CSP refuses.
    object_history_list_template = "admin/cases/history_list.html"


class ReadOnlyAdminMixin:
    """Reference data: everyone with access may look, nobody edits in the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _empty(column):
    text = models.TextField()
    return Exact(Coalesce(Trim(column, output_field=text), Value(""), output_field=text), "")


def missing_translation_q(language):
    """Cases with a translated field that has text in another language but none in `language`.

    The same rule as Case.missing_translation_fields(), which the public page's note uses.
    """
    own = language.replace("-", "_")
    others = [suffix for suffix in services.LANGUAGE_SUFFIXES if suffix != own]
    condition = Q()
    for field in Case.TRANSLATED_FIELDS:
        filled_elsewhere = Q()
        for other in others:
            filled_elsewhere |= ~Q(_empty(f"{field}_{other}"))
        condition |= Q(_empty(f"{field}_{own}")) & filled_elsewhere
    return condition


class TranslationStatusFilter(admin.SimpleListFilter):
    title = gettext_lazy("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            ("missing-en", _("Missing English")),
            ("missing-zh-hans", _("Missing Chinese")),
            ("complete", _("Complete in both languages")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "missing-en":
            return queryset.filter(missing_translation_q("en"))
        if self.value() == "missing-zh-hans":
            return queryset.filter(missing_translation_q("zh-hans"))
        if self.value() == "complete":
            for code, _name in settings.LANGUAGES:
                queryset = queryset.exclude(missing_translation_q(code))
            return queryset
        return queryset


class ReviewFreshnessFilter(admin.SimpleListFilter):
    title = gettext_lazy("last reviewed")
    parameter_name = "reviewed"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Not reviewed for two years (or never)")),
            ("recent", _("Reviewed in the last two years")),
        ]

    def queryset(self, request, queryset):
        due = services.review_due_date()
        if self.value() == "overdue":
            return queryset.filter(Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=due))
        if self.value() == "recent":
            return queryset.filter(reviewed_at__gte=due)
        return queryset


class CaseCountryInline(admin.TabularInline):
    model = CaseCountry
    form = CaseCountryInlineForm
    fields = ["country", "role", "order"]
    autocomplete_fields = ["country"]
    verbose_name_plural = gettext_lazy("Countries (with their role)")

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is None else 0


class CaseOrganizationInline(admin.TabularInline):
    model = CaseOrganization
    form = CaseOrganizationInlineForm
    fields = ["organization", "role", "order"]
    autocomplete_fields = ["organization"]
    ordering = ["role", "order", "pk"]
    verbose_name_plural = gettext_lazy("Organizations: nominated by, supported by, implemented by")

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is None else 0


class ContactInline(TranslationStackedInline):
    model = Contact
    fields = ["name", "honorific", "job_title", "email", "order"]
    formfield_overrides = ADDRESS_FIELD_OVERRIDES

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is None else 0


class CaseLinkInline(TranslationTabularInline):
    model = CaseLink
    fields = ["url", "label", "order"]
    formfield_overrides = ADDRESS_FIELD_OVERRIDES

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is None else 0


WORKFLOW_BUTTONS = {
    "_send_to_review": services.SEND_TO_REVIEW,
    "_publish": services.PUBLISH,
    "_unpublish": services.UNPUBLISH,
}


@admin.register(Case)
class CaseAdmin(HistoryListMixin, TabbedTranslationMedia, SimpleHistoryAdmin, TranslationAdmin):
    form = CaseAdminForm
    inlines = [CaseCountryInline, CaseOrganizationInline, ContactInline, CaseLinkInline]
    autocomplete_fields = ["sdg_targets", "regions"]
    prepopulated_fields = {"slug": ("title_en",)}
    readonly_fields = [
        "publication_status",
        "published_at",
        "workflow_events",
        "challenge_preview",
        "solution_preview",
    ]
    fieldsets = [
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
            {"fields": ["status", ("start_year", "end_year"), "modality", "source"]},
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
                ]
            },
        ),
    ]
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
    search_fields = [
        "slug",
        "title_zh_hans",
        "title_en",
        "short_name_zh_hans",
        "short_name_en",
    ]
    # Case has no foreign keys to join; its list reads only its own columns.
    list_select_related = []
    ordering = ["-updated_at", "-pk"]
    actions = [
        "send_to_review_action",
        "publish_action",
        "unpublish_action",
        "mark_reviewed_action",
    ]
    change_form_template = "admin/cases/case/change_form.html"
    object_history_template = "admin/cases/case/object_history.html"
    formfield_overrides = ADDRESS_FIELD_OVERRIDES

    # -- list columns --------------------------------------------------------------------------

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
        reviewed = services.display_value(Case, "reviewed_at", obj.reviewed_at)
        if services.is_review_overdue(obj):
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

    # -- read-only fields on the form ----------------------------------------------------------

    def _markdown_preview(self, obj, field):
        if obj is None or obj.pk is None:
            return _("Save the case to see how the text will look.")
        sections = []
        for code, name in settings.LANGUAGES:
            text = getattr(obj, f"{field}_{code.replace('-', '_')}")
            body = render_markdown(text) if text else format_html("<p>{}</p>", _("(empty)"))
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
            Case.history.filter(id=obj.pk, history_change_reason__in=services.WORKFLOW_REASONS)
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
                    services.reason_display(record.history_change_reason),
                    record.history_user.get_username() if record.history_user else "—",
                    services.display_value(Case, "published_at", record.history_date),
                )
                for record in records
            ),
        )

    # -- permissions ---------------------------------------------------------------------------

    def has_publish_permission(self, request):
        return services.can_publish(request.user)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return services.can_delete_case(request.user, obj)

    def delete_model(self, request, obj):
        services.delete_case(obj, request.user)

    def delete_queryset(self, request, queryset):
        for case in queryset:
            services.delete_case(case, request.user)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None

    # -- saving --------------------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.StaleCaseError:
            # Someone saved between this form's validation and its write; this transaction was
            # rolled back. Running the view again shows what they changed, with the input kept.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        services.begin_case_save(obj, expected_version=form.cleaned_data.get("expected_version"))
        obj.save()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.finish_case_save(form.instance, user=request.user, created=not change)

    def _after_save_workflow(self, request, obj):
        for button, action in WORKFLOW_BUTTONS.items():
            if button in request.POST:
                self.message_user(request, _("“%(case)s” was saved.") % {"case": obj})
                self._take_action_with_messages(request, obj, action, report_success=True)
                return HttpResponseRedirect(reverse("admin:cases_case_change", args=[obj.pk]))
        return None

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save_workflow(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._after_save_workflow(request, obj) or super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            {
                "can_publish": services.can_publish(request.user),
                "preview_languages": settings.LANGUAGES,
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # -- workflow actions ----------------------------------------------------------------------

    # (name, question on the confirmation page, confirm button)
    ACTION_TEXTS = {
        services.SEND_TO_REVIEW: (
            gettext_lazy("Send to review"),
            gettext_lazy("Send these cases to review?"),
            gettext_lazy("Yes, send to review"),
        ),
        services.PUBLISH: (
            gettext_lazy("Publish"),
            gettext_lazy("Publish these cases?"),
            gettext_lazy("Yes, publish"),
        ),
        services.UNPUBLISH: (
            gettext_lazy("Unpublish"),
            gettext_lazy("Unpublish these cases?"),
            gettext_lazy("Yes, unpublish"),
        ),
        services.MARK_REVIEWED: (
            gettext_lazy("Mark as reviewed today"),
            gettext_lazy("Mark these cases as reviewed today?"),
            gettext_lazy("Yes, mark as reviewed"),
        ),
    }

    def _action_messages(self, action):
        """(done, not done) message templates for one case."""
        return {
            services.SEND_TO_REVIEW: (
                _("“%(case)s” was sent to review."),
                _("“%(case)s” was not sent to review: %(problem)s"),
            ),
            services.PUBLISH: (
                _("“%(case)s” was published."),
                _("“%(case)s” was not published: %(problem)s"),
            ),
            services.UNPUBLISH: (
                _("“%(case)s” was unpublished: it is a draft again."),
                _("“%(case)s” was not unpublished: %(problem)s"),
            ),
            services.MARK_REVIEWED: (
                _("“%(case)s” was marked as reviewed today."),
                _("“%(case)s” was not marked as reviewed: %(problem)s"),
            ),
        }[action]

    def _take_action_with_messages(self, request, case, action, report_success=False):
        done_message, refused_message = self._action_messages(action)
        try:
            services.take_action(case, request.user, action)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return False
        except ValidationError as error:
            for problem in error.messages:
                self.message_user(
                    request, refused_message % {"case": case, "problem": problem}, messages.ERROR
                )
            return False
        except services.StaleCaseError:
            problem = _("someone saved it meanwhile. Try again.")
            self.message_user(
                request, refused_message % {"case": case, "problem": problem}, messages.ERROR
            )
            return False
        if report_success:
            self.message_user(request, done_message % {"case": case}, messages.SUCCESS)
        return True

    def _workflow_action(self, request, queryset, action):
        cases = list(queryset)
        if request.POST.get("confirm") == "yes":
            done = [
                case for case in cases if self._take_action_with_messages(request, case, action)
            ]
            if done:
                self.message_user(
                    request,
                    ngettext(
                        "%(action)s: done for %(count)d case: %(cases)s.",
                        "%(action)s: done for %(count)d cases: %(cases)s.",
                        len(done),
                    )
                    % {
                        "action": self.ACTION_TEXTS[action][0],
                        "count": len(done),
                        "cases": ", ".join(str(case) for case in done),
                    },
                    messages.SUCCESS,
                )
            return None
        rows = [(case, services.action_problems(case, action)) for case in cases]
        context = {
            **self.admin_site.each_context(request),
            "title": self.ACTION_TEXTS[action][1],
            "action_label": self.ACTION_TEXTS[action][0],
            "confirm_label": self.ACTION_TEXTS[action][2],
            "action_name": f"{action}_action",
            "opts": self.model._meta,
            "ready": [case for case, problems in rows if not problems],
            "refused": [(case, problems) for case, problems in rows if problems],
            "selected": [case.pk for case in cases],
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/cases/case/workflow_confirmation.html", context)

    @admin.action(description=gettext_lazy("Send selected cases to review"), permissions=["change"])
    def send_to_review_action(self, request, queryset):
        return self._workflow_action(request, queryset, services.SEND_TO_REVIEW)

    @admin.action(description=gettext_lazy("Publish selected cases"), permissions=["publish"])
    def publish_action(self, request, queryset):
        return self._workflow_action(request, queryset, services.PUBLISH)

    @admin.action(description=gettext_lazy("Unpublish selected cases"), permissions=["publish"])
    def unpublish_action(self, request, queryset):
        return self._workflow_action(request, queryset, services.UNPUBLISH)

    @admin.action(
        description=gettext_lazy("Mark selected cases as reviewed today"), permissions=["change"]
    )
    def mark_reviewed_action(self, request, queryset):
        return self._workflow_action(request, queryset, services.MARK_REVIEWED)

    # -- preview, history and restore ----------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="cases_case_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        return admin_views.case_preview(self, request, object_id)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """The template shows services.case_history() instead (it includes M2M and inlines)."""

    def history_view(self, request, object_id, extra_context=None):
        case = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if case is not None and self.has_view_permission(request, case):
            extra_context["history_entries"] = services.case_history(case)
            extra_context["can_restore"] = self.has_change_permission(request, case)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One earlier version: what restoring it would change, and the button to do it."""
        return admin_views.restore_version(self, request, object_id, version_id)


@admin.register(SdgGoal)
class SdgGoalAdmin(ReadOnlyAdminMixin, TranslationAdmin):
    list_display = ["number", "name_zh_hans", "name_en", "colour"]
    search_fields = ["name_zh_hans", "name_en"]


@admin.register(SdgTarget)
class SdgTargetAdmin(ReadOnlyAdminMixin, TranslationAdmin):
    list_display = ["code", "label_zh_hans", "label_en", "goal"]
    list_filter = ["goal"]
    list_select_related = ["goal"]
    search_fields = ["code", "label_zh_hans", "label_en"]
    ordering = ["position"]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # "1.3" should list target 1.3 before 11.3.
        term = search_term.strip()
        if term:
            queryset = queryset.order_by(
                models.Case(models.When(code=term, then=Value(0)), default=Value(1)), "position"
            )
        return queryset, may_have_duplicates


@admin.register(Region)
class RegionAdmin(HistoryListMixin, TabbedTranslationMedia, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["code", "name_zh_hans", "name_en", "parent"]
    list_select_related = ["parent"]
    search_fields = ["code", "name_zh_hans", "name_en"]
    autocomplete_fields = ["parent"]


@admin.register(Country)
class CountryAdmin(HistoryListMixin, TabbedTranslationMedia, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["code", "name_zh_hans", "name_en", "region"]
    list_select_related = ["region"]
    search_fields = ["code", "name_zh_hans", "name_en"]
    autocomplete_fields = ["region"]


@admin.register(Organization)
class OrganizationAdmin(
    HistoryListMixin, TabbedTranslationMedia, SimpleHistoryAdmin, TranslationAdmin
):
    list_display = ["slug", "name_zh_hans", "name_en", "acronym_zh_hans", "acronym_en", "kind"]
    list_filter = ["kind"]
    search_fields = ["slug", "name_zh_hans", "name_en", "acronym_zh_hans", "acronym_en"]
    prepopulated_fields = {"slug": ("name_en",)}
    formfield_overrides = ADDRESS_FIELD_OVERRIDES
