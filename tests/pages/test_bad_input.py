"""No input makes a public page fail: odd values in every parameter, on every public URL."""

import random
from urllib.parse import quote

import pytest

from cases.filters import PUBLIC_PARAMETERS

pytestmark = pytest.mark.django_db

PARAMETERS = [*PUBLIC_PARAMETERS, "unknown"]
ODD_VALUES = [
    "",
    " ",
    "\x00",
    "%",
    "'",
    '"',
    "<script>",
    "‮",
    "💥",
    "0",
    "-1",
    "1e9",
    "9" * 400,
    "社" * 3000,
    "8.5\x00",
    "KE;DROP TABLE cases_case",
    "../../etc/passwd",
    "null",
    "[]",
    "{}",
    "8..5",
    "1.",
    ".1",
    "０８",
    "ＫＥ",
    "\ud7ff",
    "a" * 81,
]


def odd_queries(count, seed=20261128):
    rng = random.Random(seed)
    for _ in range(count):
        pairs = [(rng.choice(PARAMETERS), rng.choice(ODD_VALUES)) for _ in range(rng.randint(1, 6))]
        yield "&".join(f"{quote(name)}={quote(value)}" for name, value in pairs)


@pytest.mark.parametrize("path", ["/en/cases/", "/zh-hans/cases/", "/en/cases.csv", "/en/feed/"])
def test_odd_parameters_never_fail(client, path):
    for query in odd_queries(40):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, query


@pytest.mark.parametrize(
    "path",
    [
        "/en/cases/%00/",
        "/en/cases/" + "a" * 300 + "/",
        "/en/cases/../admin/",
        "/xx/cases/",
        "/en/cases/transform/extra/",
    ],
)
def test_odd_paths_are_not_found(client, path):
    assert client.get(path).status_code == 404
