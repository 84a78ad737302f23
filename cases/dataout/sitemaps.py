"""sitemap.xml: every public page in both languages, with hreflang alternates."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from ..models import Case


class CatalogueSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def _urls(self, page, protocol, domain):
        """As Django's, but the x-default alternate is the default language's page, as in the
        pages' own <link rel="alternate" hreflang="x-default">; Django strips the language
        prefix, giving an address that only redirects."""
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            default = next(
                (
                    a["location"]
                    for a in url["alternates"]
                    if a["lang_code"] == settings.LANGUAGE_CODE
                ),
                None,
            )
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default" and default:
                    alternate["location"] = default
        return urls


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
