"""Writes to cases: saving with an optimistic lock, the editorial workflow and restores.

Every write to a case goes through here so that three rules hold everywhere:

- **No lost updates.** A save names the version it was based on; `claim_version` raises the
  version in one `UPDATE ... WHERE version = expected`, so of two saves based on the same version
  exactly one wins (on PostgreSQL the second waits for the first to commit, then matches no row).
- **One history record per save.** The admin saves the case, then its M2M fields and inlines;
  simple_history would write a record for the case save and more for each M2M change. Saves here
  switch those off and write one record at the end (`record_case_history`), after the inlines,
  so a record is the state of the whole case "as saved". Rows loaded from fixtures have no
  history of their own: the first write records their state first (`ensure_baseline_history`),
  so even the shipped state can be compared and restored.
- **Validation with messages an editor understands**, in the editor's language.

History is also read here (what changed between two versions): the conflict message and the
restore both need it, and it must describe exactly what a restore would write.
"""

import dataclasses
import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.translator import NotRegistered, translator

from .models import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    Case,
    CaseCountry,
    CaseLink,
    CaseOrganization,
    Contact,
    Country,
    Organization,
    Region,
    SdgTarget,
)

PUBLISH_PERMISSION = "cases.publish_case"
DRAFT = Case.PublicationStatus.DRAFT
REVIEW = Case.PublicationStatus.REVIEW
PUBLISHED = Case.PublicationStatus.PUBLISHED

LANGUAGE_SUFFIXES = [code.replace("-", "_") for code, _name in settings.LANGUAGES]

# What an editor writes, in form order: compared on the history page, written back by a restore.
# Publication fields are left out of restores on purpose: restoring old text must not publish or
# unpublish a case (that needs the publish permission and goes through the workflow).
TRANSLATED_COLUMNS = [
    f"{field}_{suffix}" for field in Case.TRANSLATED_FIELDS for suffix in LANGUAGE_SUFFIXES
]
CONTENT_FIELDS = ["slug", *TRANSLATED_COLUMNS, "status", "start_year", "end_year", "modality"]
COMPARED_FIELDS = [*CONTENT_FIELDS, "publication_status", "published_at", "reviewed_at"]
M2M_FIELDS = ["sdg_targets", "regions"]
INLINE_MODELS = [CaseCountry, CaseOrganization, Contact, CaseLink]

# history_change_reason values (stored in English-free keys, shown translated).
REASON_BASELINE = "baseline"
REASON_REVIEW = "review"
REASON_PUBLISHED = "published"
REASON_UNPUBLISHED = "unpublished"
REASON_REVIEWED = "reviewed"
REASON_RESTORED = "restored"  # stored as "restored:<history_id>"
WORKFLOW_REASONS = [REASON_REVIEW, REASON_PUBLISHED, REASON_UNPUBLISHED, REASON_REVIEWED]

REVIEW_INTERVAL_YEARS = 2

INVALID_URL_MESSAGE = gettext_lazy(
    "Enter a full web address that starts with http:// or https://, such as https://www.ilo.org/."
)
INVALID_EMAIL_MESSAGE = gettext_lazy("Enter an email address such as name@example.org.")


class StaleCaseError(Exception):
    """The case was saved by someone else since `expected_version` was read."""

    def __init__(self, case_pk, expected_version):
        super().__init__(f"Case {case_pk} is no longer at version {expected_version}.")
        self.case_pk = case_pk
        self.expected_version = expected_version


# -- validation --------------------------------------------------------------------------------


def _admin_link(case):
    url = reverse("admin:cases_case_change", args=[case.pk])
    return format_html('<a href="{}">{}</a>', url, str(case) or case.slug)


