"""Mapping the organization names a submitter typed to organizations of the catalogue.

The public form lets a submitter type names it does not know (`Submission.new_organizations`,
by role). An editor decides for each name (`Decision`): an existing organization, a new one
created with that name (in the submission's language), or nothing (it stays a suggestion). The
decisions are stored in `Submission.organization_mappings` ({role: {name: slug}}) with one
"mapped" step in the submission's history.

Before acceptance that is all: `submissions.accept` then adds the mapped organizations to the
draft after the picked ones. After acceptance, a name mapped while the submission has its
draft (`submission.case`, not changes to a published case) is added to that draft at once,
through the case's optimistic lock (one history record of the case). A published case is never
changed here: the mapping is stored and the editor changes the case through its own form
(where an Editor's change waits for review). A name mapped after acceptance stays so: the
draft's row is the editor's to remove.
"""

import dataclasses

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ..models import Case, CaseOrganization, Organization, Submission
from ..models.submission import ORGANIZATION_ROLES
from ..permissions import can_moderate
from ..workflow import REASON_SUBMISSION_MAPPED
from .locking import save_locked
from .organizations import new_organization, save_new
from .submissions import _record

Status = Submission.Status
ADD_ORGANIZATION_PERMISSION = "cases.add_organization"

# Where a mapping went, besides the submission (MappingResult.where).
BEFORE_ACCEPTANCE = "before acceptance"  # accept() will add it to the draft
DRAFT = "draft"  # added to the submission's draft now
PUBLISHED = "published"  # the case is published: left as it is
NO_DRAFT = "no draft"  # accepted, but its draft was deleted since


class MappingRefused(Exception):
    """A decision cannot be taken (nothing was written); the message says why."""


@dataclasses.dataclass(frozen=True)
class Decision:
    """An editor's decision for one typed name: `slug` (an existing organization), `create`
    (a new organization with the name), or neither (the name stays a suggestion)."""

    role: str
    name: str
    slug: str = ""
    create: bool = False


@dataclasses.dataclass(frozen=True)
class Mapped:
    role: str
    name: str
    organization: Organization
    created: bool  # a new organization was made for it
    already_on_case: bool = False  # the draft names it in this role already


@dataclasses.dataclass
class MappingResult:
    mapped: list  # Mapped, in the order decided
    unmapped: list  # (role, name) back to suggestions
    where: str  # BEFORE_ACCEPTANCE, DRAFT, PUBLISHED or NO_DRAFT
    case: Case | None = None

    @property
    def changed(self):
        return bool(self.mapped or self.unmapped)


def map_organizations(submission, user, decisions):
    """Take `decisions` (Decision items) for `submission`'s typed names, all or none.

    Raises PermissionDenied (no moderate permission) or MappingRefused (a declined submission,
    a name the submission does not have, an unknown organization, ...).
    """
    if not can_moderate(user):
        raise PermissionDenied
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status == Status.DECLINED:
            raise MappingRefused(
                _("This submission was declined: its organization names are no longer mapped.")
            )
        where = _where(locked)
        steps = _steps(locked, decisions, user, accepted=where != BEFORE_ACCEPTANCE)
        result = MappingResult([], [], where)
        if not steps:
            return result
        mappings = {role: dict(names) for role, names in locked.organization_mappings.items()}
        for decision, organization in steps:
            names = mappings.setdefault(decision.role, {})
            if organization is None:
                names.pop(decision.name, None)
                result.unmapped.append((decision.role, decision.name))
                continue
            created = False
            if organization.pk is None:
                saved = _create(organization, decision.name)
                created, organization = saved is organization, saved
            names[decision.name] = organization.slug
            result.mapped.append(Mapped(decision.role, decision.name, organization, created))
        locked.organization_mappings = {role: names for role, names in mappings.items() if names}
        if where == DRAFT and result.mapped:
            result.case, result.mapped = _add_to_draft(locked.case_id, result.mapped, user)
        elif where in (PUBLISHED, NO_DRAFT):
            result.case = locked.case
        locked.skip_history_when_saving = True
        locked.save(update_fields=["organization_mappings", "updated_at"])
        del locked.skip_history_when_saving
        _record(locked, "mapped", user)
    return result


