"""Hostile and awkward files through the whole pipeline: every one ends with a status and a reason.

Each case from :mod:`tests.support.hostile_pdfs` is uploaded as a real
document and extracted by :func:`ingest.pipeline.extract_document`, inside
the sandbox, under limits lowered for the test (512 MB, 20 s).  After each
one the same worker extracts a good report, so no file can leave it broken.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import time

import pytest
from django.core.files.base import ContentFile

from ingest.extractors.pdf import EXTRACTOR_VERSION
from ingest.models import ExtractionStatus, PortalDocument
from ingest.pipeline import extract_document
from portal.demo.pdf import make_pdf
from tests.support import hostile_pdfs

pytestmark = pytest.mark.django_db

GOOD_PAGES = ["Rückgewinnung von Kobalt aus Lithium-Ionen-Batterien. Die Schwarzmasse wird gelaugt."]


@pytest.fixture(autouse=True)
def test_limits(settings):
    settings.PORTAL_EXTRACTION_MEMORY_MB = 512
    settings.PORTAL_EXTRACTION_TIMEOUT_SECONDS = 20
    settings.PORTAL_EXTRACTION_CPU_SECONDS = 15


def upload(data: bytes, name: str = "bericht.pdf") -> PortalDocument:
    document = PortalDocument(title=name)
    document.file.save(name, ContentFile(data), save=False)
    document.save()
    return document


def extracted(data: bytes) -> PortalDocument:
    document = upload(data)
    extract_document(document)
    document.refresh_from_db()
    return document


def text_of(document: PortalDocument) -> str:
    return "\n".join(document.text_pages.values_list("text", flat=True))


def assert_worker_still_extracts():
    document = extracted(make_pdf(GOOD_PAGES))
    assert document.extraction_status == ExtractionStatus.PENDING
    assert [page.text for page in document.text_pages.all()] == GOOD_PAGES


def assert_failed(document: PortalDocument, code: str, *phrases: str) -> None:
    assert document.extraction_status == ExtractionStatus.FAILED
    assert document.failure_code == code
    for phrase in phrases:
        assert phrase in document.status_reason
    assert document.status_reason.endswith(".")  # a sentence, not an exception's repr
    assert "Traceback" not in document.status_reason
    assert not document.text_pages.exists()


# --- refused: the editor learns why ------------------------------------------------------

REFUSED = [
    # case, failure_code, what the reason must say
    ("encrypted_with_password", "encrypted", ["protected by a password", "Upload a copy without password"]),
    ("zero_bytes", "empty", ["empty (0 bytes)"]),
    ("not_a_pdf", "not_pdf", ["not a PDF"]),
    ("decompression_bomb", "memory", ["decompression bomb", "was not read"]),
    ("deeply_nested", "corrupt", ["nested too deeply"]),
]


@pytest.mark.parametrize("case, code, phrases", REFUSED, ids=[case for case, *_ in REFUSED])
def test_a_hostile_file_fails_with_a_code_and_a_reason_and_the_worker_carries_on(case, code, phrases):
    document = extracted(hostile_pdfs.ALL[case]())
    assert_failed(document, code, *phrases)
    assert_worker_still_extracts()


# --- read: the text the file shows, and nothing else -------------------------------------


def test_an_aes_encrypted_pdf_with_an_empty_user_password_is_read():
    # Acrobat encrypts with AES; the 'cryptography' package (a requirement) lets pypdf decrypt it.
    document = extracted(hostile_pdfs.encrypted_aes_with_empty_user_password())
    assert document.extraction_status == ExtractionStatus.PENDING, document.status_reason
    assert "Flugaschen" in " ".join(document.text_pages.values_list("text", flat=True))


def test_a_pdf_encrypted_with_an_empty_user_password_is_decrypted_and_extracted():
    document = extracted(hostile_pdfs.encrypted_with_empty_user_password())
    assert document.extraction_status == ExtractionStatus.PENDING
    assert document.failure_code == ""
    assert text_of(document) == hostile_pdfs.INDIUM_SENTENCE


@pytest.mark.parametrize("case", ["truncated_xref", "corrupt_xref"])
def test_a_damaged_cross_reference_table_is_rebuilt_and_the_text_extracted(case):
    document = extracted(hostile_pdfs.ALL[case]())
    assert document.extraction_status == ExtractionStatus.PENDING
    assert [page.text for page in document.text_pages.all()] == hostile_pdfs.DAMAGED_PAGES
    assert_worker_still_extracts()


def test_javascript_and_attachments_are_neither_run_nor_extracted():
    document = extracted(hostile_pdfs.javascript_and_attachment())
    assert document.extraction_status == ExtractionStatus.PENDING
    text = text_of(document)
    assert text == hostile_pdfs.VISIBLE_TEXT
    for hidden in (hostile_pdfs.ATTACHMENT_WORD, hostile_pdfs.JAVASCRIPT_ONLY_WORD, "anhang.txt"):
        assert hidden not in text
        assert hidden not in document.pdf_title + document.pdf_author


def test_odd_metadata_becomes_plain_strings():
    document = extracted(hostile_pdfs.weird_metadata())
    assert document.extraction_status == ExtractionStatus.PENDING
    assert document.pdf_title == "Jahresbericht Indium"  # the NUL byte removed
    assert document.pdf_author == ""  # an array is no author
    assert text_of(document) == hostile_pdfs.VISIBLE_TEXT


def test_a_thousand_page_report_is_extracted_within_the_limits():
    document = extracted(hostile_pdfs.thousand_pages())
    assert document.extraction_status == ExtractionStatus.PENDING
    assert document.page_count == hostile_pdfs.THOUSAND
    last = document.text_pages.get(number=hostile_pdfs.THOUSAND)
    assert last.text.startswith("Seite 1000 von 1000")
    assert document.extraction_seconds < 10  # about 1 s here; the limit in the test is 20 s


def test_the_extractor_version_names_pypdf_and_tesseract_when_installed():
    document = extracted(make_pdf(GOOD_PAGES))
    assert document.extractor_version == EXTRACTOR_VERSION
    assert document.extractor_version.startswith("pypdf-")
    assert len(document.extractor_version) <= PortalDocument._meta.get_field("extractor_version").max_length


# --- the sandbox's own limits, met through the pipeline ---------------------------------


def slow_extractor(path):
    time.sleep(60)


def crashing_extractor(path):
    os.kill(os.getpid(), signal.SIGSEGV)


def test_an_extraction_that_takes_too_long_fails_with_timeout(settings, monkeypatch):
    settings.PORTAL_EXTRACTION_TIMEOUT_SECONDS = 1
    monkeypatch.setattr("ingest.sandbox.extract_pdf", slow_extractor)
    started = time.monotonic()
    document = extracted(make_pdf(["Ein Bericht, dessen Extraktion hängen bleibt."]))
    assert time.monotonic() - started < 5
    assert_failed(document, "timeout", "longer than 1 seconds", "PORTAL_EXTRACTION_TIMEOUT_SECONDS")
    monkeypatch.undo()
    assert_worker_still_extracts()


def test_an_extractor_that_crashes_fails_with_crashed_and_names_the_signal(monkeypatch):
    monkeypatch.setattr("ingest.sandbox.extract_pdf", crashing_extractor)
    document = extracted(make_pdf(["Ein Bericht, an dem der Extraktor abstürzt."]))
    assert_failed(document, "crashed", "SIGSEGV")
    monkeypatch.undo()
    assert_worker_still_extracts()
