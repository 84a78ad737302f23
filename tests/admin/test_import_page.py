"""The admin's "Import cases" page: Publishers upload, read the dry-run report, confirm;
Editors cannot; bad files and expired uploads get a message."""

import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from cases.models import Case
from cases.writes import import_uploads
from tests.admin_client import client_for, messages_of, read_form
from tests.imports.volumes import volume_bytes
from tests.reading import text

URL = "/admin/cases/case/import/"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def upload_folder(tmp_path, settings):
    settings.IMPORT_UPLOAD_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


@pytest.fixture
def reference_only(db):
    Case.objects.all().delete()


def upload(client, data, name="volume.txt", **options):
    return client.post(URL, {"volume": SimpleUploadedFile(name, data), "_upload": "1", **options})


def test_publisher_sees_the_upload_form(publisher_client, django_assert_num_queries):
    with django_assert_num_queries(7):  # as the queue page: session, user, permissions, version
        response = publisher_client.get(URL)
    assert response.status_code == 200
    assert "Upload a volume" in text(response)
    assert read_form(response, "import-upload").keys() >= {
        "csrfmiddlewaretoken",
        "language",
        "source",
    }


def test_editor_cannot_import(editor_client, reference_only):
    assert editor_client.get(URL).status_code == 403
    assert upload(editor_client, volume_bytes("seed_zh.txt")).status_code == 403
    assert Case.objects.count() == 0


def test_upload_shows_the_dry_run_then_confirm_imports(publisher, publisher_client, reference_only, upload_folder):  # fmt: skip
    response = upload(publisher_client, volume_bytes("seed_zh.txt"), source="《良好实践》第 2 卷")
    page = text(response)
    assert "What the import would do" in page
    assert "Nothing has been written yet." in page
    assert page.count("new draft") == 4  # three cases and the totals
    assert "line 62: Unknown organization “联合国儿童基金” (执行方): left out. Closest known names: 联合国儿童基金会." in page  # fmt: skip
    assert "title (ZH-HANS)" in page
    assert Case.objects.count() == 0
    confirm = read_form(response, "import-confirm")
    assert len(list(upload_folder.iterdir())) == 1
    response = publisher_client.post(URL, {**confirm, "_confirm": "1"})
    assert messages_of(response) == ["Imported: 3 new, 0 updated, 0 for review."]
    assert "What was imported" in text(response)
    cases = Case.objects.all()
    assert {case.publication_status for case in cases} == {"draft"}
    assert {case.source_zh_hans for case in cases} == {"《良好实践》第 2 卷"}
    assert set(Case.history.filter(history_type="+").values_list("history_user", flat=True)) == {publisher.pk}  # fmt: skip
    assert list(upload_folder.iterdir()) == []  # the upload is gone after the import


def test_chinese_admin_report(publisher, reference_only):
    client = client_for(publisher, "zh-hans")
    page = text(upload(client, volume_bytes("seed_zh.txt")))
    assert "导入会做什么" in page
    assert "新草稿" in page
    assert (
        "第 62 行：未知的组织“联合国儿童基金”（执行方）：未导入。最接近的已知名称：联合国儿童基金会。"
        in page
    )


def test_expired_or_forged_upload_is_refused(publisher_client, reference_only, upload_folder):
    response = upload(publisher_client, volume_bytes("seed_zh.txt"))
    confirm = read_form(response, "import-confirm")
    (kept,) = upload_folder.iterdir()
    old = time.time() - import_uploads.LIFETIME_SECONDS - 1
    os.utime(kept, (old, old))
    response = publisher_client.post(URL, {**confirm, "_confirm": "1"})
    assert messages_of(response) == [
        "The upload has expired (it is kept for an hour): upload the file again."
    ]
    for digest in ("../../etc/passwd", "0" * 64, ["a", "b"]):
        response = publisher_client.post(URL, {**confirm, "digest": digest, "_confirm": "1"})
        assert messages_of(response)[0].startswith("The upload has expired")
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The submitted file is empty."),
        (b"\x00\x01binary", "line 1: This is not a text file (it contains binary data)."),
        (
            "挑战\n".encode("gbk"),
            "line 1: The file is not UTF-8: it looks like Chinese text in GBK",
        ),
        (b"no case here", "line 1: No case found"),
    ],
)
def test_bad_files_get_a_message_on_the_form(publisher_client, data, message):
    response = upload(publisher_client, data)
    assert response.status_code == 200
    assert message in text(response)
    assert "import-confirm" not in response.content.decode()


def test_too_large_upload(publisher_client):
    with override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1024):
        response = upload(publisher_client, b"a" * (21 * 1024 * 1024))
    assert "The file is 21.0 MB; the limit is 20 MB. Split the volume into parts." in text(response)


def test_published_cases_get_changes_for_review(publisher_client):
    response = upload(publisher_client, volume_bytes("seed_zh.txt"))
    assert text(response).count("changes for review") == 4
    response = publisher_client.post(
        URL, {**read_form(response, "import-confirm"), "_confirm": "1"}
    )
    assert messages_of(response) == ["Imported: 0 new, 0 updated, 3 for review."]
    assert Case.objects.get(slug="transform").title_zh_hans.startswith("TRANSFORM - 建立")


def test_admin_index_links_to_the_import_for_publishers_only(publisher_client, editor_client):
    assert URL in publisher_client.get("/admin/").content.decode()
    assert URL not in editor_client.get("/admin/").content.decode()
