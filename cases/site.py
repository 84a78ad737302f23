"""The site's name, in one place: the header, page titles, the home page, citations and the
feed all use it. It follows the source publication's title
(《南南合作和三角合作促进可持续发展良好实践》)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

SITE_NAME = _("Good Practices in South-South and Triangular Cooperation")


def site(request):
    """Context processor: `site_name` and the editors' `contact_email` for every template."""
    return {"site_name": SITE_NAME, "contact_email": settings.CONTACT_EMAIL}
