"""The site's URLs plus one public page that refuses its reader, to see the access-denied page."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.urls import path

from catalogue_site.urls import handler403, handler500  # noqa: F401 - the handlers in use
from catalogue_site.urls import urlpatterns as site_urlpatterns


def forbidden(request):
    raise PermissionDenied("a developer's English reason")


urlpatterns = [*site_urlpatterns, *i18n_patterns(path("forbidden/", forbidden))]
