"""Admin URLs of the search, under the Wagtail admin (see ``search.wagtail_hooks``)."""

from django.urls import path

from search import admin_views

app_name = "search_admin"
urlpatterns = [
    path("", admin_views.SearchQueriesReportView.as_view(), name="report"),
    path("promote/", admin_views.PromoteQueryView.as_view(), name="promote"),
]
