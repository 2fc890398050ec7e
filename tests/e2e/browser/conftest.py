"""Fixtures for the browser tests: Debian's headless Chromium, driven by Playwright.

One Chromium runs for all browser tests; each test gets a fresh browser
context (own cookies, own cache) and page.  The portal is served by
pytest-django's ``live_server`` against the test database, seeded with the
demo site by ``manage.py seed_demo``.

Playwright never downloads a browser here (no ``playwright install``): it
drives ``/usr/bin/chromium``, which ``scripts/provision`` installs.  Nothing
is fetched from outside: Chromium's background networking, component updates
and sync are switched off, and pages may load only from the live server.

Set ``PORTAL_SCREENSHOTS`` to a directory to keep a screenshot of each step.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections
from playwright.sync_api import Browser, sync_playwright

from search.backends import get_backend, reset_backend_cache

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Generous for a loaded CI machine, short enough that a hang fails quickly.
TIMEOUT_MS = 15_000


def _missing(what: str) -> None:
    """Skip when run by hand; fail under ``make test`` (as tests/conftest.py does for services)."""
    message = f"{what}; `scripts/provision` (run by `make test`) installs it."
    if os.environ.get("PORTAL_REQUIRE_SERVICES") == "1":
        pytest.fail(message)
    pytest.skip(message)


# Package scope, not session scope: the sync API keeps an asyncio loop marked
# as running in the main thread for as long as Playwright is started, which
# would break ``asyncio.run`` and Django's async-safety check in every test
# collected after these.  All browser tests live in this package, so this is
# still one Chromium per test session.
@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is not installed")
    # While Playwright runs, Django sees that loop and would refuse the ORM
    # calls of the test thread (seeding, the flush after each test); they are
    # synchronous and never run inside the loop, so allow them for this span.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # Django keeps connections in an asgiref Local, which keeps separate ones
    # for "async" code once it sees a running loop: the test thread would
    # then open a second connection, not the one live_server shares (nor the
    # one holding the migrations' data for serialized rollback).  Hand the
    # thread's own connections over, as Django's LiveServerThread does.
    own_connections = {alias: connections[alias] for alias in connections}
    playwright = sync_playwright().start()
    for alias, own in own_connections.items():
        connections[alias] = own
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def _seeded_copy(browser, django_db_blocker) -> Iterator[dict[str, sqlite3.Connection]]:
    """Holds an in-memory copy of the SQLite test database as ``seed_demo`` left it.

    Afterwards it puts back what the migrations created: ``live_server``
    empties the database after each test, and the transactional tests that
    pytest-django runs after these (tests/e2e/test_publish_and_find.py)
    expect the home page, the default site and the groups to be there.
    """
    holder: dict[str, sqlite3.Connection] = {}
    yield holder
    if "copy" in holder:
        holder["copy"].close()
    get_backend().clear()
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture
def demo_site(browser, live_server, _seeded_copy) -> None:
    """The seeded demo site in the test database that ``live_server`` serves.

    ``live_server`` empties the database after every test.  Seeding takes
    seconds, so the first test seeds and keeps a copy, and the others get
    that copy back with SQLite's backup API in milliseconds (on any other
    database every test seeds).  The embedded search index lives outside the
    database and is seeded once; tests/e2e/browser/test_search.py searches it.

    Depends on ``browser`` so that the asyncio guard above is already lifted.
    """
    if "copy" in _seeded_copy:
        _seeded_copy["copy"].backup(connection.connection)
        return
    reset_backend_cache()
    get_backend().clear()
    call_command("seed_demo", "--no-admin", verbosity=0)
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _seeded_copy["copy"] = copy


@pytest.fixture
def outside_requests() -> list[str]:
    """Addresses outside the live server that pages of this test tried to load (all were refused)."""
    return []


@pytest.fixture
def new_context(browser, live_server, outside_requests):
    """Open fresh browser contexts (a new visitor each) on the live server; all closed afterwards.

    Requests to anything but the live server are refused and recorded in
    ``outside_requests``: nothing is fetched from outside during a test.
    """
    contexts = []

    def only_live_server(route) -> None:
        if route.request.url.startswith(f"{live_server.url}/"):
            route.continue_()
        else:
            outside_requests.append(route.request.url)
            route.abort("blockedbyclient")

    def open_context(locale: str = "de-DE", **options):
        """``options`` go to Playwright's ``new_context`` (``java_script_enabled=False``, ``viewport=...``)."""
        options = {"viewport": {"width": 1280, "height": 900}, **options}
        context = browser.new_context(base_url=live_server.url, locale=locale, **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", only_live_server)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context, demo_site):
    """A page in a fresh context: a first-time visitor whose browser prefers German."""
    return new_context().new_page()


@pytest.fixture
def screenshot():
    """``screenshot(page, "home")`` saves home.png to $PORTAL_SCREENSHOTS, if that is set."""
    directory = os.environ.get("PORTAL_SCREENSHOTS", "")

    def save(page, name: str) -> None:
        if directory:
            Path(directory).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=True, animations="disabled")

    return save
