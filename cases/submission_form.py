"""The public "Share your practice" form: every field, its limits and its messages.

A bad entry never loses what was typed: the view re-shows the form bound to the posted data,
with each message next to its field and all of them listed at the top, in the page's language.
Two traps for robots that cost a person nothing: a field hidden from people (`website`, the
honeypot) must stay empty, and the form must not come back sooner than SUBMISSION_MIN_SECONDS
after it was shown (`started`, signed so it cannot be forged). No outside CAPTCHA service.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import rules
from .models import Case
from .models.submission import ORGANIZATION_ROLES
from .reads.submission_choices import country_choices, organization_choices, target_choices
from .submission_contacts import ContactFormSet, describe_errors

TEXT_LIMIT = 10_000  # characters per long text (the seed's longest section is about 1,500)
TOTAL_LIMIT = 30_000  # characters in all fields together
LIST_LIMIT = 10  # links, or new organization names per role
STARTED_SALT = "cases.submission.started"
STARTED_MAX_AGE = 24 * 60 * 60

YEAR_MESSAGES = {
    "invalid": _("Enter the year as four digits, e.g. 2016."),
    "min_value": rules.YEAR_RANGE_MESSAGE,
    "max_value": rules.YEAR_RANGE_MESSAGE,
}
ROLE_LABELS = {
    "nominator": (_("Nominated by"), _("Other nominating organizations")),
    "funder": (_("Supported (funded) by"), _("Other funding organizations")),
    "implementer": (_("Implemented by"), _("Other implementing organizations")),
}


def started_stamp(now=None):
    return signing.dumps(now if now is not None else time.time(), salt=STARTED_SALT)


def _lines(value):
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class SubmissionForm(forms.Form):
    title = forms.CharField(
        label=_("Project name"),
        max_length=300,
        help_text=_("As the project calls itself, e.g. “TRANSFORM”."),
    )
    headline = forms.CharField(
        label=_("Tagline"),
        max_length=300,
        required=False,
        help_text=_("One sentence that says what the practice achieved."),
    )
    challenge = forms.CharField(
        label=_("Challenge"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The problem the practice addresses. Plain text or light Markdown."),
    )
    solution = forms.CharField(
        label=_("Solution"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "What was done, by whom and with what results. A blank line starts a new "
            "paragraph; “- ” starts a list item; **bold**."
        ),
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8, "data-filter-label": _("Find a country")}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    sdg_targets = forms.MultipleChoiceField(
        label=_("SDG targets"),
        required=False,
        widget=forms.SelectMultiple(
            attrs={"size": 8, "data-filter-label": _("Find a target by its code or words")}
        ),
        help_text=_("The targets the practice contributes to. Hold Ctrl (⌘) to choose several."),
    )
    project_status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Not given")), *Case.Status.choices],
    )
    start_year = forms.IntegerField(
        label=_("Start year"),
        required=False,
        min_value=rules.EARLIEST_YEAR,
        max_value=rules.LATEST_YEAR,
        error_messages=YEAR_MESSAGES,
    )
    end_year = forms.IntegerField(
        label=_("End year"),
        required=False,
        min_value=rules.EARLIEST_YEAR,
        max_value=rules.LATEST_YEAR,
        error_messages=YEAR_MESSAGES,
        help_text=_("Leave empty while the project goes on."),
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        max_length=LIST_LIMIT * 510,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Web pages about the practice, one address per line (https://…)."),
    )
    submitter_name = forms.CharField(label=_("Your name"), max_length=200)
    submitter_organization = forms.CharField(
        label=_("Your organization"), max_length=200, required=False
    )
    submitter_email = forms.EmailField(
        label=_("Your email"),
        help_text=_("We send the confirmation and your private status link here."),
    )
    consent_contact = forms.BooleanField(
        label=_("The editors may contact me about this submission."),
        error_messages={
            "required": _("Tick this box: the editors need to be able to ask you questions.")
        },
    )
    consent_publish_contact = forms.BooleanField(
        label=_("The contact people's names, titles and emails may be published with the case."),
        required=False,
    )
    # The honeypot: hidden from people by the stylesheet and from screen readers, so only a
    # robot that fills every field fills it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *args, initial=None, **kwargs):
        super().__init__(data, *args, initial=initial, **kwargs)
        # The contact rows: a formset bound to the same data (or showing the initial rows).
        self.contacts = ContactFormSet(data, initial=(initial or {}).get("contacts"))
        organizations = organization_choices()
        self.fields["countries"].choices = country_choices()
        self.fields["sdg_targets"].choices = target_choices()
        for role in ORGANIZATION_ROLES:
            picked_label, typed_label = ROLE_LABELS[role]
            self.fields[role] = forms.MultipleChoiceField(
                label=picked_label,
                required=False,
                choices=organizations,
                widget=forms.SelectMultiple(
                    attrs={"size": 5, "data-filter-label": _("Find an organization")}
                ),
            )
            self.fields[f"new_{role}"] = forms.CharField(
                label=typed_label,
                required=False,
                max_length=LIST_LIMIT * 210,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Not in the list? One name per line; the editors will add it."),
            )
        if not self.is_bound:
            self.initial["started"] = started_stamp()

    @classmethod
    def with_another_contact(cls, data):
        """ "Add another contact": the form as typed (nothing validated, so no messages yet),
        with one more empty contact row. The time trap keeps the moment the form was first shown."""
        typed = cls(data)
        initial = {
            name: data.getlist(name)
            if isinstance(field, forms.MultipleChoiceField)
            else data.get(name, "")
            for name, field in typed.fields.items()
        }
        initial["contacts"] = typed.contacts.typed_rows()
        form = cls(initial=initial)
        form.initial["started"] = data.get("started", "")
        return form

    def is_valid(self):
        # Both, always: the contact rows' messages show even when another field is wrong.
        valid = super().is_valid()
        return self.contacts.is_valid() and valid

    @property
    def error_count(self):
        """Entries to correct, for the list at the top: the form's and every contact row's."""
        if not self.is_bound:
            return 0
        rows = len(self.contacts.row_errors()) + len(self.contacts.non_form_errors())
        return len(self.errors) + rows

    def full_clean(self):
        super().full_clean()
        describe_errors(self)

    def organization_fields(self):
        """(picked field, typed field) per role, for the template."""
        return [(self[role], self[f"new_{role}"]) for role in ORGANIZATION_ROLES]

    def clean_links(self):
        links = _lines(self.cleaned_data["links"])
        if len(links) > LIST_LIMIT:
            raise ValidationError(
                _("Give at most %(limit)s links (you gave %(count)s)."),
                params={"limit": LIST_LIMIT, "count": len(links)},
            )
        check = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                if len(link) > 500:
                    raise ValidationError("too long")
                check(link)
            except ValidationError:
                raise ValidationError(
                    _("“%(link)s” is not a web address starting with http:// or https://."),
                    params={"link": link[:80]},
                ) from None
        return links

    def _clean_names(self, role):
        names = _lines(self.cleaned_data.get(f"new_{role}"))
        if len(names) > LIST_LIMIT or any(len(name) > 200 for name in names):
            self.add_error(
                f"new_{role}",
                _("Give at most %(limit)s names of at most 200 characters each.")
                % {"limit": LIST_LIMIT},
            )
        return names

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(_("Leave this field empty."))
        return ""

    def clean(self):
        data = super().clean()
        for problem in rules.year_order_problems(data.get("start_year"), data.get("end_year")):
            self.add_error("end_year", str(problem))
        total = sum(len(value) for _name, values in self.data.lists() for value in values)
        if total > TOTAL_LIMIT:
            raise ValidationError(
                ngettext(
                    "The form holds %(total)s characters in all; at most %(limit)s fit.",
                    "The form holds %(total)s characters in all; at most %(limit)s fit.",
                    total,
                )
                % {"total": total, "limit": TOTAL_LIMIT}
            )
        data["new_organizations"] = {
            role: names for role in ORGANIZATION_ROLES if (names := self._clean_names(role))
        }
        return data

    def _started_at(self):
        """When the form was first shown, or None if the stamp is missing, forged or too old."""
        try:
            return float(
                signing.loads(
                    self.data.get("started", ""), salt=STARTED_SALT, max_age=STARTED_MAX_AGE
                )
            )
        except (signing.BadSignature, TypeError, ValueError):
            return None

    def renew_stale_started(self):
        """Give the form shown again a fresh stamp when its own cannot pass any more, or every
        resend of that page would be refused the same way. (A stamp that is only too recent
        stays: waiting is what it asks for.)"""
        if self._started_at() is None:
            self.data = self.data.copy()
            self.data["started"] = started_stamp()

    def check_started(self, now=None):
        """A problem with the time trap, or None. Kept apart from clean(): a preview skips it."""
        started = self._started_at()
        if started is None:
            self.renew_stale_started()
            return _(
                "This form was open for more than a day, or was changed. Check your entries "
                "and send it again."
            )
        now = now if now is not None else time.time()
        if now - started < settings.SUBMISSION_MIN_SECONDS:
            return _(
                "That was faster than a person can fill in this form. Check your entries and "
                "send it again."
            )
        return None

    def submission_values(self):
        """The cleaned data as the Submission model's fields."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "headline": data["headline"],
            "challenge": data["challenge"],
            "solution": data["solution"],
            "countries": data["countries"],
            "sdg_targets": data["sdg_targets"],
            "organizations": {role: data[role] for role in ORGANIZATION_ROLES if data[role]},
            "new_organizations": data["new_organizations"],
            "project_status": data["project_status"],
            "start_year": data["start_year"],
            "end_year": data["end_year"],
            "links": data["links"],
            "contacts": self.contacts.contacts(),
            "submitter_name": data["submitter_name"],
            "submitter_organization": data["submitter_organization"],
            "submitter_email": data["submitter_email"],
            "consent_contact": data["consent_contact"],
            "consent_publish_contact": data["consent_publish_contact"],
        }
