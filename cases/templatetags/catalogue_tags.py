"""Query-string helpers for filter links: every link keeps the other filters as they are.

Links carry only the public parameters, without empty values (`filters.normalized_query`):
a page then depends on nothing else of its query string, which the page cache relies on."""

from urllib.parse import urlsplit

from django import template
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode

from ..filters import normalized_query

register = template.Library()

FILTER_RESET_KEYS = ("page",)


def _query(request):
    query = QueryDict(mutable=True)
    for name, value in _normalized(request):
        query.appendlist(name, value)
    return query


def _normalized(request):
    """normalized_query(request.GET), worked out once per request: a list page has a dozen
    links that keep the filters (chips, pages, downloads, "show all")."""
    kept = getattr(request, "_normalized_query", None)
    if kept is None or kept[0] is not request.GET:
        kept = (request.GET, normalized_query(request.GET))
        request._normalized_query = kept
    return kept[1]


def _url(request, query):
    for key in [key for key, values in query.lists() if not any(values)]:
        del query[key]
    encoded = urlencode(sorted(query.lists()), doseq=True)
    return f"{request.path}?{encoded}" if encoded else request.path


@register.simple_tag(takes_context=True)
def query_toggle(context, parameter, value):
    """The current URL with `value` added to or removed from `parameter`, back on page 1."""
    request = context["request"]
    query = _query(request)
    value = str(value)
    values = query.getlist(parameter)
    if value in values:
        values = [v for v in values if v != value]
    else:
        values.append(value)
    query.setlist(parameter, values)
    for key in FILTER_RESET_KEYS:
        query.pop(key, None)
    return _url(request, query)


@register.simple_tag(takes_context=True)
def query_set(context, parameter, value):
    """The current URL with `parameter` set to `value` (empty removes it)."""
    request = context["request"]
    query = _query(request)
    query.setlist(parameter, [str(value)] if value not in (None, "") else [])
    if parameter != "page":
        query.pop("page", None)
    return _url(request, query)


@register.simple_tag(takes_context=True)
def csv_url(context):
    """The CSV download of the current list: same filters and sort, every page."""
    request = context["request"]
    query = _query(request)
    query.pop("page", None)
    encoded = urlencode(sorted(query.lists()), doseq=True)
    path = reverse("cases:case_list_csv")
    return f"{path}?{encoded}" if encoded else path


@register.simple_tag(takes_context=True)
def insights_url(context, url_name="cases:insights", name=None):
    """The insights page, or the download of its chart `name`, for the list as it is
    filtered now."""
    request = context["request"]
    query = _query(request)
    query.pop("page", None)
    encoded = urlencode(sorted(query.lists()), doseq=True)
    path = reverse(url_name, kwargs={"name": name} if name else None)
    return f"{path}?{encoded}" if encoded else path


@register.simple_tag(takes_context=True)
def feed_url(context):
    """The Atom feed of the current list: same filters, no sort or page (a feed is newest first)."""
    query = _query(context["request"])
    query.pop("page", None)
    query.pop("sort", None)
    encoded = urlencode(sorted(query.lists()), doseq=True)
    path = reverse("cases:feed")
    return f"{path}?{encoded}" if encoded else path


@register.simple_tag(takes_context=True)
def facet_options_url(context, parameter):
    """The page with every option of `parameter`, for the list as it is filtered now."""
    request = context["request"]
    query = _query(request)
    query.pop("page", None)
    encoded = urlencode(sorted(query.lists()), doseq=True)
    path = reverse("cases:facet_options", kwargs={"parameter": parameter})
    return f"{path}?{encoded}" if encoded else path


@register.filter
def untranslated(case, language):
    """True when the case's title is shown in the other language on a `language` page."""
    return "title" in case.missing_translation_fields(language)


LINK_SCHEMES = ("http", "https", "mailto")


@register.filter
def safe_link(url):
    """`url` when a browser may follow it as a link (http, https, mailto), else "".

    Forms refuse other schemes, but an import, `loaddata` or the ORM can store anything:
    `javascript:` or `data:` is drawn as plain text, never as a link. urlsplit drops the tabs
    and newlines browsers ignore inside a scheme (`java\tscript:`).
    """
    try:
        parts = urlsplit(str(url or "").strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in LINK_SCHEMES:
        return ""
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return ""
    return str(url).strip()
