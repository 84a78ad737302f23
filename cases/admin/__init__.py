"""The editors' admin. Importing the package registers every model admin.

- `case_admin`: cases, with translation tabs, inlines, workflow buttons, preview and history;
- `workflow_actions`: the list's bulk actions (send to review, publish...) with confirmation;
- `reference_admin`: SDG goals and targets (read only), regions, countries, organizations;
- `forms`, `inlines`, `list_filters`, `mixins`: the parts of the case admin;
- `presenters`: messages and links built from what `cases.writes` and `cases.reads` return;
- `views`: the draft preview and the restore page;
- `revisions`, `conflict_merge`: pending revisions in the change form, and merging the inline
  rows of a stale save; `review_views`: the review of changes, the queue, the presence ping;
- `notifications`: email to Publishers when something enters the queue (off by default);
- `submission_admin`: the queue of public submissions, with accept and decline.

Nothing here loads from another origin: the translation tabs use Django's bundled jQuery and a
small local tabs widget (the CSP allows only 'self').
"""

from . import case_admin, notifications, reference_admin, submission_admin

__all__ = ["case_admin", "notifications", "reference_admin", "submission_admin"]
