"""The member directory: who is in the cluster and what they know."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from portal.network.pages import profile_context
from portal.taxonomy.models import Institution, Metal, Process


def institution_list(request: HttpRequest) -> HttpResponse:
    """All member institutions, filterable by type, metal and process of expertise."""
    institutions = Institution.objects.all()
    kind = request.GET.get("kind", "")
    metal = request.GET.get("metal", "")
    process = request.GET.get("process", "")
    if kind in Institution.Kind.values:
        institutions = institutions.filter(kind=kind)
    if metal:
        institutions = institutions.filter(expertise_metals__slug=metal)
    if process:
        institutions = institutions.filter(expertise_processes__slug=process)
    page = Paginator(institutions.distinct(), 24).get_page(request.GET.get("page"))
    return render(
        request,
        "taxonomy/institution_list.html",
        {
            "items": page,
            "kinds": Institution.Kind.choices,
            "metals": Metal.objects.all(),
            "processes": Process.objects.all(),
            "selected_kind": kind,
            "selected_metal": metal,
            "selected_process": process,
        },
    )


def institution_profile(request: HttpRequest, slug: str) -> HttpResponse:
    """One institution: its expertise, everything it took part in that the visitor may open, whom it worked
    with and its works by year (counted in ``portal.network``, by the portal's visibility rules)."""
    institution = get_object_or_404(Institution, slug=slug)
    context = {"institution": institution, **profile_context(institution, request)}
    return render(request, "taxonomy/institution_profile.html", context)
