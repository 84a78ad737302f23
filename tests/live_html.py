"""What a browser would run or follow in a page: scripts, event handlers, dangerous links."""

import re
from html.parser import HTMLParser

# Tags that run code, load other documents or change how the page is read.
ACTIVE_TAGS = {
    "script",
    "style",
    "iframe",
    "frame",
    "object",
    "embed",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "svg",
    "math",
    "base",
    "meta",
    "link",
    "img",
    "video",
    "audio",
    "source",
    "details",
    "marquee",
    "body",
    "title",
    "noscript",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster"}
SAFE_SCHEME = re.compile(r"^(https?:|mailto:|#|/[^/\\]|\?|$)", re.I)


def _made_by_footnotes(name, value):
    if name == "id":
        return value.startswith(("challenge-", "solution-"))
    return value in ("footnote", "footnote-ref", "footnote-backref")


class _LiveParts(HTMLParser):
    def __init__(self, editor_text=True):
        super().__init__(convert_charrefs=True)
        self.editor_text = editor_text
        self.found = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on") or name in ("style", "srcdoc"):
                self.found.append(f"{tag}[{name}]")
            elif self._unsafe_value(name, value):
                self.found.append(f"{tag}[{name}={value}]")

    def _unsafe_value(self, name, value):
        if name in URL_ATTRIBUTES:
            return not SAFE_SCHEME.match(re.sub(r"\s", "", value))
        return self.editor_text and name in ("id", "class") and not _made_by_footnotes(name, value)

    def handle_data(self, data):
        self.text.append(data)


def live_parts(fragment, editor_text=True):
    """Everything in an HTML fragment a browser would run; with `editor_text`, also the ids
    and classes an editor's text should not set (footnotes make their own, prefixed)."""
    parser = _LiveParts(editor_text)
    parser.feed(fragment)
    parser.close()
    return parser.found


def visible_text(fragment):
    parser = _LiveParts()
    parser.feed(fragment)
    parser.close()
    return re.sub(r"\s+", " ", "".join(parser.text)).strip()
