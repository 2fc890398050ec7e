"""PDF text extraction with pypdf -- the only module that imports pypdf."""

from __future__ import annotations

import logging
from pathlib import Path

import pypdf
from pypdf.errors import FileNotDecryptedError, PdfReadError

from ingest.extractors import ExtractedText, ExtractionError

logger = logging.getLogger(__name__)

EXTRACTOR_VERSION = f"pypdf-{pypdf.__version__}"


def extract_pdf(path: Path) -> ExtractedText:
    """Return the text of every page of the PDF at ``path``, in order."""
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            # Many PDFs are "encrypted" with an empty user password only to
            # restrict printing; those open fine.
            try:
                opened = reader.decrypt("")
            except Exception:  # pypdf raises several types for unsupported crypto
                opened = 0
            if not opened:
                raise ExtractionError(
                    "encrypted",
                    "The PDF is protected by a password. Upload a copy without password protection.",
                )
        pages = tuple(_page_text(page, number) for number, page in enumerate(reader.pages, start=1))
        if not pages:
            raise ExtractionError(
                "no_pages", "The PDF has no readable pages; it is probably damaged. Re-export it and upload it again."
            )
        metadata = reader.metadata or {}
        return ExtractedText(
            pages=pages,
            title=str(metadata.get("/Title") or ""),
            author=str(metadata.get("/Author") or ""),
            extractor=EXTRACTOR_VERSION,
        )
    except ExtractionError:
        raise
    except FileNotDecryptedError as exc:
        raise ExtractionError("encrypted", "The PDF is protected by a password. Upload a copy without it.") from exc
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ExtractionError(
            "corrupt", f"The PDF is damaged and could not be read ({exc}). Re-export it and upload it again."
        ) from exc


def _page_text(page: pypdf.PageObject, number: int) -> str:
    try:
        return page.extract_text() or ""
    except Exception as exc:  # one broken page must not lose the rest of the file
        logger.warning("Page %s could not be extracted: %s", number, exc)
        return ""
