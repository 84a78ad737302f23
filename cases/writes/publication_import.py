"""Importing a parsed publication volume (cases.imports.parser.Volume) into the catalogue.

`import_volume(volume, user=..., apply=False)` returns an `ImportReport`: per case what it
would do or did (new, updated, unchanged, revision, refused, failed), the fields it fills, and
every problem with its line. With `apply=False` (the dry run) nothing is written.

- A new case is a **draft** (an import never publishes); its address comes from the English
  title, else the pinyin of the Chinese one.
- A stored **draft** is updated in place: one locked save, one history record by `user`.
- A case **in review or published** is never overwritten: the import proposes its changes as a
  pending revision (`revisions.propose_snapshot`) for a Publisher to approve.
- The same file imported again changes nothing ("unchanged").
- The first language a case is imported in sets its countries, regions, organizations,
  targets, period, contacts and links; the other edition fills only its own language's text,
  contacts' honorifics and job titles, and reports where its block says something else.
- Each case is written in its own transaction: a failure leaves nothing of that case behind
  and the others are imported.
"""

import dataclasses
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils.translation import gettext as _

from .. import catalogue_version
from ..fields import INLINE_KINDS, REVISION_FIELDS, localized
from ..imports import layout
from ..imports.parser import ERROR, NOTE, Problem
from ..models import Case, CaseOrganization, Organization
from ..permissions import can_change
from ..reads.import_matching import Reference, doubtful_message, find_existing, slug_for
from ..reads.revisions import active_revision, proposed_snapshot
from ..reads.snapshots import (
    Row,
    Snapshot,
    inline_plan_to,
    live_snapshot,
    new_row_key,
    row_fields,
    same_value,
)
from ..sources import publication_year
from ..workflow import REASON_IMPORTED
from . import revisions
from .history import record_case_history
from .inline_rows import apply_inline_steps
from .locking import StaleCaseError, save_locked
from .organizations import new_organization, save_new
from .search_index import refreshes_deferred

NEW, UPDATED, UNCHANGED, REVISION, REFUSED, FAILED = (
    "new",
    "updated",
    "unchanged",
    "revision",
    "refused",
    "failed",
)
OUTCOMES = (NEW, UPDATED, UNCHANGED, REVISION, REFUSED, FAILED)
TEXT_FIELDS = ("short_name", "title", "headline", "challenge", "solution")
ROLE_KEYS = {
    "nominated_by": CaseOrganization.Role.NOMINATOR.value,
    "supported_by": CaseOrganization.Role.FUNDER.value,
    "implemented_by": CaseOrganization.Role.IMPLEMENTER.value,
}


@dataclasses.dataclass
class CaseReport:
    line: int
    end_line: int
    title: str
    outcome: str = ""
    slug: str = ""
    case_pk: int | None = None
    filled: list = dataclasses.field(default_factory=list)  # field names it writes
    problems: list = dataclasses.field(default_factory=list)  # parser.Problem

    @property
    def errors(self):
        return [problem for problem in self.problems if problem.level == ERROR]


@dataclasses.dataclass
class ImportReport:
    language: str
    applied: bool
    cases: list
    problems: list

    def counts(self):
        counts = dict.fromkeys(OUTCOMES, 0)
        for case in self.cases:
            counts[case.outcome] += 1
        return counts


class ImportRefused(Exception):
    """The whole import cannot run (no permission); nothing is written."""


def import_volume(
    volume, *, user, apply=False, source="", create_organizations=False, progress=None
):
    if apply and (user is None or not can_change(user)):
        raise ImportRefused(_("This account may not change cases, so it may not import them."))
    reference = Reference.load()
    report = ImportReport(volume.language, apply, [], list(volume.problems))
    for parsed in volume.cases:
        case_report = CaseReport(parsed.line, parsed.end_line, parsed.title)
        case_report.problems = list(parsed.problems)
        report.cases.append(case_report)
        if parsed.has_errors:
            case_report.outcome = FAILED
        else:
            _import_case(
                parsed,
                case_report,
                reference,
                user=user,
                apply=apply,
                source=source,
                create_organizations=create_organizations,
            )
        if progress is not None:
            progress.advance(1)
    return report


# --- one case -----------------------------------------------------------------------------


@dataclasses.dataclass
class _Plan:
    """What the block's names became."""

    countries: list
    regions: list
    organizations: list  # (role, pk or a new Organization) in order
    targets: list
    emails: list


