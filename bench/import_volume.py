"""Timing the import of a 150-case volume (not a test), as the admin's two requests do it:
the dry run (upload), then the import (confirmation), then the same file again (unchanged).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/catalogue_import_bench \\
        ALLOW_DEVELOPMENT_SECRET=true .venv/bin/python -m bench.import_volume

Migrates that database (create it first), deletes its cases and loads the reference fixtures.
The volume is the three cases of tests/imports/volumes/variations_zh.txt fifty times over,
each copy with its own titles, contact emails and links.
"""

import os
import time

import django


def volume_text(copies):
    from pathlib import Path

    source = (Path(__file__).parents[1] / "tests/imports/volumes/variations_zh.txt").read_text()
    titles = ["数字农业学校", "南方城市水务伙伴", "太平洋岛国气候信息共享"]
    parts = []
    for number in range(copies):
        text = source
        for title in titles:
            text = text.replace(title, f"{title}（第 {number + 1} 期）")
        text = text.replace("@example", f"@n{number}.example")
        text = text.replace("www.example.org/", f"www.example.org/{number}/")
        parts.append(text.replace("https://example.org/", f"https://example.org/{number}/"))
    return "\n\n\n".join(parts)


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue_site.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection

    from cases.imports.extract import extract_lines
    from cases.imports.parser import parse_volume
    from cases.models import Case
    from cases.writes.accounts import PUBLISHERS, create_staff_account
    from cases.writes.publication_import import import_volume

    call_command("migrate", verbosity=0)
    Case.objects.all().delete()
    call_command("loaddata", "sdg", "geography", "organizations", verbosity=0)
    get_user_model().objects.filter(username="bench").delete()
    user = create_staff_account(
        "bench", email="bench@example.org", group=Group.objects.get(name=PUBLISHERS)
    )
    data = volume_text(50).encode()
    for label, apply in (("dry run", False), ("import", True), ("again", True)):
        started = time.perf_counter()
        report = import_volume(parse_volume(extract_lines(data)), user=user, apply=apply)
        elapsed = time.perf_counter() - started
        print(f"{label:8} {len(report.cases)} cases {report.counts()} {elapsed:.2f} s")
    print(connection.vendor, Case.objects.count(), "cases stored")


if __name__ == "__main__":
    main()
