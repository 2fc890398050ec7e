"""Indexing of published pages: the one place where ingestion meets search.

:func:`index_page` makes sure the PDFs attached to a page are extracted,
asks the page for its :class:`~search.documents.SearchDocument` and hands
it to the configured backend.  :func:`remove_page` takes a page out.  Both
are idempotent, so a retried task does no harm.
"""

from __future__ import annotations

import logging

from wagtail.models import Page

from ingest.pipeline import extract_document, mark_indexed
from portal.searchable import SearchablePage, search_document_id
from search.backends import get_backend

logger = logging.getLogger(__name__)


def index_page(page_id: int) -> bool:
    """Index the live page ``page_id``; return False if it is not indexable.

    A page that no longer exists or is not live is removed from the index
    instead, so a late task can never resurrect an unpublished page.
    """
    page = Page.objects.filter(pk=page_id).first()
    page = page.specific if page else None
    if page is None or not page.live or not isinstance(page, SearchablePage):
        remove_page(page_id)
        return False
    documents = list(page.attached_documents())
    for document in documents:
        extract_document(document)
    get_backend().index([page.search_document()])
    mark_indexed(documents)
    logger.info("Indexed page %s (%s) with %s document(s)", page_id, page.title, len(documents))
    return True


def remove_page(page_id: int) -> None:
    """Remove page ``page_id`` from the index (unknown ids are fine)."""
    get_backend().delete([search_document_id(page_id)])
