"""Model translation registrations, then edit history.

History is registered here, after the translations, on purpose: simple_history copies the model's
fields when it registers, so it must see the translation columns. `history = HistoricalRecords()`
on the model itself would copy them too early and make every save fail.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    Case,
    CaseCountry,
    CaseLink,
    CaseOrganization,
    CaseRevision,
    Contact,
    Country,
    Organization,
    Region,
    SdgGoal,
    SdgTarget,
    Submission,
)


@register(SdgGoal)
class SdgGoalTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("zh-hans", "en")


@register(SdgTarget)
class SdgTargetTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = ("zh-hans", "en")


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("zh-hans", "en")


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("zh-hans", "en")


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "acronym")
    required_languages = {"zh-hans": ("name",), "en": ("name",)}


@register(Case)
class CaseTranslation(TranslationOptions):
    fields = Case.TRANSLATED_FIELDS


@register(Contact)
class ContactTranslation(TranslationOptions):
    fields = ("honorific", "job_title")


@register(CaseLink)
class CaseLinkTranslation(TranslationOptions):
    fields = ("label",)


# The search columns and the pinyin sort keys are derived from the other fields: history need
# not copy them.
simple_history.register(
    Case,
    m2m_fields=["sdg_targets", "regions"],
    excluded_fields=["search_document", "search_english", "title_pinyin"],
)
for model in (CaseCountry, CaseOrganization, Contact, CaseLink, Region):
    simple_history.register(model)
for model in (Organization, Country):
    simple_history.register(model, excluded_fields=["name_pinyin"])
# Each saved state of a revision, so that a second editor's conflict can say what changed.
simple_history.register(CaseRevision, excluded_fields=["updated_at"])
# Each step of a submission (received, accepted, declined, erased on request) is recorded.
simple_history.register(Submission, excluded_fields=["updated_at"])
