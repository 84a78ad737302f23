"""The terms of the open data, in one place: the API root, the data page, the data package,
the downloads and the README state them from here.

What the catalogue itself makes (the structured data: codes, links between cases, targets,
places and organizations; our English translations; the reference labels we wrote) is under
Creative Commons Attribution 4.0: the licence the UN's open-data portals and most research
data repositories use, which lets anyone reuse and redistribute with a credit, and which
frictionless and the Open Definition list as open. The case texts themselves (challenge,
solution, the Chinese headlines and titles) come from their source publication, whose rights
stay with its publisher (for the seeded cases the United Nations Office for South-South
Cooperation): the licence does not cover them.
"""

from django.utils.translation import gettext_lazy as _

LICENCE_NAME = "CC-BY-4.0"
LICENCE_TITLE = "Creative Commons Attribution 4.0 International"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

DATA_TERMS = _(
    "The structured data of this catalogue (codes, links between cases, SDG targets, places "
    "and organizations, our English translations and labels) is licensed under Creative "
    "Commons Attribution 4.0 (CC BY 4.0): reuse it freely, naming the catalogue."
)
TEXT_TERMS = _(
    "The case texts come from the publication each case names as its source; their rights "
    "stay with its publisher, and CC BY 4.0 does not cover them."
)


def terms():
    """The terms as data (the API root, datapackage.json, the JSON download)."""
    return {
        "name": LICENCE_NAME,
        "title": LICENCE_TITLE,
        "url": LICENCE_URL,
        "data": str(DATA_TERMS),
        "case_texts": str(TEXT_TERMS),
    }
