"""Which institutions the map shows: the filters of the request, read, checked and applied.

Filters as in the partner search: ``kind``, ``metal`` and ``process`` (an
institution matches by its stated expertise or by a project, paper or
technology profile linked to it that the viewer may open, a metal group
including its members and a process its narrower ones), and ``near`` a town
within ``radius_km``.  The towns are those the institutions give, placed at
the mean of their members' coordinates.  A value that names nothing is
reported in a sentence and that filter left out; nothing here raises on
what a visitor typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from portal.network.collaboration import VisibleWork
from portal.network.geo import haversine_km
from portal.taxonomy.models import Institution, Metal, Process

DEFAULT_RADIUS_KM = 25
MAX_RADIUS_KM = 500


@dataclass
class MapFilters:
    kind: str = ""
    metal: Metal | None = None
    process: Process | None = None
    near: str = ""
    radius_km: int = DEFAULT_RADIUS_KM
    errors: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.kind or self.metal or self.process or self.near)


def towns() -> dict[str, tuple[float, float]]:
    """Each town an institution with coordinates names, at the mean of their coordinates, by name."""
    points: dict[str, list[tuple[float, float]]] = {}
    located = Institution.objects.exclude(town="").filter(latitude__isnull=False, longitude__isnull=False)
    for town, lat, lon in located.values_list("town", "latitude", "longitude"):
        points.setdefault(town.strip(), []).append((float(lat), float(lon)))
    return {town: (sum(p[0] for p in found) / len(found), sum(p[1] for p in found) / len(found))
            for town, found in sorted(points.items(), key=lambda item: item[0].casefold())}


def parse(params, known_towns: dict[str, tuple[float, float]]) -> MapFilters:
    """The filters of ``params`` (a QueryDict); each value that names nothing becomes a sentence in ``errors``."""
    filters = MapFilters()
    kind = params.get("kind", "").strip()
    if kind and kind not in Institution.Kind.values:
        filters.errors.append(_("There is no institution type “%(value)s”; the type filter was left out.")
                              % {"value": kind})
    else:
        filters.kind = kind
    metal = params.get("metal", "").strip()
    if metal:
        filters.metal = Metal.objects.filter(slug=metal).first()
        if filters.metal is None:
            filters.errors.append(_("There is no metal “%(value)s”; the metal filter was left out.")
                                  % {"value": metal})
    process = params.get("process", "").strip()
    if process:
        filters.process = Process.objects.filter(slug=process).first()
        if filters.process is None:
            filters.errors.append(_("There is no process “%(value)s”; the process filter was left out.")
                                  % {"value": process})
    radius = params.get("radius_km", "").strip()
    if radius:
        try:
            filters.radius_km = int(radius)
        except ValueError:
            filters.radius_km = 0
        if not 1 <= filters.radius_km <= MAX_RADIUS_KM:
            filters.errors.append(_("The radius must be a whole number of kilometres from 1 to %(max)s; "
                                    "%(default)s km were used.") % {"max": MAX_RADIUS_KM, "default": DEFAULT_RADIUS_KM})
            filters.radius_km = DEFAULT_RADIUS_KM
    near = params.get("near", "").strip()
    if near and near not in known_towns:
        filters.errors.append(_("No member institution is in a town called “%(value)s”; the distance filter was "
                                "left out.") % {"value": near})
    else:
        filters.near = near
    return filters


def _metal_slugs(metal: Metal) -> list[str]:
    return [metal.slug, *Metal.objects.filter(group=metal).values_list("slug", flat=True)]


def _process_slugs(process: Process) -> list[str]:
    slugs, frontier = [process.slug], [process.slug]
    while frontier:
        frontier = [slug for slug in Process.objects.filter(parent__slug__in=frontier).values_list("slug", flat=True)
                    if slug not in slugs]
        slugs.extend(frontier)
    return slugs


def _linked_to(field_name: str, slugs: list[str], work: VisibleWork) -> Q:
    """Institutions that know the tags ``slugs`` of ``field_name`` (metals, processes) or took part in visible
    work tagged with them."""
    lookup = {f"{field_name}__slug__in": slugs}
    return (Q(**{f"expertise_{field_name}__slug__in": slugs})
            | Q(pk__in=work.projects.filter(**lookup).values("partners__institution"))
            | Q(pk__in=work.papers.filter(**lookup).values("authors__institution"))
            | Q(pk__in=work.technologies.filter(**lookup).values("providers")))


@dataclass(frozen=True)
class Shown:
    institution: Institution
    distance_km: float | None = None  # from the chosen town, when one is chosen

    @property
    def located(self) -> bool:
        return self.institution.latitude is not None and self.institution.longitude is not None


def select(filters: MapFilters, work: VisibleWork, known_towns: dict[str, tuple[float, float]]) -> list[Shown]:
    """The institutions ``filters`` admit, by name (nearest first when a town is chosen)."""
    institutions: QuerySet = Institution.objects.all()
    if filters.kind:
        institutions = institutions.filter(kind=filters.kind)
    if filters.metal:
        institutions = institutions.filter(_linked_to("metals", _metal_slugs(filters.metal), work))
    if filters.process:
        institutions = institutions.filter(_linked_to("processes", _process_slugs(filters.process), work))
    institutions = institutions.distinct().order_by("name")
    if not filters.near:
        return [Shown(institution) for institution in institutions]
    lat0, lon0 = known_towns[filters.near]
    shown = []
    for institution in institutions.filter(latitude__isnull=False, longitude__isnull=False):
        distance = haversine_km(lat0, lon0, float(institution.latitude), float(institution.longitude))
        if distance <= filters.radius_km:
            shown.append(Shown(institution, distance))
    return sorted(shown, key=lambda item: (item.distance_km, item.institution.name))
