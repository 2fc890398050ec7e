"""Celery tasks: thin wrappers that receive a primary key and call a service.

Only transient failures -- the search engine or the database being
unreachable -- are retried, with exponential backoff and jitter. Whatever
still slips through (a worker killed, a broker down when the task was sent)
is caught by the periodic :func:`reconcile_index`.

**Refresh.** A task refreshes the index only when its caller waits for it:
run in-process (``CELERY_TASK_ALWAYS_EAGER``, the laptop default, or called
directly), the editor's request returns after the write, so it is made
searchable before.  On a worker nobody waits: the editor's request returned
before the task started, and Elasticsearch's refresh interval (1 s; a search
on an idle shard waits for the pending refresh) makes the entry searchable
about a second after the write -- well under the seconds extraction itself
takes -- without a refresh per document that a queue of a thousand uploads
would pay a thousand times.
"""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from ingest import indexing, reconcile
from search.backends import SearchUnavailable

TRANSIENT = (SearchUnavailable, OperationalError, OSError)  # OSError includes ConnectionError
RETRY = dict(bind=True, autoretry_for=TRANSIENT, retry_backoff=5, retry_backoff_max=300, retry_jitter=True,
             max_retries=8)


def waited_for(task) -> bool:
    """Whether the caller waits for ``task`` to finish: run eagerly or called directly, not on a worker."""
    return bool(task.request.is_eager or task.request.called_directly)


@shared_task(name="ingest.index_page", **RETRY)
def index_page(self, page_id: int) -> bool:
    """Extract the PDFs of page ``page_id`` and (re)index it."""
    return indexing.index_page(page_id, refresh=waited_for(self))


@shared_task(name="ingest.remove_page", **RETRY)
def remove_page(self, page_id: int) -> None:
    """Remove page ``page_id`` from the search index."""
    indexing.remove_page(page_id, refresh=waited_for(self))


@shared_task(name="ingest.index_document", **RETRY)
def index_document(self, document_id: int) -> str:
    """Extract document ``document_id`` and update every index entry that holds its text."""
    return indexing.index_document(document_id, refresh=waited_for(self))


@shared_task(name="ingest.remove_document", **RETRY)
def remove_document(self, document_id: int, holder_page_ids: list[int]) -> None:
    """Remove a deleted document's entry and its text from the pages that held it."""
    indexing.remove_document(document_id, holder_page_ids, refresh=waited_for(self))


@shared_task(name="ingest.index_institution", **RETRY)
def index_institution(self, institution_id: int) -> bool:
    """(Re)index institution ``institution_id`` of the member directory."""
    return indexing.index_institution(institution_id, refresh=waited_for(self))


@shared_task(name="ingest.remove_institution", **RETRY)
def remove_institution(self, institution_id: int) -> None:
    """Remove a deleted institution from the search index."""
    indexing.remove_institution(institution_id, refresh=waited_for(self))


@shared_task(name="ingest.reconcile_index", ignore_result=True, **RETRY)
def reconcile_index(self) -> dict[str, int]:
    """Compare the database with the index and repair what differs (periodic)."""
    return reconcile.reconcile().counts()