def _import_case(parsed, report, reference, *, user, apply, source, create_organizations):
    language = parsed.language
    plan = _resolve(parsed, report, reference, create_organizations)
    facts = {
        "countries": plan.countries,
        "targets": plan.targets,
        "emails": plan.emails,
        "links": parsed.links,
        "period": (parsed.start_year, parsed.end_year),
    }
    existing = find_existing(parsed, language, facts)
    if existing.doubtful:
        report.outcome = REFUSED
        report.problems.append(Problem(parsed.line, doubtful_message(existing.doubtful), ERROR))
        return
    case = existing.case
    if existing.how == "shared facts":
        report.problems.append(
            Problem(
                parsed.line,
                _(
                    "Taken as the other edition of “%(case)s” (%(slug)s): the same project link "
                    "or contact email, and the same SDG targets, countries or period."
                )
                % {"case": case, "slug": case.slug},
                NOTE,
            )
        )
    try:
        with transaction.atomic():
            # One search refresh and one version bump per case, not one per row it writes.
            with catalogue_version.bumps_deferred(), refreshes_deferred():
                _write(parsed, report, plan, case, user=user, apply=apply, source=source)
            if not apply:
                # The dry run goes as far as the checks, then takes nothing with it.
                transaction.set_rollback(True)
    except revisions.RevisionRefused as error:
        report.outcome = REFUSED
        report.problems += [Problem(parsed.line, str(problem), ERROR) for problem in error.problems]
    except (
        ValidationError,
        IntegrityError,
        DatabaseError,
        PermissionDenied,
        StaleCaseError,
        revisions.StaleRevisionError,
    ) as error:
        report.outcome = FAILED
        messages = getattr(error, "messages", None) or [str(error)]
        report.problems += [
            Problem(parsed.line, _("Not imported: %(reason)s") % {"reason": message}, ERROR)
            for message in messages
        ]
    if report.outcome in (REFUSED, FAILED):
        report.case_pk = None if case is None else case.pk


def _resolve(parsed, report, reference, create_organizations):
    language = parsed.language
    labels = layout.BLOCK_LABELS[language]
    countries, regions = [], []
    line = parsed.block_lines.get("countries", parsed.line)
    for match in reference.places(parsed.countries, language):
        if not match.matched:
            report.problems.append(Problem(line, _unknown("country or region", match), NOTE))
        countries += [code for code in match.countries if code not in countries]
        regions += [code for code in match.regions if code not in regions]
    organizations = []
    for key, role in ROLE_KEYS.items():
        line = parsed.block_lines.get(key, parsed.line)
        for match in reference.organizations_of(getattr(parsed, key), language):
            found = list(match.organizations)
            if not found:
                if create_organizations:
                    found = [new_organization(match.written, language)]
                    report.problems.append(
                        Problem(
                            line,
                            _("“%(name)s” (%(label)s) is a new organization: created.")
                            % {"name": match.written, "label": labels[key][0]},
                            NOTE,
                        )
                    )
                else:
                    report.problems.append(
                        Problem(line, _unknown("organization", match, labels[key][0]), NOTE)
                    )
            for organization in found:
                if (role, organization) in organizations:
                    report.problems.append(
                        Problem(
                            line,
                            _("“%(name)s” is listed twice under “%(label)s”: kept once.")
                            % {"name": match.written, "label": labels[key][0]},
                            NOTE,
                        )
                    )
                    continue
                organizations.append((role, organization))
    targets = []
    line = parsed.block_lines.get("sdg_targets", parsed.line)
    for code in parsed.sdg_targets:
        if code in reference.targets:
            targets.append(code)
        else:
            report.problems.append(
                Problem(
                    line,
                    _("“%(code)s” is not an SDG target (they run from 1.1 to 17.19): left out.")
                    % {"code": code},
                    NOTE,
                )
            )
    emails = [contact.emails[0] for contact in parsed.contacts if contact.emails]
    return _Plan(countries, regions, organizations, targets, emails)


def _unknown(kind, match, label=""):
    what = {"organization": _("organization"), "country or region": _("country or region")}[kind]
    values = {"what": what, "name": match.written, "label": label}
    if label:
        message = _("Unknown %(what)s “%(name)s” (%(label)s): left out.") % values
    else:
        message = _("Unknown %(what)s “%(name)s”: left out.") % values
    if match.suggestions:
        separator = "、" if _is_cjk(match.written) else ", "
        message = _("%(message)s Closest known names: %(names)s.") % {
            "message": message,
            "names": separator.join(match.suggestions),
        }
    return message


def _is_cjk(text):
    return bool(re.search(r"[\u3400-\u9fff]", text))


def _save_new_organizations(plan):
    for index, (role, organization) in enumerate(plan.organizations):
        if isinstance(organization, Organization):
            if organization.pk is None:
                organization = save_new(organization)
            plan.organizations[index] = (role, organization.pk)


