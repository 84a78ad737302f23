"""Records (`cases.reads.records`) and the catalogue index's names as the API's JSON.

Plain dicts built in one pass: the serializers in `serializers.py` describe the same shapes
for the OpenAPI schema, and the schemathesis test checks that every response matches them.
"""

import datetime

from django.urls import reverse
from django.utils.translation import override

from ...fields import LANGUAGE_CODES
from ...models import Case, CaseCountry, CaseOrganization
from ...reads.records import LONG_TEXTS, SHORT_TEXTS, in_language

STATUS = dict(Case.Status.choices)
MODALITY = dict(Case.Modality.choices)
COUNTRY_ROLES = dict(CaseCountry.Role.choices)
ORGANIZATION_ROLES = dict(CaseOrganization.Role.choices)
CITATION_FORMATS = {"bibtex": "bib", "ris": "ris", "csl_json": "json"}


def timestamp(moment):
    """ISO 8601 in UTC with a Z, or None."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


class CasePresenter:
    """Makes case JSON in one language; `absolute` turns a path into a full URL."""

    def __init__(self, names, language, absolute):
        self.names, self.language, self.absolute = names, language, absolute
        with override(language):
            self.case_path = reverse("cases:case_detail", kwargs={"slug": "__slug__"})
            self.citation_paths = {
                key: reverse("cases:case_citation", kwargs={"slug": "__slug__", "kind": kind})
                for key, kind in CITATION_FORMATS.items()
            }
        self.api_path = reverse("api:case-detail", kwargs={"slug": "__slug__"})
        self.labels = {
            name: {value: str(label) for value, label in choices.items()}
            for name, choices in (
                ("status", STATUS),
                ("modality", MODALITY),
                ("country_role", COUNTRY_ROLES),
                ("organization_role", ORGANIZATION_ROLES),
            )
        }

    def _url(self, path, slug):
        return self.absolute(path.replace("__slug__", slug))

    def case(self, record, *, detail=False):
        names, language, labels = self.names, self.language, self.labels
        slug = record["slug"]
        texts = SHORT_TEXTS + (LONG_TEXTS if detail else ())
        targets = sorted(record["targets"], key=names.target_position.get)
        data = {
            "slug": slug,
            "url": self._url(self.case_path, slug),
            "api_url": self._url(self.api_path, slug),
            "short_name": in_language(record["short_name"], language),
            "title": in_language(record["title"], language),
            "headline": in_language(record["headline"], language),
        }
        if detail:
            data["challenge"] = in_language(record["challenge"], language)
            data["solution"] = in_language(record["solution"], language)
        data.update(
            {
                "status": record["status"],
                "status_label": labels["status"].get(record["status"], record["status"]),
                "status_as_of": record["status_as_of"],
                "modality": record["modality"],
                "modality_label": labels["modality"].get(record["modality"], record["modality"]),
                "start_year": record["start_year"],
                "end_year": record["end_year"],
                "sdg_goals": [
                    {"number": number, "name": names.goals[language][number]}
                    for number in sorted({names.target_goal[code] for code in targets})
                ],
                "sdg_targets": [
                    {
                        "code": code,
                        "goal": names.target_goal[code],
                        "label": names.targets[language][code],
                    }
                    for code in targets
                ],
                "regions": [
                    {"code": code, "name": names.regions[language][code]}
                    for code in record["regions"]
                ],
                "countries": [
                    {
                        "code": code,
                        "name": names.countries[language][code],
                        "role": role or None,
                        "role_label": labels["country_role"][role] if role else None,
                    }
                    for code, role in record["countries"]
                ],
                "organizations": [
                    {
                        "slug": slug_,
                        "name": names.organizations[language][slug_],
                        "role": role,
                        "role_label": labels["organization_role"][role],
                    }
                    for slug_, role in record["organizations"]
                ],
                "source": in_language(record["source"], language),
                "published_at": timestamp(record["published_at"]),
                "citations": {
                    key: self._url(path, slug) for key, path in self.citation_paths.items()
                },
            }
        )
        if detail:
            data["contacts"] = [self._contact(contact) for contact in record["contacts"]]
            data["links"] = [self._link(link) for link in record["links"]]
        data["translations"] = {
            code: {field: record[field][code] for field in texts} for code in LANGUAGE_CODES
        }
        return data

    def _contact(self, contact):
        language = self.language
        return {
            "name": contact["name"],
            "honorific": in_language(contact["honorific"], language),
            "job_title": in_language(contact["job_title"], language),
            "email": contact["email"],
            "translations": {
                code: {
                    "honorific": contact["honorific"][code],
                    "job_title": contact["job_title"][code],
                }
                for code in LANGUAGE_CODES
            },
        }

    def _link(self, link):
        return {
            "url": link["url"],
            "label": in_language(link["label"], self.language),
            "translations": {code: {"label": link["label"][code]} for code in LANGUAGE_CODES},
        }
