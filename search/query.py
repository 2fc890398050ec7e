"""The typed question a caller asks and the typed answer a backend gives."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from search.facets import FACETS

PAGE_SIZE = 10
MAX_PAGE_SIZE = 50  # results per page a client may ask for (`page_size`)
MAX_PAGE = 100  # deep pagination is bounded; the interface says so beyond it
MAX_QUERY_LENGTH = 500
MAX_QUERY_CLAUSES = 32  # words and phrases beyond this are ignored
FACET_SIZE = 100  # values listed per facet (most frequent first); selected ones always
MAX_PAGE_HITS = 5  # matching PDF pages reported per hit (best first)
SORTS = ("relevance", "date")
MAX_FILTER_VALUES = 20  # values selected in one facet
MAX_PARAMETERS = 150  # query-string values in one request: every facet at MAX_FILTER_VALUES and the rest fit

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class SearchQuery:
    """A full-text query with facet filters and a page number (from 1).

    ``text`` uses forgiving simple-query-string semantics: words are ANDed,
    ``"quoted phrases"`` match as phrases, and no input is ever a syntax
    error.  ``filters`` maps a facet name to the slugs selected in it: OR
    within a facet, AND across facets.  ``viewer_groups`` is who is asking:
    the backend only returns items whose visibility intersects it.  Ties
    (and the whole order, for ``sort="date"``) go newest first, undated
    last, then by title and id, so pages never overlap.

    ``scope`` (``"project:inrec"``, see :mod:`search.scopes`) keeps only the
    items that list it in ``SearchDocument.scopes``; ``None`` searches
    everything.  Like the filters it decides membership, never ranking, and
    the facets count within it.
    """

    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    page: int = 1
    page_size: int = PAGE_SIZE
    viewer_groups: tuple[str, ...] = ("public",)
    # "relevance" (best first; newest first when there is no text) or "date" (newest first)
    sort: str = "relevance"
    scope: str | None = None


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
    # "<facet field>:<slug>" values recognised in the text rather than chosen by an editor
    detected: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()  # "<role>:<institution slug>" (SearchDocument.roles)
    readiness: int | None = None  # technology readiness level reached


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


def facet_counts(counts: Mapping[str, int], selected: Sequence[str] = ()) -> tuple[FacetCount, ...]:
    """The values of one facet as every backend lists them.

    ``counts`` maps values to the number of matching items (with the other
    facets' filters applied, not this facet's own).  The ``FACET_SIZE`` most
    frequent values come first (ties by value); selected values that did not
    make it follow, with their count, which may be zero.
    """
    ranked = sorted(((value, count) for value, count in counts.items() if count > 0),
                    key=lambda item: (-item[1], item[0]))[:FACET_SIZE]
    listed = {value for value, _ in ranked}
    return tuple(FacetCount(value, count, value in selected) for value, count in ranked) + tuple(
        FacetCount(value, counts.get(value, 0), True) for value in dict.fromkeys(selected) if value not in listed
    )


def empty_facets() -> dict[str, tuple[FacetCount, ...]]:
    return {facet.name: () for facet in FACETS}


def text_clauses(text: str) -> tuple[str, ...]:
    """The clauses of ``text`` (see :func:`quoted_clauses`), without saying which were quoted."""
    return tuple(clause for clause, _quoted in quoted_clauses(text))


def quoted_clauses(text: str) -> tuple[tuple[str, bool], ...]:
    """Split user text into clauses, each with whether it stood in quotes.

    This is the one parser of query text, so both backends agree on what a
    query means:

    * text between a pair of double quotes is one phrase;
    * elsewhere each whitespace-separated chunk is one clause; a chunk that
      the engine splits into several words (``LCD-Glas``, ``3.5``) must
      match as a phrase;
    * a quote without a partner is ignored; operators (``AND``, ``-``,
      ``*``, ``|``, ``NEAR(``...) are not operators but plain text;
    * chunks with no letter or decimal digit (``((``, ``*``, emoji, ``½``) are
      dropped: the engines make no word of them, or disagree whether they do.

    Text is cut at ``MAX_QUERY_LENGTH`` characters and at
    ``MAX_QUERY_CLAUSES`` clauses.  No clause contains a double quote or a
    control character.  An empty result means "no text": match everything.
    """
    text = _CONTROL_CHARACTERS.sub(" ", text[:MAX_QUERY_LENGTH])
    parts = text.split('"')
    if len(parts) % 2 == 0:  # an odd number of quotes: drop the last, unpaired one
        parts[-2:] = [parts[-2] + " " + parts[-1]]
    clauses: dict[str, bool] = {}
    for position, part in enumerate(parts):
        inside_quotes = position % 2 == 1
        chunks = [" ".join(part.split())] if inside_quotes else part.split()
        for chunk in chunks:
            if any(char.isalpha() or char.isdecimal() for char in chunk):
                clauses[chunk] = clauses.get(chunk, False) or inside_quotes
    return tuple(clauses.items())[:MAX_QUERY_CLAUSES]
