import pytest
from django.core.management import call_command
from django.utils import translation

CATALOGUE_FIXTURES = ["sdg", "geography", "organizations", "cases"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped reference data and the three documented cases once per test run.

    Tests in a transaction see them and roll back their own changes. Transactional tests
    (live server, browser) flush the database, so they reload what they need themselves.
    """
    with django_db_blocker.unblock():
        call_command("loaddata", *CATALOGUE_FIXTURES, verbosity=0)
        call_command("rebuild_search_index", verbosity=0)


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Code run outside a request sees English, whatever an earlier test activated.

    Requests activate their own language from the URL; this only makes direct calls
    (services, search, model validation) deterministic.
    """
    translation.activate("en")
    yield
    translation.deactivate()
