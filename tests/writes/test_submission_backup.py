"""Submissions are in the backup (personal data included: see `manage.py submitter_data`),
named by their private key, and load back exactly, with their history."""

import json

import pytest
from django.core.management import call_command

from cases.models import Submission
from cases.reads.backup import DERIVED_MODELS, TABLES, history_models
from cases.writes import submissions
from tests.fresh_database import fresh_database
from tests.site.settings_run import manage, run_python
from tests.writes.test_submissions import received

pytestmark = pytest.mark.django_db


def test_submissions_and_their_history_are_covered_by_the_backup():
    covered = {table.model for table in TABLES} | {model for model, _ in history_models()}
    covered |= set(DERIVED_MODELS)

    assert Submission in covered
    assert Submission.history.model in covered


def test_a_submission_round_trips_with_its_draft_and_history(tmp_path, editor):
    submission = received()
    case = submissions.accept(submission, editor)
    received(title="A second practice", submitter_email="other@example.org")
    first = tmp_path / "first.json"
    call_command("export_catalogue", str(first), "--history", "--users", stderr=None)
    document = json.loads(first.read_text(encoding="utf-8"))
    rows = {row["token"]: row for row in document["tables"]["cases.submission"]}
    assert rows[submission.token]["case"] == case.slug
    assert rows[submission.token]["submitter_email"] == "li.wei@example.org"
    assert rows[submission.token]["countries"] == ["KE", "MN"]

    with fresh_database(tmp_path) as url:
        loaded = manage("import_catalogue", str(first), DEBUG="true", DATABASE_URL=url)
        assert loaded.returncode == 0, loaded.stderr
        check = run_python(
            "from cases.models import Submission\n"
            f"s = Submission.objects.get(token={submission.token!r})\n"
            "print(s.case.slug, s.status, s.history.count(), Submission.objects.count())",
            DEBUG="true",
            DATABASE_URL=url,
        )
        again = tmp_path / "again.json"
        manage(
            "export_catalogue", str(again), "--history", "--users", DEBUG="true", DATABASE_URL=url
        )

    assert check.stdout.split() == [case.slug, "accepted", "2", "2"]
    assert again.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
