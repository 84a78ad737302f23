import json
from pathlib import Path

from django.core.management.base import BaseCommand

from cases.reads.backup import catalogue_document


class Command(BaseCommand):
    help = (
        "Write the whole catalogue (cases, translations, taxonomies) to FILE as versioned JSON "
        "with natural keys; import_catalogue loads it into a freshly migrated database."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the backup ('-' for standard output)")
        parser.add_argument(
            "--users",
            action="store_true",
            help="also the accounts and groups (with password hashes)",
        )
        parser.add_argument("--history", action="store_true", help="also the edit history")

    def handle(self, *args, **options):
        document = catalogue_document(users=options["users"], history=options["history"])
        text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        if options["file"] == "-":
            self.stdout.write(text, ending="")
            return
        Path(options["file"]).write_text(text, encoding="utf-8")
        counts = {name: len(rows) for name, rows in document["tables"].items()}
        self.stderr.write(
            f"Wrote {counts['cases.case']} cases and {sum(counts.values())} rows "
            f"to {options['file']}."
        )
