"""Validation messages, exact, in the editor's language (English and Simplified Chinese)."""

import pytest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from cases.models import Case
from tests.admin_client import (
    ADD_URL,
    case_change_url,
    client_for,
    fill,
    messages_of,
    new_case_form,
    post_action,
    read_form,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hans"]


def expected(language, message, **params):
    with translation.override(language):
        text = gettext(message)
    return text % params if params else text


def add_case(editor, language, **overrides):
    client = client_for(editor, language)
    return client.post(ADD_URL, new_case_form(client, **overrides))


def errors_of(response, field):
    return list(response.context["adminform"].form.errors.get(field, []))


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_validation_year_out_of_range(editor, language):
    response = add_case(editor, language, start_year="1900", end_year="2150")

    message = expected(
        language, "Enter a year between %(earliest)s and %(latest)s.", earliest=1950, latest=2100
    )
    assert errors_of(response, "start_year") == [message]
    assert errors_of(response, "end_year") == [message]
    assert not Case.objects.filter(slug="community-health-worker-exchange").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_validation_years_in_order(editor, language):
    response = add_case(editor, language, start_year="2019", end_year="2016")

    assert errors_of(response, "end_year") == [
        expected(language, "The end year must not be before the start year.")
    ]
    assert escape(errors_of(response, "end_year")[0]) in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_validation_needs_a_title(editor, language):
    response = add_case(editor, language, title_zh_hans="", title_en="")

    assert errors_of(response, "title_zh_hans") == [
        expected(language, "Give the case a title, in Chinese or in English.")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_validation_duplicate_slug_links_to_the_existing_case(editor, language):
    transform = Case.objects.get(slug="transform")

    response = add_case(editor, language, slug="transform")

    link = f'<a href="/admin/cases/case/{transform.pk}/change/">TRANSFORM</a>'
    message = expected(
        language,
        "Another case already uses the address “%(slug)s”: %(link)s.",
        slug="transform",
        link=link,
    )
    assert errors_of(response, "slug") == [message]
    assert message in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("field", ["title_en", "title_zh_hans"])
def test_admin_validation_duplicate_title_links_to_the_existing_case(editor, language, field):
    academy = Case.objects.get(slug="ilo-sse-academy")
    title = getattr(academy, field)
    typed = title.upper() if field == "title_en" else title

    response = add_case(editor, language, **{field: typed})

    short_name = academy.short_name_zh_hans if language == "zh-hans" else academy.short_name_en
    link = f'<a href="/admin/cases/case/{academy.pk}/change/">{short_name}</a>'
    message = expected(
        language,
        "Another case already has the title “%(title)s”: %(link)s.",
        title=typed,
        link=link,
    )
    assert errors_of(response, field) == [message]


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_validation_link_needs_a_web_address(editor, language):
    client = client_for(editor, language)
    form = new_case_form(client)
    form["links-0-url"] = ["not a web address"]

    response = client.post(ADD_URL, form)

    message = expected(
        language,
        "Enter a full web address that starts with http:// or https://, such as "
        "https://www.ilo.org/.",
    )
    link_formset = response.context["inline_admin_formsets"][3].formset
    assert link_formset.errors[0]["url"] == [message]
    assert escape(message) in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_validation_contact_needs_an_email_address(editor, language):
    client = client_for(editor, language)
    form = new_case_form(client)
    form["contacts-0-email"] = ["amina at example"]

    response = client.post(ADD_URL, form)

    contact_formset = response.context["inline_admin_formsets"][2].formset
    assert contact_formset.errors[0]["email"] == [
        expected(language, "Enter an email address such as name@example.org.")
    ]
    # Nothing typed is lost: the rest of the case is still in the form.
    assert 'value="Community Health Worker Training Exchange"' in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_validation_review_needs_a_target_and_a_chinese_title(editor, language):
    client = client_for(editor, language)
    client.post(ADD_URL, new_case_form(client, title_zh_hans="", sdg_targets=[]))
    case = Case.objects.get(slug="community-health-worker-exchange")

    confirmation = post_action(client, "send_to_review_action", [case])
    assert confirmation.context["refused"] == [
        (
            case,
            [
                expected(language, "A case needs a Chinese title before review."),
                expected(language, "A case needs at least one SDG target before review."),
            ],
        )
    ]
    done = post_action(client, "send_to_review_action", [case], confirm=True)

    problem = expected(language, "A case needs a Chinese title before review.")
    assert expected(
        language, "“%(case)s” was not sent to review: %(problem)s", case=str(case), problem=problem
    ) in messages_of(done)
    case.refresh_from_db()
    assert case.publication_status == "draft"


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_validation_case_in_review_keeps_a_target(editor, language):
    case = Case.objects.get(slug="transform")
    client = client_for(editor, language)
    form = read_form(client.get(case_change_url(case)))
    fill(form, sdg_targets=[], title_zh_hans="")

    response = client.post(case_change_url(case), form)

    assert errors_of(response, "sdg_targets") == [
        expected(language, "A case needs at least one SDG target before review.")
    ]
    assert errors_of(response, "title_zh_hans") == [
        expected(language, "A case needs a Chinese title before review.")
    ]
    assert case.sdg_targets.count() == 5


def test_admin_validation_bad_hidden_version_is_a_form_error_not_a_crash(editor):
    case = Case.objects.get(slug="transform")
    client = client_for(editor)
    form = read_form(client.get(case_change_url(case)))
    form["expected_version"] = ["not a number"]

    response = client.post(case_change_url(case), form)

    assert response.status_code == 200
    assert list(response.context["adminform"].form.non_field_errors())[0] == (
        "Not saved: someone else saved this case after you opened it. "
        "Everything you typed is still in the form below."
    )
    assert read_form(response)["expected_version"] == ["1"]


def test_admin_validation_same_country_twice_is_a_form_error(editor):
    client = client_for(editor)
    form = new_case_form(client)
    form["casecountry_set-1-country"] = ["KE"]

    response = client.post(ADD_URL, form)

    assert response.status_code == 200
    country_formset = response.context["inline_admin_formsets"][0].formset
    assert country_formset.non_form_errors() == ["Please correct the duplicate data for country."]
    assert not Case.objects.filter(slug="community-health-worker-exchange").exists()


def test_admin_case_in_review_without_stored_targets_can_be_given_one(editor):
    case = Case.objects.get(slug="transform")
    Case.objects.filter(pk=case.pk).update(publication_status="review")
    case.sdg_targets.clear()
    client = client_for(editor)
    form = read_form(client.get(case_change_url(case)))

    response = client.post(case_change_url(case), fill(form, sdg_targets=["8.5"]))

    assert response.status_code == 302
    assert list(case.sdg_targets.values_list("code", flat=True)) == ["8.5"]
