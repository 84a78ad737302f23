"""Backups: export -> a freshly migrated database -> import -> export gives the same file, with
history and accounts; timestamps keep their microseconds; an import adds no history of its
own; a file is loaded all or nothing, only into an empty database."""

import json
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cases.models import Case, Contact
from cases.reads.backup import FORMAT, VERSION, catalogue_document
from cases.writes.backup import BackupRefused, import_catalogue
from cases.writes.workflow import delete_case
from tests.admin_client import case_change_url, fill, read_form
from tests.factories import make_case
from tests.fresh_database import fresh_database
from tests.site.settings_run import manage, run_python

pytestmark = pytest.mark.django_db
MOMENT = datetime(2024, 3, 5, 6, 7, 8, 123456, tzinfo=UTC)


def edit_history(editor_client, publisher):
    """Edits, a restore, a deleted contact and a deleted case: history worth keeping."""
    case = Case.objects.get(slug="transform")
    form = read_form(editor_client.get(case_change_url(case)))
    fill(form, title_en="TRANSFORM (edited)", **{"contacts-0-DELETE": "on"})
    assert editor_client.post(case_change_url(case), form).status_code == 302
    first = case.history.order_by("history_date").first()
    case.refresh_from_db()
    restore_url = f"/admin/cases/case/{case.pk}/history/{first.history_id}/"
    editor_client.post(restore_url, {"expected_version": case.version})
    doomed = make_case(slug="withdrawn", title_en="Withdrawn", targets=["1.3"], countries=["KE"])
    Contact.objects.create(case=doomed, name="Gone Person", order=0)
    delete_case(doomed, publisher)
    Case.objects.filter(slug="transform").update(updated_at=MOMENT, published_at=MOMENT)


