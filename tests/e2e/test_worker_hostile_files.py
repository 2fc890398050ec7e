"""The real worker meets every kind of hostile or broken PDF, records why, and goes on to the next one.

A Celery worker process consuming from Redis, PostgreSQL and Elasticsearch:
each file is uploaded as an editor would (saving the document queues its
extraction), and the test waits for the worker's verdict.
"""

from __future__ import annotations

import time

import pytest
from django.core.files.base import ContentFile

from ingest.models import ExtractionStatus, PortalDocument
from portal.demo.pdf import make_pdf
from search.backends import get_backend, reset_backend_cache
from search.service import parse_query, run_search
from tests.support import hostile_pdfs

pytestmark = [pytest.mark.stack, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WAIT_SECONDS = 240
FAILED, INDEXED = ExtractionStatus.FAILED, ExtractionStatus.INDEXED

# case -> (status, failure code or None, words the editor's reason must contain)
CASES = {
    "encrypted_with_password": (FAILED, "encrypted", "password"),
    "encrypted_with_empty_user_password": (INDEXED, None, ""),
    "truncated_xref": (INDEXED, None, ""),
    "corrupt_xref": (INDEXED, None, ""),
    "zero_bytes": (FAILED, "empty", "0 bytes"),
    "not_a_pdf": (FAILED, "not_pdf", "not a PDF"),
    "image_only_scan": (INDEXED, None, ""),
    "thousand_pages": (INDEXED, None, ""),
    "decompression_bomb": (FAILED, {"memory", "timeout"}, "decompression bomb"),
    "deeply_nested": (FAILED, "corrupt", "nested"),
    "javascript_and_attachment": (INDEXED, None, ""),
}


def upload(title: str, content: bytes, name: str) -> PortalDocument:
    document = PortalDocument(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.save()  # queues extraction after the commit, as an upload in the admin does
    return document


def verdict(document: PortalDocument) -> PortalDocument:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        document.refresh_from_db()
        if document.extraction_status in (FAILED, INDEXED, ExtractionStatus.SKIPPED):
            return document
        time.sleep(0.5)
    raise AssertionError(f"{document.title}: still {document.extraction_status} after {WAIT_SECONDS} s")


def test_every_hostile_file_gets_a_verdict_and_the_worker_goes_on(celery_worker):
    reset_backend_cache()
    backend = get_backend()
    backend.setup()
    backend.clear()

    outcomes = {}
    for case, (status, code, words) in CASES.items():
        document = verdict(upload(case, getattr(hostile_pdfs, case)(), f"{case}.pdf"))
        outcomes[case] = (document.extraction_status, document.failure_code, document.status_reason)
        assert document.extraction_status == status, outcomes[case]
        if status == FAILED:
            assert document.failure_code in (code if isinstance(code, set) else {code}), outcomes[case]
            assert document.status_reason and words in document.status_reason, outcomes[case]
        assert celery_worker.poll() is None, f"the worker died on {case}"

    scan = PortalDocument.objects.get(title="image_only_scan")
    assert scan.ocr_used and scan.text_pages.filter(ocr=True).exists()
    assert PortalDocument.objects.get(title="thousand_pages").page_count == 1000
    attachment = PortalDocument.objects.get(title="javascript_and_attachment")
    assert hostile_pdfs.ATTACHMENT_WORD not in " ".join(attachment.text_pages.values_list("text", flat=True))

    # After all that, a good PDF is extracted and found.
    good = verdict(upload("Jahresbericht Recyclingnetzwerk", make_pdf(
        ["Jahresbericht 2025: Das Netzwerk untersuchte die Rückgewinnung von Germanium aus Flugaschen."]
    ), "jahresbericht.pdf"))
    assert good.extraction_status == INDEXED
    # The worker writes without forcing a refresh (nobody waits on it); Elasticsearch's refresh interval
    # (1 s) makes the entry searchable shortly after.
    assert [hit.title for hit in found_within("Flugaschen", seconds=10)] == ["Jahresbericht Recyclingnetzwerk"]


def found_within(text: str, seconds: float):
    """The hits for ``text`` as soon as there are any, or none after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        hits = run_search(parse_query({"q": text})).results.hits
        if hits or time.monotonic() > deadline:
            return hits
        time.sleep(0.2)
