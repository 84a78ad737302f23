"""Which fields of a case an editor writes, which the history compares, and which rows belong to
a case. The admin form, the history pages and restoring an old version all use these lists, so
that a restore writes back exactly what the history page says it will.
"""

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

from .models import Case, CaseCountry, CaseLink, CaseOrganization, Contact

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def localized(field, language):
    """The column of `field` in `language`: ("title", "zh-hans") -> "title_zh_hans"."""
    return build_localized_fieldname(field, language)


TRANSLATED_COLUMNS = [
    localized(field, language) for field in Case.TRANSLATED_FIELDS for language in LANGUAGE_CODES
]
# What an editor writes, in form order. Publication fields are left out of restores on purpose:
# restoring old text must not publish or unpublish a case (that goes through the workflow).
CONTENT_FIELDS = [
    "slug",
    *TRANSLATED_COLUMNS,
    "status",
    "status_as_of",
    "start_year",
    "end_year",
    "modality",
]
COMPARED_FIELDS = [*CONTENT_FIELDS, "publication_status", "published_at", "reviewed_at"]
M2M_FIELDS = ["sdg_targets", "regions"]
# The rows edited in the admin's inlines, each with a `case` foreign key and its own history.
INLINE_MODELS = [CaseCountry, CaseOrganization, Contact, CaseLink]
# What a pending revision holds besides the M2M fields: everything the change form edits. The
# review date is in it (an editor may set it in the form) though a restore leaves it alone.
REVISION_FIELDS = [*CONTENT_FIELDS, "reviewed_at"]
# The inline rows of a revision, by the name its JSON uses.
INLINE_KINDS = {
    "countries": CaseCountry,
    "organizations": CaseOrganization,
    "contacts": Contact,
    "links": CaseLink,
}
