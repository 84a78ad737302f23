import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases.writes.backup import BackupRefused, import_catalogue


class Command(BaseCommand):
    help = (
        "Load a backup written by export_catalogue into a freshly migrated, empty database "
        "(all or nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup to load")

    def handle(self, *args, **options):
        try:
            document = json.loads(Path(options["file"]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from error
        try:
            counts = import_catalogue(document)
        except BackupRefused as error:
            raise CommandError(f"Nothing loaded. {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {counts['cases.case']} cases"
                + (f", {counts['users']} accounts" if "users" in counts else "")
                + (f", {counts['history']} history records" if "history" in counts else "")
                + "."
            )
        )
