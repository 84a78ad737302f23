"""One case's page: the case with everything it shows, grouped as the page reads it.

The case's own columns come as a model instance (translated fields fall back as everywhere);
its targets, places and organizations as codes in plain rows, named from the catalogue index
(no join to a reference table, no related model built); contacts and links as instances.
"""

from dataclasses import dataclass

import numpy as np
from django.utils.translation import get_language

from ..models import Case, CaseCountry, CaseLink, CaseOrganization, Contact
from . import plain_sql
from .cards import card_rows, cards
from .catalogue_index import current_index
from .catalogue_index.index import as_array, smallest

# Never shown on a page: the search columns are the largest of a case.
NOT_SHOWN = ("search_document", "search_english")


@dataclass
class CasePage:
    case: Case
    goals: list  # (number, name, [(code, label)]) in goal order, targets in natural order
    places: list  # (parameter, code, name, role label or "") regions first, then countries
    organizations_by_role: list  # (role, label, [(slug, name)]) in the source's order
    contacts: list
    links: list
    missing_translations: list  # fields shown in the other language
    related_cases: list  # reads.cards.Card


# The case by its slug, compiled once (plain_sql.CompiledOnce): slugs are unique, so it needs
# no order (the default one, newest first, was a third of building the query).
_published_by_slug = plain_sql.CompiledOnce(
    lambda slug: Case.objects.published().defer(*NOT_SHOWN).filter(slug=slug).order_by()[:1],
    placeholder="\x00slug",
)


def published_case(slug):
    """The published case with this slug, or None."""
    return next(iter(_published_by_slug(slug)), None)


def moved_case(slug):
    """The published case that had `slug` before its slug changed (from its history), or None:
    old links keep answering, with a permanent redirect. Read only when no case has the slug."""
    earlier = Case.history.filter(slug=slug).values("id")
    return (
        Case.objects.published()
        .filter(pk__in=earlier)
        .exclude(slug=slug)
        .only("slug")
        .order_by("-updated_at")
        .first()
    )


def case_page(case):
    """What the page of `case` shows (a published case, or any case in the admin's preview)."""
    index = current_index()
    language = get_language()
    codes = _codes(case.pk)
    return CasePage(
        case=case,
        goals=_goals(codes["target"], index.names, language),
        places=_places(codes, index.names, language),
        organizations_by_role=_organizations(codes["organization"], index.names, language),
        contacts=codes["contact"],
        links=codes["link"],
        missing_translations=case.missing_translation_fields(language),
        related_cases=related_cases(case.pk, codes, index, language),
    )


# What the page lists of the case, in one plain query: its targets, regions, countries and
# organizations as codes (named from the index), its contacts and links as model instances.
# Each part gives (kind, order, id, then text columns): a code and a role, or the text columns
# of a contact or link. Through the ORM, compiling such a UNION cost more than running it, and
# three queries where one does cost a round trip each (bench/results.md).
CODE_PARTS = [
    (Case.sdg_targets.through, "target", "sdgtarget_id", False),
    (Case.regions.through, "region", "region_id", False),
    (CaseCountry, "country", "country_id", True),
    (CaseOrganization, "organization", "organization_id", True),
]
ROW_PARTS = [(Contact, "contact"), (CaseLink, "link")]
TEXT_FIELDS = ("CharField", "EmailField", "URLField", "TextField")


def _text_fields(model):
    """A contact's or link's columns but its case, id and order: all text (checked)."""
    fields = [f for f in model._meta.concrete_fields if f.attname not in ("id", "case_id", "order")]
    for field in fields:
        if field.get_internal_type() not in TEXT_FIELDS:
            raise TypeError(f"{model.__name__}.{field.name} is not text: _codes reads it as text")
    return fields


def _codes_sql(connection):
    quote = connection.ops.quote_name
    width = max(len(_text_fields(model)) for model, _kind in ROW_PARTS)

    def padded(columns):
        return ", ".join([*columns, *["NULL"] * (width - len(columns))])

    parts = [
        f"SELECT '{kind}', {quote('order') if ordered else 0}, {quote('id')}, "  # noqa: S608
        + padded([f"CAST({quote(column)} AS TEXT)", quote("role") if ordered else "''"])
        + f" FROM {quote(model._meta.db_table)} WHERE {quote('case_id')} = %s"
        for model, kind, column, ordered in CODE_PARTS
    ]
    parts += [
        f"SELECT '{kind}', {quote('order')}, {quote('id')}, "  # noqa: S608 - names from models
        + padded([quote(field.column) for field in _text_fields(model)])
        + f" FROM {quote(model._meta.db_table)} WHERE {quote('case_id')} = %s"
        for model, kind in ROW_PARTS
    ]
    return " UNION ALL ".join(parts)


def _codes(pk):
    """The case's targets, regions, countries (with roles) and organizations (with roles) as
    codes, and its contacts and links, in the order the page lists them."""
    connection = plain_sql.reading(Case)
    parts = len(CODE_PARTS) + len(ROW_PARTS)
    rows = plain_sql.rows(connection, _codes_sql(connection), [pk] * parts)
    codes = {"target": [], "region": [], "country": [], "organization": []}
    instances = {"contact": [], "link": []}
    models = {kind: model for model, kind in ROW_PARTS}
    for kind, order, row_id, *texts in sorted(rows, key=lambda row: (row[1], row[2])):
        if kind in instances:
            instances[kind].append(_instance(models[kind], connection, pk, order, row_id, texts))
        else:
            code, role = texts[0], texts[1]
            codes[kind].append((int(code) if kind == "organization" else code, role))
    return {
        "target": [code for code, _role in codes["target"]],
        "region": sorted(code for code, _role in codes["region"]),
        "country": codes["country"],
        "organization": codes["organization"],
        **instances,
    }


def _instance(model, connection, case_id, order, row_id, texts):
    """The model instance of a contact's or link's row, as the ORM would make it."""
    values = {"id": row_id, "case_id": case_id, "order": order}
    values.update(zip((f.attname for f in _text_fields(model)), texts, strict=False))
    return model.from_db(
        connection.alias, None, [values[f.attname] for f in model._meta.concrete_fields]
    )


def _goals(targets, names, language):
    goals = {}
    for code in sorted(targets, key=names.target_position.get):
        goals.setdefault(names.target_goal[code], []).append((code, names.targets[language][code]))
    return [(number, names.goals[language][number], goals[number]) for number in sorted(goals)]


def _places(codes, names, language):
    roles = dict(CaseCountry.Role.choices)
    regions = [("region", code, names.regions[language][code], "") for code in codes["region"]]
    countries = [
        ("country", code, names.countries[language][code], str(roles.get(role, "")))
        for code, role in codes["country"]
    ]
    return regions + countries


def _organizations(links, names, language):
    slugs = names.organization_slugs
    by_role = {}
    for organization, role in links:
        slug = slugs[organization]
        by_role.setdefault(role, []).append((slug, names.organizations[language][slug]))
    return [
        (role, label, by_role[role])
        for role, label in CaseOrganization.Role.choices
        if role in by_role
    ]


# How much one shared thing counts towards relatedness: the same target or country says more
# than the same goal or organization (the ILO, say, is behind many unrelated cases).
RELATEDNESS = {"target": 2, "country": 2, "goal": 1, "organization": 1}


def related_cases(pk, codes, index, language, limit=3):
    """Up to `limit` published cases with most in common with case `pk`: shared targets,
    countries, goals and organizations, weighted by RELATEDNESS; the newest first among equals.

    Counted in the catalogue index (numpy over the cases' positions), then the few cases read.
    """
    slugs = index.names.organization_slugs
    shared = {
        "target": set(codes["target"]),
        "goal": {index.names.target_goal[code] for code in codes["target"]},
        "country": {code for code, _role in codes["country"]},
        "organization": {slugs[organization] for organization, _role in codes["organization"]},
    }
    scores = np.zeros(index.size, dtype=np.int64)
    for parameter, values in shared.items():
        for value in values:
            scores[as_array(index.cases_with(parameter, value))] += RELATEDNESS[parameter]
    own = index.positions([pk])
    if own:
        scores[own.min()] = 0
    candidates = np.nonzero(scores)[0]
    best = smallest(candidates, -scores[candidates], 0, limit)
    return cards(card_rows([int(pk) for pk in index.case_ids[best]]), index, language)
