"""Every signal the ingestion pipeline listens to, wired in one place.

Tasks are queued with ``transaction.on_commit``: a worker must never look
for a page whose transaction has not committed yet.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from kombu.exceptions import OperationalError as BrokerUnavailable
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from ingest.tasks import index_page, remove_page
from search.backends import SearchUnavailable

logger = logging.getLogger(__name__)


def _queue(task, page_id: int) -> None:
    transaction.on_commit(lambda: _send(task, page_id))


def _send(task, page_id: int) -> None:
    # The page is already saved: an outage of the broker (or, with in-process
    # tasks, of the search engine) must not turn the editor's publish into an
    # error page.  Until reconciliation exists (ingestion issue), the page stays
    # unindexed until it is published again.
    try:
        task.delay(page_id)
    except (BrokerUnavailable, SearchUnavailable) as exc:
        logger.error("Could not run %s for page %s (%s); publish it again once the service is back.", task.name, page_id, exc)


def on_published(sender, instance, **kwargs) -> None:
    _queue(index_page, instance.pk)


def on_removed(sender, instance, **kwargs) -> None:
    _queue(remove_page, instance.pk)


def connect() -> None:
    """Connect the handlers; called once from ``IngestConfig.ready``."""
    page_published.connect(on_published, dispatch_uid="ingest.page_published")
    page_unpublished.connect(on_removed, dispatch_uid="ingest.page_unpublished")
    post_delete.connect(on_removed, sender=Page, dispatch_uid="ingest.page_deleted")
