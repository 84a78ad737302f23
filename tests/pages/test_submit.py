"""The public "Share your practice" form (/<lang>/submit/): what a submitter receives.

Valid, invalid, spam-like, over-limit and duplicate submissions in both languages; every
message exact and in the page's language; hostile inputs never cause a server error and
never lose what was typed; nothing submitted is public.
"""

import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client, TestCase
from django.utils import timezone

from cases.models import Case, Submission
from cases.submission_form import started_stamp
from cases.writes import submissions
from cases.writes.workflow import take_action
from tests.reading import text as page_text

pytestmark = pytest.mark.django_db


class CommittingClient(Client):
    """Runs what a request schedules for after its commit (the emails), as production does:
    the test's own transaction never commits."""

    def post(self, *args, **kwargs):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().post(*args, **kwargs)


@pytest.fixture
def client():
    return CommittingClient()


def contact_rows(*rows, total=None):
    """The contact formset's fields as the form posts them: (name, title, email) per row."""
    data = {
        "contacts-TOTAL_FORMS": str(len(rows) if total is None else total),
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "10",
    }
    for number, row in enumerate(rows):
        for field, value in zip(("name", "job_title", "email"), row, strict=True):
            data[f"contacts-{number}-{field}"] = value
    return data


def valid_data(**changes):
    data = {
        "title": "Solar kiosks for rural clinics",
        "headline": "Clinics in two countries keep vaccines cold with solar power.",
        "challenge": "Clinics had no **reliable** power.",
        "solution": "Partners installed kiosks.\n\n- 40 clinics\n- 2 countries",
        "countries": ["KE", "MN"],
        "sdg_targets": ["7.1", "3.8"],
        "nominator": ["ilo"],
        "new_funder": "Sunlight Fund\nRural Power Trust",
        "project_status": "ongoing",
        "start_year": "2019",
        "end_year": "",
        "links": "https://example.org/solar\nhttps://example.org/report",
        **contact_rows(("Amina Otieno", "Programme lead, Sunlight Fund", "amina@example.org")),
        "submitter_name": "Li Wei",
        "submitter_organization": "Rural Power Trust",
        "submitter_email": "li.wei@example.org",
        "consent_contact": "on",
        "consent_publish_contact": "on",
        "website": "",
        "started": started_stamp(time.time() - 60),
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def form_size(data):
    return sum(
        len(value)
        for values in data.values()
        for value in ([values] if isinstance(values, str) else values)
    )


def errors_of(response):
    """{field name: [messages]} as the page shows them next to each field."""
    html = response.content.decode()
    found = {}
    for name, block in re.findall(
        r'<ul class="field-errors" id="id_([a-z_]+)_errors">(.*?)</ul>', html, re.S
    ):
        found[name] = re.findall(r"<li>(.*?)</li>", block, re.S)
    return found


def summary_of(response):
    html = response.content.decode()
    match = re.search(r'<div class="error-summary".*?<ul>(.*?)</ul>', html, re.S)
    if match is None:
        return []
    return [
        re.sub(r"<[^>]+>", "", item).strip()
        for item in re.findall(r"<li>(.*?)</li>", match[1], re.S)
    ]


def test_the_form_is_offered_in_both_languages(client):
    english = page_text(client.get("/en/submit/"))
    chinese = page_text(client.get("/zh-hans/submit/"))

    assert "Share your practice" in english
    assert "Write in Chinese or in English. The editors translate the project name" in english
    assert "分享您的实践" in chinese
    assert "Your data" in english


def test_the_form_page_is_never_cached_with_its_csrf_token(client):
    first = client.get("/en/submit/")
    client.cookies.clear()
    second = client.get("/en/submit/")

    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert "private" in first["Cache-Control"] and "no-store" in first["Cache-Control"]
    assert "ETag" not in first
    # Each reader gets their own token (a cached page would hand out the first one's).
    assert token.search(first.content.decode())[1] != token.search(second.content.decode())[1]
    assert "csrftoken" in second.cookies


def test_a_valid_submission_is_stored_not_public_and_confirmed_by_email(client):
    response = client.post("/en/submit/", valid_data())

    assert response.status_code == 302
    assert response["Location"] == "/en/submit/thanks/"
    submission = Submission.objects.get()
    assert submission.language == "en"
    assert submission.status == "received"
    assert submission.title == "Solar kiosks for rural clinics"
    assert submission.countries == ["KE", "MN"]
    assert submission.sdg_targets == ["7.1", "3.8"]
    assert submission.organizations == {"nominator": ["ilo"]}
    assert submission.new_organizations == {"funder": ["Sunlight Fund", "Rural Power Trust"]}
    assert submission.links == ["https://example.org/solar", "https://example.org/report"]
    assert submission.start_year == 2019 and submission.end_year is None
    assert not Case.objects.filter(title_en="Solar kiosks for rural clinics").exists()
    assert "Solar kiosks" not in page_text(client.get("/en/cases/?q=Solar"))

    [email] = mail.outbox
    assert email.to == ["li.wei@example.org"]
    assert email.subject == "We received your practice “Solar kiosks for rural clinics”"
    assert f"http://127.0.0.1:8000/en/submit/status/{submission.token}/" in email.body
    assert submission.history.get().history_change_reason == "received"


def test_a_chinese_submission_is_confirmed_in_chinese(client):
    client.post("/zh-hans/submit/", valid_data(title="农村诊所的太阳能亭"))

    submission = Submission.objects.get()
    [email] = mail.outbox
    assert submission.language == "zh-hans"
    assert email.subject == "我们已收到您的实践“农村诊所的太阳能亭”"
    assert f"/zh-hans/submit/status/{submission.token}/" in email.body


def test_the_status_link_shows_the_status_and_nothing_else_finds_it(client):
    client.post("/en/submit/", valid_data())
    submission = Submission.objects.get()

    status = client.get(submission.get_absolute_url())

    assert "Received: waiting for an editor" in page_text(status)
    assert "li.wei@example.org" not in status.content.decode()
    assert status["X-Robots-Tag"] == "noindex"
    assert client.get("/en/submit/status/not-the-token/").status_code == 404
    assert client.get("/en/submit/status/" + "x" * 5000 + "/").status_code == 404


REQUIRED = {
    "title": "This field is required.",
    "challenge": "This field is required.",
    "solution": "This field is required.",
    "submitter_name": "This field is required.",
    "submitter_email": "This field is required.",
    "consent_contact": "Tick this box: the editors need to be able to ask you questions.",
}


def test_an_empty_form_names_every_required_field_and_stores_nothing(client):
    response = client.post("/en/submit/", {"started": started_stamp(time.time() - 60)})

    assert response.status_code == 200
    assert errors_of(response) == {name: [message] for name, message in REQUIRED.items()}
    assert summary_of(response)[0] == "Project name: This field is required."
    assert '<li><a href="#id_title">Project name: This field is required.</a></li>' in (
        response.content.decode()
    )
    assert len(summary_of(response)) == len(REQUIRED)
    assert Submission.objects.count() == 0 and mail.outbox == []


def test_messages_are_in_chinese_on_the_chinese_form(client):
    response = client.post("/zh-hans/submit/", valid_data(title="", start_year="1900"))

    # Django REST framework's catalogue (an installed app) words Django's own message so.
    assert errors_of(response) == {
        "title": ["该字段是必填项。"],
        "start_year": ["请输入 1950 至 2100 之间的年份。"],
    }


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"start_year": "1900"}, {"start_year": ["Enter a year between 1950 and 2100."]}),
        ({"start_year": "²"}, {"start_year": ["Enter the year as four digits, e.g. 2016."]}),
        ({"start_year": "1e9"}, {"start_year": ["Enter the year as four digits, e.g. 2016."]}),
        ({"start_year": "9" * 5000}, {"start_year": ["Enter the year as four digits, e.g. 2016."]}),
        ({"start_year": "-1"}, {"start_year": ["Enter a year between 1950 and 2100."]}),
        (
            {"start_year": "2020", "end_year": "2010"},
            {"end_year": ["The end year must not be before the start year."]},
        ),
        (
            {"links": "javascript:alert(1)"},
            {
                "links": [
                    "“javascript:alert(1)” is not a web address starting with http:// or https://."
                ]
            },
        ),
        (
            {"links": "\n".join(f"https://example.org/{n}" for n in range(11))},
            {"links": ["Give at most 10 links (you gave 11)."]},
        ),
        (
            {"submitter_email": "not an email"},
            {"submitter_email": ["Enter a valid email address."]},
        ),
        (
            {"countries": ["KE", "ZZ"]},
            {"countries": ["Select a valid choice. ZZ is not one of the available choices."]},
        ),
        (
            {"sdg_targets": ["99.9"]},
            {"sdg_targets": ["Select a valid choice. 99.9 is not one of the available choices."]},
        ),
        (
            {"project_status": "finished"},
            {
                "project_status": [
                    "Select a valid choice. finished is not one of the available choices."
                ]
            },
        ),
        (
            {"title": "x" * 301},
            {"title": ["Ensure this value has at most 300 characters (it has 301)."]},
        ),
        ({"title": "Solar\x00kiosks"}, {"title": ["Null characters are not allowed."]}),
        ({"consent_contact": None}, {"consent_contact": [REQUIRED["consent_contact"]]}),
        (
            {"new_funder": "\n".join(f"Fund {n}" for n in range(11))},
            {"new_funder": ["Give at most 10 names of at most 200 characters each."]},
        ),
        ({"website": "http://spam.example"}, {"website": ["Leave this field empty."]}),
    ],
)
def test_each_rule_has_its_message_and_keeps_every_value(client, changes, expected):
    data = valid_data(**changes)
    response = client.post("/en/submit/", data)

    assert response.status_code == 200
    assert errors_of(response) == expected
    assert Submission.objects.count() == 0
    html = response.content.decode()
    # What was typed comes back (the other fields' values are all there).
    assert 'value="Li Wei"' in html
    assert "Partners installed kiosks.\n\n- 40 clinics" in html
    assert '<option value="KE" selected>' in html


