"""Form fields for the public filter parameters: each keeps the valid values and remembers the
others, with the reason, so that a bad value is reported and never fails a request."""

import re

import django_filters.fields
from django import forms
from django.utils.translation import gettext_lazy as _

MAX_VALUES_PER_PARAMETER = 30
MAX_VALUE_LENGTH = 40


class RemembersIgnored:
    """A form field that records the values it dropped, as (value, reason), in `ignored`."""

    def __init__(self, *, reason, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.reason = reason
        self.ignored = []

    def __deepcopy__(self, memo):
        # Each form gets its own copy of the field: it must not share the list of another.
        result = super().__deepcopy__(memo)
        result.ignored = []
        return result


class CodeListField(RemembersIgnored, forms.Field):
    """A repeatable parameter of codes."""

    widget = forms.SelectMultiple

    def __init__(self, *, normalize, find_valid, **kwargs):
        super().__init__(**kwargs)
        self.normalize = normalize
        self.find_valid = find_valid

    def clean(self, value):
        raw_values = value if isinstance(value, list | tuple) else [value] if value else []
        candidates = []
        for raw in raw_values[:MAX_VALUES_PER_PARAMETER]:
            raw = (raw or "").strip()
            if not raw:
                continue
            normalized = self.normalize(raw)
            if normalized is None:
                self.ignored.append((raw, self.reason))
            elif normalized not in candidates:
                candidates.append(normalized)
        valid = self.find_valid(candidates) if candidates else set()
        for candidate in candidates:
            if candidate not in valid:
                self.ignored.append((candidate, self.reason))
        if len(raw_values) > MAX_VALUES_PER_PARAMETER:
            self.ignored.append(
                (str(len(raw_values) - MAX_VALUES_PER_PARAMETER), _("too many values"))
            )
        return [candidate for candidate in candidates if candidate in valid]


class SortChoiceField(RemembersIgnored, django_filters.fields.ChoiceField):
    """One sort order; an unknown one is remembered and ignored (called once per CSV item)."""

    def clean(self, value):
        value = (value or "").strip()
        if value and not self.valid_value(value):
            self.ignored.append((value, self.reason))
            return ""
        return value


class SearchTextField(forms.CharField):
    """The search box: any text is accepted; search.parse_query decides what it means."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.validators = []  # NUL bytes are dropped by parse_query, not refused

    def to_python(self, value):
        return "" if value in self.empty_values else str(value)


def pattern(regex, transform=str):
    """A normalizer: the transformed raw value if it matches `regex`, else None."""
    compiled = re.compile(regex)

    def normalize(raw):
        value = transform(raw)
        return value if compiled.fullmatch(value) else None

    return normalize


def existing(model, field):
    def find_valid(values):
        return set(model.objects.filter(**{f"{field}__in": values}).values_list(field, flat=True))

    return find_valid


def among(allowed, convert=str):
    def find_valid(values):
        return {value for value in values if convert(value) in allowed}

    return find_valid
