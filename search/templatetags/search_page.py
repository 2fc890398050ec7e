"""Template helpers of the search page (templates/search/search.html)."""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from search.query import MAX_PAGE
from search.service import LabelledFacet, LabelledFacetValue

register = template.Library()

#: values of a facet listed before "show more"
TOP_VALUES = 5


@dataclass(frozen=True)
class FacetListing:
    """A facet's values split into those always shown and those behind "show more"."""

    shown: tuple[LabelledFacetValue, ...]
    more: tuple[LabelledFacetValue, ...]


@register.simple_tag
def facet_listing(facet: LabelledFacet, top: int = TOP_VALUES) -> FacetListing:
    """The first ``top`` values and every selected one are shown, in the facet's order; the rest wait.

    ``{% facet_listing facet as listing %}`` then ``listing.shown`` and ``listing.more``.
    """
    shown = tuple(value for position, value in enumerate(facet.values) if position < top or value.selected)
    return FacetListing(shown, tuple(value for value in facet.values if value not in shown))


@register.simple_tag
def max_page() -> int:
    """The deepest result page served (``search.query.MAX_PAGE``): ``{% max_page as max_page %}``."""
    return MAX_PAGE
