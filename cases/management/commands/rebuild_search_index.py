from django.core.management.base import BaseCommand
from django.db import connection

from cases.models import Case
from cases.search import REFRESH_BATCH_SIZE, refresh_search_documents


class Command(BaseCommand):
    help = (
        "Recompute the search columns of every case: after loaddata (which skips the signals that "
        "keep them current), a bulk import, or a change to cases/search.py."
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
        count = refresh_search_documents(
            cases.values_list("pk", flat=True), batch_size=options["batch_size"]
        )
        if connection.vendor == "postgresql" and count:
            with connection.cursor() as cursor:
                # Move the rows the GIN index queued while they were written into the index
                # proper (every search scans that queue), and refresh the planner's statistics.
                cursor.execute("SELECT gin_clean_pending_list('case_search_vector_idx'::regclass)")
                cursor.execute("ANALYZE cases_case")
        if options["verbosity"]:
            self.stdout.write(f"Rebuilt the search index of {count} cases.")
