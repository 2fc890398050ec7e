"""The contract every search backend honours.

Backends are chosen from settings (``PORTAL_SEARCH["BACKEND"]``, a dotted
path) the way Django chooses a cache.  Both the Elasticsearch backend and the
embedded SQLite FTS5 backend implement :class:`SearchBackend`, and
``tests/integration/search/test_conformance.py`` runs one specification
against both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Protocol, runtime_checkable

from search.documents import SearchDocument
from search.query import Hit, SearchQuery, SearchResults


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

    def index(self, documents: Iterable[SearchDocument], refresh: bool = True) -> None:
        """Add or replace documents by id; visible to ``search`` on return unless ``refresh`` is False.

        ``refresh=False`` is for bulk work nobody watches (imports, reconciliation, a worker's queue): the
        changes become visible at the engine's next refresh, or at :meth:`refresh`.
        """

    def delete(self, ids: Iterable[str], refresh: bool = True) -> None:
        """Remove documents by id; unknown ids are ignored.  ``refresh`` as for :meth:`index`."""

    def refresh(self) -> None:
        """Make every change so far visible to ``search`` (after writes with ``refresh=False``)."""

    def search(self, query: SearchQuery) -> SearchResults:
        """Answer a query; never raises for malformed user text."""

    def count(self) -> int:
        """Number of documents in the index."""

    def fingerprints(self) -> dict[str, str]:
        """Every indexed id with the ``SearchDocument.fingerprint`` it was indexed with."""

    def clear(self) -> None:
        """Remove every document (tests and full rebuilds)."""

    # --- autocomplete, "did you mean" and related content --------------------
    #
    # Filtered by ``viewer_groups`` inside the backend, as ``search`` is:
    # nothing of an item the caller may not see (its title, its words,
    # whether it exists) ever comes back.

    def suggest_titles(self, text: str, viewer_groups: tuple[str, ...],
                       limit: int = 10) -> tuple[TitleSuggestion, ...]:
        """Visible items whose title has a word starting with each of :func:`suggestion_words` (best first)."""

    def spelling(self, text: str, viewer_groups: tuple[str, ...]) -> str | None:
        """The text with misspelt words replaced by near words of visible content; None if nothing changed.

        A word counts as misspelt if no visible item contains it; its
        replacement must occur in a visible item (see ``search.spelling``).
        """

    def related(self, id: str, viewer_groups: tuple[str, ...], limit: int = 5) -> tuple[Hit, ...]:
        """Visible items like item ``id`` (shared metals, processes, institutions; similar text), best first.

        Never ``id`` itself; nothing if ``id`` is unknown or not visible to ``viewer_groups``.
        """

    # --- full rebuilds (see search.rebuild) ---------------------------------
    #
    # A rebuild fills a new version beside the live one, which keeps serving
    # searches and live writes, then makes it live in one atomic step.

    def live_version(self) -> str:
        """Name of the version that answers searches now (``portal-v3``; ``v3`` embedded)."""

    def stored_versions(self) -> list[str]:
        """Every version that exists: the live one and any being built or left over."""

    def begin_rebuild(self) -> str:
        """Create an empty new version that nothing reads yet; return its name (the target)."""

    def index_into(self, target: str, documents: Iterable[SearchDocument]) -> None:
        """Add documents to the version ``target`` being built (not searchable before the switch)."""

    def finish_rebuild(self, target: str) -> list[str]:
        """Make ``target`` live atomically, remove the versions it replaced and return their names.

        Once the switch succeeded this does not raise: a previous version that
        cannot be removed is logged and left (see :meth:`stored_versions`).
        """

    def abort_rebuild(self, target: str) -> None:
        """Remove the half-built ``target``; the live version is untouched."""


# --- suggestions, spelling and related content (one contract, every backend) ---------------------

#: most suggestions the autocomplete asks a backend for
MAX_SUGGESTIONS = 10
#: most words of a query considered for suggestions and spelling corrections
MAX_SUGGEST_WORDS = 6
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class TitleSuggestion:
    """An indexed item whose title matches what the visitor has typed so far."""

    id: str
    content_type: str
    title: str
    url: str


def suggestion_words(text: str) -> tuple[str, ...]:
    """The lower-cased words of autocomplete text, each matched as the start of a title word.

    Letters and digits only (``LCD-Alt`` is ``lcd`` and ``alt``, like the
    engines' tokenizers), so nothing the visitor types is query syntax; at
    most ``MAX_SUGGEST_WORDS`` words.  Empty means: suggest nothing.
    """
    return tuple(dict.fromkeys(word.lower() for word in _WORD.findall(text)))[:MAX_SUGGEST_WORDS]
