"""The read replica: public pages read from `replica`, everything else from `default`.

The replica here is a second alias on the same database server (and the same test database,
as Django's MIRROR does), with its own connection: the queries each alias runs are counted.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from catalogue_site.routers import REPLICA, PrimaryReplicaRouter

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture
def replica(settings):
    """The router switched on; the catalogue committed, so the replica's connection sees it."""
    call_command("load_catalogue", verbosity=0)  # a transactional test starts empty
    settings.DATABASE_ROUTERS = ["catalogue_site.routers.PrimaryReplicaRouter"]
    yield connections[REPLICA]
    connections[REPLICA].close()


def queries_on_each(path_or_callable, client=None):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        result = (
            client.get(path_or_callable)
            if isinstance(path_or_callable, str)
            else path_or_callable()
        )
    return result, len(primary), len(replica)


def test_public_pages_read_from_the_replica(replica, client, settings):
    settings.PAGE_CACHE = False
    client.get("/en/")  # the catalogue index is built, from the primary, once per version
    for path in ("/en/", "/en/cases/?goal=8", "/zh-hans/cases/transform/"):
        response, on_primary, on_replica = queries_on_each(path, client)

        assert response.status_code == 200, path
        # Only the catalogue version is read from the primary (cases/catalogue_version.py:
        # a page must never be cached under a version a lagging replica does not have).
        assert (on_primary, on_replica > 0) == (1, True), path
    assert "TRANSFORM" in client.get("/en/cases/").content.decode()


def test_streamed_exports_read_from_the_primary(replica, client):
    """The CSV's rows are read while it streams, after the request's routing has ended."""
    response, _on_primary, _on_replica = queries_on_each("/en/cases.csv", client)

    _rows, on_primary, on_replica = queries_on_each(
        lambda: b"".join(response.streaming_content), client
    )
    # One chunk: the cases, their countries, their organizations (targets and regions come
    # from the catalogue index, itself read from the primary).
    assert (on_primary, on_replica) == (3, 0)


def test_admin_and_signed_in_editors_read_from_the_primary(replica):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("chief", password="x" * 20))

    for path in ("/admin/cases/case/", "/en/cases/transform/"):
        response, on_primary, on_replica = queries_on_each(path, client)

        assert response.status_code == 200, path
        assert (on_primary > 0, on_replica) == (True, 0), path


def test_writes_and_reads_in_a_transaction_use_the_primary(replica, client):
    def write_then_read():
        with transaction.atomic():
            Case.objects.filter(slug="transform").update(title_en="TRANSFORM (edited)")
            return Case.objects.get(slug="transform").title_en

    title, on_primary, on_replica = queries_on_each(write_then_read)

    assert (title, on_replica) == ("TRANSFORM (edited)", 0)
    assert on_primary >= 2


def test_outside_a_request_everything_uses_the_primary(replica):
    _, on_primary, on_replica = queries_on_each(lambda: list(Case.objects.published()))

    assert (on_primary, on_replica) == (1, 0)


@pytest.mark.django_db(databases=[])
def test_migrations_run_only_on_the_primary():
    router = PrimaryReplicaRouter()

    assert router.allow_migrate("default", "cases") is True
    assert router.allow_migrate(REPLICA, "cases") is False
    assert router.db_for_write(Case) == "default"
