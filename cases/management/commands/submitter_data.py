"""A submitter's data, on their request: export it, or erase it.

    python manage.py submitter_data li.wei@example.org            # everything held, as JSON
    python manage.py submitter_data li.wei@example.org --erase    # erase it, history included

Erasing blanks the submitter's name, organization and email (and the project contact where it
is the same address) in their submissions and in every history row of them; the submissions'
texts stay, since they may have become cases. Earlier backups still hold the data until they
are deleted: the command says so.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from cases.reads.submissions import submitter_export
from cases.writes.submissions import erase_submitter


class Command(BaseCommand):
    help = "Export (default) or erase (--erase) what submissions hold about one email address."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--erase", action="store_true", help="Erase instead of exporting.")

    def handle(self, email, erase, **options):
        if "@" not in email:
            raise CommandError(f"{email!r} is not an email address.")
        if not erase:
            rows = submitter_export(email)
            self.stdout.write(json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
            return
        submissions, history_rows = erase_submitter(email)
        self.stdout.write(
            f"Erased the submitter's data from {submissions} submission(s) and "
            f"{history_rows} history row(s). Backups made before now still hold it: delete "
            "them, or keep them only as long as your backup policy says."
        )
