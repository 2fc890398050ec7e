"""Ingestion in the Wagtail admin: the "Document processing" report and its actions.

The document edit view's extraction panel and suggested tags come from the
document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE = "ingest.forms.PortalDocumentForm"``)
and the template ``templates/wagtaildocs/documents/edit.html``.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from ingest import admin_urls
from ingest.views import can_change_documents


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("document-processing/", include(admin_urls, namespace="ingest_admin"))]


class DocumentProcessingMenuItem(MenuItem):
    def is_shown(self, request):
        return can_change_documents(request.user)


@hooks.register("register_reports_menu_item")
def register_document_processing_menu_item():
    return DocumentProcessingMenuItem(
        _("Document processing"),
        reverse("ingest_admin:report"),
        name="document-processing",
        icon_name="doc-full-inverse",
        order=1200,
    )
