"""Anonymous rate limiting of the API, per client address as the trusted-proxy rule gives it
(catalogue_site/client_ip.py: X-Forwarded-For is believed only as far as TRUSTED_PROXY_COUNT
says). DRF answers 429 with Retry-After. Counted in the cache (Redis when several processes
serve). Cache hits of the page cache are served before the view and are not counted: they
cost one query."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from catalogue_site.client_ip import client_ip


class ClientAddressThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        return settings.API_RATE_LIMIT or None

    def allow_request(self, request, view):
        # Read the setting per request, so tests (and the schema tests) can change it.
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}
