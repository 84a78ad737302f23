"""Atom feed of newly published cases; takes the list's filters (e.g. ?goal=8)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import selectors

FEED_LENGTH = 20


class LatestCasesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        return selectors.case_filter(request.GET)

    def title(self, filterset):
        return _("South-South Good-Practice Cases: newly published")

    def subtitle(self, filterset):
        return _("Good-practice cases of South-South and triangular cooperation.")

    def link(self, filterset):
        return reverse("cases:case_list")

    def items(self, filterset):
        return selectors.newest_cases(filterset, FEED_LENGTH)

    def item_title(self, case):
        return str(case) if case.short_name == case.title else f"{case.short_name}: {case.title}"

    def item_description(self, case):
        return case.headline

    def item_pubdate(self, case):
        return case.published_at

    def item_updateddate(self, case):
        return case.updated_at

    def item_categories(self, case):
        return [f"SDG {target.code}" for target in case.sdg_targets.all()]
