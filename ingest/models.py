"""The portal's document model: a Wagtail document plus what ingestion learnt."""

from __future__ import annotations

from django.db import models
from wagtail.documents.models import AbstractDocument, Document


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    PROCESSING = "processing", "Processing"
    INDEXED = "indexed", "Indexed"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Skipped"


class PortalDocument(AbstractDocument):
    """An uploaded file with its extraction status.

    The text of each page is kept in :class:`DocumentPage`, so search hits
    can name their page and a reindex needs no re-extraction.  Status is
    written only by :mod:`ingest.pipeline`.
    """

    content_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    page_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    extraction_status = models.CharField(
        max_length=12, choices=ExtractionStatus.choices, default=ExtractionStatus.PENDING, editable=False
    )
    status_reason = models.TextField(blank=True, editable=False, help_text="Why extraction failed or was skipped.")
    extracted_at = models.DateTimeField(null=True, blank=True, editable=False)
    extractor_version = models.CharField(max_length=40, blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"


class DocumentPage(models.Model):
    """The normalised text of one page of a document (numbered from 1)."""

    document = models.ForeignKey(PortalDocument, on_delete=models.CASCADE, related_name="text_pages")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="unique_document_page")]

    def __str__(self) -> str:
        return f"{self.document_id} p.{self.number}"
