"""Case texts: editors' Markdown is rendered; raw HTML in it is shown as typed, never run and
never allowed to swallow the text after it."""

import pytest

from cases.templatetags.case_markdown import render_markdown
from tests.live_html import live_parts, visible_text

# Unclosed tags whose content an HTML parser would otherwise take as raw text to the end.
UNCLOSED = ["<style>", "<script>", "<textarea>", "<title>", "<noscript>", "<xmp>", "<plaintext>"]

# Classic stored-XSS payloads, from the OWASP filter-evasion cheat sheet and its relatives.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<object data="javascript:alert(1)">',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    '"><script>alert(1)</script>',
    "<scr<script>ipt>alert(1)</script>",
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[x](&#106;avascript:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "<marquee onstart=alert(1)>",
    "<video><source onerror=alert(1)>",
    "<audio src=x onerror=alert(1)>",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<textarea><script>alert(1)</script>",
    "<title><img src=x onerror=alert(1)>",
    '<http://x.example/" onmouseover="alert(1)>',
    '[x](http://x.example/" onclick="alert(1))',
    '<a id="challenge-heading" class="skip-link">x</a>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<style>@import 'http://evil.example/x.css';</style>",
    '<p id="main" class="preview-banner">x</p>',
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    '<TABLE BACKGROUND="javascript:alert(1)"><TD BACKGROUND="javascript:alert(1)">',
]


@pytest.mark.parametrize("tag", UNCLOSED)
def test_markdown_unclosed_tag_is_shown_and_the_text_after_it_stays(tag):
    html = render_markdown(f"Before {tag} after.\n\nThe next paragraph.", "challenge")

    assert live_parts(html) == []
    assert visible_text(html) == f"Before {tag} after. The next paragraph."


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_payload_runs_nothing_and_keeps_the_text_after_it(payload):
    html = render_markdown(f"{payload}\n\nText after the payload.", "challenge")

    assert live_parts(html) == []
    assert visible_text(html).endswith("Text after the payload.")


def test_markdown_raw_html_is_shown_as_typed():
    html = render_markdown("A <b>bold</b> claim & <em>more</em>.", "challenge")

    assert html == "<p>A &lt;b&gt;bold&lt;/b&gt; claim &amp; &lt;em&gt;more&lt;/em&gt;.</p>"


def test_markdown_formatting_still_works():
    html = render_markdown("**Bold**, *italic*, `code`\n\n- one\n- two\n\n> quoted", "challenge")

    assert html == (
        "<p><strong>Bold</strong>, <em>italic</em>, <code>code</code></p>\n"
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        "<blockquote>\n<p>quoted</p>\n</blockquote>"
    )


def test_markdown_links_keep_only_safe_schemes():
    html = render_markdown(
        "[web](https://example.org/) [mail](mailto:a@example.org) [js](javascript:alert(1)) "
        "[data](data:text/html,x)",
        "challenge",
    )

    assert html == (
        '<p><a href="https://example.org/" rel="noopener noreferrer">web</a> '
        '<a href="mailto:a@example.org" rel="noopener noreferrer">mail</a> '
        '<a rel="noopener noreferrer">js</a> <a rel="noopener noreferrer">data</a></p>'
    )


def test_markdown_footnote_ids_carry_the_section():
    html = render_markdown("Claim.[^1]\n\n[^1]: The source.", "solution")

    assert 'id="solution-fnref:1"' in html
    assert 'href="#solution-fn:1"' in html
    assert 'id="solution-fn:1"' in html
    assert 'href="#solution-fnref:1"' in html
    assert "fn:1" not in html.replace("solution-fn", "")


def test_markdown_texts_rendered_one_after_another_share_nothing():
    """One converter serves every text of a thread (reset in between): a footnote of the
    challenge must not reappear under the solution, nor its numbering carry on."""
    first = render_markdown("Claim.[^a]\n\n[^a]: The first source.", "challenge")
    plain = render_markdown("No notes here.", "solution")
    second = render_markdown("Other.[^b]\n\n[^b]: The second source.", "solution")

    assert "The first source." in first
    assert plain == "<p>No notes here.</p>"
    assert "The first source." not in second
    assert 'id="solution-fn:b"' in second and 'href="#solution-fnref:b"' in second
