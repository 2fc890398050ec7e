"""Indexing: the one place where ingestion meets search.

What belongs in the index is decided here, and nowhere else:

* every live searchable page, carrying the extracted text of its PDFs;
* every document that no page holds (an imported archive, say), as an entry
  of its own with content type ``"document"``, tagged with what the editor
  chose plus what ingestion recognised in its text (marked as detected);
* every institution of the member directory (``portal.taxonomy.search``).

:func:`index_page`, :func:`index_document` and :func:`remove_page` bring one
item up to date; :func:`expected_entries` lists everything that should be in
the index, for reconciliation and full rebuilds. All are idempotent, so a
retried task does no harm.

Each takes ``refresh``: True (the default) when the caller reads the index
right after, as an editor's request does; False for work nobody watches
(a worker's queue, imports, reconciliation), which refreshes once at its
end or leaves it to the engine's refresh interval (see :mod:`ingest.tasks`).
"""

from __future__ import annotations

import logging
from typing import Iterable, Iterator

from django.db.models import Q
from wagtail.models import Page, ReferenceIndex

from ingest.models import TAG_KINDS, ExtractionStatus, PortalDocument
from ingest.pipeline import extract_document, mark_indexed
from portal.access import collection_visibility
from portal.searchable import SearchablePage, search_document_id
from portal.taxonomy.expand import expand_facets
from portal.taxonomy.models import Institution
from portal.taxonomy.search import institution_document, institution_entry_id
from search.backends import get_backend
from search.documents import Attachment, AttachmentPage, SearchDocument

logger = logging.getLogger(__name__)

SUMMARY_CHARACTERS = 300


def document_entry_id(document_id: int) -> str:
    """The index id of a standalone document, stable across reindexing."""
    return f"document:{document_id}"


# --- pages ----------------------------------------------------------------------


def index_page(page_id: int, refresh: bool = True) -> bool:
    """Index the live page ``page_id``; return False if it is not indexable.

    A page that no longer exists or is not live is removed from the index
    instead, so a late task can never resurrect an unpublished page. Its PDFs
    are extracted first if they need it, and lose any standalone entry.
    """
    page = _searchable_live_page(page_id)
    if page is None:
        remove_page(page_id, refresh=refresh)
        return False
    documents = list(page.attached_documents())
    for document in documents:
        extract_document(document)
    backend = get_backend()
    entry = page.search_document()
    # The institutions' entries list their work: a published project changes them too.
    partners = Institution.objects.filter(slug__in=entry.institutions).prefetch_related(
        "expertise_metals", "expertise_processes")
    # The page and its partners in one bulk request; the documents' own entries (if any) go.
    backend.index([entry, *(institution_document(institution) for institution in partners)], refresh=False)
    if documents:
        backend.delete([document_entry_id(document.pk) for document in documents], refresh=False)
    if refresh:
        backend.refresh()
    mark_indexed(documents)
    logger.info("Indexed page %s (%s) with %s document(s)", page_id, page.title, len(documents))
    return True


def remove_page(page_id: int, refresh: bool = True) -> None:
    """Remove page ``page_id`` from the index (unknown ids are fine)."""
    get_backend().delete([search_document_id(page_id)], refresh=refresh)


def _searchable_live_page(page_id: int):
    page = Page.objects.filter(pk=page_id).first()
    page = page.specific if page else None
    if page is None or not page.live or not isinstance(page, SearchablePage):
        return None
    return page


# --- documents ------------------------------------------------------------------


def holders(document: PortalDocument) -> list[Page]:
    """The pages (live or not) that carry ``document`` as one of their PDFs."""
    pages = []
    for page_id in _referencing_page_ids(document):
        page = Page.objects.filter(pk=page_id).first()
        page = page.specific if page else None
        if isinstance(page, SearchablePage) and any(d.pk == document.pk for d in page.attached_documents()):
            pages.append(page)
    return pages


def _references_from_pages():
    # Wagtail's reference index knows every page that points at a document
    # (foreign keys, inline panels, StreamField blocks) without scanning pages.
    return ReferenceIndex.objects.filter(
        to_content_type=ReferenceIndex._get_base_content_type(PortalDocument),
        base_content_type=ReferenceIndex._get_base_content_type(Page),
    )


def _referencing_page_ids(document: PortalDocument) -> set[int]:
    references = _references_from_pages().filter(to_object_id=str(document.pk))
    return {int(object_id) for object_id in references.values_list("object_id", flat=True)}


