"""How a case's title, short name, period and status read, as plain functions of their values: the
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


def status_statement(status, label, year):
    """The status as the case page states it: "Ongoing as of 2018" (a claim is only as fresh
    as the year it was made in); "Completed" needs no year; without a year, the label alone."""
    if year is None or status == "completed":
        return label
    if status == "planned":
        return gettext("Planned as of %(year)s") % {"year": year}
    return gettext("Ongoing as of %(year)s") % {"year": year}


def period_ended_note(status, end_year, today):
    """What follows the status when a case not marked completed has a period that ended before
    this year ("; the period ended in 2020"), else ""."""
    if status == "completed" or not end_year or end_year >= today.year:
        return ""
    # Translators: follows "Ongoing as of 2018" on the case page, punctuation included.
    return gettext("; the period ended in %(year)s") % {"year": end_year}


def in_language(values, field, languages):
    """`field`'s text in the first of `languages` that has some (modeltranslation's fallback
    order, as model attributes read it), from a mapping of its columns, e.g. title_en."""
    from .fields import localized

    columns = (localized(field, code) for code in languages)
    return next((values[column] for column in columns if values.get(column)), "")
