"""generate_cases: synthetic published cases for benchmarks, reproducible by seed."""

import io

import pytest
from django.core.management import CommandError, call_command

from cases import catalogue_version
from cases.models import Case
from cases.progress import Progress
from tests.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalogue(django_db_setup):
    call_command("load_catalogue", verbosity=0)


def synthetic():
    cases = Case.objects.filter(slug__startswith="bench-").order_by("slug")
    return list(cases.values_list("slug", "title_en", "start_year", "published_at"))


def test_the_same_seed_makes_the_same_cases(catalogue):
    call_command("generate_cases", 12, seed=7, verbosity=0)
    first = synthetic()
    call_command("generate_cases", delete=True, verbosity=0)
    call_command("generate_cases", 12, seed=7, verbosity=0)

    assert synthetic() == first
    assert len(first) == 12
    assert Case.objects.published().filter(slug__startswith="bench-").count() == 12
    searched = Case.objects.filter(slug__startswith="bench-").exclude(search_document="")
    assert searched.count() == 12


def test_generating_moves_the_catalogue_version_on(catalogue):
    before = catalogue_version.current()

    call_command("generate_cases", 3, verbosity=0)

    assert catalogue_version.current() > before


def test_delete_removes_every_synthetic_case_and_nothing_else(catalogue):
    call_command("generate_cases", 5, verbosity=0)
    out = io.StringIO()

    call_command("generate_cases", delete=True, stdout=out)

    assert out.getvalue() == "Deleted 5 synthetic cases.\n"
    assert sorted(Case.objects.values_list("slug", flat=True)) == [
        "ilo-sse-academy",
        "page-kyrgyzstan-mongolia",
        "transform",
    ]


def test_it_refuses_a_catalogue_with_real_cases(catalogue):
    make_case(slug="real-one")

    with pytest.raises(CommandError, match="This database holds 4 real cases"):
        call_command("generate_cases", 5, verbosity=0)
    with pytest.raises(CommandError, match="Say how many cases to add"):
        call_command("generate_cases", verbosity=0)


def test_progress_in_a_log_is_plain_lines():
    log = io.StringIO()
    with Progress(3, "Things", log) as progress:
        progress.advance(1)
        progress.advance(2)

    assert log.getvalue().splitlines()[-1].startswith("Things: 3/3 (")
    assert "\r" not in log.getvalue()


def test_progress_without_a_stream_says_nothing(capsys):
    with Progress(3, "Things") as progress:
        progress.advance(3)

    assert capsys.readouterr() == ("", "")
