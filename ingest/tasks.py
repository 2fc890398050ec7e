"""Celery tasks: thin wrappers that receive a primary key and call a service.

Only transient failures -- the search engine or the database being
unreachable -- are retried, with exponential backoff and jitter.
"""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from ingest import indexing
from search.backends import SearchUnavailable

TRANSIENT = (SearchUnavailable, OperationalError, ConnectionError)
RETRY = dict(autoretry_for=TRANSIENT, retry_backoff=5, retry_backoff_max=300, retry_jitter=True, max_retries=8)


@shared_task(name="ingest.index_page", **RETRY)
def index_page(page_id: int) -> bool:
    """Extract the PDFs of page ``page_id`` and (re)index it."""
    return indexing.index_page(page_id)


@shared_task(name="ingest.remove_page", **RETRY)
def remove_page(page_id: int) -> None:
    """Remove page ``page_id`` from the search index."""
    indexing.remove_page(page_id)