def _where(submission):
    if submission.status != Status.ACCEPTED:
        return BEFORE_ACCEPTANCE
    if submission.case is None:
        return NO_DRAFT
    if submission.changes_published_case or submission.case.is_published:
        return PUBLISHED
    return DRAFT


def _steps(submission, decisions, user, *, accepted):
    """[(decision, organization or None)] for the decisions that change something; an unsaved
    organization for one to create. Checks every decision before anything is written."""
    by_name = {}
    for decision in decisions:
        if decision.role not in ORGANIZATION_ROLES or decision.name not in (
            submission.new_organizations.get(decision.role) or []
        ):
            raise MappingRefused(
                _(
                    "“%(name)s” is not an organization name typed in this submission (the page "
                    "may be out of date: reload it)."
                )
                % {"name": decision.name[:200]}
            )
        by_name[(decision.role, decision.name)] = decision
    slugs = {decision.slug for decision in by_name.values() if decision.slug}
    known = Organization.objects.in_bulk(slugs, field_name="slug")
    steps = []
    for (role, name), decision in by_name.items():
        current = (submission.organization_mappings.get(role) or {}).get(name)
        if decision.create:
            if not user.has_perm(ADD_ORGANIZATION_PERMISSION):
                raise MappingRefused(_("You do not have permission to create organizations."))
            target = new_organization(name, submission.language)
        elif decision.slug:
            if decision.slug not in known:
                raise MappingRefused(
                    _("There is no organization with the address “%(slug)s”.")
                    % {"slug": decision.slug[:80]}
                )
            target = known[decision.slug]
            if target.slug == current:
                continue
        else:
            target = None
            if current is None:
                continue
        if accepted and current is not None:
            # Its organization was added to the draft (or the case was published): the case
            # itself is where it changes now.
            stored = Organization.objects.filter(slug=current).first()
            raise MappingRefused(
                _(
                    "“%(name)s” was already mapped to “%(organization)s” after the submission "
                    "was accepted: change the case itself."
                )
                % {"name": name, "organization": stored or current}
            )
        steps.append((decision, target))
    return steps


def _create(organization, name):
    try:
        return save_new(organization)
    except ValidationError as error:
        problems = " ".join(
            message for messages in error.message_dict.values() for message in messages
        )
        raise MappingRefused(
            _("No organization can be created with the name “%(name)s”: %(problem)s")
            % {"name": name[:200], "problem": problems}
        ) from None


def _add_to_draft(case_pk, mapped, user):
    """Add the mapped organizations to the draft (after its rows, in their roles) through the
    case's lock; returns the case and `mapped` with what it already had marked."""
    # of=("self",): lock the case row only (PostgreSQL; SQLite locks the whole database).
    case = Case.objects.select_for_update(of=("self",)).get(pk=case_pk)
    rows = CaseOrganization.objects.filter(case=case)
    present = set(rows.values_list("organization_id", "role"))
    order = (rows.aggregate(last=Max("order"))["last"] or 0) + 1 if present else 0
    marked, adding = [], []
    for item in mapped:
        key = (item.organization.pk, item.role)
        already = key in present
        marked.append(dataclasses.replace(item, already_on_case=already))
        if not already:
            present.add(key)
            adding.append(item)
    if not adding:
        return case, marked

    def add_rows(case):
        for offset, item in enumerate(adding):
            row = CaseOrganization(
                case=case, organization=item.organization, role=item.role, order=order + offset
            )
            row._history_user = user
            row.save()

    save_locked(
        case,
        user=user,
        reason=REASON_SUBMISSION_MAPPED,
        expected_version=case.version,
        values={},
        after_save=add_rows,
    )
    return case, marked
