"""The submission page's "organizations typed in" form: the POST parsed into decisions
(`writes.submission_mapping`), and what the editor is told about each one.

The form is plain HTML (it works without JavaScript): for typed name number i, hidden
`role-i` and `name-i` say which name it is, the radio `choice-i` is "keep" (a suggestion),
"org:<slug>" (a likely organization), "other" (the organization chosen in the select `other-i`)
or "new" (create one with the name). The write checks the names against the submission, so an
edited page can only be refused.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Submission
from ..parsing import parse_positive_int
from ..permissions import can_moderate
from ..reads.submission_mapping import ROLE_LABELS
from ..writes import submission_mapping
from ..writes.submission_mapping import Decision, MappingRefused

# More than the public form allows (10 names per role): a longer POST is not from the form.
MAX_FIELDS = 100


class BadChoice(Exception):
    pass


def decisions_from(post):
    """The form's decisions, in the order of its fields; raises BadChoice for a choice the form
    does not offer."""
    decisions = []
    for field in range(MAX_FIELDS):
        if f"role-{field}" not in post:
            break
        role, name = post.get(f"role-{field}", ""), post.get(f"name-{field}", "")
        choice = post.get(f"choice-{field}", "keep")
        if choice == "keep":
            decisions.append(Decision(role, name))
        elif choice == "new":
            decisions.append(Decision(role, name, create=True))
        elif choice == "other":
            slug = post.get(f"other-{field}", "").strip()
            if not slug:
                raise BadChoice(
                    _("Choose the organization for “%(name)s” in the list.") % {"name": name[:200]}
                )
            decisions.append(Decision(role, name, slug=slug))
        elif choice.startswith("org:") and choice[4:]:
            decisions.append(Decision(role, name, slug=choice[4:]))
        else:
            raise BadChoice(
                _("The choice for “%(name)s” is not one the form offers: reload the page.")
                % {"name": name[:200]}
            )
    return decisions


def result_messages(result):
    """(level, text) for each thing the editor should know about `result`."""
    if not result.changed:
        return [(messages.INFO, _("Nothing was changed: every name is as it was."))]
    case = result.case
    found = []
    for item in result.mapped:
        values = {
            "name": item.name,
            "role": ROLE_LABELS[item.role],
            "organization": item.organization,
            "slug": item.organization.slug,
            "case": case,
        }
        if item.created:
            found.append(
                _(
                    "Organization “%(organization)s” created (address %(slug)s); give it its "
                    "name in the other language under Organizations."
                )
                % values
            )
        if result.where == submission_mapping.DRAFT and item.already_on_case:
            text = _(
                "“%(name)s” (%(role)s) is mapped to “%(organization)s”, which the draft "
                "“%(case)s” names in this role already."
            )
        elif result.where == submission_mapping.DRAFT:
            text = _(
                "“%(name)s” (%(role)s) is mapped to “%(organization)s” and added to the draft "
                "“%(case)s”."
            )
        else:
            text = _("“%(name)s” (%(role)s) is mapped to “%(organization)s”.")
        found.append(text % values)
    for role, name in result.unmapped:
        found.append(
            _("“%(name)s” (%(role)s) is a suggestion again.")
            % {"name": name, "role": ROLE_LABELS[role]}
        )
    if result.mapped and result.where == submission_mapping.BEFORE_ACCEPTANCE:
        found.append(_("Accepting the submission adds the mapped organizations to its draft."))
    elif result.mapped and result.where == submission_mapping.PUBLISHED:
        found.append(
            _(
                "The published case “%(case)s” is not changed by mapping: add the organizations "
                "in its own change form."
            )
            % {"case": case}
        )
    elif result.mapped and result.where == submission_mapping.NO_DRAFT:
        found.append(_("The draft made from this submission was deleted: no case was changed."))
    return [(messages.SUCCESS, text) for text in found]


def map_organizations(request, object_id):
    """POST: the editor's decisions for the typed organization names."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not can_moderate(request.user):
        raise PermissionDenied
    pk = parse_positive_int(object_id, max_digits=18)
    submission = Submission.objects.filter(pk=pk).first() if pk else None
    if submission is None:
        raise Http404
    back = reverse("admin:cases_submission_change", args=[submission.pk]) + "#organization-mapping"
    try:
        result = submission_mapping.map_organizations(
            submission, request.user, decisions_from(request.POST)
        )
    except (BadChoice, MappingRefused) as refused:
        messages.error(request, str(refused))
        return HttpResponseRedirect(back)
    for level, text in result_messages(result):
        messages.add_message(request, level, text)
    return HttpResponseRedirect(back)
