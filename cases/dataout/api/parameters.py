"""The API's query parameters, checked strictly: a value the list page would drop with a notice
is refused here with 400 (InvalidParameters names the parameter, the value and why).

The filters are the site's own (`cases.filters.CaseFilter` through `reads.catalogue.select`),
so a valid query selects the same cases in the same order as the page.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ...filter_fields import MAX_VALUE_LENGTH
from ...filters import FILTER_PARAMETERS
from ...parsing import parse_positive_int
from ...reads.facets import TITLES as FACETS
from .errors import InvalidParameters

LANGUAGES = [code for code, _name in settings.LANGUAGES]
MAX_PAGE_SIZE = 100
# Parameters that take one value; the filters (and `facets`) may be repeated.
SINGLE = ("q", "sort", "page", "page_size", "lang")
CASE_LIST_PARAMETERS = (*FILTER_PARAMETERS, "sort", "page", "page_size", "facets", "lang")
LANGUAGE_ONLY = ("lang",)


def shown(value):
    value = "".join(ch if ch.isprintable() else "�" for ch in value)
    return value if len(value) <= MAX_VALUE_LENGTH else value[: MAX_VALUE_LENGTH - 1] + "…"


def check_known(params, allowed):
    """Refuse parameters the endpoint does not take, and repeated single-value ones."""
    errors = []
    for name in params:
        if name not in allowed:
            errors.append((shown(name), "", _("unknown parameter")))
        elif name in SINGLE and len(params.getlist(name)) > 1:
            errors.append((name, shown(params.getlist(name)[1]), _("give this parameter once")))
    if errors:
        raise InvalidParameters(errors)


def language(params, negotiated):
    """`lang` if given (zh-hans or en), else the language negotiated from Accept-Language."""
    value = params.get("lang")
    if value is None:
        return negotiated if negotiated in LANGUAGES else LANGUAGES[0]
    if value.strip().lower() in LANGUAGES:
        return value.strip().lower()
    raise InvalidParameters([("lang", shown(value), _("the language must be zh-hans or en"))])


def filter_errors(filterset):
    """(parameter, value, reason) of every value the FilterSet dropped (search words are not
    refused: `q` is free text, and the search says itself what it ignores)."""
    filterset.form.is_valid()
    return [
        (name, shown(value), reason)
        for name, field in filterset.form.fields.items()
        for value, reason in getattr(field, "ignored", [])
    ]


def page_numbers(params):
    """(page, page size) from `page` and `page_size`, or the errors."""
    errors = []
    page, size = 1, settings.CASES_PER_PAGE
    raw = params.get("page")
    if raw is not None:
        page = parse_positive_int(raw)
        if page is None:
            errors.append(("page", shown(raw), _("page numbers are whole numbers from 1")))
    raw = params.get("page_size")
    if raw is not None:
        size = parse_positive_int(raw, max_digits=3)
        if size is None or size > MAX_PAGE_SIZE:
            errors.append(
                (
                    "page_size",
                    shown(raw),
                    _("the page size must be a whole number from 1 to %(most)s")
                    % {"most": MAX_PAGE_SIZE},
                )
            )
    return page, size, errors


def facet_names(params):
    """The facets asked for with `facets=goal,country` (or repeated), or the errors."""
    names, errors = [], []
    for raw in params.getlist("facets"):
        for name in raw.split(","):
            name = name.strip()
            if not name:
                continue
            if name not in FACETS:
                errors.append(
                    (
                        "facets",
                        shown(name),
                        _("unknown facet; the facets are %(facets)s")
                        % {"facets": ", ".join(FACETS)},
                    )
                )
            elif name not in names:
                names.append(name)
    return names, errors
