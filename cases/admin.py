from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Case, Country, Organization, Region, SdgGoal, SdgTarget


@admin.register(SdgGoal)
class SdgGoalAdmin(TranslationAdmin):
    list_display = ["number", "name", "colour"]


@admin.register(SdgTarget)
class SdgTargetAdmin(TranslationAdmin):
    list_display = ["code", "label", "goal"]
    list_filter = ["goal"]
    search_fields = ["code", "label_zh_hans", "label_en"]


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["code", "name", "parent"]
    search_fields = ["code", "name_zh_hans", "name_en"]


@admin.register(Country)
class CountryAdmin(TranslationAdmin):
    list_display = ["code", "name", "region"]
    search_fields = ["code", "name_zh_hans", "name_en"]


@admin.register(Organization)
class OrganizationAdmin(TranslationAdmin):
    list_display = ["slug", "name", "acronym", "kind"]
    search_fields = ["slug", "name_zh_hans", "name_en", "acronym_zh_hans", "acronym_en"]


@admin.register(Case)
class CaseAdmin(TranslationAdmin):
    list_display = ["slug", "title", "publication_status", "status"]
    search_fields = ["slug", "title_zh_hans", "title_en"]
