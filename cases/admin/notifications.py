"""Email to Publishers when something enters the review queue (off unless REVIEW_QUEUE_EMAILS).

Connected to `writes.review_queue.entered_review_queue`, which is sent after the commit: a
rolled-back save sends nothing. The message is in both languages of the site, Chinese first.
Mail goes through Django's mail settings (EMAIL_BACKEND, EMAIL_HOST...). A failure to send is
logged and never breaks the save that caused it.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ..permissions import PUBLISH_PERMISSION
from ..writes.review_queue import entered_review_queue

logger = logging.getLogger(__name__)


def publisher_addresses():
    """The email addresses of active staff who may publish (directly or through a group)."""
    app_label, codename = PUBLISH_PERMISSION.split(".")
    permission = Q(
        user_permissions__codename=codename, user_permissions__content_type__app_label=app_label
    ) | Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    )
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    publishers = users.filter(permission | Q(is_superuser=True)).distinct()
    return sorted({user.email for user in publishers})


def queue_message(case, revision, user):
    """(subject, body) in the active language, with a link to the review."""
    who = user.get_username() if user is not None else _("someone")
    if revision is None:
        subject = _("In review: “%(case)s”") % {"case": case}
        text = _("%(user)s sent “%(case)s” to review.")
        path = reverse("admin:cases_case_change", args=[case.pk])
    else:
        subject = _("Changes to review: “%(case)s”") % {"case": case}
        text = _("%(user)s proposed changes to the published case “%(case)s”.")
        path = reverse("admin:cases_case_revision", args=[case.pk])
    link = settings.SITE_URL.rstrip("/") + path
    body = "\n\n".join(
        [
            text % {"user": who, "case": case},
            _("Review: %(link)s") % {"link": link},
            _("Everything waiting: %(link)s")
            % {"link": settings.SITE_URL.rstrip("/") + reverse("admin:cases_case_queue")},
        ]
    )
    return subject, body


@receiver(entered_review_queue, dispatch_uid="email_publishers")
def email_publishers(sender, case, revision=None, user=None, **kwargs):
    if not settings.REVIEW_QUEUE_EMAILS:
        return
    try:
        recipients = publisher_addresses()
        if not recipients:
            return
        # In every language of the site (Chinese first): the admin has no per-user language.
        messages = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                messages.append(queue_message(case, revision, user))
        subject = " / ".join(subject for subject, _body in messages)
        body = "\n\n-----\n\n".join(body for _subject, body in messages)
        send_mail(subject, body, None, recipients)
    except Exception:
        # The save is done; a mail server that is down must not turn it into an error.
        logger.exception("Could not email the Publishers about case %s", case.pk)
