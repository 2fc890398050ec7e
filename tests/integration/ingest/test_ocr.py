"""OCR of scanned pages: pdftoppm renders the page, tesseract reads it in German.

Needs the Debian packages poppler-utils, tesseract-ocr and
tesseract-ocr-deu (installed by ``scripts/provision``).  Without them these
tests are skipped when run by hand and fail under ``make test``, like the
other tests that need something installed.
"""

from __future__ import annotations

import logging
import os
import re
import time
import unicodedata

import pytest
from django.core.files.base import ContentFile

from ingest.extractors.ocr import add_ocr, engine
from ingest.extractors.pdf import EXTRACTOR_VERSION, extract_pdf
from ingest.models import ExtractionStatus, PortalDocument
from ingest.pipeline import extract_document
from tests.support import hostile_pdfs


@pytest.fixture(autouse=True)
def tesseract():
    if engine() is None:
        message = (
            "OCR needs pdftoppm and tesseract with German: "
            "run scripts/provision (it installs poppler-utils and tesseract-ocr-deu)."
        )
        if os.environ.get("PORTAL_REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)


def folded(text: str) -> str:
    """Lower case, accents dropped, only letters and digits: "Rückgewinnung" -> "ruckgewinnung"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in text if not unicodedata.combining(c)))


def words_found(text: str) -> list[str]:
    return [word for word in hostile_pdfs.SCAN_WORDS if folded(word) in folded(text)]


@pytest.mark.django_db
def test_a_scanned_page_is_read_by_ocr_and_marked(settings):
    settings.PORTAL_EXTRACTION_TIMEOUT_SECONDS = 60
    document = PortalDocument(title="Scan")
    document.file.save("scan.pdf", ContentFile(hostile_pdfs.image_only_scan()), save=False)
    document.save()

    extract_document(document)
    document.refresh_from_db()

    assert document.extraction_status == ExtractionStatus.PENDING
    assert document.ocr_used
    page = document.text_pages.get()
    assert page.ocr
    assert len(words_found(page.text)) >= 2, page.text
    assert document.extractor_version == EXTRACTOR_VERSION
    assert "+tesseract-" in document.extractor_version


def test_pages_with_a_text_layer_are_not_ocred(tmp_path):
    path = tmp_path / "bericht.pdf"
    path.write_bytes(hostile_pdfs.javascript_and_attachment())
    extracted = extract_pdf(path)
    assert add_ocr(extracted, path, workdir=tmp_path, max_pages=10, deadline=time.monotonic() + 60) == extracted


def test_ocr_stops_at_the_page_cap_and_says_so(tmp_path, caplog):
    path = tmp_path / "scan.pdf"
    path.write_bytes(hostile_pdfs.image_only_scan(pages=3))
    extracted = extract_pdf(path)
    assert extracted.image_pages == (1, 2, 3)

    with caplog.at_level(logging.WARNING, logger="ingest.extractors.ocr"):
        result = add_ocr(extracted, path, workdir=tmp_path, max_pages=1, deadline=time.monotonic() + 60)

    assert result.ocr_pages == (1,)
    assert len(words_found(result.pages[0])) >= 2
    assert result.pages[1:] == ("", "")
    assert "only the first 1 are recognised (PORTAL_OCR_MAX_PAGES)" in caplog.text
    assert list(tmp_path.glob("*.png")) == []  # page images are removed


def test_ocr_stops_when_time_runs_out(tmp_path, caplog):
    path = tmp_path / "scan.pdf"
    path.write_bytes(hostile_pdfs.image_only_scan())
    extracted = extract_pdf(path)
    with caplog.at_level(logging.WARNING, logger="ingest.extractors.ocr"):
        result = add_ocr(extracted, path, workdir=tmp_path, max_pages=10, deadline=time.monotonic())
    assert result.ocr_pages == ()
    assert "OCR stopped for lack of time after 0 of 1 pages" in caplog.text


def test_without_tesseract_the_text_layer_is_kept_and_a_warning_logged(tmp_path, caplog, monkeypatch):
    monkeypatch.setattr("ingest.extractors.ocr.engine", lambda: None)
    path = tmp_path / "scan.pdf"
    path.write_bytes(hostile_pdfs.image_only_scan())
    extracted = extract_pdf(path)
    with caplog.at_level(logging.WARNING, logger="ingest.extractors.ocr"):
        result = add_ocr(extracted, path, workdir=tmp_path, max_pages=10, deadline=time.monotonic() + 60)
    assert result.pages == ("",)
    assert result.ocr_pages == ()
    assert "tesseract or pdftoppm is not installed" in caplog.text
