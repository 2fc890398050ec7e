"""Mounted at ``partner/karte/`` by ``portal/urls.py``."""

from django.urls import path

from portal.network.views import network_map

urlpatterns = [
    path("", network_map, name="network-map"),
]
