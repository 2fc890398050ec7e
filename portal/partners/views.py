"""The partner search page at /partner/ and its JSON API at /api/v1/partners.

API response::

    {"query": {"q", "metal", "process", "kind", "near", "radius_km", "min_trl"},
     "total": 4,
     "results": [{"name", "slug", "url", "kind", "town", "distance_km", "score", "readiness",
                  "evidence": [{"title", "url", "type", "role", "year", "highlight", "page"}],
                  "metals", "processes"}]}

Errors as in the search API: 400 ``{"error"}`` for bad parameters, 429
beyond ``PORTAL_RATE_LIMITS["search"]``, 503 when the engine is down.
Evidence is what the caller may see: members-only work counts for members.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.core.ratelimit import rate_limited
from portal.network.selection import DEFAULT_RADIUS_KM, towns
from portal.partners.finder import (PartnerRequest, PartnerResults, find_partners, parse_request, role_label)
from portal.taxonomy.models import Institution, Metal, Process
from search.backends import SearchUnavailable
from search.service import InvalidSearch, viewer_groups_for

logger = logging.getLogger(__name__)


@rate_limited("search", respond="page")
@require_GET
def partner_search(request: HttpRequest) -> HttpResponse:
    context = {"results": None, "error": "", "form": PartnerRequest(), "q": request.GET.get("q", "")}
    status = 200
    known_towns = towns()
    try:
        partner_request = parse_request(request.GET, known_towns)
        context["form"] = partner_request
        context["results"] = find_partners(partner_request, viewer_groups_for(request.user))
    except InvalidSearch as exc:
        context["error"] = exc.for_visitors
        status = 400
    except SearchUnavailable:
        logger.exception("Search engine unavailable")
        context["error"] = _("Partner search is unavailable at the moment. Please try again in a few minutes.")
        status = 503
    context.update(
        kinds=Institution.Kind.choices, metals=Metal.objects.all(), processes=Process.objects.all(),
        towns=list(known_towns), readiness_levels=range(1, 10), default_radius=DEFAULT_RADIUS_KM,
        selected_metal=request.GET.get("metal", ""), selected_process=request.GET.get("process", ""),
        selected_kind=context["form"].kind,
    )
    return render(request, "partners/partner_search.html", context, status=status)


@rate_limited("search")
@require_GET
def partners_api(request: HttpRequest) -> JsonResponse:
    try:
        partner_request = parse_request(request.GET, towns())
        results = find_partners(partner_request, viewer_groups_for(request.user))
    except InvalidSearch as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    except SearchUnavailable:
        logger.exception("Search engine unavailable")
        return JsonResponse({"error": "Partner search is temporarily unavailable; retry later."}, status=503)
    return JsonResponse(serialise(results))


def serialise(results: PartnerResults) -> dict:
    request = results.request
    filters = request.filters or {}
    return {
        "query": {"q": request.text, "metal": list(filters.get("metal", ())),
                  "process": list(filters.get("process", ())), "kind": request.kind, "near": request.near,
                  "radius_km": request.radius_km if request.near else None, "min_trl": request.min_trl},
        "total": results.total,
        "notice": results.notice_en,
        "results": [{
            "name": found.institution.name,
            "slug": found.institution.slug,
            "url": found.institution.get_absolute_url(),
            "kind": found.institution.kind,
            "town": found.institution.town,
            "distance_km": round(found.distance_km, 1) if found.distance_km is not None else None,
            "score": round(found.partner.score, 4),
            "readiness": found.partner.readiness,
            "evidence": [{
                "title": item.hit.title,
                "url": item.hit.url,
                "type": item.hit.content_type,
                "role": item.role,
                "role_label": role_label(item.role),
                "year": item.year,
                "highlight": item.highlight,
                "page": ({"number": item.hit.page_hits[0].number, "url": item.hit.page_hits[0].url}
                         if item.hit.page_hits else None),
            } for item in found.evidence],
            "metals": [metal.slug for metal in found.metals],
            "processes": [process.slug for process in found.processes],
        } for found in results.partners],
    }