def test_a_huge_text_is_refused_with_a_message_not_an_error(client):
    data = valid_data(challenge="长" * 200_000)
    response = client.post("/en/submit/", data)

    assert response.status_code == 200
    assert errors_of(response)["challenge"] == [
        "Ensure this value has at most 10000 characters (it has 200000)."
    ]
    assert summary_of(response)[0] == (
        f"The form holds {form_size(data)} characters in all; at most 30000 fit."
    )


def test_the_whole_form_has_a_size_limit(client):
    data = valid_data(challenge="a" * 10_000, solution="b" * 10_000, headline="c" * 300)
    data["new_nominator"] = "\n".join("n" * 200 for _ in range(10))
    data["new_funder"] = "\n".join("f" * 200 for _ in range(10))
    data["new_implementer"] = "\n".join("i" * 200 for _ in range(10))
    data["contacts-0-job_title"] = "j" * 200
    data["links"] = "\n".join("https://example.org/" + "l" * 480 for _ in range(10))

    response = client.post("/en/submit/", data)

    assert errors_of(response) == {}
    assert summary_of(response) == [
        f"The form holds {form_size(data)} characters in all; at most 30000 fit."
    ]
    assert Submission.objects.count() == 0


def test_html_and_wrong_types_are_kept_as_text(client):
    data = valid_data(title="<script>alert(1)</script>", submitter_name=["First", "Second"])
    response = client.post("/en/submit/", data)

    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.title == "<script>alert(1)</script>"
    assert submission.submitter_name == "Second"  # a list where one value belongs: the last


