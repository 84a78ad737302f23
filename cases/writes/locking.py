"""Saving a case without lost updates (optimistic locking).

A save names the version it was based on; `claim_version` raises the version in one
`UPDATE ... WHERE version = expected`, so of two saves based on the same version exactly one
wins (on PostgreSQL the second waits for the first to commit, then matches no row).
"""

from django.db.models import F

from ..models import Case
from .history import ensure_baseline_history, record_case_history


class StaleCaseError(Exception):
    """The case was saved by someone else since `expected_version` was read."""

    def __init__(self, case_pk, expected_version):
        super().__init__(f"Case {case_pk} is no longer at version {expected_version}.")
        self.case_pk = case_pk
        self.expected_version = expected_version


def claim_version(case, expected_version):
    """Raise the stored version from `expected_version` by one, or raise StaleCaseError.

    Call inside a transaction, before writing the case's other fields.
    """
    claimed = Case.objects.filter(pk=case.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise StaleCaseError(case.pk, expected_version)
    case.version = expected_version + 1


def begin_case_save(case, *, expected_version):
    """Before an edited case is saved: record the old state if needed, then take the version.

    The caller then saves the case, its M2M fields and inlines, and calls `finish_case_save`.
    History for the case itself is switched off until then, so one save makes one record.
    """
    if case.pk is not None and not case._state.adding:
        ensure_baseline_history(case)
        claim_version(case, expected_version)
    case.skip_history_when_saving = True


def finish_case_save(case, *, user, created):
    if hasattr(case, "skip_history_when_saving"):
        del case.skip_history_when_saving
    return record_case_history(case, user=user, history_type="+" if created else "~")


def save_locked(case, *, user, reason, expected_version, values, after_save=None):
    """Set `values` on `case`, save it under the lock and record one history entry.

    `after_save(case)` writes what belongs to the same change (targets, inlines) before the
    record is taken. Call inside a transaction.
    """
    ensure_baseline_history(case)
    claim_version(case, case.version if expected_version is None else expected_version)
    for name, value in values.items():
        setattr(case, name, value)
    case.skip_history_when_saving = True
    try:
        case.save()
        if after_save is not None:
            after_save(case)
    finally:
        del case.skip_history_when_saving
    return record_case_history(case, user=user, reason=reason)
