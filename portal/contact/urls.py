"""Mounted at ``partner/contact/`` by ``portal/urls.py``."""

from django.urls import path

from portal.contact import views

app_name = "contact"
urlpatterns = [
    path("<slug:slug>/", views.contact_institution, name="request"),
    path("<slug:slug>/sent/<int:pk>/", views.contact_sent, name="sent"),
]
