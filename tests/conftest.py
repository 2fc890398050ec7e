"""Shared fixtures.

Tests are split by layer: ``tests/unit`` (pure logic, no services),
``tests/integration`` (one real component: a database, a search engine, a
worker) and ``tests/e2e`` (a user's whole path through the portal).

Services are started by ``make test`` (see ``tests/services``), which exports
their addresses.  A test that needs one and does not find it is skipped when
run by hand, and fails under ``make test`` (``PORTAL_REQUIRE_SERVICES=1``), so
CI can never pass by silently skipping the real components.
"""

from __future__ import annotations

import os

import pytest


def _require_service(env_var: str, what: str) -> str:
    value = os.environ.get(env_var, "")
    if value:
        return value
    message = f"{what} is not running: {env_var} is unset. Run `make test`, which starts it."
    if os.environ.get("PORTAL_REQUIRE_SERVICES") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def elasticsearch_url() -> str:
    """Address of the real Elasticsearch started by the test command."""
    return _require_service("ELASTICSEARCH_URL", "Elasticsearch")


@pytest.fixture(scope="session")
def broker_url() -> str:
    """Address of the real Redis started by the test command."""
    return _require_service("CELERY_BROKER_URL", "Redis")


@pytest.fixture(autouse=True)
def _fresh_search_sources():
    """Every test reads the search vocabulary and the facet names afresh (a rolled-back test sends no signal
    to forget them), and starts with an empty query log buffer, which it flushes itself if it wants rows."""
    from search import labels, query_log, sources, vocabulary

    def forget() -> None:
        vocabulary.invalidate()
        labels.invalidate()
        sources.forget_shared_versions()
        query_log.discard()

    forget()
    yield
    forget()