def _write(parsed, report, plan, case, *, user, apply, source):
    language = parsed.language
    # In a dry run too: the transaction is rolled back, and the checks see real rows.
    _save_new_organizations(plan)
    current = None
    if case is not None:
        revision = active_revision(case) if case.is_past_draft else None
        current = proposed_snapshot(revision) if revision is not None else live_snapshot(case)
    primary = case is None or not any(
        (current.fields.get(localized("title", other)) or "").strip()
        for other in ("zh-hans", "en")
        if other != language
    )
    desired = _desired(parsed, plan, current, language, primary, source, report)
    if case is None:
        report.slug = desired.fields["slug"]
        report.filled = _filled(None, desired)
        _check(Case(publication_status=Case.PublicationStatus.DRAFT), desired)
        report.outcome = NEW
        if apply:
            new_case = _create(desired, user)
            report.case_pk, report.slug = new_case.pk, new_case.slug
        return
    report.slug, report.case_pk = case.slug, case.pk
    report.filled = _filled(current, desired)
    if not report.filled:
        report.outcome = UNCHANGED
        return
    _check(case, desired)
    if case.is_past_draft:
        report.outcome = REVISION
        report.problems.append(
            Problem(
                parsed.line,
                _(
                    "The case is %(status)s: its changes wait for a Publisher's approval as a "
                    "pending revision."
                )
                % {"status": case.get_publication_status_display()},
                NOTE,
            )
        )
        if apply:
            revisions.propose_snapshot(case, desired, user)
        return
    report.outcome = UPDATED
    if apply:
        _update(case, desired, user)


def _check(case, snapshot):
    problems = revisions.snapshot_problems(case, snapshot)
    if problems:
        raise revisions.RevisionRefused(problems)


def _desired(parsed, plan, current, language, primary, source, report):
    if current is None:
        fields = {
            name: Case._meta.get_field(name).get_default()
            for name in REVISION_FIELDS
            if name != "slug"
        }
        english = parsed.title if language == "en" else ""
        fields["slug"] = slug_for(parsed, language, english)
        current = Snapshot(fields, frozenset(), frozenset(), {kind: [] for kind in INLINE_KINDS})
    fields = dict(current.fields)
    texts = {
        "short_name": parsed.heading or parsed.title,
        "title": parsed.title,
        "headline": parsed.headline,
        "challenge": parsed.challenge,
        "solution": parsed.solution,
    }
    for name, value in texts.items():
        fields[localized(name, language)] = value
    if source:
        fields[localized("source", language)] = source
    rows = {kind: list(rows) for kind, rows in current.rows.items()}
    targets, regions = current.sdg_targets, current.regions
    if primary:
        if parsed.status:
            fields["status"] = parsed.status
            # The volume states the status as of its own year ("--source" names it).
            year = publication_year(source)
            if year:
                fields["status_as_of"] = year
        if "period" in parsed.block_lines:
            fields["start_year"], fields["end_year"] = parsed.start_year, parsed.end_year
        targets, regions = frozenset(plan.targets), frozenset(plan.regions)
        rows["countries"] = _rows_by(
            current.rows["countries"],
            [{"country_id": code, "role": "", "order": n} for n, code in enumerate(plan.countries)],
            key=lambda values: values["country_id"],
            keep=("role",),
        )
        rows["organizations"] = _organization_rows(current.rows["organizations"], plan)
        rows["links"] = _rows_by(
            current.rows["links"],
            [{"url": url, "order": n} for n, url in enumerate(parsed.links)],
            key=lambda values: values["url"],
            keep=("label_zh_hans", "label_en"),
        )
    else:
        _report_differences(parsed, plan, current, report)
    rows["contacts"] = _contact_rows(current.rows["contacts"], parsed, language, primary)
    for kind, model in INLINE_KINDS.items():
        defaults = {field.attname: field.get_default() for field in row_fields(model)}
        rows[kind] = [Row(row.key, {**defaults, **row.values}) for row in rows[kind]]
    return Snapshot(fields, targets, regions, rows)


def _rows_by(stored, wanted, *, key, keep=()):
    """Rows with `wanted` values, reusing the key (and `keep` fields) of a stored row that
    has the same identity, so a re-import edits rather than replaces."""
    by_identity = {key(row.values): row for row in stored}
    rows = []
    for values in wanted:
        old = by_identity.pop(key(values), None)
        if old is None:
            rows.append(Row(new_row_key(), values))
        else:
            merged = {**old.values, **{k: v for k, v in values.items() if k not in keep}}
            rows.append(Row(old.key, merged))
    return rows


