"""Hostile input, generated (hypothesis, a bounded number of examples, each with a deadline):
every parameter of every public URL, the admin's numeric paths and hidden numbers. Never a
server error; nothing sent is reflected unescaped."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cases.filters import PUBLIC_PARAMETERS
from cases.models import Case
from tests.admin_client import case_change_url, read_form

pytestmark = pytest.mark.django_db

BOUNDED = settings(
    max_examples=60,
    deadline=timedelta(seconds=10),
    derandomize=True,  # the same examples on every run: CI is repeatable
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PROBE = "x-probe"
TEXT_FRAGMENTS = [
    "\x00",
    "a\x00b",
    "\ud800",  # a lone surrogate: sent as the bytes UTF-8 would give it, %ED%A0%80
    "\udfff",
    "²",
    "③",
    "①",
    "٣",
    "３",
    "9" * 4301,
    "-1",
    "0",
    "+1",
    " 1",
    "1e309",
    "'; DROP TABLE cases_case; --",
    "' OR '1'='1",
    "1) UNION SELECT password FROM auth_user --",
    f'"><{PROBE} onmouseover=alert(1)>',
    f"<{PROBE}>",
    f"</textarea><{PROBE}>",
    f"javascript:{PROBE}",
    "{{ 7*7 }}",
    "{% debug %}",
    "\u202e",
    "\ufeff",
    "社" * 100_000,
    "a" * 100_000,
]
# Sent as they are: broken percent-encoding and byte sequences that are no UTF-8.
RAW_FRAGMENTS = ["%", "%%", "%G1", "%E4%B8", "%ED%A0%80", "%C0%AF", "%00", "%FF%FE", "..%2f..%2f"]
NAMES = [*PUBLIC_PARAMETERS, "unknown", "", "goal[]", "%00", "q\x00"]


def encoded(text):
    return quote(text, safe="", errors="surrogatepass")


def form_body(data):
    """A form POST body as a browser would send it, lone surrogates included."""
    return "&".join(
        f"{encoded(name)}={encoded(value)}"
        for name, values in data.items()
        for value in (values if isinstance(values, list) else [values])
    )


def post_form(client, path, data):
    return client.post(path, form_body(data), content_type="application/x-www-form-urlencoded")


values = st.one_of(
    st.sampled_from(TEXT_FRAGMENTS).map(encoded),
    st.sampled_from(RAW_FRAGMENTS),
    st.text(max_size=40).map(encoded),
)
pairs = st.tuples(st.sampled_from(NAMES).map(encoded), values)
query_strings = st.one_of(
    st.lists(pairs, min_size=1, max_size=8).map(
        lambda items: "&".join(f"{name}={value}" for name, value in items)
    ),
    # 500 repetitions of one parameter.
    pairs.map(lambda pair: "&".join([f"{pair[0]}={pair[1]}"] * 500)),
)

PUBLIC_PATHS = [
    "/en/",
    "/zh-hans/cases/",
    "/en/cases/",
    "/en/cases.csv",
    "/en/feed/",
    "/zh-hans/cases/transform/",
    "/en/sdg/",
    "/en/countries/",
    "/en/organizations/",
    "/zh-hans/insights/",
    "/en/insights/map.svg",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
]


def assert_safe(response, sent):
    assert response.status_code < 500, sent[:200]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    body = content.decode("utf-8", errors="replace")
    assert f"<{PROBE}" not in body, sent[:200]
    assert f'"><{PROBE}' not in body
    assert f'href="javascript:{PROBE}' not in body


@BOUNDED
@given(path=st.sampled_from(PUBLIC_PATHS), query=query_strings)
def test_public_urls_survive_hostile_parameters(client, path, query):
    response = client.get(path, QUERY_STRING=query)

    assert_safe(response, query)
    if path not in ("/healthz",):
        assert response.status_code == 200, query[:200]


@BOUNDED
@given(segment=values, language=st.sampled_from(["en", "zh-hans"]))
def test_public_paths_survive_hostile_segments(client, segment, language):
    for path in (f"/{language}/cases/{segment}/", f"/{language}/{segment}/", f"/{segment}"):
        response = client.request(PATH_INFO=path, QUERY_STRING="", REQUEST_METHOD="GET")

        assert_safe(response, path)


@BOUNDED
@given(number=values)
def test_admin_numeric_paths_survive_hostile_numbers(editor_client, number):
    case = Case.objects.get(slug="transform")
    for path in (
        f"/admin/cases/case/{number}/change/",
        f"/admin/cases/case/{case.pk}/history/{number}/",
        f"/admin/cases/case/{case.pk}/preview/",
    ):
        response = editor_client.get(path, QUERY_STRING=f"language={number}")

        assert_safe(response, path)


@pytest.fixture
def edited_case(editor_client):
    """TRANSFORM saved once through the admin, so it has a version to restore."""
    case = Case.objects.get(slug="transform")
    form = read_form(editor_client.get(case_change_url(case)))
    form["title_en"] = ["TRANSFORM (edited)"]
    assert editor_client.post(case_change_url(case), form).status_code == 302
    return Case.objects.get(pk=case.pk)


@settings(BOUNDED, max_examples=15)
@given(version=st.sampled_from(TEXT_FRAGMENTS) | st.text(max_size=20))
def test_admin_forms_survive_hostile_versions(editor_client, edited_case, version):
    case = edited_case
    assume(version.strip() != str(case.version))  # the one value that is meant to save
    form = read_form(editor_client.get(case_change_url(case)))
    form["expected_version"] = [version]
    record = case.history.order_by("history_date").first()

    saved = post_form(editor_client, case_change_url(case), form)
    restored = post_form(
        editor_client,
        f"/admin/cases/case/{case.pk}/history/{record.history_id}/",
        {"expected_version": version},
    )

    assert_safe(saved, version)
    assert_safe(restored, version)
    assert Case.objects.get(pk=case.pk).version == case.version
