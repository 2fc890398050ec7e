"""The contract every search backend honours.

Backends are chosen from settings (``PORTAL_SEARCH["BACKEND"]``, a dotted
path) the way Django chooses a cache.  Both the Elasticsearch backend and the
embedded SQLite FTS5 backend implement :class:`SearchBackend`, and
``tests/integration/search/test_conformance.py`` runs one specification
against both.
"""

from __future__ import annotations

from typing import Any, Iterable, Protocol, runtime_checkable

from search.documents import SearchDocument
from search.query import SearchQuery, SearchResults


class SearchUnavailable(Exception):
    """The search engine cannot be reached or refused the request.

    Views turn this into a clear message (HTML) or a 503 (API); the ingestion
    worker treats it as transient and retries.
    """


@runtime_checkable
class SearchBackend(Protocol):
    """Index, delete and search content items."""

    #: capability flags, declared rather than discovered
    supports_facets: bool
    supports_page_hits: bool

    def __init__(self, params: dict[str, Any]) -> None: ...

    def setup(self) -> None:
        """Create the index (or tables) if missing; safe to call repeatedly."""

    def index(self, documents: Iterable[SearchDocument]) -> None:
        """Add or replace documents by id; visible to ``search`` on return."""

    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by id; unknown ids are ignored."""

    def search(self, query: SearchQuery) -> SearchResults:
        """Answer a query; never raises for malformed user text."""

    def count(self) -> int:
        """Number of documents in the index."""

    def fingerprints(self) -> dict[str, str]:
        """Every indexed id with the ``SearchDocument.fingerprint`` it was indexed with."""

    def clear(self) -> None:
        """Remove every document (tests and full rebuilds)."""
