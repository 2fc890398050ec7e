"""The real-service harness (tests/services) starts, answers and cleans up.

These tests start their own servers, so they need only the binaries that
``scripts/provision`` installs, not ``make test``.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
import redis

from tests.services import Elasticsearch, NotProvisioned, Postgres, Redis, Service
from tests.services.common import port_open


@contextmanager
def running(service: Service) -> Iterator[Service]:
    """Start ``service`` (failing with the provision hint if binaries are missing)."""
    try:
        service.start()
    except NotProvisioned as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield service
    finally:
        service.stop()


def assert_cleaned_up(port: int, tmpdir: Path) -> None:
    """After stop(): nothing listens on the port and the temp dir is gone."""
    assert not port_open(port), f"port {port} still open after stop()"
    assert not tmpdir.exists(), f"{tmpdir} not removed after stop()"


def test_postgres_starts_answers_and_cleans_up() -> None:
    with running(Postgres()) as pg:
        port, tmpdir = pg.port, pg.tmpdir
        with psycopg.connect(pg.url, connect_timeout=5) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
            user, database = conn.execute("SELECT current_user, current_database()").fetchone()
            assert (user, database) == ("portal", "portal")
            # pytest-django creates its own test database, so the role needs CREATEDB.
            assert conn.execute(
                "SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user").fetchone() == (True,)
    assert port and tmpdir
    assert_cleaned_up(port, tmpdir)


def test_redis_starts_answers_and_cleans_up() -> None:
    with running(Redis()) as rd:
        port, tmpdir = rd.port, rd.tmpdir
        client = redis.Redis.from_url(rd.url, socket_timeout=5)
        assert client.ping() is True
        client.close()
    assert port and tmpdir
    assert_cleaned_up(port, tmpdir)


def test_elasticsearch_starts_answers_and_cleans_up() -> None:
    with running(Elasticsearch()) as es:
        port, tmpdir = es.port, es.tmpdir
        # GET / is 405 in the integ-test-zip distribution (no rest-root
        # module), so ask the local node for its version.
        url = f"{es.url}/_nodes/_local?filter_path=nodes.*.version"
        with urllib.request.urlopen(url, timeout=10) as response:
            nodes = json.load(response)["nodes"]
        assert [node["version"] for node in nodes.values()] == [es.expected_version]
        assert es.version == es.expected_version
    assert port and tmpdir
    assert_cleaned_up(port, tmpdir)
