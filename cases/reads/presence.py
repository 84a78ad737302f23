"""Who else has a case open in the admin (seen in the last few minutes)."""

import datetime

from django.utils import timezone

from ..models import EditingPresence

# A change form that is open pings every minute (with JavaScript); without it, each page load
# counts. Five minutes without a sign means the editor has gone.
PRESENCE_WINDOW = datetime.timedelta(minutes=5)


def others_with_case_open(case, user, now=None):
    """The other editors who have `case` open: EditingPresence rows, the earliest first."""
    now = now or timezone.now()
    return list(
        EditingPresence.objects.filter(case=case, seen_at__gte=now - PRESENCE_WINDOW)
        .exclude(user=user)
        .select_related("user")
    )
