from django.core.management import call_command
from django.core.management.base import BaseCommand

from cases.models import Case, SdgGoal

FIXTURES = ["sdg", "geography", "organizations", "cases"]


class Command(BaseCommand):
    help = "Load the reference data and the documented cases, only into an empty database."

    def handle(self, *args, **options):
        if SdgGoal.objects.exists() or Case.objects.exists():
            self.stdout.write("The database already holds data: nothing loaded.")
            # A database made before the search index existed still needs its documents.
            call_command(
                "rebuild_search_index",
                missing=True,
                stdout=self.stdout,
                verbosity=options["verbosity"],
            )
            return
        call_command("loaddata", *FIXTURES, verbosity=options["verbosity"])
        # simple_history records M2M changes even during loaddata, as partial, unattributed
        # rows. The shipped data starts with no history; the first edit records a baseline
        # (services.ensure_baseline_history).
        Case.history.all().delete()
        self.stdout.write(self.style.SUCCESS(f"Loaded {', '.join(FIXTURES)}."))
        # loaddata skips the signals that keep the search columns current.
        call_command("rebuild_search_index", stdout=self.stdout, verbosity=options["verbosity"])
