"""The public search page at /search/: server-rendered, works without JavaScript."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext_lazy

from search.backends import SearchUnavailable
from search.promotions import promoted_for
from search.query_log import is_fresh_search, record_query
from search.service import InvalidSearch, parse_query, run_search, viewer_groups_for

logger = logging.getLogger(__name__)

# The template translates facet labels (search.facets) and hit types
# (``search_content_type`` of the page models) with {% translate %}; these
# markers put the strings into the message catalogue.
FACET_LABELS = (gettext_noop("Metal"), gettext_noop("Process"), gettext_noop("Institution"),
                gettext_noop("Content type"), gettext_noop("Event edition"), gettext_noop("Year"),
                gettext_noop("Language"))
HIT_TYPES = (
    pgettext_lazy("search hit type", "project"),
    pgettext_lazy("search hit type", "paper"),
    pgettext_lazy("search hit type", "event"),
    pgettext_lazy("search hit type", "technology"),
    pgettext_lazy("search hit type", "news"),
    pgettext_lazy("search hit type", "page"),
    pgettext_lazy("search hit type", "institution"),
    pgettext_lazy("search hit type", "document"),
)


def search_view(request: HttpRequest) -> HttpResponse:
    context = {"q": request.GET.get("q", ""), "page": None, "error": "", "did_you_mean": None}
    status = 200
    try:
        query = parse_query(request.GET, viewer_groups_for(request.user))
        context["page"] = run_search(query, correct=request.GET.get("correct") != "0")
        context["did_you_mean"] = context["page"].did_you_mean
        if is_fresh_search(query):  # page 1, no filters: see search.query_log
            record_query(query.text, context["page"].results.total)
            context["promoted"] = promoted_for(query.text, query.viewer_groups)
    except InvalidSearch as exc:
        context["error"] = exc.for_visitors
        status = 400
    except SearchUnavailable:
        logger.exception("Search engine unavailable")
        context["error"] = _("Search is unavailable at the moment. Please try again in a few minutes.")
        context["unavailable"] = True
        status = 503
    return render(request, "search/search.html", context, status=status)
