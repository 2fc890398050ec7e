"""Fixtures for end-to-end tests: a real Celery worker process."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def celery_worker(django_db_setup, django_db_blocker, broker_url, elasticsearch_url):
    """Start ``celery -A portal worker`` as a separate process on the real stack."""
    with running_worker(broker_url, elasticsearch_url) as process:
        yield process


@contextlib.contextmanager
def running_worker(broker_url: str, elasticsearch_url: str):
    """Run a Celery worker process consuming from ``broker_url`` until the block ends.

    The worker gets the test database's name, the shared media directory and
    the test index, so it sees exactly what the test process wrote.
    """
    db = settings.DATABASES["default"]
    database_url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "ELASTICSEARCH_URL": elasticsearch_url,
        "PORTAL_SEARCH_INDEX": settings.PORTAL_SEARCH["INDEX"],
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    log_path = Path(settings.MEDIA_ROOT).parent / "celery-worker.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "--hostname", "e2e@%h"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_ready(process, log_path, timeout=60)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        print(f"\n--- celery worker log ({log_path}) ---\n{log_path.read_text()[-4000:]}")


def _wait_for_ready(process: subprocess.Popen, log_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The Celery worker exited with {process.returncode}:\n{log_path.read_text()}")
        if "ready." in log_path.read_text():
            return
        time.sleep(0.3)
    raise RuntimeError(f"The Celery worker was not ready after {timeout} s:\n{log_path.read_text()}")
