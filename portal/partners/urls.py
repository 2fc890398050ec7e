from django.urls import path

from portal.partners.views import partner_search

urlpatterns = [path("", partner_search, name="partner-search")]
