"""`manage.py createeditor` adds a staff account to the Editors or Publishers group."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("createeditor", *args, stdout=out)
    return out.getvalue()


def test_createeditor_makes_a_staff_editor_without_a_password():
    output = run("wang.fang", "--email", "wang.fang@example.org")

    user = get_user_model().objects.get(username="wang.fang")
    assert (user.is_staff, user.is_superuser, user.email) == (True, False, "wang.fang@example.org")
    assert [group.name for group in user.groups.all()] == ["Editors"]
    assert not user.has_usable_password()
    assert user.has_perm("cases.change_case") and not user.has_perm("cases.publish_case")
    assert "python manage.py changepassword wang.fang" in output


def test_createeditor_makes_a_publisher_with_a_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("NEW_EDITOR_PASSWORD", "correct-horse-battery-staple-42")

    output = run("li.na", "--publisher", "--password-env", "NEW_EDITOR_PASSWORD")

    user = get_user_model().objects.get(username="li.na")
    assert [group.name for group in user.groups.all()] == ["Publishers"]
    assert user.check_password("correct-horse-battery-staple-42")
    assert user.has_perm("cases.publish_case")
    assert "changepassword" not in output


def test_createeditor_refuses_an_existing_user_a_bad_email_and_a_weak_password(monkeypatch):
    run("wang.fang")
    monkeypatch.setenv("WEAK", "123")

    with pytest.raises(CommandError, match="The user “wang.fang” already exists."):
        run("wang.fang")
    with pytest.raises(CommandError, match="“not-an-email” is not a valid email address."):
        run("someone", "--email", "not-an-email")
    with pytest.raises(CommandError, match="This password is too short"):
        run("someone", "--password-env", "WEAK")
    with pytest.raises(CommandError, match="The environment variable UNSET_VARIABLE"):
        run("someone", "--password-env", "UNSET_VARIABLE")
    assert not get_user_model().objects.filter(username="someone").exists()
