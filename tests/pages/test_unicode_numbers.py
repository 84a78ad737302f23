"""A page number written with other digits (², ①, ٣, ３) or too many digits is ignored with a
notice, never a server error."""

from urllib.parse import quote

import pytest

from tests.reading import notices

pytestmark = pytest.mark.django_db

ODD_PAGES = ["²", "³", "①", "٣", "３", "-1", "0", "+1", " 1"]


# Not named `page`: that is Playwright's fixture, and would make this a browser test.
@pytest.mark.parametrize("raw_page", ODD_PAGES)
def test_case_list_ignores_a_page_that_is_no_ascii_number(client, raw_page):
    response = client.get(f"/en/cases/?page={quote(raw_page)}")

    assert response.status_code == 200
    assert notices(response) == [f"Ignored page “{raw_page}”: page numbers start at 1."]
    assert response.context["page"].number == 1


def test_case_list_ignores_a_page_of_4301_digits(client):
    response = client.get("/en/cases/?page=" + "9" * 4301)

    assert response.status_code == 200
    assert notices(response) == [f"Ignored page “{'9' * 40}”: page numbers start at 1."]
