"""The workflow in the case admin: the list's bulk actions (with a confirmation page) and the
change form's "save and send to review / publish / unpublish" buttons.

One admin action per workflow action, made from the tables in `cases.workflow` and
`presenters.ACTION_TEXTS`; the actions are named `<action>_action` (e.g. `publish_action`).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import workflow
from ..writes.locking import StaleCaseError
from ..writes.workflow import ActionRefused, action_problems, take_action
from .presenters import ACTION_TEXTS, STALE_ACTION_PROBLEM, case_change_url


def _admin_action(action):
    texts = ACTION_TEXTS[action.name]
    permission = "publish" if action.publisher_only else "change"

    def run(model_admin, request, queryset):
        return model_admin.workflow_action(request, queryset, action)

    run.__name__ = f"{action.name}_action"
    return admin.action(description=texts.list_description, permissions=[permission])(run)


WORKFLOW_ADMIN_ACTIONS = [_admin_action(action) for action in workflow.ACTIONS.values()]


class WorkflowAdminMixin:
    """For CaseAdmin: `actions = WORKFLOW_ADMIN_ACTIONS` and the buttons on the change form."""

    def take_action_with_messages(self, request, case, action, report_success=False):
        texts = ACTION_TEXTS[action.name]
        try:
            take_action(case, request.user, action)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return False
        except (ActionRefused, StaleCaseError) as error:
            problems = getattr(error, "messages", [STALE_ACTION_PROBLEM])
            for problem in problems:
                message = texts.refused % {"case": case, "problem": problem}
                self.message_user(request, message, messages.ERROR)
            return False
        if report_success:
            self.message_user(request, texts.done % {"case": case}, messages.SUCCESS)
        return True

    def workflow_action(self, request, queryset, action):
        cases = list(queryset)
        if request.POST.get("confirm") == "yes":
            done = [c for c in cases if self.take_action_with_messages(request, c, action)]
            if done:
                self.message_user(request, self._done_summary(action, done), messages.SUCCESS)
            return None
        return self._confirmation_page(request, action, cases)

    def _done_summary(self, action, done):
        return ngettext(
            "%(action)s: done for %(count)d case: %(cases)s.",
            "%(action)s: done for %(count)d cases: %(cases)s.",
            len(done),
        ) % {
            "action": ACTION_TEXTS[action.name].name,
            "count": len(done),
            "cases": ", ".join(str(case) for case in done),
        }

    def _confirmation_page(self, request, action, cases):
        texts = ACTION_TEXTS[action.name]
        rows = [(case, action_problems(case, action)) for case in cases]
        context = {
            **self.admin_site.each_context(request),
            "title": texts.question,
            "action_label": texts.name,
            "confirm_label": texts.confirm,
            "action_name": f"{action.name}_action",
            "opts": self.model._meta,
            "ready": [case for case, problems in rows if not problems],
            "refused": [(case, problems) for case, problems in rows if problems],
            "selected": [case.pk for case in cases],
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/cases/case/workflow_confirmation.html", context)

    def after_save_workflow(self, request, obj):
        """After "save and <action>": take the action and come back to the form."""
        for name, texts in ACTION_TEXTS.items():
            if texts.button and texts.button in request.POST:
                self.message_user(request, _("“%(case)s” was saved.") % {"case": obj})
                self.take_action_with_messages(
                    request, obj, workflow.ACTIONS[name], report_success=True
                )
                return HttpResponseRedirect(case_change_url(obj))
        return None
