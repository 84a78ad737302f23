"""Several contact people on "Share your practice": rows that work without JavaScript, each
row's messages beside it and in the list at the top, nothing typed ever lost."""

import html as html_module
import re
import time

import pytest
from django.core import mail

from cases.models import Submission
from cases.submission_form import started_stamp
from tests.pages.test_submit import (
    CommittingClient,
    contact_rows,
    form_size,
    summary_of,
    valid_data,
)
from tests.reading import text as page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return CommittingClient()


AMINA = ("Amina Otieno", "Programme lead, Sunlight Fund", "amina@example.org")
BAT = ("Bat-Erdene Dorj", "Engineer, Gobi Power", "")
CHEN = ("陈静", "项目官员，农业农村部", "chen.jing@example.cn")


def rows_shown(response):
    """[(name, title, email)] as the page's contact rows hold them."""
    html = response.content.decode()
    shown = []
    for number in range(20):
        values = []
        for field in ("name", "job_title", "email"):
            match = re.search(rf'<input[^>]* name="contacts-{number}-{field}"[^>]*>', html)
            if match is None:
                return shown
            value = re.search(r'value="([^"]*)"', match[0])
            values.append(value[1] if value else "")
        shown.append(tuple(values))
    return shown


def row_errors(response):
    """{field id: [messages]} for the contact rows' messages beside each field."""
    html = response.content.decode()
    return {
        name: [html_module.unescape(item) for item in re.findall(r"<li>(.*?)</li>", block, re.S)]
        for name, block in re.findall(
            r'<ul class="field-errors" id="id_(contacts-\d+-[a-z_]+)_errors">(.*?)</ul>', html, re.S
        )
    }


def test_several_contacts_are_stored_in_order_and_empty_rows_ignored(client):
    data = valid_data(**contact_rows(AMINA, ("", "", ""), BAT, CHEN))

    response = client.post("/en/submit/", data)

    assert response.status_code == 302
    assert Submission.objects.get().contacts == [
        {"name": name, "job_title": title, "email": email}
        for name, title, email in (AMINA, BAT, CHEN)
    ]


def test_no_contact_at_all_is_fine(client):
    response = client.post("/en/submit/", valid_data(**contact_rows(("", "", ""))))

    assert response.status_code == 302
    assert Submission.objects.get().contacts == []


def test_the_empty_form_offers_one_contact_row_and_the_button_for_another(client):
    response = client.get("/en/submit/")

    assert rows_shown(response) == [("", "", "")]
    assert '<button type="submit" name="add_contact" value="1"' in response.content.decode()
    assert "Contact 1 Contact person Their title and organization Their email" in page_text(
        response
    )


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_add_another_contact_keeps_everything_typed_and_says_nothing_wrong(client, language):
    stamp = started_stamp(time.time() - 30)
    data = valid_data(title="", started=stamp, **contact_rows(AMINA, BAT))

    response = client.post(f"/{language}/submit/", {**data, "add_contact": "1"})

    assert response.status_code == 200
    assert rows_shown(response) == [AMINA, BAT, ("", "", "")]
    assert summary_of(response) == []  # the empty title is said only when the form is sent
    html = response.content.decode()
    assert "Partners installed kiosks.\n\n- 40 clinics" in html
    assert '<option value="KE" selected>' in html and '<option value="ilo" selected>' in html
    assert re.search(r'<input type="checkbox" name="consent_contact"[^>]* checked', html)
    assert f'name="started" value="{stamp}"' in html  # the time trap counts from the first view
    assert Submission.objects.count() == 0 and mail.outbox == []


def test_ten_contacts_is_the_most_and_the_button_goes(client):
    ten = [(f"Person {n}", "", f"p{n}@example.org") for n in range(10)]

    response = client.post("/en/submit/", {**valid_data(**contact_rows(*ten)), "add_contact": "1"})

    assert rows_shown(response) == ten
    assert 'name="add_contact"' not in response.content.decode()
    assert "That is the most contacts the form takes." in page_text(response)
    sent = client.post("/en/submit/", valid_data(**contact_rows(*ten)))
    assert sent.status_code == 302
    assert len(Submission.objects.get().contacts) == 10


