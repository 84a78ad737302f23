"""Email to the person who shared a practice: received, asked, accepted, declined.

Sent in the submitter's language, through Django's mail settings (EMAIL_BACKEND, EMAIL_HOST,
EMAIL_TIMEOUT...), after the step's transaction has committed (`cases.writes.submissions`
schedules it), with the private status link under SITE_URL. Replies go to the editors
(SUBMISSIONS_REPLY_TO). A failed send is logged and written on the submission, where the
admin's queue shows it; the submission itself is never touched otherwise.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def status_link(submission):
    with translation.override(submission.language):
        return settings.SITE_URL.rstrip("/") + submission.get_absolute_url()


def message(submission, step):
    """(subject, body) for `step` in the active language."""
    title = submission.title
    greeting = _("Dear %(name)s,") % {"name": submission.submitter_name}
    link = _("See its status at any time (this link is private): %(link)s") % {
        "link": status_link(submission)
    }
    if step == "received":
        subject = _("We received your practice “%(title)s”") % {"title": title}
        text = _(
            "Thank you for sharing “%(title)s”. Our editors will read it; nothing is published "
            "before they have reviewed it."
        ) % {"title": title}
    elif step == "accepted":
        subject = _("Your practice “%(title)s” is in review") % {"title": title}
        text = _(
            "Our editors accepted “%(title)s” and are preparing it for publication. They may "
            "write to you with questions."
        ) % {"title": title}
    elif step == "asked":
        subject = _("A question about your practice “%(title)s”") % {"title": title}
        text = _(
            "Our editors have a question about “%(title)s”. Reply to this email, or correct "
            "your submission through the private link below."
        ) % {"title": title}
        text += "\n\n" + submission.question
    else:
        subject = _("About your practice “%(title)s”") % {"title": title}
        text = _("Our editors decided not to publish “%(title)s”. Their reason:") % {"title": title}
        text += "\n\n" + submission.decline_reason
    return subject, "\n\n".join([greeting, text, link])


def send(submission_pk, step):
    from .models import Submission
    from .writes.submissions import record_email_problem

    submission = Submission.objects.filter(pk=submission_pk).first()
    if submission is None:
        return
    with translation.override(submission.language):
        subject, body = message(submission, step)
    reply_to = [settings.SUBMISSIONS_REPLY_TO] if settings.SUBMISSIONS_REPLY_TO else None
    try:
        EmailMessage(subject, body, None, [submission.submitter_email], reply_to=reply_to).send()
    except Exception as error:
        # The submission is stored; the queue shows that the submitter did not hear from us.
        logger.exception("Email to the submitter of submission %s failed", submission_pk)
        record_email_problem(submission_pk, f"{step}: {type(error).__name__}: {error}")
    else:
        if submission.email_problem:
            record_email_problem(submission_pk, "")
