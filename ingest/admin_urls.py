"""Admin URLs of ingestion, under the Wagtail admin (see ``ingest.wagtail_hooks``)."""

from django.urls import path

from ingest import views

app_name = "ingest_admin"
urlpatterns = [
    path("", views.DocumentProcessingReportView.as_view(), name="report"),
    path("results/", views.DocumentProcessingReportView.as_view(results_only=True), name="report_results"),
    path("retry/<int:document_id>/", views.retry, name="retry"),
    path("retry-failed/", views.retry_failed, name="retry_failed"),
]
