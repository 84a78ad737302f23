from django.conf import settings
from django.urls import translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info

from .filters import normalized_query

# BCP 47 spelling for hreflang and lang attributes.
HTML_LANGUAGE = {"zh-hans": "zh-Hans", "en": "en"}


def languages(request):
    """The current page in every language, for the switch and the hreflang alternates.

    With the query string's public parameters only (filters.normalized_query): the page cache
    keys on those, so a page must not carry anything else of its query string."""
    current = get_language()
    query = urlencode(normalized_query(request.GET))
    path = request.path + (f"?{query}" if query else "")
    alternates = []
    for code, _name in settings.LANGUAGES:
        alternates.append(
            {
                "code": code,
                "html_code": HTML_LANGUAGE.get(code, code),
                "name": get_language_info(code)["name_local"],
                "url": translate_url(path, code),
                "absolute_url": request.build_absolute_uri(translate_url(path, code)),
                "current": code == current,
            }
        )
    return {
        "language_alternates": alternates,
        "html_language": HTML_LANGUAGE.get(current, current),
        "x_default_url": next(
            (a["absolute_url"] for a in alternates if a["code"] == settings.LANGUAGE_CODE), ""
        ),
    }
