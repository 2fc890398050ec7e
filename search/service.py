"""The one entry point views use to search: parse, ask the backend, label.

Views never know which backend runs; they call :func:`run_search` with the
request's parameters and render the :class:`SearchPage` it returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from django.apps import apps
from django.utils.translation import pgettext_lazy

from search.backends import get_backend
from search.facets import FACETS, Facet
from search.query import MAX_PAGE, MAX_QUERY_LENGTH, SORTS, FacetCount, SearchQuery, SearchResults

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")


class InvalidSearch(ValueError):
    """A request parameter that cannot be searched for, with what to do."""


@dataclass(frozen=True)
class LabelledFacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class LabelledFacet:
    name: str
    label: str
    values: tuple[LabelledFacetValue, ...]


@dataclass(frozen=True)
class SearchPage:
    query: SearchQuery
    results: SearchResults
    facets: tuple[LabelledFacet, ...]


def parse_query(params: Mapping, viewer_groups: tuple[str, ...] = ("public",)) -> SearchQuery:
    """Build a SearchQuery from request parameters, rejecting bad ones clearly."""
    text = (params.get("q") or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidSearch(f"The query is too long: at most {MAX_QUERY_LENGTH} characters.")
    raw_page = params.get("page") or "1"
    try:
        page = int(raw_page)
    except (TypeError, ValueError):
        raise InvalidSearch(f"'page' must be a whole number, not {raw_page!r}.") from None
    if page < 1 or page > MAX_PAGE:
        raise InvalidSearch(f"'page' must be between 1 and {MAX_PAGE}; refine the query to see other results.")
    sort = (params.get("sort") or "relevance").strip()
    if sort not in SORTS:
        raise InvalidSearch(f"'sort' must be one of {', '.join(SORTS)}, not {sort[:40]!r}.")
    filters: dict[str, tuple[str, ...]] = {}
    for facet in FACETS:
        values = params.getlist(facet.name) if hasattr(params, "getlist") else _as_list(params.get(facet.name))
        values = tuple(dict.fromkeys(v.strip().lower() for v in values if v and v.strip()))
        for value in values:
            if not _SLUG.match(value):
                raise InvalidSearch(f"{value!r} is not a valid value for '{facet.name}'.")
        if values:
            filters[facet.name] = values
    return SearchQuery(text=text, filters=filters, page=page, viewer_groups=viewer_groups, sort=sort)


def run_search(query: SearchQuery) -> SearchPage:
    """Run ``query`` on the configured backend and label its facets.

    Raises :class:`search.backends.SearchUnavailable` when the engine is down.
    """
    results = get_backend().search(query)
    facets = tuple(_label_facet(facet, results.facets.get(facet.name, ())) for facet in FACETS)
    return SearchPage(query=query, results=results, facets=facets)


def viewer_groups_for(user) -> tuple[str, ...]:
    """The visibility groups a user may see (refined by access control)."""
    if user is not None and user.is_authenticated:
        return ("public", "members")
    return ("public",)


def _label_facet(facet: Facet, counts: tuple[FacetCount, ...]) -> LabelledFacet:
    labels = _labels(facet, [count.value for count in counts])
    if facet.order == "value":  # years: newest first, whatever their counts
        counts = tuple(sorted(counts, key=lambda count: count.value, reverse=True))
    values = tuple(
        LabelledFacetValue(count.value, str(labels.get(count.value, count.value)), count.count, count.selected)
        for count in counts
    )
    return LabelledFacet(facet.name, facet.label, values)


#: labels of the values of facets without a label model, in the interface language
CONTENT_TYPE_LABELS = {
    "project": pgettext_lazy("content type facet", "Projects"),
    "paper": pgettext_lazy("content type facet", "Symposium papers"),
    "technology": pgettext_lazy("content type facet", "Technology profiles"),
    "news": pgettext_lazy("content type facet", "News"),
    "event": pgettext_lazy("content type facet", "Events"),
    "institution": pgettext_lazy("content type facet", "Institutions"),
    "document": pgettext_lazy("content type facet", "Documents"),
    "page": pgettext_lazy("content type facet", "Pages"),
}
# Each language is named in itself, as language switchers do.
LANGUAGE_LABELS = {"de": "Deutsch", "en": "English"}


def _labels(facet: Facet, slugs: list[str]) -> dict[str, str]:
    if not slugs:
        return {}
    if facet.name == "type":
        return CONTENT_TYPE_LABELS
    if facet.name == "language":
        return LANGUAGE_LABELS
    if facet.name == "edition":
        from portal.events.models import EventPage  # the content app; search stays importable without it

        return dict(EventPage.objects.filter(slug__in=slugs).values_list("slug", "title"))
    if not facet.label_model:
        return {}
    model = apps.get_model(facet.label_model)
    return {item.slug: item.label for item in model.objects.filter(slug__in=slugs)}


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]
