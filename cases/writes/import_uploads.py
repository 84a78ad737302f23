"""Uploaded volumes kept between the admin import's two steps (the dry-run report, then the
import on confirmation), by the SHA-256 of their bytes, for an hour.

Files, not the cache: the confirmation may reach another process than the upload. The folder
is `settings.IMPORT_UPLOAD_DIR` (default: `catalogue-imports` in the system's temporary
folder); servers behind one load balancer must share it.
"""

import hashlib
import re
import tempfile
import time
from pathlib import Path

from django.conf import settings

LIFETIME_SECONDS = 3600
DIGEST = re.compile(r"^[0-9a-f]{64}$")


def folder():
    path = getattr(settings, "IMPORT_UPLOAD_DIR", None)
    path = Path(path) if path else Path(tempfile.gettempdir()) / "catalogue-imports"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def keep(data):
    """Store `data`; returns its digest (the name the confirmation form carries)."""
    remove_expired()
    digest = hashlib.sha256(data).hexdigest()
    target = folder() / digest
    partial = target.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(target)  # readers never see half a file
    return digest


def read(digest):
    """The bytes kept under `digest`, or None (unknown, malformed or older than an hour)."""
    if not isinstance(digest, str) or not DIGEST.match(digest):
        return None
    path = folder() / digest
    try:
        if time.time() - path.stat().st_mtime > LIFETIME_SECONDS:
            path.unlink(missing_ok=True)
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == digest else None


def discard(digest):
    if isinstance(digest, str) and DIGEST.match(digest):
        (folder() / digest).unlink(missing_ok=True)


def remove_expired(now=None):
    now = time.time() if now is None else now
    for path in folder().iterdir():
        try:
            if now - path.stat().st_mtime > LIFETIME_SECONDS:
                path.unlink(missing_ok=True)
        except OSError:
            continue
