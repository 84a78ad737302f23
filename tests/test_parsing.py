"""One parser for every number that comes from a request."""

import pytest

from cases.parsing import parse_positive_int

# Characters str.isdigit() accepts but that are no ASCII number: superscripts, circled,
# Arabic-Indic and full-width digits.
NOT_NUMBERS = ["²", "³", "①", "٣", "３", "1²", "", " 1", "1 ", "+1", "-1", "0", "00", "1.0", "1e3"]


@pytest.mark.parametrize("raw", NOT_NUMBERS)
def test_parse_positive_int_refuses_anything_but_ascii_digits_from_one(raw):
    assert parse_positive_int(raw) is None


def test_parse_positive_int_refuses_more_digits_than_allowed():
    assert parse_positive_int("9" * 4301) is None
    assert parse_positive_int("1" * 10) is None
    assert parse_positive_int("1" * 9) == 111111111
    assert parse_positive_int("1" * 18, max_digits=18) == 111111111111111111


@pytest.mark.parametrize("raw, number", [("1", 1), ("7", 7), ("007", 7), ("123456789", 123456789)])
def test_parse_positive_int_reads_plain_numbers(raw, number):
    assert parse_positive_int(raw) == number


def test_parse_positive_int_refuses_what_is_not_text():
    assert parse_positive_int(None) is None
    assert parse_positive_int(["1"]) is None
