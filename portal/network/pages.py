"""What the map page and the institution profile show, assembled for their templates.

The views stay thin: they call :func:`map_context` or :func:`profile_context`
and render.  Labels are translated here; the drawing is :mod:`.svg`'s, the
counting :mod:`.collaboration`'s, the filtering :mod:`.selection`'s.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.network import svg
from portal.network.collaboration import VisibleWork, shared_projects, worked_with, works_by_year
from portal.network.selection import DEFAULT_RADIUS_KM, MAX_RADIUS_KM, parse, select, towns
from portal.taxonomy.models import Institution, Metal, Process


def _link_title(a: Institution, b: Institution, count: int) -> str:
    return ngettext("%(a)s – %(b)s: %(count)d shared project", "%(a)s – %(b)s: %(count)d shared projects",
                    count) % {"a": a.name, "b": b.name, "count": count}


def map_context(request) -> dict:
    """The context of ``templates/network/map.html`` (``errors`` non-empty: a filter value named nothing)."""
    known_towns = towns()
    filters = parse(request.GET, known_towns)
    work = VisibleWork(request)
    shown = select(filters, work, known_towns)
    located = [item for item in shown if item.located]
    by_id = {item.institution.pk: item.institution for item in shown}
    pairs = shared_projects(by_id.keys(), work)
    collaborations = sorted(((by_id[a], by_id[b], count) for (a, b), count in pairs.items()),
                            key=lambda row: (-row[2], row[0].name, row[1].name))
    partners_shown = {pk: 0 for pk in by_id}
    for a, b in pairs:
        partners_shown[a] += 1
        partners_shown[b] += 1
    map_svg = ""
    if located:
        markers = [svg.MapMarker(key=item.institution.slug, name=item.institution.name, kind=item.institution.kind,
                                 kind_label=item.institution.get_kind_display(), town=item.institution.town,
                                 lat=float(item.institution.latitude), lon=float(item.institution.longitude),
                                 url=item.institution.get_absolute_url())
                   for item in located]
        links = [svg.MapLink(a.slug, b.slug, count, _link_title(a, b, count)) for a, b, count in collaborations]
        map_svg = svg.network_map(
            markers, links, title=_("Map of the member institutions"),
            description=ngettext(
                "%(count)d institution; lines join institutions that share projects.",
                "%(count)d institutions; lines join institutions that share projects.", len(markers),
            ) % {"count": len(markers)})
    return {
        "map_svg": map_svg,
        "rows": [{"shown": item, "partners": partners_shown[item.institution.pk]} for item in shown],
        "unlocated": len(shown) - len(located),
        "collaborations": collaborations,
        "legend": [(value, label, svg.legend_icon(value)) for value, label in Institution.Kind.choices],
        "errors": filters.errors,
        "filters": filters,
        "kinds": Institution.Kind.choices,
        "metals": Metal.objects.all(),
        "processes": Process.objects.all(),
        "towns": list(known_towns),
        "selected_kind": filters.kind,
        "selected_metal": filters.metal.slug if filters.metal else "",
        "selected_process": filters.process.slug if filters.process else "",
        "max_radius_km": MAX_RADIUS_KM,
        "default_radius_km": DEFAULT_RADIUS_KM,
    }


def profile_context(institution: Institution, request) -> dict:
    """The context of ``templates/taxonomy/institution_profile.html`` beyond the institution itself."""
    work = VisibleWork(request)
    items = {kind: list(queryset) for kind, queryset in work.of(institution).items()}
    years = works_by_year(items)
    series = [svg.Series("projects", _("Projects")), svg.Series("papers", _("Papers")),
              svg.Series("technologies", _("Technologies"))]
    total = sum(row.total for row in years)
    chart = svg.works_chart(
        [(row.year if row.year is not None else _("undated"), row.counts) for row in years], series,
        title=_("Works by year"),
        description=ngettext("%(count)d project, paper or technology profile, by year.",
                             "%(count)d projects, papers and technology profiles, by year.", total)
        % {"count": total})
    map_url = ""
    if institution.town and institution.latitude is not None and institution.longitude is not None:
        map_url = f"{reverse('network-map')}?{urlencode({'near': institution.town.strip()})}"
    return {**items, "partners": worked_with(institution, work), "years": years, "works_chart": chart,
            "map_url": map_url}
