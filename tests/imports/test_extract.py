"""Files to lines: text, .docx and PDF import the same; hostile files get a clear message."""

import io

import pytest

from cases.imports.extract import MAX_BYTES, ExtractError, extract_lines
from cases.imports.parser import parse_volume
from tests.imports.volumes import volume_bytes, volume_lines


def parsed(lines):
    return [
        {k: v for k, v in vars(case).items() if k not in ("line", "end_line", "problems", "block_lines")}
        | {"contacts": [(c.name, c.honorific, c.job_title, c.emails) for c in case.contacts]}
        for case in parse_volume(lines).cases
    ]  # fmt: skip


def message(data):
    with pytest.raises(ExtractError) as raised:
        extract_lines(data)
    return str(raised.value)


def test_plain_text_with_a_byte_order_mark():
    assert extract_lines("\ufeff挑战\r\n文字".encode()) == ["挑战", "文字"]


def test_empty_file():
    assert message(b"") == "The file is empty."
    assert message(b"\n \n") == "The file has no text."


def test_binary_file():
    assert message(b"line one\nline two\n\x00\x01\x02") == (
        "line 3: This is not a text file (it contains binary data). Import a UTF-8 text file, "
        "a .docx or a PDF."
    )


def test_gbk_file_names_the_encoding_and_the_line():
    data = "TRANSFORM\n\n挑战\n".encode("gbk")
    assert message(data) == (
        "line 3: The file is not UTF-8: it looks like Chinese text in GBK (GB 18030). "
        "Save it as UTF-8 and import it again."
    )
    assert message(b"ok\n" + "挑战".encode("gbk")).startswith("line 2: The file is not UTF-8")


def test_file_over_the_size_limit():
    assert message(b"a" * (50 * 1024 * 1024)) == (
        "The file is 50.0 MB; the limit is 20 MB. Split the volume into parts."
    )
    assert MAX_BYTES == 20 * 1024 * 1024


def docx_of(lines):
    """Each line of the text typed as a paragraph; list items in Word's list style."""
    import docx

    document = docx.Document()
    for line in lines:
        if line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif line.strip():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_imports_the_same_as_the_text():
    lines = volume_lines("seed_zh.txt")
    from_docx = extract_lines(docx_of(lines))
    assert parsed(from_docx) == parsed(lines)


def pdf_of(lines):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=9)
    for line in lines:
        text = line.replace("–", "-").replace("’", "'").replace("“", '"').replace("”", '"')
        pdf.multi_cell(0, 4, text or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_pdf_imports_the_same_as_the_text():
    # The PDF's core font has no full-width colon.
    lines = [line.replace("：", ":") for line in volume_lines("variations_en.txt")]
    from_pdf = extract_lines(pdf_of(lines))
    assert parsed(from_pdf) == parsed(lines)


def test_pdf_without_a_text_layer():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    assert message(bytes(pdf.output())) == (
        "This PDF has no text layer (its pages are images): run text recognition (OCR) on it "
        "first, or import the text or .docx edition."
    )


def test_damaged_pdf_and_docx():
    assert message(b"%PDF-1.4\n garbage").startswith("This PDF cannot be read")
    assert message(b"PK\x03\x04 garbage").startswith("This .docx file cannot be read")


def test_the_seed_bytes_are_utf8():
    assert extract_lines(volume_bytes("seed_zh.txt")) == volume_lines("seed_zh.txt") + [""] * (
        len(extract_lines(volume_bytes("seed_zh.txt"))) - len(volume_lines("seed_zh.txt"))
    )
