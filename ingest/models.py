"""The portal's document model: a Wagtail document plus what ingestion learnt."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document

#: the kinds of tag ingestion can suggest, as keys of ``PortalDocument.detected_tags``
TAG_KINDS = ("metals", "processes", "institutions")


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PROCESSING = "processing", _("Processing")
    INDEXED = "indexed", _("Indexed")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")


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
    failure_code = models.CharField(
        max_length=40, blank=True, editable=False, help_text="Machine-readable reason: 'encrypted', 'timeout', ..."
    )
    attempts = models.PositiveIntegerField(default=0, editable=False, help_text="Extraction runs so far.")

    # What the PDF says about itself, and what ingestion found out.
    pdf_title = models.CharField(_("title in the PDF"), max_length=500, blank=True, editable=False)
    pdf_author = models.CharField(_("author in the PDF"), max_length=500, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=2, blank=True, editable=False)
    ocr_used = models.BooleanField(_("OCR used"), default=False, editable=False)

    # Timings: when the work was queued, started and finished, and how long extraction took.
    queued_at = models.DateTimeField(null=True, blank=True, editable=False)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)
    extraction_seconds = models.FloatField(null=True, blank=True, editable=False)

    # Tags an editor chose for the document itself (used when no page holds it) ...
    metals = models.ManyToManyField("taxonomy.Metal", blank=True, related_name="documents", verbose_name=_("metals"))
    processes = models.ManyToManyField(
        "taxonomy.Process", blank=True, related_name="documents", verbose_name=_("processes")
    )
    institutions = models.ManyToManyField(
        "taxonomy.Institution", blank=True, related_name="documents", verbose_name=_("institutions")
    )
    # ... and the slugs ingestion recognised in the text: {"metals": ["in"], "processes": [...], ...}.
    detected_tags = models.JSONField(default=dict, blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields + ("metals", "processes", "institutions")

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"


class DocumentPage(models.Model):
    """The normalised text of one page of a document (numbered from 1)."""

    document = models.ForeignKey(PortalDocument, on_delete=models.CASCADE, related_name="text_pages")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    ocr = models.BooleanField(default=False, help_text="The text was recognised from the page image.")

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="unique_document_page")]

    def __str__(self) -> str:
        return f"{self.document_id} p.{self.number}"