def index_document(document_id: int, refresh: bool = True) -> str:
    """Extract document ``document_id`` and bring every index entry holding its text up to date.

    Returns what was done: ``"pages"`` (reindexed the live pages that hold
    it), ``"standalone"`` (indexed as an entry of its own), ``"held"`` (only
    unpublished pages hold it: nothing public to index) or ``"missing"``.
    """
    document = PortalDocument.objects.filter(pk=document_id).first()
    if document is None:
        get_backend().delete([document_entry_id(document_id)], refresh=refresh)
        return "missing"
    extract_document(document)
    pages = holders(document)
    if pages:
        live = [page for page in pages if page.live]
        get_backend().delete([document_entry_id(document.pk)], refresh=refresh and not live)
        for page in live:  # the last one refreshes
            index_page(page.pk, refresh=refresh and page is live[-1])
        return "pages" if live else "held"
    get_backend().index([standalone_entry(document)], refresh=refresh)
    mark_indexed([document])
    return "standalone"


def remove_document(document_id: int, holder_page_ids: Iterable[int] = (), refresh: bool = True) -> None:
    """Take a deleted document out: its own entry, and its text from the pages that held it."""
    holder_page_ids = list(holder_page_ids)
    get_backend().delete([document_entry_id(document_id)], refresh=refresh and not holder_page_ids)
    for page_id in holder_page_ids:
        index_page(page_id, refresh=refresh and page_id == holder_page_ids[-1])


def standalone_entry(document: PortalDocument) -> SearchDocument:
    """The index entry of a document that no page holds."""
    pages = tuple(AttachmentPage(page.number, page.text) for page in document.text_pages.all())
    text = " ".join(page.text for page in pages)
    chosen = {
        "metals": [metal.slug for metal in document.metals.all()],
        "processes": [process.slug for process in document.processes.all()],
        "institutions": [institution.slug for institution in document.institutions.all()],
    }
    detected = document.detected_tags or {}
    facets: dict[str, tuple[str, ...]] = {}
    detected_only: list[str] = []
    for kind in TAG_KINDS:
        found = [slug for slug in detected.get(kind, []) if slug not in chosen[kind]]
        facets[kind] = tuple(dict.fromkeys([*chosen[kind], *found]))
        detected_only += [f"{kind}:{slug}" for slug in found]
    facets = expand_facets(facets)
    return SearchDocument(
        id=document_entry_id(document.pk),
        content_type="document",
        title=document.title,
        url=document.url,
        summary=_shorten(text, SUMMARY_CHARACTERS),
        language=document.language or "de",
        date=document.created_at.date() if document.created_at else None,
        attachments=(Attachment(title=document.title, url=document.url, pages=pages),),
        visibility=document_visibility(document),
        detected=tuple(detected_only),
        **facets,
    )


def document_visibility(document: PortalDocument) -> tuple[str, ...]:
    """Who may see a standalone document: its collection's privacy (rules in :mod:`portal.access`)."""
    return collection_visibility(document.collection)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


# --- institutions ---------------------------------------------------------------


def index_institution(institution_id: int, refresh: bool = True) -> bool:
    """Index institution ``institution_id``; remove its entry if it no longer exists."""
    institution = Institution.objects.filter(pk=institution_id).first()
    if institution is None:
        remove_institution(institution_id, refresh=refresh)
        return False
    get_backend().index([institution_document(institution)], refresh=refresh)
    return True


def remove_institution(institution_id: int, refresh: bool = True) -> None:
    """Remove institution ``institution_id`` from the index (unknown ids are fine)."""
    get_backend().delete([institution_entry_id(institution_id)], refresh=refresh)


# --- everything -----------------------------------------------------------------


def expected_entries() -> Iterator[SearchDocument]:
    """Every entry the index should hold now, built from the database alone.

    Uses the stored page text; it extracts nothing (documents that still need
    extraction are the reconciler's business).
    """
    held: set[int] = set()
    for page in Page.objects.live().specific().iterator(chunk_size=200):
        if isinstance(page, SearchablePage):
            held.update(document.pk for document in page.attached_documents())
            yield page.search_document()
    # Documents held by unpublished pages are not public entries either.
    held.update(int(pk) for pk in _references_from_pages().values_list("to_object_id", flat=True))
    standalone = PortalDocument.objects.exclude(pk__in=held).exclude(
        Q(extraction_status=ExtractionStatus.PROCESSING)
    )
    for document in standalone.prefetch_related("text_pages", "metals", "processes", "institutions").iterator(
        chunk_size=100
    ):
        yield standalone_entry(document)
    for institution in Institution.objects.prefetch_related("expertise_metals", "expertise_processes").iterator(
        chunk_size=100
    ):
        yield institution_document(institution)
