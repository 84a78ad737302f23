"""Atom feed of newly published cases; takes the list's filters (e.g. ?goal=8)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ..filters import FILTER_PARAMETERS
from ..reads.catalogue import newest_cases, select
from ..site import SITE_NAME

FEED_LENGTH = 20


def filter_query(filterset):
    """The applied filters as a normalised query string: parameters in order, values sorted."""
    cleaned = filterset.cleaned
    pairs = []
    if not filterset.search_query.is_empty:
        pairs.append(("q", filterset.search_query.text))
    for name in FILTER_PARAMETERS:
        if name != "q":
            pairs += [(name, str(value)) for value in sorted(map(str, cleaned.get(name) or []))]
    return urlencode(pairs)


class LatestCasesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        return select(request.GET)

    def title(self, selection):
        return _("%(site_name)s: newly published cases") % {"site_name": SITE_NAME}

    def subtitle(self, selection):
        return _("Good-practice cases of South-South and triangular cooperation.")

    def link(self, selection):
        """The list with the same filters; Atom also uses it as the feed's id, so each
        filtered feed has its own."""
        query = filter_query(selection.filterset)
        return reverse("cases:case_list") + (f"?{query}" if query else "")

    # RFC 4287 wants an author on the feed or on every entry: the catalogue's editors.
    def author_name(self, selection):
        return str(SITE_NAME)

    def item_author_name(self, case):
        return str(SITE_NAME)

    def items(self, selection):
        return newest_cases(selection, FEED_LENGTH)

    def item_title(self, case):
        return case.display_title

    def item_description(self, case):
        return case.headline

    def item_pubdate(self, case):
        return case.published_at

    def item_updateddate(self, case):
        return case.updated_at

    def item_categories(self, case):
        return [f"SDG {target.code}" for target in case.sdg_targets.all()]
