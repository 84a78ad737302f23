"""The site's URLs plus one view that fails, to see the server error page."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from catalogue_site.urls import urlpatterns as site_urlpatterns


def fail(request):
    raise RuntimeError("a bug in a view")


handler500 = "catalogue_site.errors.server_error"
urlpatterns = [*site_urlpatterns, *i18n_patterns(path("fail/", fail))]
