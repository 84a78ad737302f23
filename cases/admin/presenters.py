"""Messages, labels and links that the admin builds from what `cases.writes` and `cases.reads`
return. The only place in `cases/` besides templates where admin HTML is made."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import workflow
from ..reads.conflicts import CASE_SAVED, REVISION_APPROVED, REVISION_SAVED, REVISION_WITHDRAWN


def case_change_url(case):
    return reverse("admin:cases_case_change", args=[case.pk])


def admin_link(case):
    return format_html('<a href="{}">{}</a>', case_change_url(case), str(case) or case.slug)


def problem_html(problem):
    """A rules.Problem (or plain text) as HTML; a problem about another case links to it."""
    other_case = getattr(problem, "other_case", None)
    if other_case is None:
        return escape(str(problem))
    return mark_safe(escape(str(problem.message)) % {"link": admin_link(other_case)})  # noqa: S308


def when(moment):
    """A date and time as the admin shows it, in the server's time zone."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


# -- the workflow's words -----------------------------------------------------------------------


@dataclass(frozen=True)
class ActionTexts:
    name: str  # "Publish": in the bulk confirmation and the result message
    list_description: str  # the list's action menu
    question: str  # the confirmation page's title
    confirm: str  # its button
    done: str  # for one case, with %(case)s
    refused: str  # for one case, with %(case)s and %(problem)s
    button: str = ""  # the change form's submit button's name, if it has one


ACTION_TEXTS = {
    workflow.SEND_TO_REVIEW.name: ActionTexts(
        gettext_lazy("Send to review"),
        gettext_lazy("Send selected cases to review"),
        gettext_lazy("Send these cases to review?"),
        gettext_lazy("Yes, send to review"),
        gettext_lazy("“%(case)s” was sent to review."),
        gettext_lazy("“%(case)s” was not sent to review: %(problem)s"),
        button="_send_to_review",
    ),
    workflow.PUBLISH.name: ActionTexts(
        gettext_lazy("Publish"),
        gettext_lazy("Publish selected cases"),
        gettext_lazy("Publish these cases?"),
        gettext_lazy("Yes, publish"),
        gettext_lazy("“%(case)s” was published."),
        gettext_lazy("“%(case)s” was not published: %(problem)s"),
        button="_publish",
    ),
    workflow.UNPUBLISH.name: ActionTexts(
        gettext_lazy("Unpublish"),
        gettext_lazy("Unpublish selected cases"),
        gettext_lazy("Unpublish these cases?"),
        gettext_lazy("Yes, unpublish"),
        gettext_lazy("“%(case)s” was unpublished: it is a draft again."),
        gettext_lazy("“%(case)s” was not unpublished: %(problem)s"),
        button="_unpublish",
    ),
    workflow.MARK_REVIEWED.name: ActionTexts(
        gettext_lazy("Mark as reviewed today"),
        gettext_lazy("Mark selected cases as reviewed today"),
        gettext_lazy("Mark these cases as reviewed today?"),
        gettext_lazy("Yes, mark as reviewed"),
        gettext_lazy("“%(case)s” was marked as reviewed today."),
        gettext_lazy("“%(case)s” was not marked as reviewed: %(problem)s"),
    ),
}

STALE_ACTION_PROBLEM = gettext_lazy("someone saved it in the meantime. Try again.")


# -- conflicts ----------------------------------------------------------------------------------


CONFLICT_HEADLINES = {
    CASE_SAVED: gettext_lazy(
        "Not saved: %(editors)s saved this case at %(time)s, after you opened it. "
        "Everything you typed is still in the form below."
    ),
    REVISION_SAVED: gettext_lazy(
        "Not saved: %(editors)s saved the changes awaiting review at %(time)s, after you "
        "opened this case. Everything you typed is still in the form below."
    ),
    REVISION_APPROVED: gettext_lazy(
        "Not saved: %(editors)s approved the changes awaiting review at %(time)s, after you "
        "opened this case: they are published. Everything you typed is still in the form below."
    ),
    REVISION_WITHDRAWN: gettext_lazy(
        "Not saved: %(editors)s discarded the changes awaiting review at %(time)s, after you "
        "opened this case. Everything you typed is still in the form below."
    ),
}


def conflict_messages(case, conflict, changed_by_both=()):
    """The messages shown when the version an editor opened is no longer the stored one."""
    if conflict.editors and conflict.saved_at:
        messages = [
            CONFLICT_HEADLINES[conflict.what]
            % {"editors": ", ".join(conflict.editors), "time": when(conflict.saved_at)}
        ]
    else:
        messages = [
            _(
                "Not saved: someone else saved this case after you opened it. "
                "Everything you typed is still in the form below."
            )
        ]
    if conflict.field_changes or conflict.inline_changes:
        messages.append(_("What they changed:"))
    for change in conflict.field_changes:
        text = change_text(change)
        if change.name in changed_by_both:
            text += " " + _("(you changed it too: the form keeps your text)")
        elif conflict.base is not None:
            text += " " + _("(the form now shows their version)")
        messages.append(text)
    messages += [inline_change_text(change) for change in conflict.inline_changes]
    link = format_html(
        '<a href="{}" target="_blank" rel="noopener">{}</a>',
        case_change_url(case),
        _("the current version"),
    )
    compare = _(
        "Compare with %(link)s (opens in a new tab), then save again: what is in the form "
        "replaces the stored case."
    )
    messages.append(mark_safe(escape(compare) % {"link": link}))  # noqa: S308
    return messages


def change_text(change):
    return _("%(field)s: “%(old)s” → “%(new)s”") % {
        "field": change.field,
        "old": change.old,
        "new": change.new,
    }


def inline_change_text(change):
    text = _("%(kind)s “%(item)s”: %(action)s") % {
        "kind": change.kind,
        "item": change.item,
        "action": change.action,
    }
    details = [change_text(detail) for detail in change.changes]
    if details:
        text += " (" + "; ".join(details) + ")"
    return text


# -- soft locks ---------------------------------------------------------------------------------


def presence_text(presence, now=None):
    """Who else has the case open, since when: shown before the editor types anything."""
    values = {"user": presence.user.get_username(), "opened": when(presence.opened_at)}
    if (now or timezone.now()) - presence.seen_at < datetime.timedelta(minutes=1):
        text = _(
            "%(user)s has had this case open since %(opened)s (seen just now). Saving is not "
            "blocked: if you both save, the second save is stopped and shown what the first "
            "changed."
        )
    else:
        values["seen"] = timesince(presence.seen_at, now)
        text = _(
            "%(user)s has had this case open since %(opened)s (last seen %(seen)s ago). Saving "
            "is not blocked: if you both save, the second save is stopped and shown what the "
            "first changed."
        )
    return text % values
