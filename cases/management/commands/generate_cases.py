"""python manage.py generate_cases N [--seed S] [--delete]: synthetic published cases for
benchmarks and load tests (see cases/writes/synthetic_cases.py). Never on a real catalogue:
it refuses unless the database's only real cases are the three shipped ones, or --force."""

from django.core.management.base import BaseCommand, CommandError

from cases.models import Case
from cases.writes import synthetic_cases
from cases.writes.search_index import search_index_dropped


class Command(BaseCommand):
    help = "Add N synthetic published cases (slugs bench-...), reproducible by --seed."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, nargs="?", default=0)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--delete", action="store_true", help="Remove every synthetic case.")
        parser.add_argument(
            "--force", action="store_true", help="Add to a catalogue with real cases too."
        )

    def handle(self, *args, count, seed, delete, force, **options):
        if delete:
            deleted = synthetic_cases.delete_cases()
            self.stdout.write(f"Deleted {deleted} synthetic cases.")
            return
        if count <= 0:
            raise CommandError("Say how many cases to add, e.g. generate_cases 10000.")
        real = Case.objects.exclude(slug__startswith=synthetic_cases.SLUG_PREFIX).count()
        if real > 3 and not force:
            raise CommandError(
                f"This database holds {real} real cases: synthetic ones would mix with them. "
                "Use a database of its own (or --force)."
            )
        with search_index_dropped():
            stream = self.stderr._out if options["verbosity"] else None
            ids = synthetic_cases.make_cases(count, seed=seed, stream=stream)
        self.stdout.write(f"Added {len(ids)} synthetic cases (seed {seed}).")
