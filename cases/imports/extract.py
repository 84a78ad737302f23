"""A file's bytes -> the lines of its text: plain text (UTF-8), .docx (python-docx) or a PDF
with a text layer (pdfminer.six). Anything else gets a clear message (`ExtractError`, with the
line where it can tell one), never a traceback."""

import io
import re
import zipfile

from django.utils.translation import gettext as _

MAX_BYTES = 20 * 1024 * 1024  # a volume of 150 cases is about 1 MB of text; a PDF ten times that
SNIFF_BYTES = 8192


class ExtractError(Exception):
    def __init__(self, message, line=None):
        super().__init__(message)
        self.message, self.line = message, line

    def __str__(self):
        if self.line is None:
            return self.message
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


def too_large_message(size):
    return _("The file is %(size)s MB; the limit is %(limit)s MB. Split the volume into parts.") % {
        "size": round(size / 1024 / 1024, 1),
        "limit": MAX_BYTES // 1024 // 1024,
    }


def kind_of(data):
    """By the bytes, not the name: a renamed file is still read for what it is."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    return "text"


def extract_lines(data):
    """The text's lines (without line ends), or ExtractError."""
    if not data:
        raise ExtractError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ExtractError(too_large_message(len(data)))
    kind = kind_of(data)
    if kind == "pdf":
        text = _pdf_text(data)
    elif kind == "docx":
        text = _docx_text(data)
    else:
        text = _plain_text(data)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n").split("\n")
    if not any(line.strip() for line in lines):
        raise ExtractError(_("The file has no text."))
    return lines


def _plain_text(data):
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:SNIFF_BYTES]:
        raise ExtractError(
            _(
                "This is not a text file (it contains binary data). Import a UTF-8 text file, "
                "a .docx or a PDF."
            ),
            line=data[: data.index(b"\x00")].count(b"\n") + 1,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            message = _("The file is not UTF-8 text (a byte that UTF-8 does not allow).")
        else:
            message = _(
                "The file is not UTF-8: it looks like Chinese text in GBK (GB 18030). "
                "Save it as UTF-8 and import it again."
            )
        raise ExtractError(message, line=line) from error


def _docx_text(data):
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, Exception) as error:
        # python-docx raises its own classes (and lxml's) for a damaged package.
        message = _("This .docx file cannot be read: %(reason)s") % {"reason": error}
        raise ExtractError(message) from error
    lines = []
    for paragraph in document.paragraphs:
        text = paragraph.text
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style.startswith("List") and text.strip() and not re.match(r"^\s*[-•·]", text):
            text = "- " + text
        # One paragraph, one line; a blank line after it, as the text edition has.
        lines += [text, ""]
    return "\n".join(lines)


def _pdf_text(data):
    from pdfminer.high_level import extract_text
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    try:
        text = extract_text(io.BytesIO(data))
    except (PDFSyntaxError, PSException, ValueError, TypeError, KeyError, Exception) as error:
        # pdfminer raises many kinds of error on a damaged file.
        message = _("This PDF cannot be read: %(reason)s") % {"reason": error}
        raise ExtractError(message) from error
    if not text.strip():
        raise ExtractError(
            _(
                "This PDF has no text layer (its pages are images): run text recognition "
                "(OCR) on it first, or import the text or .docx edition."
            )
        )
    return text
