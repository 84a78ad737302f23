"""sitemap.xml: every public page in both languages, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from ..models import Case


class CatalogueSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPageSitemap(CatalogueSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "cases:home",
            "cases:case_list",
            "cases:sdg_browse",
            "cases:country_browse",
            "cases:organization_browse",
            "cases:insights",
        ]

    def location(self, item):
        return reverse(item)


class CaseSitemap(CatalogueSitemap):
    changefreq = "monthly"

    def items(self):
        return Case.objects.published().order_by("slug").only("slug", "updated_at")

    def lastmod(self, case):
        return case.updated_at


SITEMAPS = {"pages": StaticPageSitemap, "cases": CaseSitemap}
