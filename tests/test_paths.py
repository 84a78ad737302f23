"""cases/paths.py: the kept paths are exactly what `reverse` gives, in each language."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from cases import paths


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_kept_paths_are_reverses_in_each_language(language):
    with translation.override(language):
        for name in ("cases:home", "cases:case_list", "cases:insights", "cases:feed"):
            assert paths.path(name) == reverse(name)
        for slug in ("transform", "bench-1000", "a_b-C9"):
            assert paths.case_path(slug) == reverse("cases:case_detail", kwargs={"slug": slug})
        assert paths.path("cases:case_list") == f"/{language}/cases/"


def test_a_slug_the_url_refuses_is_refused_as_reverse_refuses_it():
    for slug in ("社保", "a/b", "", "a b"):
        with pytest.raises(NoReverseMatch):
            paths.case_path(slug)
