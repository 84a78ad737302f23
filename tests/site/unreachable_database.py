"""A real database connection that fails: the same engine, pointed where nothing answers."""

import copy
import socket
from contextlib import contextmanager

from django.db import connections
from django.db.utils import load_backend


def closed_port():
    """A local TCP port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def database_refusing_connections():
    """Within the block the `default` alias connects to a closed port (PostgreSQL) or to a file
    in a folder that does not exist (SQLite): every query fails as it would with the server
    down. Nothing is mocked: the driver really tries and is refused."""
    working = connections["default"]
    settings_dict = copy.deepcopy(working.settings_dict)
    if working.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-folder/catalogue.sqlite3"
    else:
        settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
        settings_dict.setdefault("OPTIONS", {})["connect_timeout"] = 2
    refusing = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    connections["default"] = refusing
    try:
        yield
    finally:
        refusing.close()
        connections["default"] = working