def test_json_instead_of_a_form_gets_the_form_back_with_messages(client):
    response = client.post("/en/submit/", data='{"title": "x"}', content_type="application/json")

    assert response.status_code == 200
    assert set(errors_of(response)) == set(REQUIRED)


def test_a_form_sent_too_fast_is_refused_with_everything_kept(client):
    response = client.post("/en/submit/", valid_data(started=started_stamp(time.time())))

    assert summary_of(response) == [
        "That was faster than a person can fill in this form. Check your entries and send it again."
    ]
    assert 'value="Solar kiosks for rural clinics"' in response.content.decode()
    assert Submission.objects.count() == 0


def test_a_forged_or_missing_time_stamp_is_refused(client):
    for stamp in ("", "1700000000", started_stamp(time.time() - 60) + "x"):
        response = client.post("/en/submit/", valid_data(started=stamp))
        assert summary_of(response) == [
            "This form was open for more than a day, or was changed. Check your entries and "
            "send it again."
        ]
    assert Submission.objects.count() == 0


def stamp_shown(response):
    return re.search(r'name="started" value="([^"]*)"', response.content.decode())[1]


@pytest.mark.parametrize("stale", ["", "1700000000", "not-a-stamp:1vX:abc"])
def test_a_form_with_a_stale_stamp_can_be_sent_again_from_the_page(client, settings, stale):
    settings.SUBMISSION_MIN_SECONDS = 0
    refused = client.post("/en/submit/", valid_data(started=stale))
    assert summary_of(refused) == [
        "This form was open for more than a day, or was changed. Check your entries and "
        "send it again."
    ]
    assert stamp_shown(refused) != stale

    again = client.post("/en/submit/", valid_data(started=stamp_shown(refused)))

    assert again.status_code == 302
    assert Submission.objects.count() == 1


