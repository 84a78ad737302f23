"""Structured logs: one JSON object per line on stdout, each with the id of its request.

The id is set by RequestIdMiddleware for the request being served and sent back in the
X-Request-ID header, so a reader's report ("the page said error 3f2a...") finds its log line.
"""

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

request_id = ContextVar("request_id", default="")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get()
        return True


class NotDatabaseDown(logging.Filter):
    """Keeps the "database unavailable" 503s out of the admins' mailbox: while the database is
    down every request fails the same way; the log still has each of them."""

    def filter(self, record):
        return getattr(record, "status_code", None) != 503


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry["method"] = request.method
            entry["path"] = request.path
        if hasattr(record, "status_code"):
            entry["status"] = record.status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