def export_in_child(url, path, *flags):
    result = manage("export_catalogue", str(path), *flags, DEBUG="true", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    return path.read_text(encoding="utf-8")


@pytest.mark.xfail(
    strict=True, reason="pending revisions (issue 11) are not in the backup yet: being added"
)
def test_backup_round_trip_with_history_and_accounts_is_exact(tmp_path, editor_client, publisher):
    edit_history(editor_client, publisher)
    first = tmp_path / "first.json"
    call_command("export_catalogue", str(first), "--users", "--history", stderr=None)

    with fresh_database(tmp_path) as url:
        loaded = manage("import_catalogue", str(first), DEBUG="true", DATABASE_URL=url)
        assert loaded.returncode == 0, loaded.stderr
        second = export_in_child(url, tmp_path / "second.json", "--users", "--history")
        check = run_python(
            "from cases.models import Case\n"
            "case = Case.objects.get(slug='transform')\n"
            "print(case.updated_at.isoformat(), case.title_en, case.search_document != '')\n"
            "print(case.history.filter(history_change_reason__startswith='restored:').count())",
            DEBUG="true",
            DATABASE_URL=url,
        )

    assert second == first.read_text(encoding="utf-8")
    document = json.loads(second)
    assert loaded.stdout.strip().startswith("Loaded 3 cases, 2 accounts, ")
    assert check.stdout.split("\n")[:2] == [
        "2024-03-05T06:07:08.123456+00:00 TRANSFORM – Leadership and Transformation "
        "Curriculum on Building and Managing Social Protection Floors in Africa True",
        "1",
    ]
    history = document["history"]
    deleted_case = [r for r in history["cases.historicalcase"] if r["slug"] == "withdrawn"]
    assert [r["id"] for r in deleted_case] == [{"deleted": 0}] * len(deleted_case)
    assert [r["history_type"] for r in deleted_case][-1] == "-"
    restores = [
        r["history_change_reason"]
        for r in history["cases.historicalcase"]
        if (r["history_change_reason"] or "").startswith("restored")
    ]
    assert restores == ["restored:@0"]


def test_backup_names_rows_by_natural_keys(editor):
    document = catalogue_document(users=True)

    tables = document["tables"]
    assert (document["format"], document["version"]) == (FORMAT, VERSION)
    assert [row["slug"] for row in tables["cases.case"]] == [
        "ilo-sse-academy",
        "page-kyrgyzstan-mongolia",
        "transform",
    ]
    assert {"case": "transform", "sdgtarget": "1.3"} in tables["cases.case_sdg_targets"]
    nominators = [
        (row["organization"], row["order"])
        for row in tables["cases.caseorganization"]
        if row["case"] == "transform" and row["role"] == "nominator"
    ]
    assert nominators == [("ilo", 0)]
    assert {"code": "002", "name_en": "Africa", "name_zh_hans": "非洲", "parent": "001"} in (
        tables["cases.region"]
    )
    assert all("id" not in row for rows in tables.values() for row in rows)
    assert "title" not in tables["cases.case"][0] and "title_en" in tables["cases.case"][0]
    assert "search_document" not in tables["cases.case"][0]
    editors = next(g for g in document["users"]["groups"] if g["name"] == "Editors")
    assert "cases.change_case" in editors["permissions"]
    account = next(u for u in document["users"]["users"] if u["username"] == "editor")
    assert account["groups"] == ["Editors"] and account["password"].startswith("pbkdf2_")


def test_backup_without_history_adds_no_history_rows(tmp_path, editor_client, publisher):
    edit_history(editor_client, publisher)
    plain = tmp_path / "plain.json"
    call_command("export_catalogue", str(plain), stderr=None)

    with fresh_database(tmp_path) as url:
        loaded = manage("import_catalogue", str(plain), DEBUG="true", DATABASE_URL=url)
        counts = run_python(
            "from cases.reads.backup import history_models\n"
            "print(sum(model.objects.count() for model, _ in history_models()))\n"
            "from cases.models import Case\nprint(Case.objects.count())",
            DEBUG="true",
            DATABASE_URL=url,
        )
        again = export_in_child(url, tmp_path / "again.json")

    assert loaded.stdout.strip() == "Loaded 3 cases."
    assert counts.stdout.split("\n")[:2] == ["0", "3"]
    assert again == plain.read_text(encoding="utf-8")


def test_import_refuses_a_database_that_holds_data():
    document = catalogue_document()

    with pytest.raises(BackupRefused) as refused:
        import_catalogue(document)

    assert str(refused.value).startswith("The database already holds catalogue data (cases.sdggoal")
    assert str(refused.value).endswith("Load a backup into a freshly migrated, empty database.")


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "Cannot read"),
        ('{"format": "something else"}', "Nothing loaded. This is not a catalogue backup"),
        (
            json.dumps({"format": FORMAT, "version": 99, "tables": {}}),
            "Nothing loaded. This backup is version 99; this version of the catalogue reads "
            "version 1.",
        ),
    ],
)
def test_import_refuses_what_is_not_a_backup(tmp_path, content, message):
    path = tmp_path / "backup.json"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        call_command("import_catalogue", str(path))

    assert str(refused.value).startswith(message)


@pytest.mark.xfail(
    strict=True, reason="pending revisions (issue 11) are not in the backup yet: being added"
)
def test_every_model_of_the_catalogue_is_in_the_backup():
    from django.apps import apps

    from cases.reads.backup import DERIVED_MODELS, TABLES, history_models

    covered = {table.model for table in TABLES} | {model for model, _ in history_models()}
    covered |= set(DERIVED_MODELS)
    models = set(apps.get_app_config("cases").get_models(include_auto_created=True))

    # A new model must be added to cases/reads/backup.py (or be derived and said so there).
    assert models - covered == set()


def test_import_is_all_or_nothing(tmp_path):
    document = catalogue_document()
    links = document["tables"]["cases.caseorganization"]
    links.append({**links[0], "organization": "no-such-organization", "role": "funder"})
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")

    with fresh_database(tmp_path) as url:
        loaded = manage("import_catalogue", str(broken), DEBUG="true", DATABASE_URL=url)
        counts = run_python(
            "from cases.models import Case, SdgGoal\n"
            "print(Case.objects.count(), SdgGoal.objects.count())",
            DEBUG="true",
            DATABASE_URL=url,
        )

    assert loaded.returncode != 0
    assert (
        "Nothing loaded. cases.organization 'no-such-organization' is named in the file but not "
        "in it."
    ) in loaded.stderr
    assert counts.stdout.strip() == "0 0"
