"""The client's address, by the one documented trusted-proxy rule (TRUSTED_PROXY_COUNT).

Behind N proxies that each append the address they received the request from to
X-Forwarded-For, the client is the N-th address from the right: everything further left was
written by the client itself and proves nothing. Without proxies (N = 0) the headers are
ignored and REMOTE_ADDR is the client. Used by the login limits (django-axes).
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        # Not through all the proxies: the peer is all that is known.
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote
