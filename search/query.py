"""The typed question a caller asks and the typed answer a backend gives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from search.facets import FACETS

PAGE_SIZE = 10
MAX_PAGE = 100  # deep pagination is bounded; the interface says so beyond it
MAX_QUERY_LENGTH = 500


@dataclass(frozen=True)
class SearchQuery:
    """A full-text query with facet filters and a page number (from 1).

    ``text`` uses forgiving simple-query-string semantics: words are ANDed,
    ``"quoted phrases"`` match as phrases, and no input is ever a syntax
    error.  ``filters`` maps a facet name to the slugs selected in it: OR
    within a facet, AND across facets.  ``viewer_groups`` is who is asking:
    the backend only returns items whose visibility intersects it.
    """

    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    page: int = 1
    page_size: int = PAGE_SIZE
    viewer_groups: tuple[str, ...] = ("public",)


@dataclass(frozen=True)
class PageHit:
    """A page of an attached PDF that matched, with a highlighted fragment."""

    attachment_title: str
    attachment_url: str
    number: int
    highlight: str  # HTML-escaped text with <mark>...</mark> around matches

    @property
    def url(self) -> str:
        """Link that opens the PDF at this page."""
        return f"{self.attachment_url}#page={self.number}"


@dataclass(frozen=True)
class Hit:
    """One result."""

    id: str
    content_type: str
    title: str
    url: str
    summary: str
    date: dt.date | None
    score: float
    highlights: tuple[str, ...] = ()  # HTML-escaped fragments with <mark>
    page_hits: tuple[PageHit, ...] = ()
    metals: tuple[str, ...] = ()
    processes: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class SearchResults:
    """A page of hits, the total, and the counts of every facet.

    Each facet's counts apply every active filter except the facet's own, so
    a visitor sees how many results each other value would add; a selected
    value is listed even when its count is zero.
    """

    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, tuple[FacetCount, ...]]
    page: int
    page_size: int

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))


def empty_facets() -> dict[str, tuple[FacetCount, ...]]:
    return {facet.name: () for facet in FACETS}
