"""Helpers for the admin's browser tests: editor accounts, signing in, screenshots. The watcher
for what must not happen on a page (CSP violations, script errors, other origins, failed
responses) is in conftest.py, with the fixtures `new_page` and `server_errors`."""

import importlib
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from .conftest import screenshot_path

PASSWORD = "a-long-browser-password-3951"
# Found by name, whatever number the migration has.
SUBMISSIONS_MIGRATION = next(
    (Path(__file__).resolve().parents[2] / "cases" / "migrations").glob("0*_submissions.py")
).stem


def ensure_groups():
    """Live-server tests flush the database, groups included: recreate them as the migration
    does."""
    migration = importlib.import_module("cases.migrations.0002_editor_groups")
    for name, codenames in (
        ("Editors", migration.editor_codenames()),
        ("Publishers", migration.publisher_codenames()),
    ):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="cases", codename__in=codenames)
        )
    # Moderating public submissions, as the submissions migration grants it.
    moderation = importlib.import_module(f"cases.migrations.{SUBMISSIONS_MIGRATION}")
    for name, codenames in (
        ("Editors", moderation.MODERATOR_CODENAMES),
        ("Publishers", [*moderation.MODERATOR_CODENAMES, "delete_submission"]),
    ):
        Group.objects.get(name=name).permissions.add(
            *Permission.objects.filter(content_type__app_label="cases", codename__in=codenames)
        )


def make_user(username, group):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(page, site, username):
    page.goto(f"{site}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()
    page.wait_for_load_state("networkidle")


def shoot(page, name, full_page=True):
    page.screenshot(path=screenshot_path(f"admin-{name}"), full_page=full_page)


def pick_autocomplete(page, select_id, search, option_text):
    """Open a select2 autocomplete, type, and choose the option (as a person would)."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    search_box = page.locator(".select2-container--open .select2-search__field")
    search_box.fill(search)
    option = page.locator(".select2-results__option", has_text=option_text).first
    expect(option).to_be_visible()
    option.click()
