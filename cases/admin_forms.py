"""Admin forms for cases: editor help texts, validation through services, stale-save detection.

The case form carries the version the editor opened (`expected_version`, hidden). If someone
saved the case since, the form is invalid: it lists what the other editor changed, keeps
everything this editor typed (the admin re-renders a bound form), and takes the new version so
that saving again, after checking, replaces the other editor's text on purpose.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .models import Case, CaseCountry, CaseOrganization

# Help texts in the words of the source document ("challenge", "solution", "nominated by"...).
CASE_HELP_TEXTS = {
    "short_name": gettext_lazy(
        "The short name readers know the case by, such as TRANSFORM. Optional."
    ),
    "title": gettext_lazy(
        "The project name, as in the closing block of the source. "
        "The Chinese title is needed before review."
    ),
    "headline": gettext_lazy(
        "One line under the title that says what the case achieved (the source's subtitle)."
    ),
    "challenge": gettext_lazy(
        "The “challenge” section of the source: the problem the case addresses. "
        "Markdown: a blank line between paragraphs, **bold**, *italic*, lists with “- ”."
    ),
    "solution": gettext_lazy(
        "The “solution” section of the source: what was done, by whom and how. "
        "Markdown, as in the challenge."
    ),
    "source": gettext_lazy("The publication the case comes from, with its year and page."),
    "slug": gettext_lazy(
        "The last part of the case's web address, after /cases/. Filled in from the English "
        "title: lower-case letters, digits and hyphens. Changing it later breaks links to the "
        "case."
    ),
    "sdg_targets": gettext_lazy(
        "The SDG targets from the closing block. Type a code (8.5) or words of the label, in "
        "Chinese or English. At least one is needed before review."
    ),
    "regions": gettext_lazy(
        "Only for cases about a whole region (such as Africa) or the whole world (World); "
        "otherwise list the countries below."
    ),
    "start_year": gettext_lazy("The year the project started (the source's “period”)."),
    "end_year": gettext_lazy(
        "Leave empty while the project has no end date: shown as “to present”."
    ),
    "reviewed_at": gettext_lazy(
        "The day an editor last checked that the case is still accurate. Cases not reviewed "
        "for two years are flagged in the list."
    ),
}

ORDER_HELP_TEXT = gettext_lazy("Smaller numbers come first.")


def _base_name(field_name):
    for suffix in services.LANGUAGE_SUFFIXES:
        if field_name.endswith("_" + suffix):
            return field_name[: -len(suffix) - 1]
    return field_name


class CaseAdminForm(forms.ModelForm):
    # A CharField: a damaged value must lead to the conflict message, not to an error on a
    # field the editor cannot see.
    expected_version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Case
        fields = [*services.CONTENT_FIELDS, *services.M2M_FIELDS, "reviewed_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        for name, field in self.fields.items():
            help_text = CASE_HELP_TEXTS.get(_base_name(name))
            if help_text:
                field.help_text = help_text
        # Out-of-range years get the services' message instead of Django's generic one.
        for name in ("start_year", "end_year"):
            if name in self.fields:
                self.fields[name].validators = [
                    validator
                    for validator in self.fields[name].validators
                    if not isinstance(validator, (MinValueValidator, MaxValueValidator))
                ]

    def clean(self):
        cleaned_data = super().clean()
        self._check_case_rules(cleaned_data)
        if self.instance.pk:
            raw_version = (cleaned_data.get("expected_version") or "").strip()
            cleaned_data["expected_version"] = int(raw_version) if raw_version.isdigit() else None
            self._check_version(cleaned_data["expected_version"])
        return cleaned_data

    def _check_case_rules(self, cleaned_data):
        targets = cleaned_data.get("sdg_targets")
        if targets is None:
            target_count = self.instance.sdg_targets.count() if self.instance.pk else 0
        else:
            target_count = len(targets)
        problems = services.case_problems(
            pk=self.instance.pk,
            slug=cleaned_data.get("slug"),
            titles={
                suffix: cleaned_data.get(f"title_{suffix}") for suffix in services.LANGUAGE_SUFFIXES
            },
            start_year=cleaned_data.get("start_year"),
            end_year=cleaned_data.get("end_year"),
            publication_status=self.instance.publication_status,
            sdg_target_count=target_count,
        )
        for field, messages in problems.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)

    def _check_version(self, expected_version):
        current_version = (
            Case.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
        )
        if current_version is None or expected_version == current_version:
            return
        if expected_version is None:
            conflict = services.Conflict([], None, None, [], [])
        else:
            conflict = services.changes_since(self.instance, expected_version)
        self.data = self.data.copy()
        messages = conflict_messages(self.instance, conflict, self._merge(conflict))
        # Saving again after reading the changes is a deliberate choice: accept it.
        self.data[self.add_prefix("expected_version")] = current_version
        raise ValidationError(messages, code="stale")

    def _merge(self, conflict):
        """Show the other editor's value in every field this editor left as it was.

        Returns the names of the fields changed by both (the form keeps this editor's text).
        """
        changed_by_both = set()
        for change in conflict.field_changes:
            name = change.name
            if name not in self.fields or conflict.base is None:
                continue
            typed = self.cleaned_data.get(name, _NOT_VALID)
            if name in services.M2M_FIELDS and typed is not _NOT_VALID:
                typed = {obj.pk for obj in typed}
            if typed is not _NOT_VALID and (typed or None) == (change.old_value or None):
                key = self.add_prefix(name)
                if name in services.M2M_FIELDS:
                    self.data.setlist(key, sorted(change.new_value))
                else:
                    self.data[key] = _widget_value(change.new_value)
            else:
                changed_by_both.add(name)
        return changed_by_both

    def _update_errors(self, errors):
        """Model.clean() repeats some of the services' rules: show each message once, and put
        errors about fields that are not on the form at the top instead of failing."""
        if not hasattr(errors, "error_dict"):
            return super()._update_errors(errors)
        shown = {message for field_errors in self._errors.values() for message in field_errors}
        # Model.clean() checks the targets stored before this save; the services checked the
        # targets on the form, which is what will be saved.
        shown.add(_("A case needs at least one SDG target before review."))
        remaining = {}
        for field, field_errors in errors.error_dict.items():
            key = field if field in self.fields or field == NON_FIELD_ERRORS else NON_FIELD_ERRORS
            for error in field_errors:
                message = next(iter(error))
                if message not in shown:
                    shown.add(message)
                    remaining.setdefault(key, []).append(error)
        if remaining:
            super()._update_errors(ValidationError(remaining))


_NOT_VALID = object()


def _widget_value(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def conflict_messages(case, conflict, changed_by_both=()):
    """The messages shown when the version an editor opened is no longer the stored one."""
    if conflict.editors and conflict.saved_at:
        messages = [
            _(
                "Not saved: %(editors)s saved this case at %(time)s, after you opened it. "
                "Everything you typed is still in the form below."
            )
            % {
                "editors": ", ".join(conflict.editors),
                "time": date_format(timezone.localtime(conflict.saved_at), "DATETIME_FORMAT"),
            }
        ]
    else:
        messages = [
            _(
                "Not saved: someone else saved this case after you opened it. "
                "Everything you typed is still in the form below."
            )
        ]
    if conflict.field_changes or conflict.inline_changes:
        messages.append(_("What they changed:"))
    for change in conflict.field_changes:
        text = _("%(field)s: “%(old)s” → “%(new)s”") % {
            "field": change.field,
            "old": change.old,
            "new": change.new,
        }
        if change.name in changed_by_both:
            text += " " + _("(you changed it too: the form keeps your text)")
        elif conflict.base is not None:
            text += " " + _("(the form now shows their version)")
        messages.append(text)
    for change in conflict.inline_changes:
        messages.append(inline_change_text(change))
    link = format_html(
        '<a href="{}" target="_blank" rel="noopener">{}</a>',
        reverse("admin:cases_case_change", args=[case.pk]),
        _("the current version"),
    )
    messages.append(
        mark_safe(
            escape(
                _(
                    "Compare with %(link)s (opens in a new tab), then save again: what is in "
                    "the form replaces the stored case."
                )
            )
            % {"link": link}
        )
    )
    return messages


def inline_change_text(change):
    text = _("%(kind)s “%(item)s”: %(action)s") % {
        "kind": change.kind,
        "item": change.item,
        "action": change.action,
    }
    details = [
        _("%(field)s: “%(old)s” → “%(new)s”")
        % {"field": detail.field, "old": detail.old, "new": detail.new}
        for detail in change.changes
    ]
    if details:
        text += " (" + "; ".join(details) + ")"
    return text


class CaseCountryInlineForm(forms.ModelForm):
    class Meta:
        model = CaseCountry
        fields = ["country", "role", "order"]
        help_texts = {
            "role": gettext_lazy(
                "Provider: shares its experience or resources. Beneficiary: learns from it or "
                "receives support. Participant: takes part in an exchange."
            ),
            "order": ORDER_HELP_TEXT,
        }


class CaseOrganizationInlineForm(forms.ModelForm):
    class Meta:
        model = CaseOrganization
        fields = ["organization", "role", "order"]
        help_texts = {
            "role": gettext_lazy(
                "As in the closing block of the source: nominated by (put the case forward), "
                "supported by (funded or backed it), implemented by (carried it out)."
            ),
            "order": ORDER_HELP_TEXT,
        }
