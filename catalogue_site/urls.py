from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cases.dataout import open_data
from cases.dataout.sitemaps import SITEMAPS
from cases.rules import lazy_percent
from cases.site import SITE_NAME
from cases.views import favicon

admin.site.site_header = lazy_percent(_("%(site_name)s: editors"), site_name=SITE_NAME)
admin.site.site_title = SITE_NAME
admin.site.index_title = _("Editing the catalogue")

# The database-down page (503 with Retry-After), the server error page and the access-denied
# page, in both languages.
handler403 = "catalogue_site.errors.permission_denied"
handler500 = "catalogue_site.errors.server_error"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("api/v1/", include("cases.dataout.api.urls")),
    path(f"data/{open_data.ZIP_NAME}", open_data.package_download, name="data_package"),
    path(f"data/{open_data.JSON_NAME}", open_data.json_download, name="data_json"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    # Browsers and crawlers ask for /favicon.ico whatever the page links to.
    path("favicon.ico", favicon, name="favicon"),
]
urlpatterns += i18n_patterns(
    path("", include("cases.urls")),
)
