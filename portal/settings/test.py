"""Settings for the test suite: fast hashing, isolated files."""

import tempfile
from pathlib import Path

from portal import env
from portal.settings import base
from portal.settings.base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each test run writes media and the embedded index to its own directory
# unless the test command hands one in (a worker process must share it).
_TEST_VAR = Path(env.get_str("PORTAL_TEST_VAR_DIR", "") or tempfile.mkdtemp(prefix="portal-test-"))
MEDIA_ROOT = Path(env.get_str("MEDIA_ROOT", str(_TEST_VAR / "media")))
if "PATH" in base.PORTAL_SEARCH:
    PORTAL_SEARCH = {**base.PORTAL_SEARCH, "PATH": str(_TEST_VAR / "search.sqlite3")}
else:
    PORTAL_SEARCH = {**base.PORTAL_SEARCH, "INDEX": env.get_str("PORTAL_SEARCH_INDEX", "portal-test")}
STORAGES = {
    **base.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Rate limits never get in a test's way; tests of the limit set their own (tests/integration/security).
PORTAL_RATE_LIMITS = {"search": "100000/60", "suggest": "100000/60", "login": "100000/60", "contact": "100000/60"}

# The query log is written when a test flushes it (search.query_log.flush), never by a thread behind its back.
PORTAL_QUERY_LOG_FLUSH_SECONDS = 0
