"""The catalogue's data model: the SDG taxonomy, geography, organizations and cases.

Translated fields (see cases/translation.py) are read through the model attribute, which falls
back to Chinese. Never filter or order on the bare column: it holds whatever language was active
on save.
"""

from .case import NEWEST_FIRST, Case, CaseQuerySet, validate_year
from .case_parts import CaseCountry, CaseLink, CaseOrganization, Contact
from .reference import Country, Organization, Region, SdgGoal, SdgTarget, case_list_url
from .revision import CaseRevision, EditingPresence
from .state import CatalogueState
from .submission import Submission

__all__ = [
    "NEWEST_FIRST",
    "Case",
    "CaseCountry",
    "CaseLink",
    "CaseOrganization",
    "CaseQuerySet",
    "CaseRevision",
    "CatalogueState",
    "Contact",
    "Country",
    "EditingPresence",
    "Organization",
    "Region",
    "SdgGoal",
    "SdgTarget",
    "Submission",
    "case_list_url",
    "validate_year",
]
