"""Loading the shipped catalogue (reference data and the three documented cases)."""

from django.core.management import call_command

from ..models import Case, SdgGoal
from .history import forget_loaddata_history
from .search_index import rebuild_search_index

FIXTURES = ["sdg", "geography", "organizations", "cases"]


def load_catalogue(verbosity=1):
    """Load the fixtures into an empty database; returns False (and loads nothing) otherwise.

    `loaddata` skips the signals that keep the search columns current, and lets
    simple_history write partial M2M history rows: both are put right here.
    """
    if SdgGoal.objects.exists() or Case.objects.exists():
        return False
    call_command("loaddata", *FIXTURES, verbosity=verbosity)
    forget_loaddata_history()
    rebuild_search_index(Case.objects.order_by("pk").values_list("pk", flat=True))
    return True