def test_a_form_sent_too_fast_keeps_its_stamp(client):
    stamp = started_stamp(time.time())
    refused = client.post("/en/submit/", valid_data(started=stamp))

    assert stamp_shown(refused) == stamp  # the wait counts from when the form was first shown


def test_the_preview_shows_the_texts_formatted_and_stores_nothing(client):
    response = client.post("/en/submit/", {**valid_data(), "preview": "1"})

    html = response.content.decode()
    assert "<strong>reliable</strong>" in html
    assert "<li>40 clinics</li>" in html
    assert Submission.objects.count() == 0 and mail.outbox == []
    # The form is there again, ready to send.
    assert 'name="send"' in html and 'value="Li Wei"' in html


def test_twenty_submissions_from_one_address_stop_at_the_limit(client, settings):
    settings.SUBMISSIONS_PER_IP_PER_HOUR = 5
    statuses = []
    for number in range(20):
        data = valid_data(title=f"Practice {number}", submitter_email=f"p{number}@example.org")
        statuses.append(client.post("/en/submit/", data, REMOTE_ADDR="203.0.113.7").status_code)

    assert statuses == [302] * 5 + [429] * 15
    assert Submission.objects.count() == 5
    refused = client.post("/en/submit/", valid_data(title="One more"), REMOTE_ADDR="203.0.113.7")
    assert summary_of(refused) == [
        "Too many practices were sent from your network in the last hour. Your entries are kept "
        "below: please send them again in an hour."
    ]
    assert 'value="One more"' in refused.content.decode()
    # Another address is not affected.
    assert client.post("/en/submit/", valid_data(), REMOTE_ADDR="198.51.100.1").status_code == 302


def test_a_forwarded_for_header_does_not_escape_the_limit_without_a_trusted_proxy(client, settings):
    settings.SUBMISSIONS_PER_IP_PER_HOUR = 2
    statuses = [
        client.post(
            "/en/submit/",
            valid_data(title=f"P{n}", submitter_email=f"p{n}@example.org"),
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        ).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 429, 429]


