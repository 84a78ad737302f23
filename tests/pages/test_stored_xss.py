"""What editors or an import store is drawn safely: Markdown with hostile HTML, footnotes in
two sections, and links with schemes a browser would run."""

import re

import pytest

from cases.models import CaseLink, Organization
from tests.factories import make_case
from tests.live_html import live_parts, visible_text
from tests.templatetags.test_case_markdown import PAYLOADS, UNCLOSED

pytestmark = pytest.mark.django_db


def prose_sections(html):
    return re.findall(r'<div class="prose">(.*?)</div>\s*</section>', html, re.S)


def test_case_page_hostile_markdown_runs_nothing_and_loses_no_text(client):
    paragraphs = [f"{payload}\n\nMarker {number}." for number, payload in enumerate(PAYLOADS)]
    unclosed = [f"{tag} Unclosed {number}." for number, tag in enumerate(UNCLOSED)]
    make_case(
        slug="hostile",
        challenge_en="\n\n".join(paragraphs),
        solution_en="\n\n".join(unclosed),
    )

    html = client.get("/en/cases/hostile/").content.decode()

    challenge, solution = prose_sections(html)
    assert live_parts(challenge) == []
    assert live_parts(solution) == []
    challenge_text = visible_text(challenge)
    assert [f"Marker {n}." in challenge_text for n in range(len(PAYLOADS))] == [True] * len(
        PAYLOADS
    )
    assert visible_text(solution) == " ".join(
        f"{tag} Unclosed {number}." for number, tag in enumerate(UNCLOSED)
    )


def test_case_page_footnotes_of_challenge_and_solution_have_their_own_ids(client):
    make_case(
        slug="footnotes",
        challenge_en="A claim.[^1]\n\n[^1]: Challenge source.",
        solution_en="A result.[^1]\n\n[^1]: Solution source.",
    )

    html = client.get("/en/cases/footnotes/").content.decode()

    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert {"challenge-fn:1", "challenge-fnref:1", "solution-fn:1", "solution-fnref:1"} <= set(ids)
    assert re.findall(r'href="#((?:challenge|solution)-fn:1)"', html) == [
        "challenge-fn:1",
        "solution-fn:1",
    ]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "//evil.example/",
        "file:///etc/passwd",
    ],
)
def test_case_page_link_with_an_unsafe_scheme_is_plain_text(client, url):
    case = make_case(slug="bad-link")
    # As an import, loaddata or the ORM would save it: no form validation on the way.
    CaseLink.objects.create(case=case, url=url, label_en="Project page")

    html = client.get("/en/cases/bad-link/").content.decode()

    links = re.search(r"<dt>Links</dt>\s*<dd>(.*?)</dd>", html, re.S).group(1)
    assert live_parts(links, editor_text=False) == []
    assert "<a " not in links
    assert visible_text(links) == "Project page"


@pytest.mark.parametrize(
    "url", ["https://www.ilo.org/", "http://example.org/a?b=1", "mailto:info@example.org"]
)
def test_case_page_link_with_a_safe_scheme_is_a_link(client, url):
    case = make_case(slug="good-link")
    CaseLink.objects.create(case=case, url=url, label_en="Project page")

    html = client.get("/en/cases/good-link/").content.decode()

    links = re.search(r"<dt>Links</dt>\s*<dd>(.*?)</dd>", html, re.S).group(1)
    assert re.findall(r'<a href="([^"]*)"', links) == [url.replace("&", "&amp;")]


def test_admin_organization_with_a_javascript_address_shows_no_link(publisher_client):
    organization = Organization.objects.get(slug="ilo")
    Organization.objects.filter(pk=organization.pk).update(url="javascript:alert(1)")

    html = publisher_client.get(
        f"/admin/cases/organization/{organization.pk}/change/"
    ).content.decode()

    assert 'href="javascript:' not in html
    assert 'value="javascript:alert(1)"' in html
