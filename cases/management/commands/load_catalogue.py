from django.core.management import call_command
from django.core.management.base import BaseCommand

from cases.writes.catalogue_load import FIXTURES, load_catalogue


class Command(BaseCommand):
    help = "Load the reference data and the documented cases, only into an empty database."

    def handle(self, *args, **options):
        if load_catalogue(verbosity=options["verbosity"]):
            self.stdout.write(self.style.SUCCESS(f"Loaded {', '.join(FIXTURES)}."))
        else:
            self.stdout.write("The database already holds data: nothing loaded.")
        # A database made before the search index existed still needs its documents.
        call_command(
            "rebuild_search_index", missing=True, stdout=self.stdout, verbosity=options["verbosity"]
        )
