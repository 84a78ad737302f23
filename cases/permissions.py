"""Who may do what: Editors change cases and send them to review; Publishers also publish,
unpublish and delete published cases. The groups are created by migration 0002; both moderate
public submissions (migration 0009), since accepting one only creates a draft."""

PUBLISH_PERMISSION = "cases.publish_case"
CHANGE_PERMISSION = "cases.change_case"
DELETE_PERMISSION = "cases.delete_case"
MODERATE_PERMISSION = "cases.moderate_submission"
VIEW_SUBMISSION_PERMISSION = "cases.view_submission"


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def can_change(user):
    return user.has_perm(CHANGE_PERMISSION)


def can_delete_case(user, case=None):
    """Editors may delete drafts and cases in review; only publishers may delete published cases."""
    if not user.has_perm(DELETE_PERMISSION):
        return False
    if case is not None and case.is_published:
        return can_publish(user)
    return True


def edits_need_review(user, case):
    """An Editor's change to a published case waits for a Publisher (a pending revision)."""
    return case is not None and case.pk is not None and case.is_published and not can_publish(user)


def can_moderate(user):
    """Accept a public submission (as a draft, or as changes awaiting review) or decline it."""
    return user.has_perm(MODERATE_PERMISSION)


def can_view_submissions(user):
    """See public submissions, and the submitter's details on a case made from one."""
    return user.has_perm(VIEW_SUBMISSION_PERMISSION)
