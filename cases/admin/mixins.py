"""Small pieces shared by the model admins."""

from django.db import models
from django.utils.translation import gettext_lazy as _

INVALID_URL_MESSAGE = _(
    "Enter a full web address that starts with http:// or https://, such as https://www.ilo.org/."
)
INVALID_EMAIL_MESSAGE = _("Enter an email address such as name@example.org.")

# Friendlier messages for web addresses and emails everywhere in the admin.
ADDRESS_FIELD_OVERRIDES = {
    models.URLField: {"assume_scheme": "https", "error_messages": {"invalid": INVALID_URL_MESSAGE}},
    models.EmailField: {"error_messages": {"invalid": INVALID_EMAIL_MESSAGE}},
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
