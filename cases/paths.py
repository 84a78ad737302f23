"""Paths of the site's pages, reversed once rather than on every use.

`reverse` costs a page more than it seems: each call reads several thread-locals (language,
script prefix, URL configuration) and walks the resolver's candidates, about as much as ten
template variables, and base.html alone asked it a dozen times per page (bench/results.md).
A path without arguments depends only on the URL configuration, the language (its /en/
prefix) and the script prefix, so it is kept per those. A case's path is that of its page
with the slug added: the URL's slug converter takes only [-a-zA-Z0-9_], which a path carries
as it is, so nothing needs quoting.
"""

import functools
import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def path(name):
    """`reverse(name)` for a page without arguments, e.g. "cases:case_list"."""
    return _kept(name, get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


def case_path(slug):
    """`reverse("cases:case_detail", kwargs={"slug": slug})`."""
    if not SLUG.fullmatch(slug):
        return reverse("cases:case_detail", kwargs={"slug": slug})  # refuses it as before
    return f"{path(CASE_PREFIX)}{slug}/"


CASE_PREFIX = "case pages"  # the case pages' common prefix, kept as a path of its own


@functools.lru_cache(maxsize=256)
def _kept(name, language, script_prefix, urlconf):
    # The language, script prefix and URL configuration active now are those of the key.
    if name == CASE_PREFIX:
        return reverse("cases:case_detail", kwargs={"slug": "x"}, urlconf=urlconf)[: -len("x/")]
    return reverse(name, urlconf=urlconf)
