"""The change form's side of pending revisions, conflicts and soft locks.

For each change-form request a `SavePlan` decides what the form edits and where a save goes:
- a draft or a case in review: the case itself, as before;
- a published case, for an Editor: its pending revision (created by the first save);
- a published case, for a Publisher: "Save and publish now" writes the case (or, when a
  revision is pending, saves it and approves it), "Save as a revision for review" saves the
  revision only.
While a revision is pending, the form shows the revision's values, bound like a re-shown form.

It also decides whether the save is stale (someone saved the case or the revision since the
form was opened) and then merges the inline rows (`conflict_merge`). `RevisionAdminMixin`
wires all this into CaseAdmin.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from ..fields import INLINE_KINDS, REVISION_FIELDS
from ..models import Case
from ..permissions import can_publish
from ..reads.conflicts import (
    changes_since,
    conflict_snapshots,
    no_conflict_details,
    revision_changes_since,
)
from ..reads.presence import others_with_case_open
from ..reads.revisions import active_revision, proposed_snapshot, revision_token
from ..reads.snapshots import Row, Snapshot, live_snapshot
from ..writes.locking import StaleCaseError
from ..writes.presence import mark_open
from ..writes.revisions import RevisionRefused, StaleRevisionError, approve, propose_snapshot
from . import conflict_merge
from .presenters import case_change_url, presence_text, problem_html

SAVE_AS_REVISION = "_save_as_revision"
_UNSET = object()


def parse_version(raw):
    raw = (raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


class SavePlan:
    """What one change-form request edits, and what its save does."""

    def __init__(self, request, case):
        self.request, self.case = request, case
        self.is_post = request.method == "POST"
        exists = case is not None and case.pk is not None
        self.revision = active_revision(case) if exists else None
        self.published = exists and case.is_published
        self.may_publish = can_publish(request.user)
        self.shows_revision = self.published and self.revision is not None
        asked_for_revision = self.is_post and SAVE_AS_REVISION in request.POST
        self.to_revision = self.published and (
            self.revision is not None or not self.may_publish or asked_for_revision
        )
        self.approve_after = self.to_revision and self.may_publish and not asked_for_revision
        self.saved_revision = None
        self.approval_problems = []
        self.row_conflicts = []  # RowConflictView items, for the template
        self._conflict = _UNSET

    # -- staleness -------------------------------------------------------------------------------

    def current_tokens(self):
        version = Case.objects.filter(pk=self.case.pk).values_list("version", flat=True).first()
        return {"expected_version": version, "expected_revision": revision_token(self.revision)}

    def stale_conflict(self):
        """The Conflict that makes this POST stale (with both sides' content), or None."""
        if self._conflict is _UNSET:
            self._conflict = self._find_conflict() if self.is_post else None
        return self._conflict

    def _find_conflict(self):
        posted = self.request.POST
        expected_version = parse_version(posted.get("expected_version"))
        tokens = self.current_tokens()
        if self.to_revision:
            token = posted.get("expected_revision", "")
            if token != tokens["expected_revision"]:
                return revision_changes_since(self.case, token, expected_version)
            if token:
                return None
        if expected_version == tokens["expected_version"]:
            return None
        if expected_version is None:
            return no_conflict_details()
        return conflict_snapshots(self.case, changes_since(self.case, expected_version))

    def current_snapshot(self):
        """What "their version" of a row is when an editor chooses it."""
        if self.to_revision and self.revision is not None:
            return proposed_snapshot(self.revision)
        return live_snapshot(self.case)

    # -- the form's data -----------------------------------------------------------------------

    def case_form_data(self):
        """The revision's values as the case form posts them (to show them bound)."""
        snapshot = proposed_snapshot(self.revision)
        data = QueryDict(mutable=True)
        for name in REVISION_FIELDS:
            value = snapshot.fields.get(name)
            data[name] = conflict_merge.widget_value(value)
        data.setlist("sdg_targets", sorted(snapshot.sdg_targets))
        data.setlist("regions", sorted(snapshot.regions))
        data.update({key: str(value) for key, value in self.current_tokens().items()})
        return data

    def formset_data(self, formset_class, prefix, data):
        """The formset's data: the revision's rows, a merge after a conflict, or as posted."""
        model = formset_class.model
        kind = conflict_merge.KIND_OF_MODEL[model]
        if not self.is_post:
            rows = proposed_snapshot(self.revision).rows.get(kind, [])
            return conflict_merge.rows_form_data(
                QueryDict(mutable=True), prefix, model, self.case, rows, {}
            )
        conflict = self.stale_conflict()
        if conflict is None:
            if not conflict_merge.chosen_theirs(data, prefix):
                return data
            theirs = self.current_snapshot().rows.get(kind, [])
            return conflict_merge.apply_choices(data, prefix, model, self.case, theirs)
        if conflict.base_snapshot is None or conflict.theirs_snapshot is None:
            return data
        formset = formset_class(data=data.copy(), prefix=prefix, instance=self.case)
        data, merges = conflict_merge.rebind_after_conflict(data, formset, self.case, conflict)
        self.row_conflicts += [conflict_merge.row_conflict_view(prefix, m) for m in merges]
        return data

    # -- saving --------------------------------------------------------------------------------

    def snapshot_from_forms(self, form, formsets):
        cleaned = form.cleaned_data
        rows = {kind: [] for kind in INLINE_KINDS}
        for formset in formsets:
            kind = conflict_merge.KIND_OF_MODEL.get(formset.model)
            if kind is not None:
                rows[kind] = [
                    Row(row.key, row.values) for row in conflict_merge.posted_rows(formset)
                ]
        return Snapshot(
            {name: cleaned.get(name) for name in REVISION_FIELDS},
            frozenset(target.pk for target in cleaned.get("sdg_targets") or []),
            frozenset(region.pk for region in cleaned.get("regions") or []),
            rows,
        )

    def save_revision(self, form, formsets):
        user = self.request.user
        snapshot = self.snapshot_from_forms(form, formsets)
        token = self.request.POST.get("expected_revision", "")
        self.saved_revision = propose_snapshot(self.case, snapshot, user, expected_revision=token)
        if self.approve_after:
            try:
                approve(self.saved_revision, user, rebase=False)
            except (RevisionRefused, StaleCaseError) as error:
                problems = getattr(error, "problems", None)
                self.approval_problems = problems or [_("someone saved the case meanwhile.")]
        # The form wrote the proposal into the case object in memory: the log entry and the
        # message name the case as it is stored.
        self.case.refresh_from_db()


class RevisionAdminMixin:
    """For CaseAdmin: pending revisions, inline conflicts and soft locks in the change form."""

    def save_plan(self, request, obj):
        plan = getattr(request, "case_save_plan", None)
        if plan is None or plan.case is not obj:
            plan = request.case_save_plan = SavePlan(request, obj)
        return plan

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        if obj is None or obj.pk is None:
            return form_class
        plan = self.save_plan(request, obj)
        attributes = {"save_plan": plan}
        if plan.shows_revision and not plan.is_post:
            attributes["revision_data"] = plan.case_form_data()
        return type(form_class.__name__, (form_class,), attributes)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if obj is None or obj.pk is None or inline.model not in conflict_merge.KIND_OF_MODEL:
            return kwargs
        plan = self.save_plan(request, obj)
        if plan.is_post or plan.shows_revision:
            formset_class = inline.get_formset(request, obj)
            kwargs["data"] = plan.formset_data(formset_class, prefix, kwargs.get("data"))
        return kwargs

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (StaleCaseError, StaleRevisionError):
            # Someone saved between this form's validation and its write; this transaction was
            # rolled back. Running the view again shows what they changed, with the input kept.
            request.case_save_plan = None
            return super().changeform_view(request, object_id, form_url, extra_context)

    def writes_revision(self, request, obj):
        plan = getattr(request, "case_save_plan", None)
        return plan is not None and plan.case is obj and plan.to_revision

    def construct_change_message(self, request, form, formsets, add=False):
        if not add and self.writes_revision(request, form.instance):
            return ""  # the formsets were not saved: log_change says what happened
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if self.writes_revision(request, obj):
            message = _("Saved changes for review.")
        return super().log_change(request, obj, message)

    def revision_response(self, request, obj):
        """After a save that went to the pending revision: say so and show the form again."""
        if not self.writes_revision(request, obj):
            return None
        plan = request.case_save_plan
        if plan.approve_after and not plan.approval_problems:
            self.message_user(
                request, _("“%(case)s” was saved and published.") % {"case": obj}, messages.SUCCESS
            )
        elif plan.approve_after:
            for problem in plan.approval_problems:
                text = _("Saved for review, not published: %(problem)s") % {
                    "problem": problem_html(problem)
                }
                self.message_user(request, text, messages.ERROR)
        else:
            self.message_user(
                request,
                _(
                    "Your changes to “%(case)s” are saved and await review by a Publisher. "
                    "The public sees the published version until then."
                )
                % {"case": obj},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(case_change_url(obj))

    def editing_context(self, request, obj):
        """What the change form shows above the fields: the revision banner, who else has the
        case open, rows both editors touched, and which buttons the save row offers."""
        if obj is None or obj.pk is None:
            return {}
        plan = self.save_plan(request, obj)
        mark_open(obj, request.user)
        context = {
            "pending_revision": plan.revision,
            "shows_revision": plan.shows_revision,
            "revision_url": reverse("admin:cases_case_revision", args=[obj.pk]),
            "presence_url": reverse("admin:cases_case_presence", args=[obj.pk]),
            "presence_notices": [
                presence_text(presence) for presence in others_with_case_open(obj, request.user)
            ],
            "row_conflicts": plan.row_conflicts,
            "edits_go_to_review": plan.published and not plan.may_publish,
            "offers_revision_choice": plan.published and plan.may_publish,
        }
        if plan.published:
            context.update({"show_save_and_continue": False, "show_save_and_add_another": False})
        return context
