"""What a case's `source` text says about its date: the year of the publication.

A case's status ("ongoing") is only true as of when it was stated, and for a case from a
publication that is the publication's year, unless an editor records another year
(`Case.status_as_of`). The citations read the rest of the source (publisher, title, volume:
cases/dataout/citations.py) with the same year pattern.
"""

import re

# A four-digit year from 1800 to 2099 standing alone ("2018", "2018 年"), not part of a
# longer number.
YEAR = re.compile(r"(?<![0-9])(1[89][0-9]{2}|20[0-9]{2})(?![0-9])")


def publication_year(source):
    """The year a source text names (its last year: "…, Volume 2, 2018"), or None."""
    years = YEAR.findall(" ".join((source or "").split()))
    return int(years[-1]) if years else None


def status_year(status_as_of, sources):
    """The year a case's status was stated: the year an editor recorded, else the year of the
    first of `sources` (the source text in each language) that names one, else None."""
    if status_as_of:
        return status_as_of
    return next((year for year in map(publication_year, sources) if year), None)
