"""schema.org JSON-LD for a case page: what search engines and link previews read about a case
(the page shows the same facts)."""

import json

from django.utils.safestring import mark_safe

from ..site import SITE_NAME

# As Django's json_script: nothing in the data can close the <script> data block.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def case_json_ld(page, url, home_url, language):
    """The JSON-LD of a case page (reads.case_page.CasePage) at `url`, in `language`."""
    case = page.case
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": case.title,
        "headline": case.headline or case.title,
        "url": url,
        "inLanguage": language,
        "isPartOf": {"@type": "WebSite", "name": str(SITE_NAME), "url": home_url},
        "about": [
            f"SDG {code}: {label}"
            for _number, _name, targets in page.goals
            for code, label in targets
        ],
        "spatialCoverage": [
            {"@type": "Place", "name": name} for _parameter, _code, name, _role in page.places
        ],
        "contributor": [
            {"@type": "Organization", "name": name}
            for _role, _label, organizations in page.organizations_by_role
            for _slug, name in organizations
        ],
    }
    if case.short_name and case.short_name != case.title:
        data["alternateName"] = case.short_name
    if case.published_at:
        data["datePublished"] = case.published_at.date().isoformat()
    if case.updated_at:
        data["dateModified"] = case.updated_at.date().isoformat()
    if case.start_year:
        data["temporalCoverage"] = f"{case.start_year}/{case.end_year or '..'}"
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 (escaped above for a script data block)
