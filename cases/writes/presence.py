"""Recording who has a case's change form open (a soft lock: it informs, it never blocks)."""

from django.utils import timezone

from ..models import EditingPresence
from ..reads.presence import PRESENCE_WINDOW


def mark_open(case, user, now=None):
    """`user` has the case open now. After a pause longer than the window, a new visit starts."""
    now = now or timezone.now()
    presence, created = EditingPresence.objects.get_or_create(
        case=case, user=user, defaults={"opened_at": now, "seen_at": now}
    )
    if created:
        return presence
    if presence.seen_at < now - PRESENCE_WINDOW:
        presence.opened_at = now
    presence.seen_at = now
    presence.save(update_fields=["opened_at", "seen_at"])
    return presence


def mark_closed(case, user):
    EditingPresence.objects.filter(case=case, user=user).delete()
