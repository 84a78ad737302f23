import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from cases.reads import catalogue_index
from tests.admin_client import client_for, make_staff

# A second alias on the same test database (Django's MIRROR), for the read-replica tests in
# tests/site/test_replica.py; only they switch on the router that sends reads to it.
settings.DATABASES.setdefault(
    "replica", {**settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped reference data and the three documented cases once per test run.

    Tests in a transaction see them and roll back their own changes. Transactional tests
    (live server, browser) flush the database, so they reload what they need themselves.
    """
    with django_db_blocker.unblock():
        call_command("load_catalogue", verbosity=0)


@pytest.fixture(autouse=True)
def fresh_catalogue_index():
    """No test sees an index or a cached page another test made. (Tests roll back their
    writes, which takes the catalogue version back too: a later test could meet a page cached
    for that version by an earlier one that ran with other settings.) Within a test, a write
    that bypasses the signals without bumping the version still shows as stale, as it would in
    production."""
    cache.clear()
    yield
    catalogue_index.forget()


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Code run outside a request sees English, whatever an earlier test activated.

    Requests activate their own language from the URL; this only makes direct calls
    (reads, writes, search, model validation) deterministic.
    """
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def editor(db):
    return make_staff("editor", "Editors")


@pytest.fixture
def second_editor(db):
    return make_staff("editor_b", "Editors")


@pytest.fixture
def publisher(db):
    return make_staff("publisher", "Publishers")


@pytest.fixture
def editor_client(editor):
    return client_for(editor)


@pytest.fixture
def publisher_client(publisher):
    return client_for(publisher)
