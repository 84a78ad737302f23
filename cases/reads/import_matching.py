"""Names in an imported volume -> the catalogue's countries, regions, organizations, SDG
targets and cases. Reads only.

`Reference.load()` reads the reference tables once per import. Countries and regions match by
name in either language, with the usual variants (大韩民国 / 韩国, Tanzania / United Republic of
Tanzania, "非洲地区" -> Africa, "全球（…）" -> World plus the listed countries); organizations by
name or acronym in either language, also when written "Name - ACRONYM" or "Name (ACRONYM)", and
"Group (member, member)" gives the group then its members, in order. What does not match comes
back with the closest known names as suggestions: nothing is guessed.

`find_existing(parsed, language)` says which stored case an imported case is: the same title
or address (the duplicate rules of cases/rules.py), or, for the other language's edition, the
case with the same project link or contact email and the same SDG targets, countries or
period. Two candidates, or one that shares too little, is a doubtful match, reported.
"""

import dataclasses
import difflib
import re
import unicodedata

from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..fields import localized
from ..imports.parser import split_list
from ..models import Case, CaseLink, Contact, Country, Organization, Region, SdgTarget

WORLD = "001"

# Names the UN's short names do not cover but volumes use. Keys are compared normalised.
COUNTRY_VARIANTS = {
    "韩国": "KR",
    "南韩": "KR",
    "Korea": "KR",
    "South Korea": "KR",
    "Korea, Republic of": "KR",
    "朝鲜": "KP",
    "North Korea": "KP",
    "坦桑尼亚": "TZ",
    "Tanzania": "TZ",
    "美国": "US",
    "United States": "US",
    "USA": "US",
    "英国": "GB",
    "United Kingdom": "GB",
    "UK": "GB",
    "俄罗斯": "RU",
    "Russia": "RU",
    "Vietnam": "VN",
    "老挝": "LA",
    "Laos": "LA",
    "Lao PDR": "LA",
    "伊朗": "IR",
    "Iran": "IR",
    "叙利亚": "SY",
    "Syria": "SY",
    "玻利维亚": "BO",
    "Bolivia": "BO",
    "委内瑞拉": "VE",
    "Venezuela": "VE",
    "摩尔多瓦": "MD",
    "Moldova": "MD",
    "刚果（金）": "CD",
    "刚果金": "CD",
    "DR Congo": "CD",
    "DRC": "CD",
    "刚果（布）": "CG",
    "Republic of the Congo": "CG",
    "Ivory Coast": "CI",
    "Cape Verde": "CV",
    "Swaziland": "SZ",
    "Turkey": "TR",
    "Czech Republic": "CZ",
    "Macedonia": "MK",
    "马其顿": "MK",
    "Micronesia": "FM",
    "Palestine": "PS",
    "巴勒斯坦": "PS",
    "The Gambia": "GM",
    "Kyrgyz Republic": "KG",
    "蒙古": "MN",
    "荷兰": "NL",
    "Netherlands": "NL",
    "多米尼加共和国": "DO",
}
REGION_VARIANTS = {
    "全球": WORLD,
    "全世界": WORLD,
    "Global": WORLD,
    "Worldwide": WORLD,
    "Latin America": "419",
    "拉丁美洲": "419",
    "拉美和加勒比": "419",
}
# Words around a region's name that do not change it: "非洲地区", "the Africa region".
REGION_WORDS = re.compile(r"^(?:the\s+)?(.*?)(?:\s*(?:地区|区域|region))?$", re.IGNORECASE)
# Words before a list inside brackets: "全球（目前为止涉及巴西、…）", "Global (so far: Brazil, …)".
LIST_LEAD = re.compile(
    r"^(?:目前为止|迄今为止|目前|迄今)?(?:涉及|包括|有)?\s*"
    r"(?:(?:so far|to date|currently)\b)?\s*(?:(?:in|including|involving)\b)?\s*:?\s*",
    re.IGNORECASE,
)
OUTER_AND_INNER = re.compile(r"^(?P<outer>[^（(]+?)\s*[（(](?P<inner>.*)[）)]$")
SEPARATOR_WORDS = re.compile(r"\s*(?:和|及|与|以及|\band\b|&)\s*")


