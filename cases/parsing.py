"""Numbers from requests: one parser, so no view turns odd input into a server error.

`str.isdigit()` is true for "²", "①", "٣" and "３", which `int()` refuses or reads as another
number, and `int()` refuses more than 4,300 digits: both once gave server errors here.
"""

MAX_DIGITS = 9


def parse_positive_int(raw, max_digits=MAX_DIGITS):
    """The whole number 1 or more written in `raw` with ASCII digits only, else None.

    No sign, no spaces, no other digits, at most `max_digits` digits (so the value always fits
    a database integer). "0", "-1", "+1", " 1", "²" and "３" are all None.
    """
    if not isinstance(raw, str) or not (raw.isascii() and raw.isdigit()):
        return None
    if len(raw) > max_digits:
        return None
    value = int(raw)
    return value if value >= 1 else None
