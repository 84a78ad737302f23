"""A form refused by the CSRF check (the cookie expired, was cleared or changed; the page was
open too long), and the access-denied page.

"Share your practice" and its correction page come back filled in with everything typed, the
reason in the page's language, a fresh token that the second send passes, status 403, and
nothing stored, mailed or counted. Every other refusal gets a page in the reader's language
that says what to do; never Django's English text, never a cacheable response, no query.
"""

import pytest
from django.conf import settings
from django.test import Client

from cases.models import Case, Submission
from tests.admin_client import ADD_URL, NEW_CASE, read_form
from tests.pages.test_submit import errors_of, summary_of, valid_data
from tests.reading import text

pytestmark = pytest.mark.django_db

EXPIRED = {
    "en": "Your session expired, so nothing was sent. Your entries are below: check them and "
    "send the form again.",
    "zh-hans": "您的会话已过期，因此没有发送任何内容。您填写的内容都在下方：请检查后再次发送表单。",
}
REFUSED_PAGE = {
    "en": (
        "The form was not sent",
        "For your security, a form is accepted only from the page that showed it, and this "
        "check failed: the page may have been open for a long time, or your browser's cookies "
        "were cleared or are blocked. Nothing was sent or changed.",
        "To try again: go back to the previous page, reload it (copy anything long you typed "
        "first), and send the form again. If you were signing in, sign in again. This site's "
        "cookies must be allowed.",
        "Back to the home page",
    ),
    "zh-hans": (
        "表单未能发送",
        "为了您的安全，本站只接受从显示该表单的页面发送的表单，而这次检查没有通过：页面可能打开了"
        "很长时间，或者您的浏览器清除或阻止了 Cookie。没有发送或更改任何内容。",
        "重试方法：返回上一页，刷新页面（请先复制您输入的较长内容），然后再次发送表单。如果您正在"
        "登录，请重新登录。请允许本站的 Cookie。",
        "返回首页",
    ),
}
DENIED_PAGE = {
    "en": (
        "Access denied",
        "You do not have permission to open this page. If you are an editor, sign in with an "
        "account that has access, or ask an administrator.",
        "Back to the home page",
    ),
    "zh-hans": (
        "无权访问",
        "您没有打开此页面的权限。如果您是编辑，请使用有权访问的账户登录，或联系管理员。",
        "返回首页",
    ),
}
DJANGO_TEXTS = ("Forbidden", "CSRF verification failed", "403", "a developer's English reason")
TYPED = {
    "title": '<script>alert("x")</script> 太阳能诊所 & Solar',
    "headline": "两国诊所用太阳能冷藏疫苗。",
    "challenge": "诊所没有**可靠的**电力。\n\n<b>第二段</b> & “引号”",
    "solution": "Partners installed kiosks.\n\n- 40 clinics\n- 2 countries",
    "new_funder": "阳光基金\nRural Power Trust",
}


def typed_data(**changes):
    return valid_data(**{**TYPED, **changes})


def as_posted(data):
    """{name: sorted values} of the non-empty fields: the same shape for what was posted and
    what a page shows (a list shows its choices in its own order)."""
    values = {name: value if isinstance(value, list) else [value] for name, value in data.items()}
    return {
        name: sorted(value)
        for name, value in values.items()
        if value != [""] and name != "csrfmiddlewaretoken"
    }


def shown_values(response):
    return as_posted(read_form(response, "submit-form"))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_expired_session_gives_the_form_back_with_everything_typed(
    language, mailoutbox, django_capture_on_commit_callbacks
):
    client = Client(enforce_csrf_checks=True)
    opened = client.get(f"/{language}/submit/")
    client.cookies.clear()  # the reader cleared cookies while typing
    data = {
        **typed_data(),
        "csrfmiddlewaretoken": read_form(opened, "submit-form")["csrfmiddlewaretoken"][0],
    }

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        refused = client.post(f"/{language}/submit/", data)

    assert refused.status_code == 403
    assert summary_of(refused) == [EXPIRED[language]]
    assert shown_values(refused) == as_posted(data)
    html = refused.content.decode()
    assert "<script>alert" not in html
    assert (
        'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 太阳能诊所 &amp; Solar"' in html
    )
    assert Submission.objects.count() == 0
    assert (callbacks, mailoutbox) == ([], [])


def test_the_form_shown_again_is_sent_with_its_fresh_token(settings):
    # One submission an hour from this address: the refused send must not count as one.
    settings.SUBMISSIONS_PER_IP_PER_HOUR = 1
    reader = Client(enforce_csrf_checks=True)  # never opened the form: no cookie at all
    refused = reader.post("/en/submit/", typed_data())
    assert refused.status_code == 403
    assert "csrftoken" in refused.cookies

    sent = reader.post("/en/submit/", {**read_form(refused, "submit-form"), "send": "1"})

    assert sent.status_code == 302
    assert sent["Location"] == "/en/submit/thanks/"
    submission = Submission.objects.get()
    assert submission.title == TYPED["title"]
    assert submission.challenge == TYPED["challenge"]
    assert submission.new_organizations == {"funder": ["阳光基金", "Rural Power Trust"]}
    assert submission.countries == ["KE", "MN"]


