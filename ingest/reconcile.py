"""Reconciliation: make the index agree with the database, whatever was missed.

Tasks can be lost (the broker was down when a page was published, a worker
was killed, the search engine refused a write). Reconciliation does not
care why: it compares what the index should hold (``expected_entries``)
with what it holds (``backend.fingerprints()``) and repairs the difference:

* **missing**: expected but not indexed, indexed now;
* **stale**: indexed with another fingerprint (content changed), replaced;
* **orphaned**: indexed but no longer expected (deleted, unpublished), removed.

First, documents that never finished extraction (pending, or stuck in
processing longer than ``STUCK_AFTER``) are extracted, so their text is in
the expected entries. Failed documents are left alone: their reason is shown
to editors, who retry them after fixing the file.

Nobody watches it: entries go in bulk requests of ``BATCH_SIZE`` without a
refresh each, and the index is refreshed once at the end, if anything changed.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Callable

from django.db.models import Q
from django.utils import timezone

from ingest import indexing
from ingest.models import ExtractionStatus, PortalDocument
from search.backends import get_backend
from search.rebuild import Differences, batches, differing

logger = logging.getLogger(__name__)

STUCK_AFTER = dt.timedelta(minutes=30)
BATCH_SIZE = 100


@dataclass
class ReconcileReport:
    extracted: int = 0
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    expected: int = 0

    def counts(self) -> dict[str, int]:
        return {"expected": self.expected, "extracted": self.extracted, "missing": len(self.missing),
                "stale": len(self.stale), "orphaned": len(self.orphaned)}

    def __str__(self) -> str:
        return ", ".join(f"{name} {count}" for name, count in self.counts().items())


def unfinished_documents():
    """Documents whose extraction never finished: pending, or processing for too long."""
    stuck = timezone.now() - STUCK_AFTER
    return PortalDocument.objects.filter(
        Q(extraction_status=ExtractionStatus.PENDING)
        | Q(extraction_status=ExtractionStatus.PROCESSING, started_at__lt=stuck)
        | Q(extraction_status=ExtractionStatus.PROCESSING, started_at__isnull=True)
    ).order_by("pk")


def reconcile(*, dry_run: bool = False, progress: Callable[[str], None] | None = None) -> ReconcileReport:
    """Repair the index (or, with ``dry_run``, only report what differs)."""
    say = progress or (lambda message: None)
    report = ReconcileReport()
    if not dry_run:
        for document in unfinished_documents().iterator():
            indexing.index_document(document.pk, refresh=False)
            report.extracted += 1
        if report.extracted:
            say(f"extracted {report.extracted} unfinished document(s)")

    backend = get_backend()
    backend.setup()
    indexed = backend.fingerprints()
    say(f"index holds {len(indexed)} entries")
    differences = Differences()
    for batch in batches(differing(indexing.expected_entries(), indexed, differences), BATCH_SIZE):
        if not dry_run:
            backend.index(batch, refresh=False)
    report.missing, report.stale = differences.missing, differences.stale
    report.expected = len(differences.expected)
    report.orphaned = differences.orphaned(indexed)
    if report.orphaned and not dry_run:
        backend.delete(report.orphaned, refresh=False)
    if not dry_run:
        if report.extracted or report.missing or report.stale or report.orphaned:
            backend.refresh()  # once, for everything above
        _mark_indexed_documents()
    logger.info("Reconciled the index: %s", report)
    return report


def _mark_indexed_documents() -> None:
    # Documents whose text is now in the index but whose status still says
    # pending (their page was indexed by reconcile, not by a task).
    PortalDocument.objects.filter(extraction_status=ExtractionStatus.PENDING, text_pages__isnull=False).update(
        extraction_status=ExtractionStatus.INDEXED
    )
