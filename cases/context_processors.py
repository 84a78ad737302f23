from django.conf import settings
from django.templatetags.static import static
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info, override

from .filters import normalized_query

# BCP 47 spelling for hreflang and lang attributes.
HTML_LANGUAGE = {"zh-hans": "zh-Hans", "en": "en"}
# Open Graph spells locales language_TERRITORY.
OPEN_GRAPH_LOCALE = {"zh-hans": "zh_CN", "en": "en_US"}


def page_in_language(request, language):
    """This page's path and query string in `language`: always an address on this site.

    The path is rebuilt from the URL pattern it matched, never copied from the request: a
    request for `//evil.example/en/` matches nothing and gets the home page of each language,
    not a link to another host. The query string keeps its public parameters only
    (filters.normalized_query: it follows "?", so it cannot change the host, and the page
    cache keys on those, so a page must not carry anything else of its query string).
    """
    match = request.resolver_match
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
    with override(language):
        try:
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except (AttributeError, NoReverseMatch):
            path = reverse("cases:home")
    query = urlencode(normalized_query(request.GET))
    return f"{path}?{query}" if query else path


def languages(request):
    """The current page in every language, for the switch and the hreflang alternates."""
    current = get_language()
    alternates = []
    for code, _name in settings.LANGUAGES:
        url = page_in_language(request, code)
        alternates.append(
            {
                "code": code,
                "html_code": HTML_LANGUAGE.get(code, code),
                "name": get_language_info(code)["name_local"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    this_page = (
        next(a for a in alternates if a["current"])
        if current in dict(settings.LANGUAGES)
        else alternates[0]
    )
    return {
        "language_alternates": alternates,
        # This page's address with its public parameters normalised (filters.normalized_query):
        # the canonical link and the address shared on social media.
        "canonical_url": this_page["absolute_url"],
        "share_image_url": request.build_absolute_uri(static("img/share.png")),
        "open_graph_locale": OPEN_GRAPH_LOCALE.get(current, current),
        "open_graph_alternate_locales": [
            OPEN_GRAPH_LOCALE.get(a["code"], a["code"]) for a in alternates if not a["current"]
        ],
        "html_language": HTML_LANGUAGE.get(current, current),
        "x_default_url": next(
            (a["absolute_url"] for a in alternates if a["code"] == settings.LANGUAGE_CODE), ""
        ),
    }
