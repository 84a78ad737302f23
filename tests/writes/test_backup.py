"""Backups: export -> a freshly migrated database -> import -> export gives the same file, with
history, accounts and revisions; timestamps keep their microseconds; an import adds no history
of its own; a restored pending revision approves as it would have; a file is loaded all or
nothing, only into an empty database."""

import json
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cases.models import Case, CaseRevision, Contact, Organization, Region
from cases.reads.backup import FORMAT, TABLES, VERSION, catalogue_document, history_models
from cases.reads.revisions import active_revision
from cases.reads.snapshots import row_values
from cases.writes import revisions
from cases.writes.backup import BackupRefused, import_catalogue
from cases.writes.locking import save_locked
from cases.writes.workflow import delete_case
from tests.admin_client import add_inline_row, case_change_url, fill, read_form
from tests.factories import make_case
from tests.fresh_database import fresh_database
from tests.site.settings_run import manage, run_python

pytestmark = pytest.mark.django_db
MOMENT = datetime(2024, 3, 5, 6, 7, 8, 123456, tzinfo=UTC)


def edit_history(editor_client, publisher_client, editor, publisher):
    """Edits, a restore, a deleted contact, an approved revision, a pending one typed in the
    admin, and a deleted case with a revision: history and revisions worth keeping."""
    case = Case.objects.get(slug="transform")
    form = read_form(publisher_client.get(case_change_url(case)))
    fill(form, title_en="TRANSFORM (edited)", **{"contacts-0-DELETE": "on"})
    assert publisher_client.post(case_change_url(case), form).status_code == 302
    first = case.history.order_by("history_date").first()
    case.refresh_from_db()
    restore_url = f"/admin/cases/case/{case.pk}/history/{first.history_id}/"
    publisher_client.post(restore_url, {"expected_version": case.version})

    page = Case.objects.get(slug="page-kyrgyzstan-mongolia")
    approved = revisions.propose(page, editor, values={"headline_en": "Approved headline"})
    revisions.approve(approved, publisher)

    academy = Case.objects.get(slug="ilo-sse-academy")
    form = read_form(editor_client.get(case_change_url(academy)))
    fill(form, **{"contacts-1-name": "Laura Cicciarelli-Rossi"})
    add_inline_row(form, "contacts", name="Amina Diallo", email="amina@example.org")
    unep = Organization.objects.get(slug="unep")
    add_inline_row(form, "caseorganization_set", organization=unep.pk, role="funder")
    assert editor_client.post(case_change_url(academy), form).status_code == 302
    assert active_revision(academy) is not None

    doomed = make_case(slug="withdrawn", title_en="Withdrawn", targets=["1.3"], countries=["KE"])
    gone = Contact.objects.create(case=doomed, name="Gone Person", order=0)
    revisions.propose(
        doomed, editor, rows={"contacts": [{"id": gone.pk, "name": "Gone (renamed)"}]}
    )
    delete_case(doomed, publisher)
    Case.objects.filter(slug="transform").update(updated_at=MOMENT, published_at=MOMENT)