def test_behind_a_trusted_proxy_the_forwarded_client_is_limited(client, settings):
    settings.SUBMISSIONS_PER_IP_PER_HOUR = 1
    settings.TRUSTED_PROXY_COUNT = 1

    def post(forwarded, n):
        data = valid_data(title=f"P{n}", submitter_email=f"p{n}@example.org")
        return client.post(
            "/en/submit/", data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    assert [post("198.51.100.1", 1), post("198.51.100.1", 2), post("198.51.100.2", 3)] == [
        302,
        429,
        302,
    ]


def test_one_email_address_is_limited_per_day_in_chinese_too(client, settings):
    settings.SUBMISSIONS_PER_EMAIL_PER_DAY = 1
    first = client.post("/zh-hans/submit/", valid_data(title="甲"), REMOTE_ADDR="198.51.100.1")
    second = client.post("/zh-hans/submit/", valid_data(title="乙"), REMOTE_ADDR="198.51.100.2")

    assert (first.status_code, second.status_code) == (302, 429)
    assert summary_of(second) == [
        "今天用这个电子邮件地址发送的实践太多了。您填写的内容保留在下面：请明天再发送，或写信给编辑。"
    ]


def test_the_same_practice_sent_twice_is_stored_once(client):
    client.post("/en/submit/", valid_data())
    again = client.post("/en/submit/", valid_data())

    assert Submission.objects.count() == 1
    assert len(mail.outbox) == 1
    assert "You already sent this practice on" in page_text(again)
    assert Submission.objects.get().token not in again.content.decode()


def test_the_same_practice_a_week_later_is_a_new_submission(client):
    client.post("/en/submit/", valid_data())
    Submission.objects.update(created_at=timezone.now() - timedelta(days=8))

    assert client.post("/en/submit/", valid_data()).status_code == 302
    assert Submission.objects.count() == 2


def test_the_status_page_links_to_the_published_case(client, editor):
    client.post("/en/submit/", valid_data())
    submission = Submission.objects.get()
    case = submissions.accept(submission, editor)
    Case.objects.filter(pk=case.pk).update(
        publication_status="published", published_at=timezone.now()
    )

    page = client.get(submission.get_absolute_url())

    assert "Status Published" in page_text(page)
    assert f'href="/en/cases/{case.slug}/"' in page.content.decode()


def test_a_failed_email_keeps_the_submission_and_is_recorded(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard: nothing listens, the connection is refused at once
    settings.EMAIL_TIMEOUT = 2

    response = client.post("/en/submit/", valid_data())

    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.email_problem.startswith("received: ConnectionRefusedError")


def test_the_form_page_takes_a_fixed_number_of_queries(client, django_assert_num_queries):
    # The catalogue version (the page cache asks, then stores nothing), the countries, the
    # SDG targets with their goals, the organizations.
    with django_assert_num_queries(4):
        client.get("/en/submit/")


def test_the_submitter_answers_a_question_by_correcting_the_submission(client, editor):
    client.post("/en/submit/", valid_data())
    submission = Submission.objects.get()
    with TestCase.captureOnCommitCallbacks(execute=True):
        submissions.ask(submission, editor, "Which clinics took part?")

    email = mail.outbox[-1]
    assert email.subject == "A question about your practice “Solar kiosks for rural clinics”"
    assert "Which clinics took part?" in email.body
    status = client.get(submission.get_absolute_url())
    assert "The editors' question Which clinics took part?" in page_text(status)
    amend_url = f"/en/submit/status/{submission.token}/amend/"
    assert f'href="{amend_url}"' in status.content.decode()

    form = client.get(amend_url).content.decode()
    # The form comes filled in with what was sent.
    assert 'value="Solar kiosks for rural clinics"' in form
    assert "Sunlight Fund\nRural Power Trust</textarea>" in form
    assert '<option value="ilo" selected>' in form
    refused = client.post(amend_url, valid_data(solution=""))
    assert errors_of(refused) == {"solution": ["This field is required."]}

    done = client.post(amend_url, valid_data(solution="Twelve clinics in Kisumu took part."))

    assert done["Location"] == submission.get_absolute_url()
    submission.refresh_from_db()
    assert submission.solution == "Twelve clinics in Kisumu took part."
    assert submission.countries == ["KE", "MN"]
    assert not submission.awaits_answer
    assert [step.history_change_reason for step in submission.history.order_by("history_id")] == [
        "received",
        "asked",
        "amended",
    ]
    assert Submission.objects.count() == 1


def test_a_decided_submission_can_no_longer_be_corrected(client, editor):
    client.post("/en/submit/", valid_data())
    submission = Submission.objects.get()
    submissions.accept(submission, editor)
    amend_url = f"/en/submit/status/{submission.token}/amend/"

    assert client.get(amend_url)["Location"] == submission.get_absolute_url()
    client.post(amend_url, valid_data(solution="Changed after acceptance."))

    submission.refresh_from_db()
    assert submission.solution == "Partners installed kiosks.\n\n- 40 clinics\n- 2 countries"
    assert "Correct your submission" not in page_text(client.get(submission.get_absolute_url()))


def test_nothing_submitted_is_public_until_a_publisher_publishes_it(client, editor, publisher):
    client.post("/en/submit/", valid_data(title="Zebra-crossing kiosks"))
    submission = Submission.objects.get()
    case = submissions.accept(submission, editor)
    outputs = [
        "/en/",
        "/en/cases/",
        "/en/cases/?q=Zebra-crossing",
        "/en/cases.csv",
        "/en/feed/",
        "/sitemap.xml",
        "/zh-hans/cases/?q=Zebra-crossing",
    ]

    for path in outputs:
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert "Zebra-crossing kiosks" not in body.decode("utf-8-sig"), path
    assert client.get(f"/en/cases/{case.slug}/").status_code == 404

    # The editors translate it (a Chinese title is needed before review), then publish it.
    Case.objects.filter(pk=case.pk).update(title_zh_hans="斑马线亭")
    case.refresh_from_db()
    take_action(case, editor, "send_to_review")
    case.refresh_from_db()
    take_action(case, publisher, "publish")

    assert "Zebra-crossing kiosks" in page_text(client.get("/en/cases/?q=Zebra-crossing"))


@pytest.mark.parametrize("path", ["/zh-hans/submit/", "/zh-hans/submit/thanks/"])
def test_the_chinese_form_has_no_english_interface_text(client, path):
    page = page_text(client.get(path))
    english_ui = ["Project", "Your ", "Send", "Preview", "required", "Goal ", "Countries", "Home"]

    assert [word for word in english_ui if word in page] == []


def test_the_chinese_form_refused_has_no_english_messages(client):
    page = page_text(client.post("/zh-hans/submit/", {}))

    assert "This field" not in page and "Please correct" not in page
    assert "请更正 6 处内容" in page  # the six required fields


@pytest.mark.parametrize("path", ["/en/submit/", "/en/submit/thanks/"])
def test_the_english_form_has_no_chinese_interface_text(client, path):
    page = page_text(client.get(path)).replace("简体中文", "")

    assert re.findall(r"[\u4e00-\u9fff]+", page) == []
