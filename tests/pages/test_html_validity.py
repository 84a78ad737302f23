"""The Nu HTML Checker (vnu.jar, from the npm package `vnu-jar`) finds no errors in the pages
readers and editors open first, in both languages (issue 12).

The pages are rendered with the test client and written to files, and the checker runs once
over all of them: each start of the JVM costs seconds. Without Java or vnu.jar the test is
skipped, except in CI (the environment variable CI set), where a skip would hide a failure.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGUAGES = ("zh-hans", "en")
PUBLIC_PAGES = {
    "home": "/",
    "list": "/cases/",
    "filtered-list": "/cases/?goal=8&country=KE",
    "empty-result": "/cases/?q=zzzzunfindable",
    "case-transform": "/cases/transform/",
    "case-ilo-sse-academy": "/cases/ilo-sse-academy/",
    "case-page-kyrgyzstan-mongolia": "/cases/page-kyrgyzstan-mongolia/",
    "sdg": "/sdg/",
    "countries": "/countries/",
    "organizations": "/organizations/",
    "accessibility": "/accessibility/",
    "privacy": "/privacy/",
    "contact": "/contact/",
    # Beyond the list: the other pages a reader reaches from these.
    "facet-options": "/cases/filters/country/?goal=8",
    "insights": "/insights/",
    "open-data": "/data/",
    "submit": "/submit/",
}


def checker_command():
    """The command that runs the checker, or None (and why) where it cannot run here."""
    java = shutil.which("java")
    if java is None:
        return None, "Java is not installed (Debian: apt-get install default-jre-headless)"
    if not VNU_JAR.exists():
        return None, f"{VNU_JAR} is missing (npm install)"
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"], ""


def rendered_pages(client, folder):
    """Each page in each language as a file in `folder`; {file name: address}."""
    files = {}
    for language in LANGUAGES:
        addresses = {name: f"/{language}{path}" for name, path in PUBLIC_PAGES.items()}
        # The admin is outside the language prefixes: it follows the language cookie.
        addresses["admin-login"] = "/admin/login/"
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for name, address in addresses.items():
            response = client.get(address, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, address
            assert response["Content-Language"] == language, address
            file_name = f"{name}-{language}.html"
            (folder / file_name).write_bytes(response.content)
            files[file_name] = address
        for name, address, status, response in posted_pages(client, language):
            assert response.status_code == status, address
            file_name = f"{name}-{language}.html"
            (folder / file_name).write_bytes(response.content)
            files[file_name] = address
    return files


def posted_pages(client, language):
    """The pages a POST shows: the form with two contact rows and with a row's messages, the
    form given back after the CSRF check refused it, and the refusal page of any other form."""
    submit = f"/{language}/submit/"
    rows = {"contacts-TOTAL_FORMS": "2", "contacts-INITIAL_FORMS": "0"}
    refusing = Client(enforce_csrf_checks=True)
    return [
        ("submit-contact-rows", submit, 200, client.post(submit, {**rows, "add_contact": "1"})),
        (
            "submit-contact-errors",
            submit,
            200,
            client.post(submit, {**rows, "contacts-1-email": "bad@"}),
        ),
        ("submit-csrf-refused", submit, 403, refusing.post(submit, {"title": "Solar kiosks"})),
        ("csrf-refused", f"/{language}/cases/", 403, refusing.post(f"/{language}/cases/")),
    ]


def test_the_nu_html_checker_finds_no_errors(client, tmp_path):
    command, reason = checker_command()
    if command is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the Nu HTML Checker, but {reason}.")
        pytest.skip(reason)
    files = rendered_pages(client, tmp_path)

    result = subprocess.run(
        [*command, *sorted(str(tmp_path / name) for name in files)],
        capture_output=True,
        text=True,
        timeout=300,
    )

    # The JSON report goes to standard error; the exit status is 1 when there are errors.
    report = json.loads(result.stderr)
    errors = [
        f"{Path(message.get('url', '')).name} ({files.get(Path(message.get('url', '')).name)}) "
        f"line {message.get('lastLine')}: {message['message']}"
        for message in report["messages"]
        if message["type"] in ("error", "non-document-error")
    ]
    if errors:
        pytest.fail("The Nu HTML Checker reports:\n" + "\n".join(errors), pytrace=False)
    assert result.returncode == 0, result.stderr


def test_without_java_the_check_is_skipped_outside_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match="Java is not installed"):
        test_the_nu_html_checker_finds_no_errors(None, tmp_path)


def test_in_ci_a_missing_checker_is_a_failure(monkeypatch, tmp_path):
    monkeypatch.setattr(f"{__name__}.VNU_JAR", tmp_path / "missing" / "vnu.jar")
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception, match="CI runs the Nu HTML Checker, but .*missing"):
        test_the_nu_html_checker_finds_no_errors(None, tmp_path)
