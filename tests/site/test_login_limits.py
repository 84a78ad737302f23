"""Sign-in limits (django-axes): a username, and separately an address, is paused after five
failures in a row; the client's address comes from the trusted-proxy rule; the counts live in
the database, shared by every app server."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

from tests.admin_client import PASSWORD
from tests.reading import text

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/"
PAUSED = {
    "en": (
        "There have been too many failed attempts to sign in with this name or from this "
        "address. For your security, signing in is paused for 15 minutes. Try again then, or "
        "ask an administrator to unlock the account."
    ),
    "zh-hans": "使用此用户名或从此地址登录失败的次数过多。为安全起见，登录已暂停 15 分钟。请届时再试，或请管理员为账户解锁。",
}


def sign_in(username, password, address="198.51.100.7", language="en", **extra):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **extra,
    )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Every attempt hashes a password; the default hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def fail(username, addresses):
    """The status of each failed attempt: 200 is the form again with its error."""
    return [sign_in(username, "wrong password", address).status_code for address in addresses]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_login_username_is_paused_after_five_failures_from_any_address(editor, language):
    statuses = fail("editor", [f"198.51.100.{n}" for n in range(1, 6)])

    assert statuses == [200, 200, 200, 200, 429]
    response = sign_in("editor", PASSWORD, "203.0.113.99", language=language)

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert PAUSED[language] in text(response)
    assert "_auth_user_id" not in response.client.session
    attempts = AccessAttempt.objects.filter(username="editor")
    # Five failures, then the refused attempt during the pause (which restarts the pause).
    assert sum(attempt.failures_since_start for attempt in attempts) == 6


def test_login_address_is_paused_after_five_failures_with_any_username(editor):
    for name in ("root", "admin", "test", "guest", "wang.fang"):
        sign_in(name, "wrong password", "198.51.100.7")

    from_that_address = sign_in("editor", PASSWORD, "198.51.100.7")
    from_elsewhere = sign_in("editor", PASSWORD, "203.0.113.1")

    assert from_that_address.status_code == 429
    assert (from_elsewhere.status_code, from_elsewhere["Location"]) == (302, "/admin/")


def test_login_success_before_the_limit_clears_the_failures(editor):
    assert fail("editor", ["198.51.100.1"] * 4) == [200] * 4
    assert sign_in("editor", PASSWORD).status_code == 302
    assert fail("editor", ["198.51.100.1"] * 4) == [200] * 4
    assert sign_in("editor", PASSWORD).status_code == 302


def test_login_behind_a_proxy_counts_the_address_the_proxy_saw(editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    # The client forges a different left part every time: only the proxy's entry counts.
    for forged in range(5):
        sign_in(
            f"guess{forged}",
            "wrong",
            proxy,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{forged}, 203.0.113.5",
        )

    same_client = sign_in("editor", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    other_client = sign_in("editor", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="203.0.113.6")

    assert same_client.status_code == 429
    assert other_client.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}


def test_login_without_trusted_proxies_ignores_forwarded_for(editor):
    for forged in range(5):
        sign_in(f"guess{forged}", "wrong", "198.51.100.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{forged}")

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}
    assert sign_in("editor", PASSWORD, "198.51.100.7").status_code == 429


@pytest.mark.parametrize(
    "unsafe_next",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)", ""],
)
def test_login_with_an_unsafe_next_lands_on_the_admin_index(editor, unsafe_next):
    response = Client().post(
        LOGIN_URL, {"username": "editor", "password": PASSWORD, "next": unsafe_next}
    )

    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_login_with_a_safe_next_goes_there(editor):
    response = Client().post(
        LOGIN_URL,
        {"username": "editor", "password": PASSWORD, "next": "/admin/cases/case/"},
    )

    assert response["Location"] == "/admin/cases/case/"


def test_an_administrator_can_lift_the_pause_at_once(editor):
    from django.core.management import call_command

    fail("editor", [f"198.51.100.{n}" for n in range(1, 6)])
    assert sign_in("editor", PASSWORD, "203.0.113.2").status_code == 429

    call_command("axes_reset_username", "editor", stdout=None)

    assert sign_in("editor", PASSWORD, "203.0.113.2").status_code == 302
