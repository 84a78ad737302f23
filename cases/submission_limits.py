"""Rate limits of "Share your practice": stored submissions per client address per hour and
per submitter email per day (SUBMISSIONS_PER_IP_PER_HOUR, SUBMISSIONS_PER_EMAIL_PER_DAY).

Counters live in the cache (Redis when several processes serve, so every process counts the
same), in fixed windows. The client address follows the one trusted-proxy rule
(`catalogue_site.client_ip`): an X-Forwarded-For the client wrote itself changes nothing.
Only stored submissions count, so a person correcting a mistyped field is never limited.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from catalogue_site.client_ip import client_ip

HOUR = 60 * 60
DAY = 24 * HOUR


def _keys(request, email, now):
    # Hashed: the cache holds no address or email in the clear.
    def digest(value):
        return hashlib.sha256(value.encode()).hexdigest()[:32]

    ip_key = f"submit:ip:{digest(client_ip(request))}:{int(now // HOUR)}"
    email_key = f"submit:email:{digest(email.strip().lower())}:{int(now // DAY)}"
    return (
        (ip_key, settings.SUBMISSIONS_PER_IP_PER_HOUR, HOUR),
        (email_key, settings.SUBMISSIONS_PER_EMAIL_PER_DAY, DAY),
    )


def limit_problem(request, email, now=None):
    """The message to show (with a 429) when another submission would be over a limit."""
    now = now if now is not None else time.time()
    (ip_key, per_ip, _hour), (email_key, per_email, _day) = _keys(request, email, now)
    if cache.get(ip_key, 0) >= per_ip:
        return _(
            "Too many practices were sent from your network in the last hour. Your entries are "
            "kept below: please send them again in an hour."
        )
    if cache.get(email_key, 0) >= per_email:
        return _(
            "Too many practices were sent with this email address today. Your entries are kept "
            "below: please send them again tomorrow, or write to the editors."
        )
    return None


def count_submission(request, email, now=None):
    now = now if now is not None else time.time()
    for key, _limit, window in _keys(request, email, now):
        if not cache.add(key, 1, window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, window)