def export_in_child(url, path, *flags):
    result = manage("export_catalogue", str(path), *flags, DEBUG="true", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    return path.read_text(encoding="utf-8")


def test_backup_round_trip_with_history_and_accounts_is_exact(
    tmp_path, editor_client, publisher_client, editor, publisher
):
    edit_history(editor_client, publisher_client, editor, publisher)
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
            "print(case.history.filter(history_change_reason__startswith='restored:').count())\n"
            "from cases.models import CaseRevision\n"
            "from cases.workflow import revision_history_id\n"
            "page = Case.objects.get(slug='page-kyrgyzstan-mongolia')\n"
            "approval = page.history.get(history_change_reason__startswith='revision:')\n"
            "revision = CaseRevision.objects.get(\n"
            "    pk=revision_history_id(approval.history_change_reason))\n"
            "print(revision.case.slug, revision.status, revision.reviewed_by.username)",
            DEBUG="true",
            DATABASE_URL=url,
        )

    assert second == first.read_text(encoding="utf-8")
    document = json.loads(second)
    assert loaded.stdout.strip().startswith("Loaded 3 cases, 2 accounts, ")
    assert check.stdout.split("\n")[:3] == [
        "2024-03-05T06:07:08.123456+00:00 TRANSFORM – Leadership and Transformation "
        "Curriculum on Building and Managing Social Protection Floors in Africa True",
        "1",
        "page-kyrgyzstan-mongolia approved publisher",
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
    # Revisions by (case, place), accounts by name, the rows in their content by natural keys.
    pending = document["tables"]["cases.caserevision"]
    assert [(r["case"], r["status"], r["proposed_by"]) for r in pending] == [
        ("ilo-sse-academy", "open", "editor"),
        ("page-kyrgyzstan-mongolia", "approved", "editor"),
    ]
    contacts = pending[0]["content"]["rows"]["contacts"]
    assert [(row["key"], row["values"]["name"]) for row in contacts][:2] == [
        ({"id": ["ilo-sse-academy", 0]}, "Roberto Di Meglio"),
        ({"id": ["ilo-sse-academy", 1]}, "Laura Cicciarelli-Rossi"),
    ]
    assert contacts[2]["key"].startswith("new:") and contacts[2]["values"]["name"] == "Amina Diallo"
    organizations = pending[0]["content"]["rows"]["organizations"]
    assert {"organization_id": "unep", "role": "funder", "order": 0} in [
        row["values"] for row in organizations
    ]
    approvals = [
        r["history_change_reason"]
        for r in history["cases.historicalcase"]
        if (r["history_change_reason"] or "").startswith("revision")
    ]
    assert approvals == ['revision:@["page-kyrgyzstan-mongolia", 0]']
    # The deleted case's revision: its history names the case and its contact as deleted rows.
    gone = [r for r in history["cases.historicalcaserevision"] if r["id"] == {"deleted": 0}]
    assert {r["case"]["deleted"] for r in gone} == {0}
    gone_person = {
        r["id"]["deleted"] for r in history["cases.historicalcontact"] if r["name"] == "Gone Person"
    }
    assert [r["content"]["rows"]["contacts"][0]["key"] for r in gone] == [
        {"id": {"deleted": number}} for number in gone_person
    ] * len(gone)


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


def test_backup_without_history_adds_no_history_rows(
    tmp_path, editor_client, publisher_client, editor, publisher
):
    edit_history(editor_client, publisher_client, editor, publisher)
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
    # Without --users the new database has no accounts: the revisions keep no names.
    expected = json.loads(plain.read_text(encoding="utf-8"))
    for revision in expected["tables"]["cases.caserevision"]:
        revision.update(proposed_by=None, reviewed_by=None)
    assert json.loads(again) == expected


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


APPROVE_IN_CHILD = """
import json
from django.contrib.auth import get_user_model
from cases.models import Case, CaseRevision
from cases.writes import revisions
case = Case.objects.get(slug="ilo-sse-academy")
before = set(case.contacts.values_list("pk", flat=True))
revision = CaseRevision.objects.get(case=case, status="open")
revisions.approve(revision, get_user_model().objects.get(username="publisher"))
case.refresh_from_db()
after = list(case.contacts.order_by("order", "pk").values_list("pk", "name", "email", "order"))
print(json.dumps({
    "headline": case.headline_en,
    "contacts": [[name, email, order] for _pk, name, email, order in after],
    "kept": [pk in before for pk, _name, _email, _order in after],
    "funders": sorted(case.caseorganization_set.filter(role="funder")
                      .values_list("organization__slug", flat=True)),
    "status": CaseRevision.objects.get(pk=revision.pk).status,
}))
"""


@pytest.mark.parametrize(
    "flags, keeps_live_change",
    [
        (["--history"], True),
        # No history: the approval cannot tell what the published case gained meanwhile.
        ([], False),
    ],
)
def test_a_restored_pending_revision_approves_as_it_would_have(
    tmp_path, editor, publisher, flags, keeps_live_change
):
    case = Case.objects.get(slug="ilo-sse-academy")
    contacts = [{"id": c.pk, **row_values(Contact, c)} for c in case.contacts.order_by("order")]
    contacts[1].update(name="Laura Cicciarelli-Rossi", email="laura@example.org")
    contacts.append({"name": "Amina Diallo", "email": "amina@example.org", "order": 2})
    funders = [
        {"id": row.pk, **row_values(type(row), row)} for row in case.caseorganization_set.all()
    ]
    funders.append({"organization_id": Organization.objects.get(slug="unep").pk, "role": "funder"})
    revisions.propose(case, editor, rows={"contacts": contacts, "organizations": funders})
    proposed_headline = case.headline_en
    # The published case changes meanwhile: the approval merges, from the restored history.
    save_locked(
        case,
        user=publisher,
        reason="",
        expected_version=case.version,
        values={"headline_en": "Changed while the revision waited"},
    )
    backup = tmp_path / "backup.json"
    call_command("export_catalogue", str(backup), "--users", *flags, stderr=None)

    with fresh_database(tmp_path) as url:
        loaded = manage("import_catalogue", str(backup), DEBUG="true", DATABASE_URL=url)
        assert loaded.returncode == 0, loaded.stderr
        approved = run_python(APPROVE_IN_CHILD, DEBUG="true", DATABASE_URL=url)

    assert approved.returncode == 0, approved.stderr
    assert json.loads(approved.stdout.strip().splitlines()[-1]) == {
        "headline": "Changed while the revision waited" if keeps_live_change else proposed_headline,
        "contacts": [
            ["Roberto Di Meglio", "dimeglio@ilo.org", 0],
            ["Laura Cicciarelli-Rossi", "laura@example.org", 1],
            ["Amina Diallo", "amina@example.org", 2],
        ],
        # The edited rows are the stored rows, edited in place; the new one is new.
        "kept": [True, True, False],
        "funders": ["ilo", "ilo-partner-member-states", "unep"],
        "status": "approved",
    }


@pytest.fixture
def pending_backup(editor):
    """A backup (no accounts, no history) holding a pending revision, and an empty database
    (in this test's transaction) to load it into."""
    case = Case.objects.get(slug="ilo-sse-academy")
    laura = case.contacts.get(name="Laura Cicciarelli")
    revisions.propose(case, editor, rows={"contacts": [{"id": laura.pk, "name": "Laura C."}]})
    document = catalogue_document()
    Region.objects.update(parent=None)
    for table in reversed(TABLES):
        table.model._base_manager.all().delete()
    for history_model, _source in history_models():
        history_model._base_manager.all().delete()
    return document


def revision_of(document):
    return document["tables"]["cases.caserevision"][0]


def nothing_written():
    return [table.model._base_manager.count() for table in TABLES] == [0] * len(TABLES)


@pytest.mark.parametrize(
    "spoil, message",
    [
        (
            lambda revision: revision.update(case="no-such-case"),
            "cases.case 'no-such-case' is named in the file but not in it.",
        ),
        (
            lambda revision: revision["content"]["rows"]["contacts"][0].update(
                key={"id": ["ilo-sse-academy", 7]}
            ),
            "cases.caserevision of 'ilo-sse-academy': cases.contact ['ilo-sse-academy', 7] is "
            "named in the file but not in it.",
        ),
        (
            lambda revision: revision["content"]["rows"]["contacts"][0].update(
                key={"id": ["transform", 0]}
            ),
            "cases.caserevision of 'ilo-sse-academy': its \"contacts\" row ['transform', 0] is "
            "not a row of its case.",
        ),
        (
            lambda revision: revision["content"]["rows"]["contacts"][0].update(key="id:3"),
            "cases.caserevision of 'ilo-sse-academy': a row of its \"contacts\" has the key "
            '\'id:3\': a stored row is named {"id": <its natural key>}, a proposed one "new:…".',
        ),
        (
            lambda revision: revision["content"]["rows"]["organizations"][0]["values"].update(
                organization_id="no-such-organization"
            ),
            "cases.caserevision of 'ilo-sse-academy': cases.organization 'no-such-organization' "
            "is named in the file but not in it.",
        ),
        (
            lambda revision: revision.update(content="[not, json"),
            "cases.caserevision of 'ilo-sse-academy': its content is not a JSON object.",
        ),
        (
            lambda revision: revision["content"].pop("rows"),
            'cases.caserevision of \'ilo-sse-academy\': its content needs "fields" and "rows" '
            "objects.",
        ),
        (
            lambda revision: revision["content"].update(sdg_targets="8.5"),
            "cases.caserevision of 'ilo-sse-academy': its content's \"sdg_targets\" is not a "
            "list of codes.",
        ),
        (
            lambda revision: revision["content"]["rows"].update(planets=[]),
            "cases.caserevision of 'ilo-sse-academy': its content has rows of an unknown kind: "
            "planets.",
        ),
        (
            lambda revision: revision["content"]["rows"]["contacts"].append("Someone"),
            "cases.caserevision of 'ilo-sse-academy': a row of its \"contacts\" is not "
            '{"key": …, "values": {…}}.',
        ),
        (
            lambda revision: revision["content"]["fields"].update(start_year="²"),
            "cases.caserevision of 'ilo-sse-academy': its content cannot be read (“²” value must "
            "be an integer.).",
        ),
    ],
)
def test_import_refuses_a_hostile_revision_and_writes_nothing(pending_backup, spoil, message):
    spoil(revision_of(pending_backup))

    with pytest.raises(BackupRefused) as refused:
        import_catalogue(json.loads(json.dumps(pending_backup)))

    assert str(refused.value) == message
    assert nothing_written()
    assert CaseRevision.objects.count() == 0


def test_import_refuses_two_open_revisions_of_a_case_and_writes_nothing(pending_backup):
    revisions = pending_backup["tables"]["cases.caserevision"]
    revisions.append(dict(revisions[0]))

    with pytest.raises(BackupRefused) as refused:
        import_catalogue(pending_backup)

    assert str(refused.value) == (
        "cases.caserevision: more than one pending revision of 'ilo-sse-academy'; "
        "a case has at most one."
    )
    assert nothing_written()


def test_import_refuses_what_the_database_s_rules_refuse_and_writes_nothing(pending_backup):
    tables = pending_backup["tables"]
    with pytest.raises(BackupRefused) as links_refused:
        import_catalogue({**pending_backup, "tables": {**tables, "cases.caselink": [["a", "b"]]}})
    countries = [*tables["cases.casecountry"], tables["cases.casecountry"][0]]
    with pytest.raises(BackupRefused) as countries_refused:
        import_catalogue({**pending_backup, "tables": {**tables, "cases.casecountry": countries}})

    assert str(links_refused.value) == "cases.caselink: the rows are not a list of objects."
    assert str(countries_refused.value).startswith("The file breaks a rule of the database: ")
    assert nothing_written()


def test_import_of_the_unspoiled_backup_restores_the_revision(pending_backup):
    in_file = revision_of(pending_backup)["content"]

    import_catalogue(json.loads(json.dumps(pending_backup)))

    revision = CaseRevision.objects.get()
    laura = Contact.objects.get(case__slug="ilo-sse-academy", name="Laura Cicciarelli")
    assert in_file["rows"]["contacts"][0]["key"] == {"id": ["ilo-sse-academy", 1]}
    assert revision.content["rows"]["contacts"] == [
        {"key": f"id:{laura.pk}", "values": in_file["rows"]["contacts"][0]["values"]}
    ]
    assert revision.content["fields"] == in_file["fields"]
    assert (revision.case.slug, revision.status, revision.proposed_by.username) == (
        "ilo-sse-academy",
        "open",
        "editor",
    )


def test_backup_keeps_the_year_each_status_was_stated_and_rebuilds_sort_keys(tmp_path, editor):
    # One recorded by an editor, one left empty (the source's year is read, not stored), and
    # one in a pending revision's content.
    transform = Case.objects.get(slug="transform")
    transform.status_as_of = 2021
    transform.save()
    Case.objects.filter(slug="ilo-sse-academy").update(status_as_of=None)
    page = Case.objects.get(slug="page-kyrgyzstan-mongolia")
    revisions.propose(page, editor, values={"status_as_of": 2023})
    path = tmp_path / "backup.json"
    call_command("export_catalogue", str(path), "--users", "--history", stderr=None)
    document = json.loads(path.read_text(encoding="utf-8"))

    with fresh_database(tmp_path) as url:
        loaded = manage("import_catalogue", str(path), DEBUG="true", DATABASE_URL=url)
        assert loaded.returncode == 0, loaded.stderr
        check = run_python(
            "from cases.models import Case\n"
            "from cases.reads.revisions import active_revision\n"
            "for case in Case.objects.order_by('slug'):\n"
            "    print(case.slug, case.status_as_of, case.status_year)\n"
            "page = Case.objects.get(slug='page-kyrgyzstan-mongolia')\n"
            "print(active_revision(page).content['fields']['status_as_of'])\n"
            "print(Case.objects.get(slug='transform').history.latest().status_as_of)\n"
            "from cases.models import Country\n"
            "print(Country.objects.get(code='KE').name_pinyin)",
            DEBUG="true",
            DATABASE_URL=url,
        )

    assert {row["slug"]: row["status_as_of"] for row in document["tables"]["cases.case"]} == {
        "transform": 2021,
        "ilo-sse-academy": None,
        "page-kyrgyzstan-mongolia": 2018,
    }
    assert check.stdout.split("\n")[:6] == [
        "ilo-sse-academy None 2018",
        "page-kyrgyzstan-mongolia 2018 2018",
        "transform 2021 2021",
        "2023",
        "2021",
        # Not in the file (derived): the import rebuilds the pinyin sort keys.
        "ken3 ni2 ya4",
    ]
    assert "name_pinyin" not in document["tables"]["cases.country"][0]