@pytest.mark.parametrize(
    ("language", "expected_beside", "expected_summary"),
    [
        (
            "en",
            {
                "contacts-0-email": ["Enter a valid email address."],
                "contacts-1-name": ["Give the contact person's name, or empty this row."],
            },
            [
                "Contact 1, Their email: Enter a valid email address.",
                "Contact 2, Contact person: Give the contact person's name, or empty this row.",
            ],
        ),
        (
            "zh-hans",
            {
                "contacts-0-email": ["请输入合法的邮件地址。"],
                "contacts-1-name": ["请填写联系人姓名，或清空这一行。"],
            },
            [
                "联系人 1，联系人电子邮件：请输入合法的邮件地址。",
                "联系人 2，联系人：请填写联系人姓名，或清空这一行。",
            ],
        ),
    ],
)
def test_a_wrong_row_is_named_beside_it_and_at_the_top(
    client, language, expected_beside, expected_summary
):
    rows = contact_rows(("Amina Otieno", "", "amina@"), ("", "Engineer", "bat@example.org"))

    response = client.post(f"/{language}/submit/", valid_data(**rows))

    assert response.status_code == 200
    assert row_errors(response) == expected_beside
    assert [html_module.unescape(item) for item in summary_of(response)] == expected_summary
    assert rows_shown(response) == [
        ("Amina Otieno", "", "amina@"),
        ("", "Engineer", "bat@example.org"),
    ]
    html = response.content.decode()
    assert 'aria-describedby="id_contacts-0-email_errors"' in html
    assert '<a href="#id_contacts-1-name">' in html
    assert Submission.objects.count() == 0


def test_a_long_contact_is_refused_beside_its_field(client):
    response = client.post("/en/submit/", valid_data(**contact_rows(("n" * 201, "", ""))))

    assert row_errors(response) == {
        "contacts-0-name": ["Ensure this value has at most 200 characters (it has 201)."]
    }


@pytest.mark.parametrize("total", ["11", "1000000"])
def test_more_rows_than_the_limit_are_refused_with_a_message(client, total):
    response = client.post("/en/submit/", valid_data(**contact_rows(AMINA, total=total)))

    assert response.status_code == 200
    assert summary_of(response) == ["Give at most 10 contacts."]
    assert Submission.objects.count() == 0


@pytest.mark.parametrize("total", ["abc", "-1", "²", "", "1e3"])
def test_damaged_row_counts_get_a_message_never_an_error(client, total):
    response = client.post("/en/submit/", valid_data(**contact_rows(AMINA, total=total)))

    assert response.status_code == 200
    assert summary_of(response) == [
        "The contact rows arrived damaged. Check the contacts and send the form again."
    ]
    assert Submission.objects.count() == 0


def test_a_tampered_add_contact_post_never_errors(client):
    for total in ("abc", "²", "99"):
        data = {**valid_data(**contact_rows(AMINA, total=total)), "add_contact": "1"}
        response = client.post("/en/submit/", data)
        assert response.status_code == 200
        assert 'value="Solar kiosks for rural clinics"' in response.content.decode()


def test_contacts_count_in_the_size_limit(client):
    data = valid_data(challenge="a" * 10_000, solution="b" * 10_000)
    for role in ("nominator", "funder", "implementer"):
        data[f"new_{role}"] = "\n".join("n" * 200 for _ in range(10))
    long_rows = [("n" * 200, "t" * 200, "") for _ in range(10)]

    response = client.post("/en/submit/", {**data, **contact_rows(*long_rows)})

    size = form_size({**data, **contact_rows(*long_rows)})
    assert summary_of(response) == [f"The form holds {size} characters in all; at most 30000 fit."]
    assert Submission.objects.count() == 0
    # The same form with one short contact fits.
    assert client.post("/en/submit/", data).status_code == 302


def test_the_submitter_corrects_the_contacts_through_the_private_link(client):
    client.post("/en/submit/", valid_data(**contact_rows(AMINA)))
    submission = Submission.objects.get()
    amend_url = f"/en/submit/status/{submission.token}/amend/"

    form = client.get(amend_url)
    assert rows_shown(form) == [AMINA, ("", "", "")]  # the stored contact, and a row to add one
    more = client.post(amend_url, {**valid_data(**contact_rows(AMINA, BAT)), "add_contact": "1"})
    assert rows_shown(more) == [AMINA, BAT, ("", "", "")]
    assert f'action="{amend_url}"' in more.content.decode()

    done = client.post(amend_url, valid_data(**contact_rows(BAT, ("", "", ""))))

    assert done["Location"] == submission.get_absolute_url()
    submission.refresh_from_db()
    assert submission.contacts == [{"name": BAT[0], "job_title": BAT[1], "email": ""}]


def test_enter_previews_the_first_submit_button_is_the_preview(client):
    """Enter in a field presses the form's first submit button: the preview, so nothing is
    sent by accident (and not "Add another contact", which comes earlier on the page)."""
    html = client.get("/en/submit/").content.decode()
    form = html[html.index('<form method="post"') :]

    first = re.search(r"<button[^>]*>", form)[0]
    assert 'name="preview"' in first and 'tabindex="-1"' in first and 'aria-hidden="true"' in first