def case_problems(
    *,
    pk,
    slug,
    titles,
    start_year,
    end_year,
    publication_status,
    sdg_target_count,
    check_duplicates=True,
):
    """What is wrong with a case's values, as {field name: [message, ...]} (empty: all fine).

    `titles` maps a language suffix ("zh_hans", "en") to the title in that language. Rules that
    apply "before review" apply whenever the case is in review or published.
    """
    problems = {}

    def add(field, message):
        problems.setdefault(field, []).append(message)

    for field, year in (("start_year", start_year), ("end_year", end_year)):
        if year is not None and not EARLIEST_YEAR <= year <= LATEST_YEAR:
            add(
                field,
                _("Enter a year between %(earliest)s and %(latest)s.")
                % {"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
            )
    if (
        "start_year" not in problems
        and "end_year" not in problems
        and start_year is not None
        and end_year is not None
        and end_year < start_year
    ):
        add("end_year", _("The end year must not be before the start year."))

    titles = {suffix: (title or "").strip() for suffix, title in titles.items()}
    if not any(titles.values()):
        add("title_zh_hans", _("Give the case a title, in Chinese or in English."))
    if publication_status != DRAFT:
        if not titles.get("zh_hans"):
            add("title_zh_hans", _("A case needs a Chinese title before review."))
        if not sdg_target_count:
            add("sdg_targets", _("A case needs at least one SDG target before review."))

    if not check_duplicates:
        return problems
    others = Case.objects.exclude(pk=pk) if pk else Case.objects.all()
    if slug:
        existing = others.filter(slug=slug).first()
        if existing:
            add(
                "slug",
                mark_safe(
                    escape(_("Another case already uses the address “%(slug)s”: %(link)s."))
                    % {"slug": escape(slug), "link": _admin_link(existing)}
                ),
            )
    for suffix, title in titles.items():
        if not title:
            continue
        same_title = Q()
        for other_suffix in LANGUAGE_SUFFIXES:
            same_title |= Q(**{f"title_{other_suffix}__iexact": title})
        existing = others.filter(same_title).first()
        if existing:
            add(
                f"title_{suffix}",
                mark_safe(
                    escape(_("Another case already has the title “%(title)s”: %(link)s."))
                    % {"title": escape(title), "link": _admin_link(existing)}
                ),
            )
    return problems


def review_problems(case):
    """Why `case`, as stored, may not go to review or be published (empty list: it may)."""
    problems = case_problems(
        pk=case.pk,
        slug=None,
        titles={"zh_hans": case.title_zh_hans, "en": case.title_en},
        start_year=case.start_year,
        end_year=case.end_year,
        publication_status=REVIEW,
        sdg_target_count=case.sdg_targets.count(),
        check_duplicates=False,  # refused when the case was saved
    )
    return [
        message
        for field in ("title_zh_hans", "sdg_targets", "start_year", "end_year")
        for message in problems.get(field, [])
    ]


# -- permissions -------------------------------------------------------------------------------


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def can_delete_case(user, case=None):
    """Editors may delete drafts and cases in review; only publishers may delete published cases."""
    if not user.has_perm("cases.delete_case"):
        return False
    if case is not None and case.publication_status == PUBLISHED:
        return can_publish(user)
    return True


def delete_case(case, user):
    if not can_delete_case(user, case):
        raise PermissionDenied(_("Only publishers can delete a published case."))
    case._history_user = user
    case.delete()


# -- history: writing --------------------------------------------------------------------------


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


# -- saving with the optimistic lock -----------------------------------------------------------


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


@transaction.atomic
def _save_workflow_change(case, *, user, reason, expected_version, **values):
    ensure_baseline_history(case)
    claim_version(case, case.version if expected_version is None else expected_version)
    for name, value in values.items():
        setattr(case, name, value)
    case.skip_history_when_saving = True
    try:
        case.save()
    finally:
        del case.skip_history_when_saving
    return record_case_history(case, user=user, reason=reason)


# -- the workflow: draft -> in review -> published (-> unpublished: back to draft) -------------

SEND_TO_REVIEW = "send_to_review"
PUBLISH = "publish"
UNPUBLISH = "unpublish"
MARK_REVIEWED = "mark_reviewed"
ACTIONS = [SEND_TO_REVIEW, PUBLISH, UNPUBLISH, MARK_REVIEWED]


def action_permission_problem(user, action):
    """Why `user` may not take `action` at all, or None."""
    if action == PUBLISH and not can_publish(user):
        return _("Only publishers can publish cases.")
    if action == UNPUBLISH and not can_publish(user):
        return _("Only publishers can unpublish cases.")
    if not user.has_perm("cases.change_case"):
        return _("You do not have permission to change cases.")
    return None


def action_problems(case, action):
    """Why `action` cannot be taken on `case` as stored (empty list: it can)."""
    status = case.publication_status
    if action == SEND_TO_REVIEW:
        if status == REVIEW:
            return [_("It is already in review.")]
        if status == PUBLISHED:
            return [_("It is already published.")]
        return review_problems(case)
    if action == PUBLISH:
        if status == PUBLISHED:
            return [_("It is already published.")]
        return review_problems(case)
    if action == UNPUBLISH and status != PUBLISHED:
        return [_("It is not published.")]
    return []


def _take_action(case, user, action, expected_version, reason, **values):
    denied = action_permission_problem(user, action)
    if denied:
        raise PermissionDenied(denied)
    problems = action_problems(case, action)
    if problems:
        raise ValidationError(problems)
    return _save_workflow_change(
        case, user=user, reason=reason, expected_version=expected_version, **values
    )


def send_to_review(case, user, *, expected_version=None):
    return _take_action(
        case, user, SEND_TO_REVIEW, expected_version, REASON_REVIEW, publication_status=REVIEW
    )


def publish(case, user, *, expected_version=None):
    """Publish `case`: a publisher has checked it, so it also counts as reviewed today.

    The first publication date is kept when a case is published again.
    """
    return _take_action(
        case,
        user,
        PUBLISH,
        expected_version,
        REASON_PUBLISHED,
        publication_status=PUBLISHED,
        published_at=case.published_at or timezone.now(),
        reviewed_at=timezone.localdate(),
    )


def unpublish(case, user, *, expected_version=None):
    """Take `case` off the public site; it goes back to draft for the editors."""
    return _take_action(
        case, user, UNPUBLISH, expected_version, REASON_UNPUBLISHED, publication_status=DRAFT
    )


def mark_reviewed(case, user, *, expected_version=None):
    """An editor checked that the case is still accurate today."""
    return _take_action(
        case,
        user,
        MARK_REVIEWED,
        expected_version,
        REASON_REVIEWED,
        reviewed_at=timezone.localdate(),
    )


def take_action(case, user, action, *, expected_version=None):
    functions = {
        SEND_TO_REVIEW: send_to_review,
        PUBLISH: publish,
        UNPUBLISH: unpublish,
        MARK_REVIEWED: mark_reviewed,
    }
    return functions[action](case, user, expected_version=expected_version)


# -- freshness ---------------------------------------------------------------------------------


def review_due_date(today=None):
    """Cases last reviewed before this date (or never) are due for review."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - REVIEW_INTERVAL_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - REVIEW_INTERVAL_YEARS, day=28)


def is_review_overdue(case, today=None):
    return case.reviewed_at is None or case.reviewed_at < review_due_date(today)


# -- history: reading --------------------------------------------------------------------------


@dataclasses.dataclass
class FieldChange:
    field: str
    old: str
    new: str
    name: str = ""
    old_value: object = None
    new_value: object = None


@dataclasses.dataclass
class InlineChange:
    kind: str
    item: str
    action: str
    changes: list


@dataclasses.dataclass
class HistoryEntry:
    record: object
    reason: str
    changes: list
    inline_changes: list
    is_first: bool


def _translated_base_fields(model):
    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def display_value(model, name, value):
    if value is None or value == "":
        return "—"
    field = model._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    text = str(value)
    return text if len(text) <= 300 else text[:300] + "…"


class _M2MValues:
    """The targets and regions of many history records, in two queries."""

    def __init__(self, records):
        historical_model = Case.history.model
        ids = [record.history_id for record in records]
        self.values = {}
        for field in M2M_FIELDS:
            m2m_history_model = getattr(historical_model, field).model
            column = "sdgtarget_id" if field == "sdg_targets" else "region_id"
            for history_id, value in m2m_history_model.objects.filter(
                history_id__in=ids
            ).values_list("history_id", column):
                self.values.setdefault((history_id, field), set()).add(value)
        self.target_positions = dict(SdgTarget.objects.values_list("code", "position"))
        self.region_names = {region.code: str(region) for region in Region.objects.all()}

    def get(self, record, field):
        return self.values.get((record.history_id, field), set())

    def display(self, field, values):
        if not values:
            return "—"
        if field == "sdg_targets":
            return ", ".join(sorted(values, key=lambda code: self.target_positions.get(code, 0)))
        return ", ".join(self.region_names.get(code, code) for code in sorted(values))


def _field_change(name, before, after, m2m=None):
    if m2m is not None:
        old_text, new_text = m2m.display(name, before), m2m.display(name, after)
    else:
        old_text, new_text = display_value(Case, name, before), display_value(Case, name, after)
    return FieldChange(_label(Case, name), old_text, new_text, name, before, after)


def _field_changes(old, new, m2m, names=COMPARED_FIELDS):
    changes = []
    for name in names:
        before, after = getattr(old, name), getattr(new, name)
        if (before or None) != (after or None):
            changes.append(_field_change(name, before, after))
    for name in M2M_FIELDS:
        before, after = m2m.get(old, name), m2m.get(new, name)
        if before != after:
            changes.append(_field_change(name, before, after, m2m))
    return changes


def _describe_inline(record):
    model = getattr(record, "instance_type", type(record))
    if model is CaseCountry:
        text = str(record.country)
    elif model is CaseOrganization:
        text = f"{record.organization} ({record.get_role_display()})"
    elif model is Contact:
        text = record.name
    else:
        text = record.label_zh_hans or record.label_en or record.url
    return text


def _inline_field_changes(old, new):
    model = new.instance_type
    skip = {"id", "case"} | _translated_base_fields(model)
    changes = []
    for field in model._meta.concrete_fields:
        if field.name in skip:
            continue
        before, after = getattr(old, field.attname), getattr(new, field.attname)
        if (before or None) == (after or None):
            continue
        if field.is_relation:
            before = getattr(old, field.name) if before else None
            after = getattr(new, field.name) if after else None
        changes.append(
            FieldChange(
                _label(model, field.name),
                display_value(model, field.name, before),
                display_value(model, field.name, after),
            )
        )
    return changes


def _inline_records(case_pk, after=None, until=None):
    """History records of the case's inlines, oldest first, each with `.previous` set."""
    records = []
    for model in INLINE_MODELS:
        historical_model = model.history.model
        related = [
            field.name
            for field in model._meta.concrete_fields
            if field.is_relation and field.name != "case"
        ]
        queryset = historical_model.objects.filter(case_id=case_pk).select_related(
            "history_user", *related
        )
        previous = {}
        for record in queryset.order_by("history_date", "history_id"):
            record.previous = previous.get(record.id)
            previous[record.id] = record
            if (after is None or record.history_date > after) and (
                until is None or record.history_date <= until
            ):
                records.append(record)
    records.sort(key=lambda record: record.history_date)
    return records


def _inline_change(record):
    model = record.instance_type
    if record.history_type == "+":
        action, changes = _("added"), []
    elif record.history_type == "-":
        action, changes = _("removed"), []
    else:
        action = _("changed")
        changes = _inline_field_changes(record.previous, record) if record.previous else []
        if record.previous is not None and not changes:
            return None
    # "Country" and "Organization" read better than the link tables' "case country" names.
    kind = {CaseCountry: Country, CaseOrganization: Organization}.get(model, model)
    return InlineChange(
        capfirst(kind._meta.verbose_name), _describe_inline(record), action, changes
    )


def reason_display(reason, records_by_id=None):
    if not reason:
        return ""
    if reason.startswith(REASON_RESTORED + ":"):
        history_id = reason.split(":", 1)[1]
        restored = (records_by_id or {}).get(int(history_id)) if history_id.isdigit() else None
        if restored is None:
            return _("Restored an earlier version")
        return _("Restored the version of %(date)s") % {
            "date": date_format(timezone.localtime(restored.history_date), "DATETIME_FORMAT")
        }
    labels = {
        REASON_BASELINE: _("State before the first recorded change"),
        REASON_REVIEW: _("Sent to review"),
        REASON_PUBLISHED: _("Published"),
        REASON_UNPUBLISHED: _("Unpublished"),
        REASON_REVIEWED: _("Marked as reviewed"),
    }
    return labels.get(reason, reason)


def case_history(case):
    """Every recorded version of the case, newest first, each with what changed since the one
    before it: its own fields, targets and regions, and its inlines."""
    records = list(
        Case.history.filter(id=case.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    m2m = _M2MValues(records)
    inline_records = [
        record
        for record in _inline_records(case.pk)
        if record.history_change_reason != REASON_BASELINE
    ]
    records_by_id = {record.history_id: record for record in records}
    entries = []
    for index, record in enumerate(records):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = _field_changes(older, record, m2m) if older else []
        window = [
            inline
            for inline in inline_records
            if (older is None or inline.history_date > older.history_date)
            and inline.history_date <= record.history_date
        ]
        entries.append(
            HistoryEntry(
                record=record,
                reason=reason_display(record.history_change_reason, records_by_id),
                changes=changes,
                inline_changes=[c for c in map(_inline_change, window) if c is not None],
                is_first=older is None,
            )
        )
    return entries


@dataclasses.dataclass
class Conflict:
    """What was saved after the version an editor opened."""

    editors: list
    saved_at: object
    base: object  # the history record of the opened version (None if not recorded)
    field_changes: list
    inline_changes: list


def changes_since(case, version):
    """What others saved after `version` of `case` (compares its record with the newest)."""
    records = list(
        Case.history.filter(id=case.pk, version__gte=version)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    base = next((r for r in reversed(records) if r.version == version), None)
    later = [r for r in records if r.version > version]
    if not later:
        return Conflict([], None, base, [], [])
    newest = later[-1]
    editors = []
    for record in later:
        name = record.history_user.get_username() if record.history_user else _("someone")
        if name not in editors:
            editors.append(name)
    if base is None:
        return Conflict(editors, newest.history_date, None, [], [])
    m2m = _M2MValues([base, newest])
    inline_changes = [
        change
        for change in map(
            _inline_change,
            [
                record
                for record in _inline_records(case.pk, after=base.history_date)
                if record.history_change_reason != REASON_BASELINE
            ],
        )
        if change is not None
    ]
    return Conflict(
        editors, newest.history_date, base, _field_changes(base, newest, m2m), inline_changes
    )


def compare_with_current(case, record):
    """What restoring `record` would change in the case as it is now (a list of FieldChange)."""
    current = Case.objects.get(pk=case.pk)
    m2m = _M2MValues([record])
    changes = []
    for name in CONTENT_FIELDS:
        before, after = getattr(current, name), getattr(record, name)
        if (before or None) != (after or None):
            changes.append(_field_change(name, before, after))
    current_m2m = {
        "sdg_targets": set(current.sdg_targets.values_list("code", flat=True)),
        "regions": set(current.regions.values_list("code", flat=True)),
    }
    for name in M2M_FIELDS:
        before, after = current_m2m[name], m2m.get(record, name)
        if before != after:
            changes.append(_field_change(name, before, after, m2m))
    return changes


# -- restore -----------------------------------------------------------------------------------


@dataclasses.dataclass
class InlineRestoreStep:
    model: type
    action: str  # "delete", "insert" or "update"
    obj: object  # the current row (delete, update) or the history record (insert)
    values: dict


def _inline_restore_plan(case, as_of):
    """What putting the case's contacts, links, countries and organizations back as they were
    at `as_of` takes. Rows with no record at or before `as_of` were added later: removed."""
    steps = []
    for model in INLINE_MODELS:
        historical_model = model.history.model
        skip = {"id"} | _translated_base_fields(model)
        state_at, recorded = {}, set()
        records = historical_model.objects.filter(case_id=case.pk).order_by(
            "history_date", "history_id"
        )
        for record in records:
            # A baseline is the state the row had since before anything was recorded.
            is_baseline = record.id not in recorded and (
                record.history_change_reason == REASON_BASELINE
            )
            recorded.add(record.id)
            if record.history_date <= as_of or is_baseline:
                state_at[record.id] = record
        existed = {pk: r for pk, r in state_at.items() if r.history_type != "-"}
        current = {obj.pk: obj for obj in model.objects.filter(case_id=case.pk)}

        for pk, obj in current.items():
            # Rows with no record at all are left alone: nothing says when they appeared.
            if pk not in existed and pk in recorded:
                steps.append(InlineRestoreStep(model, "delete", obj, {}))
        for pk, record in existed.items():
            values = {
                field.attname: getattr(record, field.attname)
                for field in model._meta.concrete_fields
                if field.name not in skip
            }
            obj = current.get(pk)
            if obj is None:
                steps.append(InlineRestoreStep(model, "insert", record, values))
            elif any(getattr(obj, name) != value for name, value in values.items()):
                steps.append(InlineRestoreStep(model, "update", obj, values))
    return steps


def _restore_inlines(case, as_of, user):
    steps = _inline_restore_plan(case, as_of)
    # Deletions first, so that a row put back does not collide with one added since.
    for step in sorted(steps, key=lambda step: step.action != "delete"):
        if step.action == "delete":
            step.obj._history_user = user
            step.obj.delete()
        elif step.action == "insert":
            obj = step.model(pk=step.obj.id, **step.values)
            obj._history_user = user
            obj.save(force_insert=True)
        else:
            for name, value in step.values.items():
                setattr(step.obj, name, value)
            step.obj._history_user = user
            step.obj.save()


def inline_changes_of_restore(case, record):
    """What restoring `record` would do to the case's inlines, as InlineChange items."""
    changes = []
    for step in _inline_restore_plan(case, record.history_date):
        model = step.model
        kind = {CaseCountry: Country, CaseOrganization: Organization}.get(model, model)
        if step.action == "insert":
            item, action, details = _describe_inline(step.obj), _("put back"), []
        elif step.action == "delete":
            item, action, details = _describe_inline(step.obj), _("removed"), []
        else:
            item, action = _describe_inline(step.obj), _("changed back")
            details = []
            for field in model._meta.concrete_fields:
                if field.attname not in step.values:
                    continue
                before, after = getattr(step.obj, field.attname), step.values[field.attname]
                if (before or None) == (after or None):
                    continue
                if field.is_relation:
                    related = field.related_model._default_manager
                    before = related.filter(pk=before).first() if before else None
                    after = related.filter(pk=after).first() if after else None
                details.append(
                    FieldChange(
                        _label(model, field.name),
                        display_value(model, field.name, before),
                        display_value(model, field.name, after),
                    )
                )
        changes.append(InlineChange(capfirst(kind._meta.verbose_name), item, action, details))
    return changes


def restore_version(case, history_id, user, *, expected_version=None):
    """Make `case` look as it did in history record `history_id`, and record that as a change.

    Restores the case's own fields, its targets and regions, and its inlines. The publication
    status, publication date and review date stay as they are.
    """
    if not user.has_perm("cases.change_case"):
        raise PermissionDenied(_("You do not have permission to change cases."))
    record = Case.history.filter(id=case.pk, history_id=history_id).first()
    if record is None:
        raise ValidationError(_("There is no such version of this case."))
    m2m = _M2MValues([record])
    problems = case_problems(
        pk=case.pk,
        slug=record.slug,
        titles={suffix: getattr(record, f"title_{suffix}") for suffix in LANGUAGE_SUFFIXES},
        start_year=record.start_year,
        end_year=record.end_year,
        publication_status=case.publication_status,
        sdg_target_count=len(m2m.get(record, "sdg_targets")),
    )
    if problems:
        raise ValidationError([message for messages in problems.values() for message in messages])

    try:
        with transaction.atomic():
            ensure_baseline_history(case)
            claim_version(case, case.version if expected_version is None else expected_version)
            for name in CONTENT_FIELDS:
                setattr(case, name, getattr(record, name))
            case.skip_history_when_saving = True
            try:
                case.save()
                case.sdg_targets.set(m2m.get(record, "sdg_targets"))
                case.regions.set(m2m.get(record, "regions"))
            finally:
                del case.skip_history_when_saving
            _restore_inlines(case, record.history_date, user)
            return record_case_history(
                case, user=user, reason=f"{REASON_RESTORED}:{record.history_id}"
            )
    except IntegrityError as error:
        raise ValidationError(
            _("This version cannot be restored: it conflicts with the case's current data.")
        ) from error
