"""The rows edited with a case: countries, organizations, contacts, links."""

from django.contrib import admin
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from ..models import CaseCountry, CaseLink, CaseOrganization, Contact
from .conflict_merge import RowKeyForm
from .forms import CaseCountryInlineForm, CaseOrganizationInlineForm
from .mixins import ADDRESS_FIELD_OVERRIDES


class OneEmptyRowWhenAdding:
    """A new case shows one empty row to fill; an existing one shows only its rows."""

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is None else 0


class CaseCountryInline(OneEmptyRowWhenAdding, admin.TabularInline):
    model = CaseCountry
    form = CaseCountryInlineForm
    fields = ["country", "role", "order", "row_key"]
    autocomplete_fields = ["country"]
    verbose_name_plural = gettext_lazy("Countries (with their role)")


class CaseOrganizationInline(OneEmptyRowWhenAdding, admin.TabularInline):
    model = CaseOrganization
    form = CaseOrganizationInlineForm
    fields = ["organization", "role", "order", "row_key"]
    autocomplete_fields = ["organization"]
    ordering = ["role", "order", "pk"]
    verbose_name_plural = gettext_lazy("Organizations: nominated by, supported by, implemented by")


class ContactInline(OneEmptyRowWhenAdding, TranslationStackedInline):
    model = Contact
    form = RowKeyForm
    fields = ["name", "honorific", "job_title", "email", "order", "row_key"]
    formfield_overrides = ADDRESS_FIELD_OVERRIDES


class CaseLinkInline(OneEmptyRowWhenAdding, TranslationTabularInline):
    model = CaseLink
    form = RowKeyForm
    fields = ["url", "label", "order", "row_key"]
    formfield_overrides = ADDRESS_FIELD_OVERRIDES


CASE_INLINES = [CaseCountryInline, CaseOrganizationInline, ContactInline, CaseLinkInline]
