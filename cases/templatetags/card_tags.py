"""The case cards (reads/cards.py `Card`), drawn in Python: twenty cards through the template
engine were a third of a list page's time (see bench/results.md). The markup a template would
write; every text is escaped unless it is already safe HTML (the search snippet, which
search/snippets.py escapes piece by piece around its <mark>s)."""

from html import escape

from django import template
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()


def _text(value):
    return value if isinstance(value, SafeData) else escape(str(value))


@register.simple_tag
def case_cards(cards):
    """<article> cards for `cards`; what every card repeats is translated once."""
    language = get_language()
    words = {
        "goals": escape(gettext("SDG goals")),
        "goal": escape(gettext("Goal")),
        "countries": escape(gettext("Countries:")),
        "period": escape(gettext("Period:")),
        "not_yet": escape(
            gettext("(not yet in English)") if language == "en" else gettext("(not yet in Chinese)")
        ),
        # Chinese joins "and 4 more" with a full-width comma; English with a space.
        "more_joiner": "，" if language == "zh-hans" else " ",
    }
    return mark_safe("".join(_card(card, words) for card in cards))  # noqa: S308 - escaped


def _card(card, words):
    url = escape(card.url)
    short = card.short_name and f'<span class="case-card__short">{_text(card.short_name)}</span> '
    missing = f' <span class="lang-note">{words["not_yet"]}</span>' if card.title_missing else ""
    headline = f'<p class="case-card__headline">{_text(card.headline)}</p>' if card.headline else ""
    snippet = f'<p class="case-card__snippet">{_text(card.snippet)}</p>' if card.snippet else ""
    badges = "".join(
        f'<li class="goal-badge sdg-{int(number)}"><span class="visually-hidden">{words["goal"]} '
        f'</span>{int(number)}<span class="visually-hidden">: {_text(name)}</span></li>'
        for number, name in card.goals
    )
    countries = ""
    if card.countries:
        more = (
            f'{words["more_joiner"]}<a href="{url}#facts-heading">{_text(card.more_countries)}</a>'
            if card.more_countries
            else ""
        )
        countries = (
            f'<span class="case-card__countries"><span class="visually-hidden">'
            f"{words['countries']} </span>{_text(card.countries)}{more}</span>"
        )
    return (
        f'\n<article class="case-card">\n'
        f'  <h3 class="case-card__title"><a href="{url}">{short}{_text(card.title)}</a>{missing}'
        f"</h3>\n"
        f"  {headline}\n"
        f"  {snippet}\n"
        f'  <ul class="goal-badges" aria-label="{words["goals"]}">{badges}</ul>\n'
        f'  <p class="case-card__meta">\n'
        f"    {countries}\n"
        f'    <span class="case-card__period"><span class="visually-hidden">{words["period"]} '
        f"</span>{_text(card.period)}</span>\n"
        f"  </p>\n"
        f"</article>"
    )
