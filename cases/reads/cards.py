"""What a case card shows (the list, the home page, related cases), worked out in Python once
per card rather than by template logic per card: cards are most of a page's rendering time."""

from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from .prefetch import with_card_data

SHOWN_COUNTRIES = 6


@dataclass
class Card:
    slug: str
    url: str
    short_name: str  # the short name to show with the title, or ""
    title: str
    headline: str
    title_missing: bool  # the title is shown in the other language
    goals: list  # (number, name) of the case's SDG goals, in order
    countries: str  # the first SHOWN_COUNTRIES countries' names, "and 4 more" if there are
    period: str
    snippet: str = ""


def card_queryset(queryset, *, with_texts=False):
    """Cases with what their cards show; `with_texts` also reads the long texts (snippets)."""
    if not with_texts:
        queryset = queryset.defer("challenge", "solution", "search_document", "search_english")
        queryset = queryset.defer(*_translations("challenge", "solution"))
    return with_card_data(queryset)


def _translations(*fields):
    from ..fields import LANGUAGE_CODES, localized

    return [localized(field, code) for field in fields for code in LANGUAGE_CODES]


def card(case, language):
    return Card(
        slug=case.slug,
        url=case.get_absolute_url(),
        short_name=case.shown_short_name,
        title=case.title,
        headline=case.headline,
        title_missing=case.title_missing(language),
        goals=[(goal.number, goal.name) for goal in case.goals],
        countries=countries_text([link.country.name for link in case.country_links]),
        period=case.period,
        snippet=getattr(case, "snippet", ""),
    )


def countries_text(names):
    """ "Kenya, Malawi" or "Italy, Canada, ... and 4 more" (SHOWN_COUNTRIES named)."""
    shown = gettext(", ").join(names[:SHOWN_COUNTRIES])
    extra = len(names) - SHOWN_COUNTRIES
    if extra <= 0:
        return shown
    return ngettext(
        "%(countries)s and %(extra)s more", "%(countries)s and %(extra)s more", extra
    ) % {"countries": shown, "extra": extra}


def cards(cases, language):
    return [card(case, language) for case in cases]
