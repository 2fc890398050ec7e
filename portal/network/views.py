"""The network map at ``/partner/karte/``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.network.pages import map_context


def network_map(request: HttpRequest) -> HttpResponse:
    """The member institutions on a map of the region and in a table, filtered like the partner search.
    A filter value that names nothing is answered with 400 and a sentence saying which filter was left out."""
    context = map_context(request)
    return render(request, "network/map.html", context, status=400 if context["errors"] else 200)
