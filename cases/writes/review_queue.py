"""Telling whoever listens that something entered the Publishers' queue.

`entered_review_queue` is sent after the transaction that put a case in review, or a revision
up for review, has committed (never for a save that was rolled back). Its receiver in
`cases.admin.notifications` emails the Publishers when `REVIEW_QUEUE_EMAILS` is on; writes do
not build the message (it carries admin links).
"""

from django.db import transaction
from django.dispatch import Signal

# Sent with case=, revision= (None for a case sent to review) and user=.
entered_review_queue = Signal()


def announce_entered_queue(case, *, revision=None, user=None):
    transaction.on_commit(
        lambda: entered_review_queue.send(
            sender=type(case), case=case, revision=revision, user=user
        )
    )
