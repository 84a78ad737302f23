"""How a case's title, short name and period read, as plain functions of their values: the
model's properties use them, and so do readers of plain rows (cards, exports), so that there is
one rule for each."""

from django.utils.translation import gettext


def shown_short_name(short_name, title):
    """The short name to show with the title, or "" where the title already says it.

    "TRANSFORM" beside "TRANSFORM – Leadership and ..." would say it twice; so would a short
    name equal to the title.
    """
    short_name, title = (short_name or "").strip(), (title or "").strip()
    if not short_name or not title or title.casefold().startswith(short_name.casefold()):
        return ""
    return short_name


def period(start_year, end_year):
    """The project period as readers see it: "2015–2020", "2013 to present"."""
    if start_year and end_year:
        if start_year == end_year:
            return str(start_year)
        return gettext("%(start)s–%(end)s") % {"start": start_year, "end": end_year}
    if start_year:
        return gettext("%(start)s to present") % {"start": start_year}
    return gettext("Period not given")


def in_language(values, field, languages):
    """`field`'s text in the first of `languages` that has some (modeltranslation's fallback
    order, as model attributes read it), from a mapping of its columns, e.g. title_en."""
    from .fields import localized

    columns = (localized(field, code) for code in languages)
    return next((values[column] for column in columns if values.get(column)), "")
