"""Partner search: from a visitor's request to institutions with their evidence.

The ranking itself is the search layer's (:mod:`search.partners`, the same on
every backend); this module reads and checks the request, narrows the
institutions by type and place (which only the database knows), and puts
names, towns, distances and labels to the slugs the ranking returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from portal.network.geo import haversine_km
from portal.network.selection import DEFAULT_RADIUS_KM
from portal.taxonomy.models import Institution, Metal, Process
from search.partners import MAX_PARTNERS_LISTED, MAX_RADIUS_KM, Evidence, Partner, PartnerQuery, rank_partners
from search.service import InvalidSearch, parse_query

#: institutions listed on one page of results
PARTNERS_SHOWN = 10

ROLE_LABELS = {
    "coordinator": pgettext_lazy("partner role", "coordinator"),
    "partner": pgettext_lazy("partner role", "partner"),
    "associated": pgettext_lazy("partner role", "associated partner"),
    "author": pgettext_lazy("partner role", "authors' affiliation"),
    "provider": pgettext_lazy("partner role", "provider"),
    "tagged": pgettext_lazy("partner role", "named in the document"),
    "profile": pgettext_lazy("partner role", "own profile"),
}


@dataclass(frozen=True)
class PartnerRequest:
    """A checked partner search: the need, its filters, and how many institutions to list."""

    text: str = ""
    filters: Mapping[str, tuple[str, ...]] | None = None  # "metal", "process": slugs, as the search takes them
    kind: str = ""
    near: str = ""  # a town of the member institutions, as stored
    radius_km: int = DEFAULT_RADIUS_KM
    min_trl: int | None = None
    limit: int = PARTNERS_SHOWN
    unknown_town: bool = False  # ``near`` names no town of a member institution: nothing can be near it
    origin: tuple[float, float] | None = None  # the coordinates of ``near``

    @property
    def is_empty(self) -> bool:
        return not (self.text or self.filters or self.kind or self.near or self.min_trl)


@dataclass(frozen=True)
class FoundPartner:
    """One institution found, ready to show."""

    institution: Institution
    partner: Partner
    distance_km: float | None
    metals: tuple[Metal, ...]
    processes: tuple[Process, ...]

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return self.partner.evidence

    @property
    def evidence_rows(self) -> list[tuple[Evidence, str]]:
        """Each piece of evidence with its role in the interface language, for templates."""
        return [(item, role_label(item.role)) for item in self.partner.evidence]


@dataclass(frozen=True)
class PartnerResults:
    request: PartnerRequest
    total: int
    partners: tuple[FoundPartner, ...]

    @property
    def notice(self) -> str:
        """Why nothing could be found, in the interface language ("" if nothing needs saying)."""
        if self.request.unknown_town:
            return _("No member institution is in a town called “%(value)s”.") % {"value": self.request.near}
        return ""

    @property
    def notice_en(self) -> str | None:
        """The same for API clients, in English."""
        if self.request.unknown_town:
            return f"No member institution is in a town called {self.request.near!r}: nothing is near it."
        return None


def parse_request(params: QueryDict, known_towns: Mapping[str, tuple[float, float]]) -> PartnerRequest:
    """Check the request's parameters; raises ``InvalidSearch`` saying which one is wrong and why.

    ``known_towns``: the member institutions' towns with their coordinates (``portal.network.selection.towns``).
    """
    searched = QueryDict(mutable=True)
    for name in ("q", "metal", "process"):
        if name in params:
            searched.setlist(name, params.getlist(name))
    checked = parse_query(searched)  # the need's length and the filters' values, as the search checks them
    kind = (params.get("kind") or "").strip()
    if kind and kind not in Institution.Kind.values:
        raise InvalidSearch(f"'kind' must be one of {', '.join(Institution.Kind.values)}, not {kind[:40]!r}.",
                            _("There is no institution type “%(value)s”.") % {"value": kind[:40]})
    near = (params.get("near") or "").strip()[:120]
    unknown_town = False
    if near:
        known = {town.casefold(): town for town in known_towns}
        unknown_town = near.casefold() not in known
        near = known.get(near.casefold(), near)
    radius_km = _whole(params, "radius_km", DEFAULT_RADIUS_KM, 1, MAX_RADIUS_KM,
                       _("The radius must be a whole number of kilometres from 1 to %(max)s.") % {"max": MAX_RADIUS_KM})
    min_trl = _whole(params, "min_trl", None, 1, 9, _("The readiness level must be a whole number from 1 to 9."))
    limit = _whole(params, "limit", PARTNERS_SHOWN, 1, MAX_PARTNERS_LISTED,
                   _("Up to %(limit)s institutions can be listed.") % {"limit": MAX_PARTNERS_LISTED})
    return PartnerRequest(text=checked.text, filters=checked.filters, kind=kind, near=near, radius_km=radius_km,
                          min_trl=min_trl, limit=limit, unknown_town=unknown_town,
                          origin=known_towns.get(near) if near and not unknown_town else None)


def _whole(params, name: str, default, low: int, high: int, for_visitors: str):
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise InvalidSearch(f"'{name}' must be a whole number from {low} to {high}, not {raw[:40]!r}.", for_visitors)
    return value


def find_partners(request: PartnerRequest, viewer_groups: tuple[str, ...]) -> PartnerResults:
    """The institutions meeting ``request``, best first, with their evidence as ``viewer_groups`` may see it.

    Raises :class:`search.backends.SearchUnavailable` when the engine is down.
    """
    if request.is_empty or request.unknown_town:
        return PartnerResults(request, 0, ())
    institutions = Institution.objects.all()
    if request.kind:
        institutions = institutions.filter(kind=request.kind)
    origin = request.origin
    by_slug = {institution.slug: institution for institution in institutions}
    distances: dict[str, float] = {}
    if origin:
        for slug, institution in list(by_slug.items()):
            if institution.latitude is None or institution.longitude is None:
                del by_slug[slug]
                continue
            distances[slug] = haversine_km(origin[0], origin[1], float(institution.latitude),
                                           float(institution.longitude))
            if distances[slug] > request.radius_km:
                del by_slug[slug]
    ranking = rank_partners(PartnerQuery(
        text=request.text, filters=dict(request.filters or {}), viewer_groups=viewer_groups,
        min_readiness=request.min_trl, among=frozenset(by_slug), limit=request.limit))
    metals = {metal.slug: metal for metal in Metal.objects.all()}
    processes = {process.slug: process for process in Process.objects.all()}
    found = tuple(
        FoundPartner(
            institution=by_slug[partner.institution], partner=partner, distance_km=distances.get(partner.institution),
            metals=tuple(metals[slug] for slug in partner.metals[:6] if slug in metals),
            processes=tuple(processes[slug] for slug in partner.processes[:6] if slug in processes),
        )
        for partner in ranking.partners if partner.institution in by_slug
    )
    return PartnerResults(request, ranking.total, found)


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))
