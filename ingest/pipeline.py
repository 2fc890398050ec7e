"""The ingestion pipeline for one document: check, extract, normalise, store.

Each step is a plain function; :func:`extract_document` runs them in order
and is the only place that writes a document's extraction status.  It is
safe to run twice: a document whose content hash has not changed since its
last successful extraction is not extracted again, and a file whose content
was already extracted for another document is copied, not extracted again.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ingest.extractors import ExtractedText, ExtractionError
from ingest.extractors.pdf import EXTRACTOR_VERSION
from ingest.language import detect_language
from ingest.models import DocumentPage, ExtractionStatus, PortalDocument
from ingest.normalise import normalise_text
from ingest.sandbox import extract_contained
from ingest.tagging import detect_tags, load_vocabulary

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class Outcome:
    status: str
    reason: str = ""
    pages: int = 0


def extract_document(document: PortalDocument) -> Outcome:
    """Bring ``document``'s stored page text up to date with its file."""
    try:
        path = Path(document.file.path)
        content_hash = check_file(path)
    except ExtractionError as exc:
        return _record(document, ExtractionStatus.FAILED, exc.message, code=exc.code)
    except (OSError, ValueError) as exc:
        return _record(
            document,
            ExtractionStatus.FAILED,
            f"The file could not be read from storage ({exc}). Upload it again.",
            code="unreadable",
        )

    if (
        document.content_hash == content_hash
        and document.extractor_version == EXTRACTOR_VERSION
        and document.text_pages.exists()
    ):
        return Outcome(document.extraction_status, document.status_reason, document.page_count or 0)

    twin = _extracted_twin(document, content_hash)
    if twin is not None:
        copy_pages(twin, document)
        logger.info("Document %s has the content of document %s: text copied, not extracted", document.pk, twin.pk)
        return Outcome(document.extraction_status, "", document.page_count or 0)

    document.started_at = timezone.now()
    document.attempts += 1
    _set_status(document, ExtractionStatus.PROCESSING, "", extra=("started_at", "attempts"))
    started = time.monotonic()
    try:
        extracted = extract_contained(path)
    except ExtractionError as exc:
        document.content_hash = content_hash
        document.extraction_seconds = time.monotonic() - started
        return _record(document, ExtractionStatus.FAILED, exc.message, code=exc.code)
    except OSError as exc:
        # The worker itself is short of something (processes, disk): not the
        # file's fault. Put the document back in the queue's hands; the task
        # retries, and reconcile picks up whatever is left pending.
        _set_status(document, ExtractionStatus.PENDING, f"Waiting for another attempt: the worker could not "
                    f"start the extraction ({exc}).")
        raise
    pages = [normalise_text(text) for text in extracted.pages]
    store_pages(document, pages, content_hash, extracted, seconds=time.monotonic() - started)
    logger.info(
        "Extracted %s pages from document %s in %.2f s", len(pages), document.pk, time.monotonic() - started
    )
    return Outcome(document.extraction_status, "", len(pages))


def _extracted_twin(document: PortalDocument, content_hash: str) -> PortalDocument | None:
    """Another document with the same content, already extracted by this extractor version."""
    return (
        PortalDocument.objects.filter(content_hash=content_hash, extractor_version=EXTRACTOR_VERSION)
        .exclude(pk=document.pk)
        .exclude(extraction_status__in=[ExtractionStatus.FAILED, ExtractionStatus.PROCESSING])
        .filter(text_pages__isnull=False)
        .distinct()
        .first()
    )


def check_file(path: Path) -> str:
    """Check the file by its content and size; return its SHA-256."""
    with path.open("rb") as handle:
        return check_content(handle, path.stat().st_size)


def check_content(handle: BinaryIO, size: int) -> str:
    """Check an open file by its content and size, reading it from the start; return its SHA-256.

    Raises :class:`ExtractionError` with a sentence for the editor: empty,
    too large (``PORTAL_MAX_UPLOAD_BYTES``) or not a PDF whatever its name.
    """
    if size == 0:
        raise ExtractionError("empty", "The file is empty (0 bytes). Upload the complete file.")
    limit = settings.PORTAL_MAX_UPLOAD_BYTES
    if size > limit:
        raise ExtractionError(
            "too_large",
            f"The file is {size / 1e6:.1f} MB, above the limit of {limit / 1e6:.1f} MB "
            "(PORTAL_MAX_UPLOAD_BYTES). Split or compress it.",
        )
    digest = hashlib.sha256()
    handle.seek(0)
    head = handle.read(1024)
    # The PDF header may be preceded by junk, but must sit in the first kilobyte.
    if PDF_MAGIC not in head:
        raise ExtractionError("not_pdf", "The file is not a PDF, whatever its name says. Upload a PDF.")
    digest.update(head)
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


