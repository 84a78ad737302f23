"""python manage.py import_cases FILE [--language zh-hans|en] [--apply] [--source "..."]
[--create-organizations] [--user USERNAME]: import a publication volume (text, .docx or PDF).

A dry run unless --apply: it prints what it would create, update or propose, and every problem
with its line, and writes nothing. See cases/writes/publication_import.py."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cases.imports.extract import MAX_BYTES, ExtractError, extract_lines, too_large_message
from cases.imports.parser import parse_volume
from cases.progress import Progress
from cases.writes.publication_import import OUTCOMES, ImportRefused, import_volume

OUTCOME_WORDS = {
    "new": "new draft",
    "updated": "updated draft",
    "unchanged": "unchanged",
    "revision": "pending revision",
    "refused": "refused",
    "failed": "failed",
}


class Command(BaseCommand):
    help = "Import a publication volume's cases as drafts (a dry run unless --apply)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a UTF-8 text file, a .docx or a PDF with a text layer")
        parser.add_argument("--language", choices=["zh-hans", "en"], help="default: detected")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--apply", action="store_true", help="write (default: a dry run)")
        mode.add_argument("--dry-run", action="store_true", help="report only (the default)")
        parser.add_argument("--source", default="", help="the publication, year and volume")
        parser.add_argument(
            "--create-organizations",
            action="store_true",
            help="create organizations that no known one matches (default: report them)",
        )
        parser.add_argument("--user", help="the account the history names (needed with --apply)")

    def handle(self, *args, **options):
        user = self._user(options)
        path = Path(options["file"])
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ExtractError(too_large_message(path.stat().st_size))
            lines = extract_lines(path.read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from error
        except ExtractError as error:
            raise CommandError(f"{path}: {error} Nothing imported.") from error
        volume = parse_volume(lines, options["language"])
        stream = self.stderr._out if options["verbosity"] else None
        try:
            with Progress(len(volume.cases), "Importing", stream=stream) as progress:
                report = import_volume(
                    volume,
                    user=user,
                    apply=options["apply"],
                    source=options["source"],
                    create_organizations=options["create_organizations"],
                    progress=progress,
                )
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write("\n".join(report_lines(report, path.name)) + "\n")
        counts = report.counts()
        if report.problems and not report.cases:
            raise CommandError("No case found: nothing imported.")
        if counts["failed"] or counts["refused"]:
            raise CommandError(
                f"{counts['failed'] + counts['refused']} of {len(report.cases)} cases "
                + ("were not imported (see above)." if report.applied else "would not import.")
            )

    def _user(self, options):
        if not options["user"]:
            if options["apply"]:
                raise CommandError("Say whose import this is: --user USERNAME (an Editor).")
            return None
        try:
            return get_user_model().objects.get(username=options["user"])
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No account named {options['user']!r}.") from error


def report_lines(report, name):
    """The report as plain lines: per case its outcome, fields and problems; then the totals."""
    mode = "Imported" if report.applied else "Dry run (nothing written; --apply imports)"
    lines = [f"{mode}: {name}, {report.language or 'language unknown'} edition"]
    lines += [f"  {problem}" for problem in report.problems]
    for case in report.cases:
        where = f"lines {case.line}-{case.end_line}"
        slug = f" [{case.slug}]" if case.slug else ""
        lines.append(f"{OUTCOME_WORDS[case.outcome]:>16}  {case.title or '?'}{slug} ({where})")
        if case.filled and case.outcome not in ("refused", "failed"):
            lines.append(f"{'':>18}fills: {', '.join(case.filled)}")
        for problem in case.problems:
            lines.append(f"{'':>18}{problem.level}: {problem}")
    counts = report.counts()
    width = max(len(OUTCOME_WORDS[outcome]) for outcome in OUTCOMES)
    lines.append("")
    lines += [f"{OUTCOME_WORDS[outcome]:<{width}}  {counts[outcome]:>5}" for outcome in OUTCOMES]
    lines.append(f"{'total':<{width}}  {len(report.cases):>5}")
    return lines