def normalise(name):
    """For comparing names: full-width forms folded, case, spaces and dots ignored."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    text = text.replace("’", "'").replace("–", "-").replace("—", "-")
    return re.sub(r"[\s.·]+", "", text)


@dataclasses.dataclass
class Match:
    """What one name of the source became: codes or primary keys, in order, or a problem."""

    written: str
    countries: list = dataclasses.field(default_factory=list)
    regions: list = dataclasses.field(default_factory=list)
    organizations: list = dataclasses.field(default_factory=list)  # primary keys
    suggestions: list = dataclasses.field(default_factory=list)

    @property
    def matched(self):
        return bool(self.countries or self.regions or self.organizations)


@dataclasses.dataclass
class Reference:
    countries: dict  # normalised name -> code
    regions: dict  # normalised name -> code
    organizations: dict  # normalised name or acronym -> pk
    organization_names: dict  # pk -> {"zh-hans": name, "en": name}
    country_names: dict  # code -> {"zh-hans": ..., "en": ...}
    region_names: dict
    targets: set

    @classmethod
    def load(cls):
        countries, country_names = {}, {}
        for code, zh, en in Country.objects.values_list("code", "name_zh_hans", "name_en"):
            country_names[code] = {"zh-hans": zh, "en": en}
            for name in (zh, en):
                countries[normalise(name)] = code
                # "Bolivia (Plurinational State of)" is also "Bolivia".
                bare = re.sub(r"\s*[（(].*[）)]\s*$", "", name or "")
                countries.setdefault(normalise(bare), code)
        for name, code in COUNTRY_VARIANTS.items():
            countries.setdefault(normalise(name), code)
        regions, region_names = {}, {}
        for code, zh, en in Region.objects.values_list("code", "name_zh_hans", "name_en"):
            region_names[code] = {"zh-hans": zh, "en": en}
            for name in (zh, en):
                regions[normalise(name)] = code
        for name, code in REGION_VARIANTS.items():
            regions.setdefault(normalise(name), code)
        organizations, organization_names = _organization_keys()
        targets = set(SdgTarget.objects.values_list("code", flat=True))
        return cls(
            countries,
            regions,
            organizations,
            organization_names,
            country_names,
            region_names,
            targets,
        )

    @classmethod
    def load_organizations(cls):
        """Only the organizations (one query): for matching organization names alone."""
        organizations, organization_names = _organization_keys()
        return cls({}, {}, organizations, organization_names, {}, {}, set())

    # --- countries and regions --------------------------------------------------------------

    def _place(self, name):
        key = normalise(name)
        if key in self.countries:
            return Match(name, countries=[self.countries[key]])
        bare = REGION_WORDS.match(name.strip()).group(1)
        for candidate in (key, normalise(bare)):
            if candidate in self.regions:
                return Match(name, regions=[self.regions[candidate]])
        return None

    def places(self, names, language):
        """Written names -> Match items (countries and regions), in order; an unmatched name
        is a Match with suggestions only."""
        matches = []
        for name in names:
            found = self._place(name) or self._place_split(name)
            if found is not None:
                matches.append(found)
                continue
            listed = self._place_with_list(name, language)
            if listed is not None:
                matches += listed
                continue
            matches.append(Match(name, suggestions=self._suggest_place(name, language)))
        return matches

    def _place_with_list(self, name, language):
        """ "全球（目前为止涉及巴西、加拿大）": World, then each listed country."""
        match = OUTER_AND_INNER.match(name)
        if not match:
            return None
        outer = self._place(match.group("outer"))
        if outer is None:
            return None
        matches = [Match(match.group("outer").strip(), list(outer.countries), list(outer.regions))]
        for item in split_list(match.group("inner")):
            bare = LIST_LEAD.sub("", item, count=1).strip()
            found = self._place(item) or self._place(bare) or self._place_split(bare)
            matches.append(
                found or Match(item, suggestions=self._suggest_place(bare or item, language))
            )
        return matches

    def _place_split(self, name):
        """ "Kenya and Zambia", "肯尼亚和赞比亚": names joined by a word (only if each matches)."""
        parts = [part for part in SEPARATOR_WORDS.split(name) if part.strip()]
        if len(parts) < 2:
            return None
        found = [self._place(part) for part in parts]
        if any(item is None for item in found):
            return None
        return Match(
            name,
            [code for item in found for code in item.countries],
            [code for item in found for code in item.regions],
        )

    def _suggest_place(self, name, language):
        names = {
            **{names[language]: code for code, names in self.country_names.items()},
            **{names[language]: code for code, names in self.region_names.items()},
        }
        return _closest(name, names)

    # --- organizations ----------------------------------------------------------------------

    def _organization(self, name):
        key = normalise(name)
        if key in self.organizations:
            return self.organizations[key]
        # "南非社会保障专家网络 - SASPEN", "Irish Aid (IA)": the name or its acronym.
        for part in re.split(r"\s+[-–—]\s+|\s*[（(]\s*|\s*[）)]\s*", name):
            if part and normalise(part) in self.organizations:
                return self.organizations[normalise(part)]
        return None

    def organizations_of(self, names, language):
        """Each written name -> a Match with the organizations' primary keys, in order."""
        matches = []
        for name in names:
            pk = self._organization(name) if normalise(name) in self.organizations else None
            if pk is not None:
                matches.append(Match(name, organizations=[pk]))
                continue
            group = OUTER_AND_INNER.match(name)
            if (
                group
                and len(split_list(group.group("inner"))) > 1
                and self._organization(group.group("outer")) is not None
            ):
                pks = [self._organization(group.group("outer"))]
                inner = split_list(group.group("inner"))
                members = [self._organization(item) for item in inner]
                matches.append(Match(name, organizations=pks + [pk for pk in members if pk]))
                matches += [
                    Match(item, suggestions=self._suggest_organization(item, language))
                    for item, pk in zip(inner, members, strict=True)
                    if pk is None
                ]
                continue
            pk = self._organization(name)
            if pk is not None:
                matches.append(Match(name, organizations=[pk]))
                continue
            parts = [part for part in SEPARATOR_WORDS.split(name) if part.strip()]
            if len(parts) > 1:
                pks = [self._organization(part) for part in parts]
                matches += [
                    Match(part, organizations=[pk])
                    if pk is not None
                    else Match(part, suggestions=self._suggest_organization(part, language))
                    for part, pk in zip(parts, pks, strict=True)
                ]
                continue
            matches.append(Match(name, suggestions=self._suggest_organization(name, language)))
        return matches

    def organization_candidates(self, name, language):
        """The known organizations a written name likely is, as primary keys, best first: those
        it names (see `organizations_of`), then the closest names as suggestions."""
        by_name = {names[language]: pk for pk, names in self.organization_names.items()}
        found = []
        for match in self.organizations_of([name], language):
            found += match.organizations
            found += [by_name[suggestion] for suggestion in match.suggestions]
        return list(dict.fromkeys(found))

    def _suggest_organization(self, name, language):
        return _closest(
            name, {names[language]: pk for pk, names in self.organization_names.items()}
        )


