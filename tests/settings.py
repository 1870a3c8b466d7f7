"""Test settings: only what tests need to differ."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key")

from newsroom.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SECURE_SSL_REDIRECT = False

# Browser tests run a live server in another thread; an in-memory SQLite
# database would be shared across threads, so SQLite tests use a file.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}  # noqa: F405

# One process: a memory cache is enough here, and faster than files (the
# production default is tested with two gunicorn workers in test_faults).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tests",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

# Photos written by tests go to a folder of this run's own.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-media-"))

# A stale page's render in a thread of its own cannot see what a test wrote
# in its transaction: tests render in the request, except those of
# tests/articles/test_rerender.py, which commit for real.
PAGE_RERENDER_IN_BACKGROUND = False
