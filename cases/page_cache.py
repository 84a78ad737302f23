"""The page cache: anonymous readers' public pages, kept per catalogue version.

A page's key is the catalogue version, the scheme and host, the path (which holds the
language), the normalised query string (`filters.normalized_query`: unknown and empty
parameters dropped, values sorted) and the day (case pages say when they were accessed).
Every publish, edit, unpublish or deletion moves the version on, so no page of an older state
is ever served again; nothing is deleted per process. Entries live in the cache that
`CACHE_URL` chooses (local memory for `make run`, Redis when several processes serve).

HTTP: every cached page carries an ETag and Last-Modified made from the key and the version,
so a browser's revalidation gets a 304 without the page being rendered, and
`Cache-Control: public, no-cache` (store, but ask again each time: an edit shows at once). The
body is kept gzip-compressed too and sent so to readers who accept it.

It is the innermost middleware: everything outside it (security headers, the CSP, the
language cookie) runs on cache hits as on misses. Requests with a session cookie (editors
signed in to the admin) are never cached, and no cached page sets a cookie.
"""

import gzip
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from . import catalogue_version
from .filters import normalized_query

LANGUAGE_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
OTHER_CACHED_PATHS = ("/sitemap.xml",)
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "X-Robots-Tag")
CACHE_CONTROL = "public, no-cache"


@dataclass
class CachedPage:
    body: bytes
    gzipped: bytes
    headers: dict

    @classmethod
    def of(cls, response):
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        return cls(response.content, gzip.compress(response.content, mtime=0), headers)

    def response(self, request):
        compressed = "gzip" in request.headers.get("Accept-Encoding", "")
        response = HttpResponse(self.gzipped if compressed else self.body)
        for name, value in self.headers.items():
            response[name] = value
        if compressed:
            response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ("Accept-Encoding",))
        return response


def cacheable_request(request):
    if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return request.path.startswith(LANGUAGE_PREFIXES) or request.path in OTHER_CACHED_PATHS


def page_key(request, version):
    query = "&".join(f"{name}={value}" for name, value in normalized_query(request.GET))
    parts = [
        str(version),
        request.scheme,
        request.get_host(),
        request.path,
        query,
        timezone.localdate().isoformat(),
    ]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def not_modified(request, etag, last_modified):
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        return etag in parse_etags(if_none_match) or if_none_match.strip() == "*"
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and since >= last_modified


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        version = catalogue_version.current()
        with catalogue_version.read_once(version):
            return self._respond(request, version)

    def _respond(self, request, version):
        key = page_key(request, version)
        etag = f'W/"{key.removeprefix("page:")[:32]}"'
        last_modified = int(version // 1_000_000) if version else 0
        if not_modified(request, etag, last_modified):
            response = HttpResponseNotModified()
        else:
            page = cache.get(key)
            if page is None:
                response = self.get_response(request)
                if not _storable(response):
                    return response
                page = CachedPage.of(response)
                cache.set(key, page, settings.PAGE_CACHE_SECONDS)
            response = page.response(request)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = CACHE_CONTROL
        return response


def _storable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )
