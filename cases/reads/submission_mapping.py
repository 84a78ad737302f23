"""The organization names a submitter typed, as an editor maps them: each name's state (a
suggestion, or mapped to an organization), the organizations it likely is (the import's
matcher, `import_matching.Reference`), and every organization to choose from. Reads only."""

import dataclasses

from ..models import CaseOrganization, Organization, Submission
from .import_matching import Reference
from .ordering import name_order

ROLE_LABELS = dict(CaseOrganization.Role.choices)


@dataclasses.dataclass(frozen=True)
class Choice:
    slug: str
    label: str


@dataclasses.dataclass(frozen=True)
class TypedName:
    role: str
    name: str
    mapped: Choice | None  # the organization it is mapped to (its slug alone if deleted since)
    candidates: list  # Choice items: the organizations it likely is, best first
    field: int | None  # its number in the mapping form, or None when it cannot change now

    @property
    def role_label(self):
        return ROLE_LABELS[self.role]

    @property
    def chosen(self):
        """The form's choice as stored: "keep", "org:<slug>" (a likely one) or "other"."""
        if self.mapped is None:
            return "keep"
        if any(candidate.slug == self.mapped.slug for candidate in self.candidates):
            return f"org:{self.mapped.slug}"
        return "other"


@dataclasses.dataclass(frozen=True)
class Mapping:
    names: list  # TypedName items, by role then as typed
    organizations: list  # Choice items: every organization, by name in the reader's language

    @property
    def editable(self):
        return any(typed.field is not None for typed in self.names)


def typed_names(submission):
    """[(role, name)] of every name typed, by role then in the order typed."""
    return [
        (role, name)
        for role in ROLE_LABELS
        for name in (submission.new_organizations.get(role) or [])
    ]


def unmapped_names(submission):
    """[(role label, name)] of the typed names no editor has mapped: still suggestions."""
    mappings = submission.organization_mappings
    return [
        (ROLE_LABELS[role], name)
        for role, name in typed_names(submission)
        if name not in (mappings.get(role) or {})
    ]


def mapping(submission):
    """What the mapping form shows (two queries; none when nothing was typed).

    Before acceptance every name can change; after it only the names still unmapped (a mapped
    one is on the draft already); a declined submission's names are shown, not mapped.
    """
    names = typed_names(submission)
    if not names:
        return Mapping([], [])
    organizations = list(Organization.objects.order_by(name_order("name"), "slug"))
    by_slug = {organization.slug: organization for organization in organizations}
    by_pk = {organization.pk: organization for organization in organizations}
    reference = Reference.load_organizations()
    rows, field = [], 0
    for role, name in names:
        slug = (submission.organization_mappings.get(role) or {}).get(name)
        mapped = None
        if slug is not None:
            mapped = Choice(slug, str(by_slug[slug]) if slug in by_slug else slug)
        editable = submission.status == Submission.Status.RECEIVED or (
            submission.status == Submission.Status.ACCEPTED and mapped is None
        )
        candidates = [
            Choice(by_pk[pk].slug, str(by_pk[pk]))
            for pk in reference.organization_candidates(name, submission.language)
            if pk in by_pk
        ]
        rows.append(TypedName(role, name, mapped, candidates, field if editable else None))
        field += editable
    return Mapping(rows, [Choice(item.slug, str(item)) for item in organizations])
