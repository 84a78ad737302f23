"""The contact people on the "Share your practice" form: one row each, up to CONTACT_LIMIT.

A practice often has several contacts (the seed's cases name two or three). The rows are a
Django formset, so the form works without JavaScript: "Add another contact" is a submit button
that re-shows the form with everything typed and one more empty row. An empty row is ignored;
a row with an email or a title must also have a name.
"""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

CONTACT_LIMIT = 10
PREFIX = "contacts"
FIELDS = ("name", "job_title", "email")


def describe_errors(form):
    """After validation: each field with a message names it (and its help text) in
    aria-describedby, so screen readers read the message with the field."""
    for name in form.errors:
        if name in form.fields:
            auto_id = form[name].auto_id
            ids = [f"{auto_id}_errors"]
            if form.fields[name].help_text:
                ids.append(f"{auto_id}_helptext")
            form.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    job_title = forms.CharField(
        label=_("Their title and organization"), max_length=200, required=False
    )
    email = forms.EmailField(label=_("Their email"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("name") and (data.get("job_title") or data.get("email")):
            self.add_error("name", _("Give the contact person's name, or empty this row."))
        return data

    def full_clean(self):
        super().full_clean()
        describe_errors(self)

    def contact(self):
        """The row as stored ({name, job_title, email}), or None for an empty row."""
        data = self.cleaned_data
        if not data.get("name"):
            return None
        return {field: data.get(field, "") for field in FIELDS}


class BaseContactFormSet(forms.BaseFormSet):
    # Django's own words name "forms" and the management form: a reader sees contacts.
    default_error_messages = {
        "too_many_forms": _("Give at most %(num)d contacts."),
        "missing_management_form": _(
            "The contact rows arrived damaged. Check the contacts and send the form again."
        ),
    }

    def __init__(self, data=None, **kwargs):
        if data is not None and f"{PREFIX}-TOTAL_FORMS" not in data:
            # Sent without the rows (not from our page): no contacts, rather than a message
            # about rows the sender never saw.
            data = data.copy()
            data.update({f"{PREFIX}-TOTAL_FORMS": "0", f"{PREFIX}-INITIAL_FORMS": "0"})
        super().__init__(data, prefix=PREFIX, **kwargs)

    def clean(self):
        # Django reads a negative row count as no rows: the rows typed would be dropped.
        if self.management_form.cleaned_data["TOTAL_FORMS"] < 0:
            raise forms.ValidationError(self.error_messages["missing_management_form"])

    def contacts(self):
        """The non-empty rows, in the order typed (call after is_valid())."""
        return [contact for form in self.forms if (contact := form.contact()) is not None]

    def typed_rows(self):
        """Every row as typed, unvalidated: what "Add another contact" shows again."""
        return [{field: form[field].value() or "" for field in FIELDS} for form in self.forms]

    def row_errors(self):
        """(row number from 1, bound field, message) for every error, for the list at the top."""
        return [
            (number, form[name], error)
            for number, form in enumerate(self.forms, start=1)
            for name, errors in form.errors.items()
            for error in errors
        ]

    @property
    def can_add(self):
        return self.total_form_count() < CONTACT_LIMIT


ContactFormSet = formset_factory(
    ContactForm,
    formset=BaseContactFormSet,
    extra=1,
    max_num=CONTACT_LIMIT,
    absolute_max=CONTACT_LIMIT,
    validate_max=True,
)
