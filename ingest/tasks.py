"""Celery tasks: thin wrappers that receive a primary key and call a service.

Only transient failures -- the search engine or the database being
unreachable -- are retried, with exponential backoff and jitter. Whatever
still slips through (a worker killed, a broker down when the task was sent)
is caught by the periodic :func:`reconcile_index`.
"""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from ingest import indexing, reconcile
from search.backends import SearchUnavailable

TRANSIENT = (SearchUnavailable, OperationalError, OSError)  # OSError includes ConnectionError
RETRY = dict(autoretry_for=TRANSIENT, retry_backoff=5, retry_backoff_max=300, retry_jitter=True, max_retries=8)


@shared_task(name="ingest.index_page", **RETRY)
def index_page(page_id: int) -> bool:
    """Extract the PDFs of page ``page_id`` and (re)index it."""
    return indexing.index_page(page_id)


@shared_task(name="ingest.remove_page", **RETRY)
def remove_page(page_id: int) -> None:
    """Remove page ``page_id`` from the search index."""
    indexing.remove_page(page_id)


@shared_task(name="ingest.index_document", **RETRY)
def index_document(document_id: int) -> str:
    """Extract document ``document_id`` and update every index entry that holds its text."""
    return indexing.index_document(document_id)


@shared_task(name="ingest.remove_document", **RETRY)
def remove_document(document_id: int, holder_page_ids: list[int]) -> None:
    """Remove a deleted document's entry and its text from the pages that held it."""
    indexing.remove_document(document_id, holder_page_ids)


@shared_task(name="ingest.index_institution", **RETRY)
def index_institution(institution_id: int) -> bool:
    """(Re)index institution ``institution_id`` of the member directory."""
    return indexing.index_institution(institution_id)


@shared_task(name="ingest.remove_institution", **RETRY)
def remove_institution(institution_id: int) -> None:
    """Remove a deleted institution from the search index."""
    indexing.remove_institution(institution_id)


@shared_task(name="ingest.reconcile_index", ignore_result=True, **RETRY)
def reconcile_index() -> dict[str, int]:
    """Compare the database with the index and repair what differs (periodic)."""
    return reconcile.reconcile().counts()
