"""What the public "Share your practice" form offers to pick: countries, SDG targets (grouped
by goal) and known organizations, named in the reader's language. Three queries."""

from django.utils.translation import gettext as _

from ..models import Country, Organization, SdgTarget
from .ordering import name_order


def country_choices():
    return [
        (country.code, country.name) for country in Country.objects.order_by(name_order("name"))
    ]


def target_choices():
    """[(goal label, [(code, "code label"), ...]), ...]: a select with one group per goal."""
    groups = {}
    targets = SdgTarget.objects.select_related("goal").order_by("goal_id", "position")
    for target in targets:
        label = _("Goal %(number)s: %(name)s") % {
            "number": target.goal_id,
            "name": target.goal.name,
        }
        groups.setdefault(label, []).append((target.code, f"{target.code} {target.label}"))
    return list(groups.items())


def organization_choices():
    return [
        (organization.slug, str(organization))
        for organization in Organization.objects.order_by(name_order("name"))
    ]
