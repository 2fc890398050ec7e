"""Admin views of document processing: the report, and retrying extraction.

* :class:`DocumentProcessingReportView`: every document the user may change,
  with its extraction status, reason, pages, OCR and finishing time; counts
  per status; filtered by status.
* :func:`retry` and :func:`retry_failed` (POST only): reset one document, or
  every failed one, to pending and queue ``ingest.tasks.index_document``,
  which extracts and indexes it again.

Only users who may change documents (Wagtail's collection permissions) see
the report and may retry; every view sits behind Wagtail's admin login.
"""

from __future__ import annotations

import logging
from typing import Iterable

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, When
from django.http import HttpRequest, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BaseColumn, Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import policy_registry

from ingest import pipeline, signals, tasks
from ingest.models import ExtractionStatus, PortalDocument
from ingest.reconcile import STUCK_AFTER

logger = logging.getLogger(__name__)

#: the fields a retry resets


def document_permissions():
    """Wagtail's permission policy for documents (collection-based, with ownership)."""
    return policy_registry.get_by_type(PortalDocument)


def can_change_documents(user) -> bool:
    return document_permissions().user_has_permission(user, "change")


# --- retrying ---------------------------------------------------------------------


def can_retry(document: PortalDocument) -> bool:
    """False while a worker is extracting the document (unless it has been stuck for long)."""
    if document.extraction_status != ExtractionStatus.PROCESSING:
        return True
    return document.started_at is None or document.started_at < timezone.now() - STUCK_AFTER


def needs_attention(document: PortalDocument) -> bool:
    """Failed, skipped, never processed, or stuck: the report offers a retry."""
    if document.extraction_status == ExtractionStatus.INDEXED:
        return False
    return can_retry(document)


def retry_extraction(documents: Iterable[PortalDocument]) -> int:
    """Reset ``documents`` to pending and queue their extraction; return how many.

    The content hash is forgotten, so the file is really read again (not
    skipped as unchanged). The task is queued once the reset is committed.
    """
    count = 0
    with transaction.atomic():
        for document in documents:
            if not can_retry(document):
                continue
            pipeline.reset_for_retry(document)
            signals.queue(tasks.index_document, document.pk)
            count += 1
    return count


def _next_url(request: HttpRequest, default: str) -> str:
    url = request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return default


@require_POST
def retry(request: HttpRequest, document_id: int):
    """Extract one document again."""
    document = get_object_or_404(PortalDocument, pk=document_id)
    if not document_permissions().user_has_permission_for_instance(request.user, "change", document):
        raise PermissionDenied
    if retry_extraction([document]):
        messages.success(request, _("'%(title)s' will be extracted again.") % {"title": document.title})
    else:
        messages.warning(
            request,
            _("'%(title)s' is being extracted right now. Try again in a few minutes if it does not finish.")
            % {"title": document.title},
        )
    return HttpResponseRedirect(_next_url(request, reverse("wagtaildocs:edit", args=[document.pk])))


@require_POST
def retry_failed(request: HttpRequest):
    """Extract every failed document the user may change again."""
    if not can_change_documents(request.user):
        raise PermissionDenied
    failed = document_permissions().instances_user_has_permission_for(request.user, "change").filter(
        extraction_status=ExtractionStatus.FAILED
    )
    count = retry_extraction(failed)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d failed document will be extracted again.",
                "%(count)d failed documents will be extracted again.",
                count,
            ) % {"count": count},
        )
    else:
        messages.info(request, _("There are no failed documents."))
    return HttpResponseRedirect(_next_url(request, reverse("ingest_admin:report")))


# --- the report -------------------------------------------------------------------


def report_url(request: HttpRequest) -> str:
    """The report with the request's filter: where a retry returns to (never the results fragment)."""
    query = request.GET.copy()
    for internal in ("_w_filter_fragment", "p"):
        query.pop(internal, None)
    url = reverse("ingest_admin:report")
    return f"{url}?{query.urlencode()}" if query else url


_ATTENTION_ORDER = (
    ExtractionStatus.FAILED, ExtractionStatus.SKIPPED, ExtractionStatus.PROCESSING, ExtractionStatus.PENDING,
)


class DocumentProcessingFilterSet(WagtailFilterSet):
    extraction_status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=ExtractionStatus.choices,
        empty_label=gettext_lazy("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = PortalDocument
        fields = ["extraction_status"]


class RetryColumn(BaseColumn):
    """A "Retry" button (a POST form) for each document that needs it.

    Indexed documents can be extracted again from their edit view.
    """

    cell_template_name = "ingest/admin/retry_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["can_retry"] = needs_attention(instance)
        context["extracting"] = not can_retry(instance)
        context["retry_url"] = reverse("ingest_admin:retry", args=[instance.pk])
        context["next_url"] = report_url(request) if request is not None else ""
        # Cells are rendered without the request's context processors.
        context["csrf_token"] = get_token(request) if request is not None else ""
        return context


class DocumentProcessingReportView(ReportView):
    model = PortalDocument
    permission_required = "change"
    page_title = gettext_lazy("Document processing")
    header_icon = "doc-full-inverse"
    template_name = "ingest/admin/document_processing_report.html"
    index_url_name = "ingest_admin:report"
    index_results_url_name = "ingest_admin:report_results"
    filterset_class = DocumentProcessingFilterSet
    verbose_name = gettext_lazy("document")
    verbose_name_plural = gettext_lazy("documents")
    # Failures first, then what is under way, then the rest, latest first.
    default_ordering = "attention"
    paginate_by = 50

    @property
    def columns(self):
        return [
            TitleColumn(
                "title", label=_("Document"), sort_key="title",
                get_url=lambda document: reverse("wagtaildocs:edit", args=[document.pk]),
            ),
            StatusTagColumn(
                "get_extraction_status_display", label=_("Status"), sort_key="extraction_status",
                primary=lambda document: document.extraction_status == ExtractionStatus.INDEXED,
            ),
            Column("status_reason", label=_("Reason")),
            Column("page_count", label=_("Pages"), sort_key="page_count"),
            Column("ocr_used", label=_("OCR"), accessor=lambda document: _("yes") if document.ocr_used else "–"),
            DateColumn("finished_at", label=_("Finished"), sort_key="finished_at"),
            RetryColumn("retry", label=_("Actions")),
        ]

    def get_base_queryset(self):
        return document_permissions().instances_user_has_permission_for(self.request.user, "change")

    def order_queryset(self, queryset):
        if self.ordering != "attention":  # a column the user sorted by
            ordered = super().order_queryset(queryset)
            return ordered.order_by(*ordered.query.order_by, "-pk")
        priority = Case(
            *(When(extraction_status=status, then=rank) for rank, status in enumerate(_ATTENTION_ORDER)),
            default=len(_ATTENTION_ORDER),
            output_field=IntegerField(),
        )
        return queryset.order_by(priority, F("finished_at").desc(nulls_first=True), "-pk")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        counts = dict(
            self.get_base_queryset().order_by().values_list("extraction_status").annotate(n=Count("pk"))
        )
        context["status_counts"] = [
            {"value": value, "label": label, "count": counts.get(value, 0),
             "url": f"{self.index_url}?extraction_status={value}"}
            for value, label in ExtractionStatus.choices
        ]
        context["total_count"] = sum(counts.values())
        context["failed_count"] = counts.get(ExtractionStatus.FAILED, 0)
        context["report_url"] = report_url(self.request)
        return context
