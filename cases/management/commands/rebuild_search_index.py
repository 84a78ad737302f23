from django.core.management.base import BaseCommand

from cases.models import Case
from cases.writes.search_index import REFRESH_BATCH_SIZE, rebuild_search_index


class Command(BaseCommand):
    help = (
        "Recompute the search columns of every case: after loaddata (which skips the signals that "
        "keep them current), a bulk import, or a change to cases/search/."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing",
            action="store_true",
            help="Only the cases whose search columns are empty.",
        )
        parser.add_argument("--batch-size", type=int, default=REFRESH_BATCH_SIZE)

    def handle(self, *args, **options):
        cases = Case.objects.order_by("pk")
        if options["missing"]:
            cases = cases.filter(search_document="")
        count = rebuild_search_index(
            cases.values_list("pk", flat=True),
            batch_size=options["batch_size"],
            stream=self.stderr._out if options["verbosity"] else None,
        )
        if options["verbosity"]:
            self.stdout.write(f"Rebuilt the search index of {count} cases.")