def _organization_keys():
    """(normalised name or acronym -> pk, pk -> names by language) of every organization."""
    organizations, organization_names = {}, {}
    rows = Organization.objects.values_list(
        "pk", "name_zh_hans", "name_en", "acronym_zh_hans", "acronym_en"
    ).order_by("pk")
    for pk, zh, en, acronym_zh, acronym_en in rows:
        organization_names[pk] = {"zh-hans": zh or en, "en": en or zh}
        for name in (zh, en, acronym_zh, acronym_en):
            if name:
                organizations.setdefault(normalise(name), pk)
    return organizations, organization_names


def _closest(name, known):
    """Up to three known names closest to `name` (by characters: works for Chinese too)."""
    by_key = {normalise(text): text for text in known if text}
    found = difflib.get_close_matches(normalise(name), list(by_key), n=3, cutoff=0.5)
    if not found:
        # A name that contains a known one, or is contained in one ("联合国儿童基金").
        key = normalise(name)
        found = [k for k in by_key if k and (k in key or key in k)][:3]
    return [by_key[key] for key in found]


# --- which stored case -------------------------------------------------------------------


@dataclasses.dataclass
class ExistingCase:
    case: Case | None
    how: str = ""  # "title", "slug", "shared facts"
    doubtful: list = dataclasses.field(default_factory=list)  # candidate cases, when unsure


