"""The rules a case must follow, as plain functions that return problems (no HTML, no queries
of their own).

`Case.clean()`, the admin form, the workflow and restoring an old version all ask these
functions, so every path refuses the same things with the same words. A problem is a field name
and a message in the active language; a problem about another case (a duplicate address or
title) also carries that case, so that the admin can link to it.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The first South-South cooperation frameworks date from the 1950s; anything earlier is a typo.
EARLIEST_YEAR = 1950
LATEST_YEAR = 2100
GOAL_NUMBERS = range(1, 18)  # the 17 Sustainable Development Goals
# A case not checked for this long (or never) is flagged for review.
REVIEW_INTERVAL_YEARS = 2


def lazy_percent(message, **values):
    """A lazy translation with its %(name)s placeholders filled in when it is shown."""
    return lazy(lambda: str(message) % values, str)()


YEAR_RANGE_MESSAGE = lazy_percent(
    _("Enter a year between %(earliest)s and %(latest)s."),
    earliest=EARLIEST_YEAR,
    latest=LATEST_YEAR,
)
END_BEFORE_START_MESSAGE = _("The end year must not be before the start year.")
NO_TITLE_MESSAGE = _("Give the case a title, in Chinese or in English.")
NO_CHINESE_TITLE_MESSAGE = _("A case needs a Chinese title before review.")
NO_TARGET_MESSAGE = _("A case needs at least one SDG target before review.")


@dataclass(frozen=True)
class Problem:
    """Why a case may not be saved (or may not move on) as it is.

    `message` may hold "%(link)s": where the problem names another case (`other_case`), the
    admin puts a link to it there; `str()` puts the case's name.
    """

    field: str
    message: str
    other_case: object = None

    def __str__(self):
        if self.other_case is None:
            return str(self.message)
        return str(self.message) % {"link": str(self.other_case) or self.other_case.slug}


class RuleViolation(Exception):
    """Raised by writes when a case breaks a rule; `problems` says which, for the admin."""

    def __init__(self, problems):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = list(problems)

    @property
    def messages(self):
        return [str(problem) for problem in self.problems]


def year_range_problems(start_year, end_year):
    """Years outside EARLIEST_YEAR..LATEST_YEAR (the model's field validators say the same)."""
    return [
        Problem(field, YEAR_RANGE_MESSAGE)
        for field, year in (("start_year", start_year), ("end_year", end_year))
        if year is not None and not EARLIEST_YEAR <= year <= LATEST_YEAR
    ]


def year_order_problems(start_year, end_year):
    """An end year before the start year (years out of range are reported on their own)."""
    if year_range_problems(start_year, end_year) or start_year is None or end_year is None:
        return []
    if end_year < start_year:
        return [Problem("end_year", END_BEFORE_START_MESSAGE)]
    return []


def title_problems(titles, *, past_draft):
    """`titles` maps each title column ("title_zh_hans", "title_en") to the title typed in it.

    A case needs a title in some language; once past draft (in review or published) it needs
    the Chinese one, the source language of the publications.
    """
    titles = {suffix: (title or "").strip() for suffix, title in titles.items()}
    if not any(titles.values()):
        return [Problem("title_zh_hans", NO_TITLE_MESSAGE)]
    if past_draft and not titles.get("title_zh_hans"):
        return [Problem("title_zh_hans", NO_CHINESE_TITLE_MESSAGE)]
    return []


def target_problems(target_count, *, past_draft):
    """Once past draft, a case needs at least one SDG target."""
    if past_draft and not target_count:
        return [Problem("sdg_targets", NO_TARGET_MESSAGE)]
    return []


def duplicate_problems(other_cases, slug, titles):
    """The address or a title already used by one of `other_cases` (a queryset of the others).

    Titles are compared without regard to case, across languages: a Chinese title typed in
    the English tab is still a duplicate.
    """
    problems = []
    if slug:
        existing = other_cases.filter(slug=slug).first()
        if existing:
            message = gettext("Another case already uses the address “%(slug)s”: %(link)s.")
            problems.append(Problem("slug", message % _keep_link(slug=slug), existing))
    for column, title in titles.items():
        title = (title or "").strip()
        if not title:
            continue
        existing = other_cases.with_title(title).first()
        if existing:
            message = gettext("Another case already has the title “%(title)s”: %(link)s.")
            problems.append(Problem(column, message % _keep_link(title=title), existing))
    return problems


def _keep_link(**values):
    """Fill in `values` now and keep "%(link)s" for later (a typed "%" stays a "%")."""
    return {"link": "%(link)s", **{key: value.replace("%", "%%") for key, value in values.items()}}


def review_problems(case, target_count):
    """Why `case`, as stored, may not go to review or be published (empty: it may)."""
    titles = {"title_zh_hans": case.title_zh_hans, "title_en": case.title_en}
    return [
        *title_problems(titles, past_draft=True),
        *target_problems(target_count, past_draft=True),
        *year_range_problems(case.start_year, case.end_year),
        *year_order_problems(case.start_year, case.end_year),
    ]


def case_problems(values, *, past_draft, target_count, other_cases):
    """Every rule at once, for values that no form checked (a restored old version).

    `values` has the case's slug, start_year, end_year and title_<suffix> attributes.
    """
    titles = {column: getattr(values, column) for column in ("title_zh_hans", "title_en")}
    return [
        *year_range_problems(values.start_year, values.end_year),
        *year_order_problems(values.start_year, values.end_year),
        *title_problems(titles, past_draft=past_draft),
        *target_problems(target_count, past_draft=past_draft),
        *duplicate_problems(other_cases, values.slug, titles),
    ]


def review_due_date(today=None):
    """Cases last reviewed before this date (or never) are due for review."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - REVIEW_INTERVAL_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - REVIEW_INTERVAL_YEARS, day=28)


def is_review_overdue(reviewed_at: datetime.date | None, today=None):
    return reviewed_at is None or reviewed_at < review_due_date(today)
