"""The case list's own filters: translation status and review freshness."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import rules


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
            return queryset.missing_translation("en")
        if self.value() == "missing-zh-hans":
            return queryset.missing_translation("zh-hans")
        if self.value() == "complete":
            return queryset.translated_completely()
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
        due = rules.review_due_date()
        if self.value() == "overdue":
            return queryset.filter(Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=due))
        if self.value() == "recent":
            return queryset.filter(reviewed_at__gte=due)
        return queryset
