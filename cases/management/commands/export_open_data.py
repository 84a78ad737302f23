"""python manage.py export_open_data DIR [--site-url URL]: the open-data files the site offers
at /<lang>/data/ (the data package's CSVs and datapackage.json, and the one JSON file),
written into DIR, with a progress bar on a terminal (see cases/dataout/open_data.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.dataout import open_data
from cases.progress import Progress
from cases.reads.catalogue_index import current_index


class Command(BaseCommand):
    help = "Write every published case as a Frictionless Data Package and one JSON file."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument(
            "--site-url",
            default=settings.SITE_URL,
            help="Address the case links point to (default: SITE_URL).",
        )

    def handle(self, *args, directory, site_url, **options):
        folder = Path(directory)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot write to {folder}: {error}") from error
        site = site_url.rstrip("/")
        stream = self.stderr._out if options["verbosity"] else None
        with Progress(current_index().size, "Cases", stream) as progress:
            files = open_data.package_files(lambda path: site + path, progress)
        for name, content in files.items():
            (folder / name).write_bytes(content)
        self.stdout.write(f"Wrote {len(files)} files for {current_index().size} cases to {folder}.")
