"""Reference data in the admin: SDG goals and targets (read only), regions, countries and
organizations (editable, with history)."""

from django.contrib import admin
from django.db import models
from django.db.models import Value
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from ..models import Country, Organization, Region, SdgGoal, SdgTarget
from .mixins import (
    ADDRESS_FIELD_OVERRIDES,
    HistoryListMixin,
    ReadOnlyAdminMixin,
    TabbedTranslationMedia,
)


class EditableReferenceAdmin(
    HistoryListMixin, TabbedTranslationMedia, SimpleHistoryAdmin, TranslationAdmin
):
    pass


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
class RegionAdmin(EditableReferenceAdmin):
    list_display = ["code", "name_zh_hans", "name_en", "parent"]
    list_select_related = ["parent"]
    search_fields = ["code", "name_zh_hans", "name_en"]
    autocomplete_fields = ["parent"]


@admin.register(Country)
class CountryAdmin(EditableReferenceAdmin):
    list_display = ["code", "name_zh_hans", "name_en", "region"]
    list_select_related = ["region"]
    search_fields = ["code", "name_zh_hans", "name_en"]
    autocomplete_fields = ["region"]


@admin.register(Organization)
class OrganizationAdmin(EditableReferenceAdmin):
    list_display = ["slug", "name_zh_hans", "name_en", "acronym_zh_hans", "acronym_en", "kind"]
    list_filter = ["kind"]
    search_fields = ["slug", "name_zh_hans", "name_en", "acronym_zh_hans", "acronym_en"]
    prepopulated_fields = {"slug": ("name_en",)}
    formfield_overrides = ADDRESS_FIELD_OVERRIDES