def slug_for(parsed, language, english_title=""):
    """A new case's address: from its English title, else the pinyin of its Chinese title."""
    title = english_title or (parsed.title if language == "en" else "")
    if title:
        base = slugify(title)
    else:
        from pypinyin import lazy_pinyin

        base = slugify(" ".join(lazy_pinyin(parsed.title)))
    base = base[:60].rsplit("-", 1)[0] if len(base) > 60 else base
    base = base or "case"
    slug, number = base, 2
    while Case.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def find_existing(parsed, language, facts):
    """The stored case this imported case is, or a doubtful match (see the module docstring).

    `facts` holds the imported case's matched `countries` (codes), `targets`, `emails`,
    `links` and `period` (start, end).
    """
    title = parsed.title.strip()
    if title:
        same_title = list(Case.objects.with_title(title)[:2])
        if len(same_title) == 1:
            return ExistingCase(same_title[0], "title")
        if len(same_title) > 1:
            return ExistingCase(None, doubtful=same_title)
    emails = {email.casefold() for email in facts["emails"]}
    links = {_bare_url(url) for url in facts["links"]}
    candidates = set()
    if emails:
        candidates |= set(
            Contact.objects.filter(email__in=_case_variants(emails)).values_list(
                "case_id", flat=True
            )
        )
    if links:
        # The same address written with or without https, www or the last slash.
        written = [
            f"{scheme}://{www}{bare}{slash}"
            for bare in links
            for scheme in ("http", "https")
            for www in ("", "www.")
            for slash in ("", "/")
        ]
        candidates |= set(
            CaseLink.objects.filter(url__in=written).values_list("case_id", flat=True)
        )
    sure, doubtful = [], []
    for case in Case.objects.filter(pk__in=candidates).prefetch_related(
        "sdg_targets", "casecountry_set"
    ):
        agree = 0
        agree += {target.code for target in case.sdg_targets.all()} == set(facts["targets"])
        stored_countries = {row.country_id for row in case.casecountry_set.all()}
        agree += stored_countries == set(facts["countries"])
        agree += (case.start_year, case.end_year) == tuple(facts["period"])
        # A case with another title in this language is another case (or a renamed one):
        # the other edition of a case has no title in this language yet.
        other_title = (getattr(case, localized("title", language)) or "").strip()
        (sure if agree >= 2 and not other_title else doubtful).append(case)
    if len(sure) == 1 and not doubtful:
        return ExistingCase(sure[0], "shared facts")
    if sure or doubtful:
        return ExistingCase(None, doubtful=sure + doubtful)
    return ExistingCase(None)


def _case_variants(emails):
    return list(emails) + [email.lower() for email in emails]


def _bare_url(url):
    """The address without its scheme, "www." and last slash (the path keeps its case)."""
    return re.sub(r"^https?://(www\.)?", "", (url or "").strip(), flags=re.IGNORECASE).rstrip("/")


def doubtful_message(candidates):
    names = ", ".join(f"“{case}” ({case.slug})" for case in candidates)
    return _(
        "This may be a case already in the catalogue (%(cases)s), but they share too little "
        "to be sure: not imported. Give it the same project name as the case it is, or import "
        "it after checking."
    ) % {"cases": names}
