"""Nothing is lost when the broker goes down during ingestion: once it is back, reconcile repairs the index.

On the real stack: PostgreSQL, Elasticsearch, a Celery worker process, and a
Redis of this test's own, so that it can be stopped and started again on the
same port without disturbing other tests.
"""

from __future__ import annotations

import contextlib
import time
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from kombu import pools as kombu_pools

from home.models import HomePage
from ingest.indexing import document_entry_id, expected_entries
from ingest.models import ExtractionStatus, PortalDocument
from ingest.tasks import reconcile_index
from portal.celery import app
from portal.demo.pdf import make_pdf
from portal.projects.models import ProjectIndexPage, ProjectPage, ProjectReport
from portal.searchable import search_document_id
from search.backends import get_backend, reset_backend_cache
from search.service import parse_query, run_search
from tests.e2e.conftest import running_worker
from tests.services.common import free_port
from tests.services.redis import Redis
from tests.support.content import make_taxonomy

pytestmark = [pytest.mark.stack, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WAIT_SECONDS = 120


class RestartableRedis(Redis):
    """A Redis that comes back on the port it had, as a restarted server would."""

    def __init__(self) -> None:
        super().__init__()
        self.fixed_port = free_port()

    def start(self) -> None:
        with mock.patch("tests.services.redis.free_port", return_value=self.fixed_port):
            super().start()


@contextlib.contextmanager
def producing_to(broker_url: str):
    """Make this process send tasks to ``broker_url`` (the settings name the session's Redis)."""

    def reset() -> None:
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = None
        app.amqp._producer_pool = None
        # kombu keeps producer pools per connection in a registry of its own; closed ones must go too,
        # or the next test's first task meets "Acquire on closed pool"
        kombu_pools.reset()

    previous = app.conf.broker_url, app.conf.broker_write_url
    app.conf.broker_url = app.conf.broker_write_url = broker_url
    reset()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.broker_write_url = previous
        reset()


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"not within {WAIT_SECONDS} s: {what}")


def report(title: str, pages: list[str]) -> PortalDocument:
    document = PortalDocument(title=title)
    document.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(make_pdf(pages, title=title)), save=False)
    document.save()
    return document


def publish_project(index, acronym: str, pages: list[str]) -> ProjectPage:
    page = index.add_child(instance=ProjectPage(title=f"Projekt {acronym}", slug=acronym.lower(), acronym=acronym,
                                                summary=f"Ergebnisse des Projekts {acronym}."))
    page.reports = [ProjectReport(document=report(f"{acronym} Abschlussbericht", pages))]
    page.save_revision().publish()
    return page


def test_a_broker_outage_loses_nothing(elasticsearch_url, caplog):
    assert connection.vendor == "postgresql"
    reset_backend_cache()
    backend = get_backend()
    backend.setup()
    backend.clear()
    make_taxonomy()
    index = HomePage.objects.get().add_child(instance=ProjectIndexPage(title="Projekte", slug="projekte"))

    redis = RestartableRedis()
    redis.start()
    try:
        with running_worker(redis.url, elasticsearch_url), producing_to(redis.url):
            before = publish_project(index, "ZinnOx", ["Zinnoxid aus Flugstäuben der Zinnhütte."])
            wait_until(lambda: search_document_id(before.pk) in backend.fingerprints(), "the first project indexed")

            redis.stop()  # the broker goes down while editors keep working
            during = publish_project(index, "KupSchlack", ["Kupferschlacke als Rohstoff: Flotationsversuche."])
            archived = report("Tagungsband 2013", ["Beiträge zum Bergbaufolgen-Kolloquium 2013."])
            before.unpublish()
            assert "Could not run ingest.index_page" in caplog.text  # the editor's publish still succeeded

            indexed = backend.fingerprints()
            assert search_document_id(during.pk) not in indexed  # lost tasks ...
            assert document_entry_id(archived.pk) not in indexed
            assert search_document_id(before.pk) in indexed  # ... and a page that should be gone

            redis.start()  # the broker is back, on its old address
            reconcile_index.delay()  # as Celery beat sends it periodically
            wait_until(lambda: backend.fingerprints() == expected_now(), "reconcile to bring the index in step")
    finally:
        redis.stop()

    assert search_document_id(before.pk) not in backend.fingerprints()
    assert set(PortalDocument.objects.values_list("extraction_status", flat=True)) == {ExtractionStatus.INDEXED}
    hits = run_search(parse_query({"q": "Flotationsversuche"})).results.hits
    assert [hit.title for hit in hits] == ["Projekt KupSchlack"]


def expected_now() -> dict[str, str]:
    # Recomputed on each poll: reconcile extracts documents, which changes their entries.
    return {entry.id: entry.fingerprint for entry in expected_entries()}
