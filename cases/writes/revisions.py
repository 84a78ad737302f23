"""Pending revisions of published cases: propose, approve, send back, withdraw.

Nothing here changes what the public sees except `approve`. A case has at most one active
(open or sent back) revision; every write claims the revision's `version` the way
`locking.claim_version` claims a case's, so two editors saving the same revision never
overwrite each other silently.

For code outside the admin (imports, later workflows):

    from cases.writes import revisions
    revision = revisions.propose(
        case, user,
        values={"challenge_en": "..."},                      # any of fields.REVISION_FIELDS
        sdg_targets=["8.5"], regions=["002"],                # codes; None: keep as pending
        rows={"contacts": [{"id": 7, "name": "..."}, {"name": "A new contact"}]},
        expected_revision=None,                              # or the token read earlier
    )

What is not given is taken from the pending revision if there is one, else from the live case
(so a proposal changes only what it names). A row with an `id` edits that stored row; one
without is new; the rows of a kind that is given replace that kind's rows. The values are
checked like the admin form checks them (RevisionRefused lists the problems).

Errors: PermissionDenied, RevisionRefused (with `.problems`), StaleRevisionError (the revision
changed since `expected_revision`), locking.StaleCaseError (approve: the live case changed
since `expected_live_version`). Nothing is written when one is raised.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import rules
from ..fields import INLINE_KINDS, REVISION_FIELDS
from ..models import Case, CaseRevision, Region, SdgTarget
from ..permissions import can_change, can_publish
from ..reads.revisions import active_revision, proposed_snapshot, review_of, revision_token
from ..reads.snapshots import (
    Row,
    Snapshot,
    inline_plan_to,
    live_snapshot,
    new_row_key,
    row_fields,
    stored_row_key,
)
from ..workflow import revision_reason
from .history import ensure_baseline_history
from .inline_rows import apply_inline_steps
from .locking import save_locked
from .review_queue import announce_entered_queue

Status = CaseRevision.Status


class StaleRevisionError(Exception):
    """The revision was saved, reviewed or created by someone else since it was read."""

    def __init__(self, case_pk, expected_token):
        super().__init__(f"The pending revision of case {case_pk} is not {expected_token!r}.")
        self.case_pk = case_pk
        self.expected_token = expected_token


class RevisionRefused(Exception):
    """The revision cannot be saved or approved; `problems` (text or rules.Problem) say why."""

    def __init__(self, problems):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = list(problems)


def claim_revision(revision, expected_version):
    """Raise the revision's stored version from `expected_version` by one, or raise."""
    claimed = CaseRevision.objects.filter(pk=revision.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise StaleRevisionError(revision.case_id, f"{revision.pk}.{expected_version}")
    revision.version = expected_version + 1


def _save_step(revision, user):
    revision._history_user = user if user is not None and user.is_authenticated else None
    revision.save()


def propose_snapshot(case, snapshot, user, *, expected_revision=None):
    """Make `snapshot` the case's pending revision (created, or the active one updated).

    `expected_revision` is the token ("" for none) the caller read; None skips the check.
    A revision that was sent back goes back into the queue. Returns the revision.
    """
    if not can_change(user):
        raise PermissionDenied(_("You do not have permission to change cases."))
    with transaction.atomic():
        ensure_baseline_history(case)  # so that the approval can tell what changed since
        revision = active_revision(case)
        if expected_revision is not None and revision_token(revision) != expected_revision:
            raise StaleRevisionError(case.pk, expected_revision)
        now = timezone.now()
        if revision is None:
            stored_version = Case.objects.values_list("version", flat=True).get(pk=case.pk)
            revision = CaseRevision(
                case=case,
                content=snapshot.to_json(),
                base_version=stored_version,
                proposed_by=user,
                submitted_at=now,
            )
            try:
                with transaction.atomic():
                    _save_step(revision, user)
            except IntegrityError as error:  # another editor created one at the same moment
                raise StaleRevisionError(case.pk, "") from error
            entered = True
        else:
            claim_revision(revision, revision.version)
            entered = revision.status == Status.SENT_BACK
            revision.status = Status.OPEN
            revision.content = snapshot.to_json()
            if entered:
                revision.submitted_at = now
            _save_step(revision, user)
    if entered:
        announce_entered_queue(case, revision=revision, user=user)
    return revision


def propose(case, user, *, values=None, sdg_targets=None, regions=None, rows=None, **options):
    """Propose changes without a form (see the module's docstring); returns the revision."""
    revision = active_revision(case)
    current = proposed_snapshot(revision) if revision is not None else live_snapshot(case)
    unknown = set(values or {}) - set(REVISION_FIELDS)
    if unknown:
        raise RevisionRefused([_("Unknown fields: %(names)s") % {"names": ", ".join(unknown)}])
    snapshot = Snapshot(
        {**current.fields, **(values or {})},
        frozenset(sdg_targets) if sdg_targets is not None else current.sdg_targets,
        frozenset(regions) if regions is not None else current.regions,
        {**current.rows, **{kind: _rows(kind, given) for kind, given in (rows or {}).items()}},
    )
    problems = snapshot_problems(case, snapshot)
    if problems:
        raise RevisionRefused(problems)
    return propose_snapshot(case, snapshot, user, **options)


def _rows(kind, given):
    if kind not in INLINE_KINDS:
        raise RevisionRefused([_("Unknown kind of row: %(kind)s") % {"kind": kind}])
    model = INLINE_KINDS[kind]
    rows = []
    for row in given:
        values = {}
        for field in row_fields(model):
            value = row.get(field.attname, row.get(field.name, field.get_default()))
            values[field.attname] = getattr(value, "pk", value)
        key = stored_row_key(row["id"]) if row.get("id") else new_row_key()
        rows.append(Row(key, values))
    return rows


def _validation_messages(error):
    return [message for messages in error.message_dict.values() for message in messages]


def snapshot_problems(case, snapshot):
    """What the admin form would refuse in `snapshot` (field checks, the case rules, codes)."""
    probe = Case(pk=case.pk, publication_status=case.publication_status, **snapshot.fields)
    problems = []
    try:
        probe.clean_fields(
            exclude=[f.name for f in Case._meta.fields if f.name not in REVISION_FIELDS]
        )
    except ValidationError as error:
        problems += _validation_messages(error)
    if SdgTarget.objects.filter(code__in=snapshot.sdg_targets).count() != len(snapshot.sdg_targets):
        problems.append(_("An SDG target code is unknown."))
    if Region.objects.filter(code__in=snapshot.regions).count() != len(snapshot.regions):
        problems.append(_("A region code is unknown."))
    for kind, rows in snapshot.rows.items():
        for row in rows:
            try:
                INLINE_KINDS[kind](case=case, **row.values).clean_fields(exclude=["case"])
            except ValidationError as error:
                problems += _validation_messages(error)
    problems += _rule_problems(case, snapshot)
    # A field's own validator and a case rule may say the same thing: say it once.
    unique = {}
    for problem in problems:
        unique.setdefault(str(problem), problem)
    return list(unique.values())


def _rule_problems(case, snapshot):
    probe = Case(pk=case.pk, **snapshot.fields)
    return rules.case_problems(
        probe,
        past_draft=case.is_past_draft,
        target_count=len(snapshot.sdg_targets),
        other_cases=Case.objects.exclude(pk=case.pk),
    )


def _active_for_update(revision, expected_version):
    """The revision as stored, claimed from `expected_version` (None: as it is now)."""
    stored = CaseRevision.objects.select_related("case").get(pk=revision.pk)
    if not stored.is_active:
        raise RevisionRefused([_("These changes are no longer pending.")])
    claim_revision(stored, stored.version if expected_version is None else expected_version)
    return stored


def approve(
    revision, user, *, expected_revision_version=None, expected_live_version=None, rebase=True
):
    """Apply the revision to the live case in one locked save; returns the history record.

    If the live case was saved since the revision was started, its changes are kept wherever
    the revision did not touch the same thing (`reads.revisions.review_of`); `rebase=False`
    refuses instead (for "save and publish now", which shows no difference first).
    """
    if not can_publish(user):
        raise PermissionDenied(_("Only publishers can approve changes."))
    with transaction.atomic():
        revision = _active_for_update(revision, expected_revision_version)
        review = review_of(revision)
        if review.live_changed and not rebase:
            raise RevisionRefused(
                [_("the published case was changed after these changes were started.")]
            )
        snapshot, case = review.to_apply, review.case
        problems = _rule_problems(case, snapshot)
        if problems:
            raise RevisionRefused(problems)

        def write_related(case):
            case.sdg_targets.set(snapshot.sdg_targets)
            case.regions.set(snapshot.regions)
            apply_inline_steps(inline_plan_to(case, snapshot), user)

        try:
            with transaction.atomic():
                record = save_locked(
                    case,
                    user=user,
                    reason=revision_reason(revision.pk),
                    expected_version=expected_live_version,
                    values=snapshot.fields,
                    after_save=write_related,
                )
        except IntegrityError as error:
            raise RevisionRefused(
                [_("These changes cannot be applied: they conflict with the case's current data.")]
            ) from error
        _close(revision, user, Status.APPROVED)
    return record


def _close(revision, user, status, comment=None):
    revision.status = status
    revision.reviewed_by = user
    revision.reviewed_at = timezone.now()
    if comment is not None:
        revision.comment = comment
    _save_step(revision, user)


def send_back(revision, user, comment, *, expected_revision_version=None):
    """Return the revision to the editors with a comment (required); the live case stays."""
    if not can_publish(user):
        raise PermissionDenied(_("Only publishers can send changes back."))
    comment = (comment or "").strip()
    if not comment:
        raise RevisionRefused([_("Say what should change: the comment is required.")])
    with transaction.atomic():
        revision = _active_for_update(revision, expected_revision_version)
        _close(revision, user, Status.SENT_BACK, comment)
    return revision


def withdraw(revision, user, *, expected_revision_version=None):
    """Discard the pending changes (they stay in the revision's history)."""
    if not can_change(user):
        raise PermissionDenied(_("You do not have permission to change cases."))
    with transaction.atomic():
        revision = _active_for_update(revision, expected_revision_version)
        _close(revision, user, Status.WITHDRAWN)
    return revision