_RESULT_FIELDS = (
    "content_hash", "page_count", "extractor_version", "extracted_at", "finished_at", "extraction_seconds",
    "pdf_title", "pdf_author", "language", "ocr_used", "detected_tags", "failure_code",
)


@transaction.atomic
def store_pages(
    document: PortalDocument, pages: list[str], content_hash: str, extracted: ExtractedText, seconds: float = 0.0
) -> None:
    """Replace the stored page text of ``document`` and record what extraction learnt."""
    document.text_pages.all().delete()
    ocr = set(extracted.ocr_pages)
    DocumentPage.objects.bulk_create(
        DocumentPage(document=document, number=number, text=text, ocr=number in ocr)
        for number, text in enumerate(pages, start=1)
    )
    text = "\n".join(pages)
    document.content_hash = content_hash
    document.page_count = len(pages)
    document.extractor_version = extracted.extractor
    document.extracted_at = document.finished_at = timezone.now()
    document.extraction_seconds = seconds
    document.pdf_title = extracted.title[:500]
    document.pdf_author = extracted.author[:500]
    document.language = detect_language(text)
    document.ocr_used = bool(ocr)
    document.detected_tags = detect_tags(text, load_vocabulary())
    document.failure_code = ""
    # Extracted text waits in the database until the page holding the
    # document is indexed; :mod:`ingest.indexing` then marks it indexed.
    _set_status(document, ExtractionStatus.PENDING, "", extra=_RESULT_FIELDS)


@transaction.atomic
def copy_pages(source: PortalDocument, document: PortalDocument) -> None:
    """Give ``document`` the stored text and findings of ``source``, a file with the same content."""
    document.text_pages.all().delete()
    DocumentPage.objects.bulk_create(
        DocumentPage(document=document, number=page.number, text=page.text, ocr=page.ocr)
        for page in source.text_pages.all()
    )
    for name in _RESULT_FIELDS:
        setattr(document, name, getattr(source, name))
    document.extraction_seconds = 0.0
    document.extracted_at = document.finished_at = timezone.now()
    _set_status(document, ExtractionStatus.PENDING, "", extra=_RESULT_FIELDS)


def reset_for_retry(document: PortalDocument) -> None:
    """Make ``document`` pending again, forgetting its content hash so that the file is really read again."""
    document.content_hash = ""
    document.failure_code = ""
    document.queued_at = timezone.now()
    _set_status(document, ExtractionStatus.PENDING, "", extra=("content_hash", "failure_code", "queued_at"))


def mark_indexed(documents: list[PortalDocument]) -> None:
    """Record that the text of ``documents`` is now searchable: one UPDATE for all, none if nothing changes."""
    changing = [document for document in documents
                if document.extraction_status not in (ExtractionStatus.FAILED, ExtractionStatus.INDEXED)
                or document.status_reason]
    changing = [document for document in changing if document.extraction_status != ExtractionStatus.FAILED]
    if not changing:
        return
    PortalDocument.objects.filter(pk__in=[document.pk for document in changing]).exclude(
        extraction_status=ExtractionStatus.FAILED).update(extraction_status=ExtractionStatus.INDEXED, status_reason="")
    for document in changing:
        document.extraction_status, document.status_reason = ExtractionStatus.INDEXED, ""


def _record(document: PortalDocument, status: str, reason: str, code: str = "") -> Outcome:
    logger.warning("Document %s: %s", document.pk, reason)
    document.failure_code = code
    document.finished_at = timezone.now()
    _set_status(
        document, status, reason, extra=("content_hash", "failure_code", "finished_at", "extraction_seconds")
    )
    return Outcome(status, reason, 0)


def _set_status(document: PortalDocument, status: str, reason: str, extra: tuple[str, ...] = ()) -> None:
    document.extraction_status = status
    document.status_reason = reason
    # A queryset update, not save(): save() would also refresh Wagtail's admin
    # search entry for the document (title, tags: nothing the pipeline
    # changes), and two workers doing that at once can deadlock in PostgreSQL,
    # a failure Wagtail only logs while our transaction is rolled back.
    fields = ["extraction_status", "status_reason", *extra]
    PortalDocument.objects.filter(pk=document.pk).update(**{name: getattr(document, name) for name in fields})