def test_a_token_from_before_the_cookie_changed_is_refused_and_the_new_one_passes():
    client = Client(enforce_csrf_checks=True)
    old_token = read_form(client.get("/en/submit/"), "submit-form")["csrfmiddlewaretoken"][0]
    client.cookies[settings.CSRF_COOKIE_NAME] = "b" * 32  # rotated, e.g. by a sign-in elsewhere

    refused = client.post("/en/submit/", {**typed_data(), "csrfmiddlewaretoken": old_token})
    assert refused.status_code == 403
    assert summary_of(refused) == [EXPIRED["en"]]
    sent = client.post("/en/submit/", read_form(refused, "submit-form"))

    assert sent["Location"] == "/en/submit/thanks/"
    assert Submission.objects.get().title == TYPED["title"]


def test_the_refused_form_shows_its_field_messages_and_no_preview():
    refused = Client(enforce_csrf_checks=True).post(
        "/en/submit/", typed_data(solution="", preview="1")
    )

    assert refused.status_code == 403
    assert errors_of(refused) == {"solution": ["This field is required."]}
    assert summary_of(refused) == [EXPIRED["en"], "Solution: This field is required."]
    assert 'id="preview-title"' not in refused.content.decode()


def test_the_refused_form_is_never_cached():
    refused = Client(enforce_csrf_checks=True).post("/en/submit/", typed_data())

    assert {part.strip() for part in refused["Cache-Control"].split(",")} >= {
        "no-store",
        "private",
    }
    assert "ETag" not in refused


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_correction_refused_comes_back_filled_in_and_changes_nothing(client, language):
    client.post("/en/submit/", valid_data())
    submission = Submission.objects.get()
    amend_url = f"/{language}/submit/status/{submission.token}/amend/"
    reader = Client(enforce_csrf_checks=True)
    data = typed_data(solution="十二家诊所参与了项目。")

    refused = reader.post(amend_url, data)

    assert refused.status_code == 403
    assert summary_of(refused) == [EXPIRED[language]]
    assert shown_values(refused) == as_posted(data)
    submission.refresh_from_db()
    assert submission.solution == "Partners installed kiosks.\n\n- 40 clinics\n- 2 countries"
    assert submission.history.count() == 1
    sent = reader.post(amend_url, read_form(refused, "submit-form"))
    assert sent["Location"] == submission.get_absolute_url()
    submission.refresh_from_db()
    assert submission.solution == "十二家诊所参与了项目。"
    assert submission.title == TYPED["title"]


def test_a_refused_correction_for_no_submission_is_the_ordinary_404():
    response = Client(enforce_csrf_checks=True).post(
        "/en/submit/status/no-such-token/amend/", typed_data()
    )

    assert response.status_code == 404
    assert "Page not found There is nothing at this address." in text(response)


@pytest.mark.parametrize(
    "path, language",
    [("/en/cases/", "en"), ("/zh-hans/", "zh-hans"), ("/en/submit/thanks/", "en")],
)
def test_any_other_refused_form_gets_a_page_in_the_language_of_its_address(
    path, language, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = Client(enforce_csrf_checks=True).post(path, {"q": "x"})

    assert response.status_code == 403
    assert_refused_page(response, language)


def test_another_method_on_the_form_page_gets_the_page_not_the_form():
    response = Client(enforce_csrf_checks=True).put("/zh-hans/submit/", typed_data())

    assert response.status_code == 403
    assert_refused_page(response, "zh-hans")


@pytest.mark.parametrize(
    "headers, cookies, language",
    [
        ({"HTTP_ACCEPT_LANGUAGE": "en"}, {}, "en"),
        ({"HTTP_ACCEPT_LANGUAGE": "en"}, {settings.LANGUAGE_COOKIE_NAME: "zh-hans"}, "zh-hans"),
        ({}, {}, settings.LANGUAGE_CODE),
    ],
)
def test_a_refused_sign_in_is_in_the_language_of_the_request(
    headers, cookies, language, django_assert_num_queries
):
    client = Client(enforce_csrf_checks=True)
    client.cookies.load(cookies)

    with django_assert_num_queries(0):
        response = client.post("/admin/login/", {"username": "editor", "password": "x"}, **headers)

    assert response.status_code == 403
    assert_refused_page(response, language)


def test_a_refused_admin_form_saves_nothing(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    cases = Case.objects.count()

    response = client.post(ADD_URL, NEW_CASE)

    assert response.status_code == 403
    assert_refused_page(response, "en")
    assert Case.objects.count() == cases


@pytest.mark.urls("tests.site.forbidden_urls")
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_public_page_that_refuses_its_reader_says_so_in_its_language(
    language, django_assert_num_queries
):
    client = Client()
    with django_assert_num_queries(1):  # the page cache asks the catalogue's version
        response = client.get(f"/{language}/forbidden/")

    assert response.status_code == 403
    assert_denied_page(response, language)
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response
    assert client.get(f"/{language}/forbidden/").status_code == 403


def test_an_editor_without_the_permission_gets_the_page_in_the_admin_language(editor_client):
    response = editor_client.get("/admin/auth/user/")

    assert response.status_code == 403
    assert_denied_page(response, "en")


def assert_refused_page(response, language):
    heading, what, advice, link = REFUSED_PAGE[language]
    assert_page(response, language, heading, f"{heading} {what} {advice} {link}")


def assert_denied_page(response, language):
    heading, what, link = DENIED_PAGE[language]
    assert_page(response, language, heading, f"{heading} {what} {link}")


def assert_page(response, language, title, blocks):
    html = response.content.decode()
    html_language = {"en": "en", "zh-hans": "zh-Hans"}[language]
    assert f'<html lang="{html_language}">' in html
    assert f"<title>{title} · " in html
    page = text(response)
    assert blocks in page
    assert [phrase for phrase in DJANGO_TEXTS if phrase in page] == []
    assert response["Cache-Control"] == "no-store"
