"""Writing the edit history: one record per save, and a baseline for rows that have none.

The admin saves the case, then its M2M fields and inlines; simple_history would write a record
for the case save and more for each M2M change. Saves through `cases.writes` switch those off
and write one record at the end (`record_case_history`), after the inlines, so a record is the
state of the whole case "as saved". Rows loaded from fixtures have no history of their own: the
first write records their state first (`ensure_baseline_history`), so even the shipped state can
be compared and restored.
"""

from django.utils import timezone

from ..fields import INLINE_MODELS
from ..models import Case
from ..workflow import REASON_BASELINE


def _history_user(user):
    return user if user is not None and user.is_authenticated else None


def record_case_history(case, *, user=None, reason="", history_type="~", date=None):
    """Write one history record of `case` as it is now, M2M targets and regions included."""
    historical_model = Case.history.model
    record = historical_model(
        history_date=date or timezone.now(),
        history_type=history_type,
        history_user=_history_user(user),
        history_change_reason=reason,
        **{
            field.attname: getattr(case, field.attname) for field in historical_model.tracked_fields
        },
    )
    record.save()
    for field in historical_model._history_m2m_fields:
        through = field.remote_field.through
        m2m_history_model = getattr(historical_model, field.name).model
        rows = through.objects.filter(case_id=case.pk)
        m2m_history_model.objects.bulk_create(
            [
                m2m_history_model(
                    history=record,
                    **{f.attname: getattr(row, f.attname) for f in through._meta.fields},
                )
                for row in rows
            ]
        )
    return record


def ensure_baseline_history(case):
    """Record the stored state of the case and its inlines if nothing about them is recorded yet.

    `loaddata` writes no history for the rows it loads (only records for a case's M2M fields),
    nor does anything that saves with history switched off. Recording the stored state just
    before the first change makes that change visible on the history page and lets editors
    restore the shipped state.
    """
    date = timezone.now()
    if not Case.history.filter(id=case.pk).exists():
        stored = Case.objects.get(pk=case.pk)
        record_case_history(stored, reason=REASON_BASELINE, date=date)
    for model in INLINE_MODELS:
        historical_model = model.history.model
        untracked = list(
            model.objects.filter(case_id=case.pk).exclude(
                pk__in=historical_model.objects.filter(case_id=case.pk).values("id")
            )
        )
        for obj in untracked:
            obj._history_user = None
        if untracked:
            model.history.bulk_history_create(
                untracked, default_change_reason=REASON_BASELINE, default_date=date
            )


def forget_loaddata_history():
    """simple_history records M2M changes even during loaddata, as partial, unattributed rows.

    The shipped data starts with no history; the first edit records a baseline. The M2M rows
    go too: their link to the case record is not a database constraint, so nothing cascades.
    """
    historical_model = Case.history.model
    for field in historical_model._history_m2m_fields:
        getattr(historical_model, field.name).model.objects.all().delete()
    Case.history.all().delete()
