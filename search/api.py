"""The JSON search API at /api/v1/search, mirroring the search page.

Response body::

    {"query": {...}, "total": 3, "page": 1, "page_size": 10, "page_count": 1,
     "results": [{"id", "type", "title", "url", "summary", "date",
                  "highlights", "pages": [{"number", "url", "highlight"}],
                  "metals", "processes", "institutions", "detected"}],
     "facets": {"metal": [{"value", "label", "count", "selected"}], ...},
     "did_you_mean": "indium" or null}

``scope`` (``?scope=project:inrec`` or ``edition:<slug>``, see ``search.scopes``)
limits the search to one project or symposium edition; the body then names
it (``{"value", "kind", "label", "url"}``, else null) and ``promoted`` is
empty.

``did_you_mean`` proposes a corrected text when fewer than three items were
found (see ``search.spelling``).  ``/api/v1/suggest?q=`` serves the
autocomplete (:func:`suggest_api`).

``promoted`` lists the editors' recommendations (``[{"title", "url",
"description", "type"}]``, see ``search.promotions``) on page 1 of a search
without filters, else ``[]``.

Errors are JSON too: 400 with ``{"error": ...}`` for bad parameters, 429
(with ``Retry-After``) beyond ``PORTAL_RATE_LIMITS`` (``portal.core.ratelimit``),
503 when the search engine is unavailable.
"""

from __future__ import annotations

import dataclasses
import logging

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from portal.core.ratelimit import rate_limited

from search.backends import SearchUnavailable
from search.promotions import promoted_for
from search.query import Hit
from search.query_log import is_fresh_search, record_query
from search.service import InvalidSearch, SearchPage, parse_query, run_search, viewer_groups_for
from search.suggest import parse_suggest, suggest

logger = logging.getLogger(__name__)


@rate_limited("search")
@require_GET
def search_api(request: HttpRequest) -> JsonResponse:
    try:
        query = parse_query(request.GET, viewer_groups_for(request.user))
        page = run_search(query, correct=request.GET.get("correct") != "0")
    except InvalidSearch as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    except SearchUnavailable:
        logger.exception("Search engine unavailable")
        return JsonResponse({"error": "Search is temporarily unavailable; retry later."}, status=503)
    body = serialise(page)
    body["did_you_mean"] = page.did_you_mean
    body["promoted"] = []  # [{"title", "url", "description", "type"}]: page 1 without filters only
    if is_fresh_search(query):  # see search.query_log
        record_query(query.text, page.results.total)
        body["promoted"] = [promotion.as_json() for promotion in promoted_for(query.text, query.viewer_groups)]
    return JsonResponse(body)


@rate_limited("suggest")
@require_GET
def suggest_api(request: HttpRequest) -> JsonResponse:
    """``/api/v1/suggest?q=ind``: ``{"query", "suggestions": [{"text", "kind", "url", "value"}]}`` (at most 10)."""
    try:
        text, limit = parse_suggest(request.GET)
        suggestions = suggest(text, viewer_groups_for(request.user), limit)
    except InvalidSearch as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    except SearchUnavailable:
        logger.exception("Search engine unavailable")
        return JsonResponse({"error": "Search is temporarily unavailable; retry later."}, status=503)
    return JsonResponse({
        "query": text,
        "suggestions": [{"text": s.text, "kind": s.kind, "url": s.url, "value": s.value} for s in suggestions],
    })


def serialise(page: SearchPage) -> dict:
    results = page.results
    return {
        "query": {"q": page.query.text, "filters": {k: list(v) for k, v in page.query.filters.items()},
                  "scope": page.query.scope},
        # the project or edition searched in, as the viewer may see it (a slug as label otherwise)
        "scope": dataclasses.asdict(page.scope) if page.scope else None,
        # the text as typed when it found nothing and the corrected "q" is shown instead (else null)
        "corrected_from": page.corrected_from,
        # words of the text as typed that no visible item holds, left out because the whole text found nothing
        "missing": list(page.missing),
        "total": results.total,
        "page": results.page,
        "page_size": results.page_size,
        "page_count": results.page_count,
        "results": [_hit(hit) for hit in results.hits],
        "facets": {
            facet.name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in facet.values
            ]
            for facet in page.facets
        },
    }


def _hit(hit: Hit) -> dict:
    return {
        "id": hit.id,
        "type": hit.content_type,
        "title": hit.title,
        "url": hit.url,
        "summary": hit.summary,
        "date": hit.date.isoformat() if hit.date else None,
        "highlights": list(hit.highlights),
        "pages": [
            {"document": p.attachment_title, "number": p.number, "url": p.url, "highlight": p.highlight}
            for p in hit.page_hits
        ],
        "metals": list(hit.metals),
        "processes": list(hit.processes),
        "institutions": list(hit.institutions),
        "detected": list(hit.detected),
    }
