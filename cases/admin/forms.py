"""Admin forms for cases: editor help texts, the case rules, and stale-save detection.

The case form carries the version the editor opened (`expected_version`, hidden). If someone
saved the case since, the form is invalid: it lists what the other editor changed, keeps
everything this editor typed (the admin re-renders a bound form), and takes the new version so
that saving again, after checking, replaces the other editor's text on purpose.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from .. import rules
from ..fields import CONTENT_FIELDS, LANGUAGE_CODES, M2M_FIELDS, localized
from ..models import Case, CaseCountry, CaseOrganization
from ..parsing import parse_positive_int
from ..reads.conflicts import changes_since, no_conflict_details
from .conflict_merge import RowKeyForm, widget_value
from .presenters import conflict_messages, problem_html

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
TRANSLATED_COLUMN_FIELDS = {
    localized(field, language): field
    for field in Case.TRANSLATED_FIELDS
    for language in LANGUAGE_CODES
}


class CaseAdminForm(forms.ModelForm):
    # A CharField: a damaged value must lead to the conflict message, not to an error on a
    # field the editor cannot see.
    expected_version = forms.CharField(widget=forms.HiddenInput, required=False)
    # Which state of the pending revision the form was opened on ("" for none).
    expected_revision = forms.CharField(widget=forms.HiddenInput, required=False)
    # Set per request by the admin (cases.admin.revisions): where the save goes, whether it is
    # stale; and the pending revision's values, which an unbound form shows (bound to them).
    save_plan = None
    revision_data = None

    class Meta:
        model = Case
        fields = [*CONTENT_FIELDS, *M2M_FIELDS, "reviewed_at"]

    def __init__(self, data=None, *args, **kwargs):
        if data is None and self.revision_data is not None:
            data = self.revision_data
        super().__init__(data, *args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        if self.save_plan is not None:
            self.fields["expected_revision"].initial = self.save_plan.current_tokens()[
                "expected_revision"
            ]
        for name, field in self.fields.items():
            help_text = CASE_HELP_TEXTS.get(TRANSLATED_COLUMN_FIELDS.get(name, name))
            if help_text:
                field.help_text = help_text

    def clean(self):
        # The years and titles are checked by Case.clean() (the model's own validation); what
        # needs the form's values of related data is checked here.
        cleaned_data = super().clean()
        normalize_newlines(cleaned_data)
        self._check_targets_and_duplicates(cleaned_data)
        if self.instance.pk:
            raw_version = (cleaned_data.get("expected_version") or "").strip()
            cleaned_data["expected_version"] = parse_positive_int(raw_version)
            self._check_version(cleaned_data["expected_version"])
        return cleaned_data

    def _check_targets_and_duplicates(self, cleaned_data):
        targets = cleaned_data.get("sdg_targets")
        if targets is None:
            target_count = self.instance.sdg_targets.count() if self.instance.pk else 0
        else:
            target_count = len(targets)
        others = Case.objects.exclude(pk=self.instance.pk) if self.instance.pk else Case.objects
        columns = [localized("title", language) for language in LANGUAGE_CODES]
        titles = {column: cleaned_data.get(column) for column in columns}
        problems = [
            *rules.target_problems(target_count, past_draft=self.instance.is_past_draft),
            *rules.duplicate_problems(others.all(), cleaned_data.get("slug"), titles),
        ]
        for problem in problems:
            field = problem.field if problem.field in self.fields else None
            self.add_error(field, problem_html(problem))

    def _check_version(self, expected_version):
        if self.save_plan is not None:
            # The admin knows whether the save goes to the case or to its pending revision.
            conflict, tokens = self.save_plan.stale_conflict(), self.save_plan.current_tokens()
        else:
            conflict, tokens = self._live_conflict(expected_version)
        if conflict is None:
            return
        self.data = self.data.copy()
        messages = conflict_messages(self.instance, conflict, self._merge(conflict))
        # Saving again after reading the changes is a deliberate choice: accept it.
        for name, value in tokens.items():
            self.data[self.add_prefix(name)] = value
        raise ValidationError(messages, code="stale")

    def _live_conflict(self, expected_version):
        current_version = (
            Case.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
        )
        tokens = {"expected_version": current_version}
        if current_version is None or expected_version == current_version:
            return None, tokens
        if expected_version is None:
            return no_conflict_details(), tokens
        return changes_since(self.instance, expected_version), tokens

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
            if name in M2M_FIELDS and typed is not _NOT_VALID:
                typed = {obj.pk for obj in typed}
            if typed is not _NOT_VALID and (typed or None) == (change.old_value or None):
                key = self.add_prefix(name)
                if name in M2M_FIELDS:
                    self.data.setlist(key, sorted(change.new_value))
                else:
                    self.data[key] = widget_value(change.new_value)
            elif typed is _NOT_VALID or (typed or None) != (change.new_value or None):
                changed_by_both.add(name)  # (typing what they saved is no conflict)
        return changed_by_both


_NOT_VALID = object()


def normalize_newlines(cleaned_data):
    """Browsers send a textarea's line breaks as CR LF: store them as LF, like the imported
    text, so that an untouched paragraph does not count as changed."""
    for name, value in cleaned_data.items():
        if isinstance(value, str) and "\r" in value:
            cleaned_data[name] = value.replace("\r\n", "\n").replace("\r", "\n")


class CaseCountryInlineForm(RowKeyForm):
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


class CaseOrganizationInlineForm(RowKeyForm):
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
