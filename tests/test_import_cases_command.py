"""python manage.py import_cases: a dry run unless --apply, a report with lines, clear errors."""

import pytest
from django.core.management import CommandError, call_command

from cases.models import Case
from tests.imports.volumes import FOLDER

PROGRESS = []


def command(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_cases", *args, stdout=out, stderr=err)
    finally:
        PROGRESS[:] = [err.getvalue()]
    return out.getvalue()


@pytest.fixture
def reference_only(db):
    Case.objects.all().delete()


def test_dry_run_by_default_reports_and_writes_nothing(reference_only):
    output = command(str(FOLDER / "seed_zh.txt"))
    assert output.startswith(
        "Dry run (nothing written; --apply imports): seed_zh.txt, zh-hans edition"
    )
    assert (
        "       new draft  TRANSFORM - 建立并管理非洲社会保障最低标准的领导力与转型课程" in output
    )
    assert "note: line 25: Dropped “Valentina Barca” (a caption's name)." in output
    assert output.rstrip().endswith("total                 3")
    assert Case.objects.count() == 0
    # Not a terminal: a plain progress line instead of a bar.
    assert PROGRESS[0].startswith("Importing: 3/3 (")


def test_apply_needs_a_user_and_writes_as_that_user(reference_only, editor):
    with pytest.raises(CommandError, match="--user USERNAME"):
        command(str(FOLDER / "seed_zh.txt"), "--apply")
    output = command(str(FOLDER / "seed_zh.txt"), "--apply", "--user", editor.username)
    assert output.startswith("Imported: seed_zh.txt")
    assert Case.objects.filter(publication_status="draft").count() == 3
    created = Case.history.filter(history_type="+")
    assert set(created.values_list("history_user__username", flat=True)) == {"editor"}
    again = command(str(FOLDER / "seed_zh.txt"), "--apply", "--user", editor.username)
    assert "unchanged             3" in again


def test_bad_files_are_refused_with_a_message(reference_only, tmp_path):
    gbk = tmp_path / "volume.txt"
    gbk.write_bytes("TRANSFORM\n\n挑战\n".encode("gbk"))
    with pytest.raises(CommandError, match=r"volume.txt: line \d: The file is not UTF-8"):
        command(str(gbk))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="The file is empty. Nothing imported."):
        command(str(empty))
    with pytest.raises(CommandError, match="Cannot read"):
        command(str(tmp_path / "missing.txt"))
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(CommandError, match="The file is 50.0 MB; the limit is 20 MB"):
        command(str(big))


def test_failed_cases_make_the_command_fail_after_the_report(reference_only, tmp_path, editor):
    lines = (FOLDER / "seed_zh.txt").read_text("utf-8").splitlines()
    lines[119] = "项目期间 : 2019 - 2017"
    volume = tmp_path / "volume.txt"
    volume.write_text("\n".join(lines), "utf-8")
    with pytest.raises(CommandError, match="1 of 3 cases were not imported"):
        command(str(volume), "--apply", "--user", editor.username)
    assert Case.objects.count() == 2
