import pytest
from django.core.management import call_command

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
