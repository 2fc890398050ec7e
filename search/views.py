"""The public search page at /search/: server-rendered, works without JavaScript."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from search.backends import SearchUnavailable
from search.service import InvalidSearch, parse_query, run_search, viewer_groups_for

logger = logging.getLogger(__name__)


def search_view(request: HttpRequest) -> HttpResponse:
    context = {"q": request.GET.get("q", ""), "page": None, "error": ""}
    status = 200
    try:
        query = parse_query(request.GET, viewer_groups_for(request.user))
        context["page"] = run_search(query)
    except InvalidSearch as exc:
        context["error"] = str(exc)
        status = 400
    except SearchUnavailable:
        logger.exception("Search engine unavailable")
        context["error"] = "Search is unavailable at the moment. Please try again in a few minutes."
        status = 503
    return render(request, "search/search.html", context, status=status)
