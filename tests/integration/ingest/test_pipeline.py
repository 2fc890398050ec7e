"""The ingestion pipeline on real files: status and reason for every outcome."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from fpdf import FPDF

from ingest.models import ExtractionStatus, PortalDocument
from ingest.pipeline import extract_document
from portal.demo.pdf import make_pdf

pytestmark = pytest.mark.django_db

PAGES = [
    "Rückgewinnung von Kobalt aus Lithium-Ionen-Batterien. Die Schwarzmasse wird gelaugt.",
    "Recovery of cobalt from lithium-ion batteries: the black mass is leached with sulphuric acid.",
]


def document_with(data: bytes, name: str = "bericht.pdf") -> PortalDocument:
    document = PortalDocument(title=name)
    document.file.save(name, ContentFile(data), save=False)
    document.save()
    return document


def encrypted_pdf(user_password: str) -> bytes:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Vertraulicher Zwischenbericht: Germanium aus Flugasche.")
    return bytes(pdf.output())


def test_a_pdf_is_extracted_page_by_page():
    document = document_with(make_pdf(PAGES))
    outcome = extract_document(document)
    document.refresh_from_db()
    assert outcome.pages == 2
    assert document.page_count == 2
    assert [page.text for page in document.text_pages.all()] == PAGES
    assert document.extractor_version.startswith("pypdf-")
    assert document.extracted_at is not None
    assert document.status_reason == ""


def test_unchanged_content_is_not_extracted_twice():
    document = document_with(make_pdf(PAGES))
    extract_document(document)
    first_ids = list(document.text_pages.values_list("pk", flat=True))
    extract_document(PortalDocument.objects.get(pk=document.pk))
    assert list(document.text_pages.values_list("pk", flat=True)) == first_ids


def test_a_password_protected_pdf_fails_with_a_clear_reason():
    document = document_with(encrypted_pdf(user_password="geheim"))
    extract_document(document)
    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.FAILED
    assert "password" in document.status_reason
    assert not document.text_pages.exists()


def test_a_pdf_encrypted_with_an_empty_user_password_is_extracted():
    document = document_with(encrypted_pdf(user_password=""))
    extract_document(document)
    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.PENDING  # extracted, waiting for its page's indexing
    assert "Germanium aus Flugasche" in document.text_pages.get().text


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"PK\x03\x04 this is a zip archive renamed to .pdf", "not a PDF"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer garbage", "damaged"),
    ],
)
def test_broken_files_fail_with_a_reason_and_nothing_stored(data, reason):
    document = document_with(data)
    extract_document(document)
    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.FAILED
    assert reason in document.status_reason
    assert not document.text_pages.exists()


def test_files_above_the_size_limit_are_refused(settings):
    settings.PORTAL_MAX_UPLOAD_BYTES = 100
    document = document_with(make_pdf(PAGES))
    extract_document(document)
    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.FAILED
    assert "PORTAL_MAX_UPLOAD_BYTES" in document.status_reason