def _organization_rows(stored, plan):
    orders = {}
    wanted = []
    for role, pk in plan.organizations:
        order = orders.get(role, 0)
        orders[role] = order + 1
        wanted.append({"organization_id": pk, "role": role, "order": order})
    return _rows_by(stored, wanted, key=lambda values: (values["organization_id"], values["role"]))


def _contact_rows(stored, parsed, language, primary):
    honorific, job_title = localized("honorific", language), localized("job_title", language)
    remaining = list(stored)
    rows = []
    for order, contact in enumerate(parsed.contacts):
        email = contact.emails[0] if contact.emails else ""
        old = next(
            (
                row
                for row in remaining
                if email and (row.values.get("email") or "").casefold() == email.casefold()
            ),
            None,
        ) or next(
            (
                row
                for row in remaining
                if row.values.get("name", "").casefold() == contact.name.casefold()
            ),
            None,
        )
        values = {honorific: contact.honorific, job_title: contact.job_title}
        if old is None:
            values = {
                "name": contact.name,
                "email": email,
                "order": order,
                "honorific_zh_hans": "",
                "honorific_en": "",
                "job_title_zh_hans": "",
                "job_title_en": "",
                **values,
            }
            rows.append(Row(new_row_key(), values))
            continue
        remaining.remove(old)
        merged = {**old.values, **values}
        if primary:
            merged.update(name=contact.name, email=email or old.values.get("email"), order=order)
        rows.append(Row(old.key, merged))
    if not primary:
        rows += remaining  # the other edition's contacts stay
    return rows


def _report_differences(parsed, plan, current, report):
    """The other edition's block disagrees with the case: say so, keep the case's."""
    differences = []
    if plan.targets and frozenset(plan.targets) != current.sdg_targets:
        differences.append(layout.BLOCK_LABELS[parsed.language]["sdg_targets"][0])
    stored_countries = {row.values["country_id"] for row in current.rows["countries"]}
    if plan.countries and set(plan.countries) != stored_countries:
        differences.append(layout.BLOCK_LABELS[parsed.language]["countries"][0])
    period = (current.fields.get("start_year"), current.fields.get("end_year"))
    if "period" in parsed.block_lines and period != (parsed.start_year, parsed.end_year):
        differences.append(layout.BLOCK_LABELS[parsed.language]["period"][0])
    if differences:
        report.problems.append(
            Problem(
                parsed.block_lines.get("project_name", parsed.line),
                _(
                    "This edition's %(labels)s differ from the case's, which the other "
                    "language's edition set: the case's are kept."
                )
                % {"labels": ", ".join(differences)},
                NOTE,
            )
        )


def _filled(current, desired):
    """Names of what `desired` changes in `current` (everything it has, for a new case)."""
    if current is None:
        names = [name for name, value in desired.fields.items() if value not in (None, "")]
        names = [n for n in names if n not in ("status", "modality", "slug")]
        names += [name for name in ("sdg_targets", "regions") if desired.m2m(name)]
        return names + [kind for kind, rows in desired.rows.items() if rows]
    names = [
        name
        for name in desired.fields
        if not same_value(current.fields.get(name), desired.fields.get(name))
    ]
    names += [name for name in ("sdg_targets", "regions") if current.m2m(name) != desired.m2m(name)]
    for kind in INLINE_KINDS:
        if _row_content(current.rows[kind]) != _row_content(desired.rows[kind]):
            names.append(kind)
    return names


def _row_content(rows):
    """Rows as comparable values, whatever their order (the stored order is by role)."""
    return sorted(
        repr(sorted((name, value or None) for name, value in row.values.items())) for row in rows
    )


def _write_related(snapshot, user):
    def write(case):
        case.sdg_targets.set(snapshot.sdg_targets)
        case.regions.set(snapshot.regions)
        apply_inline_steps(inline_plan_to(case, snapshot), user)

    return write


def _create(snapshot, user):
    case = Case(**snapshot.fields, publication_status=Case.PublicationStatus.DRAFT)
    case.full_clean(exclude=["search_document", "search_english"])
    case.skip_history_when_saving = True
    try:
        case.save()
        _write_related(snapshot, user)(case)
    finally:
        del case.skip_history_when_saving
    record_case_history(case, user=user, reason=REASON_IMPORTED, history_type="+")
    return case


def _update(case, snapshot, user):
    save_locked(
        case,
        user=user,
        reason=REASON_IMPORTED,
        expected_version=None,
        values=snapshot.fields,
        after_save=_write_related(snapshot, user),
    )
