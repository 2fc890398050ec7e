"""Autocomplete: titles of visible items, and metals, processes and institutions by their label.

Titles come from the backend (``suggest_titles``, filtered by visibility
there); taxonomy labels are the names the portal registered
(:mod:`search.labels`, held by each process) in the active language, and
only values that some item visible to the caller carries are offered (their
counts come from the backend's visibility-filtered facets), so a suggestion
never leads to an empty result or hints at a restricted item.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping
from urllib.parse import urlencode

from django.urls import reverse

from search import labels as facet_labels
from search.backends import get_backend
from search.backends.base import MAX_SUGGESTIONS, suggestion_words
from search.facets import FACETS
from search.query import SearchQuery
from search.service import InvalidSearch

MAX_SUGGEST_QUERY_LENGTH = 100
TAXONOMY_FIRST = 4  # taxonomy suggestions listed before titles; more only if titles leave room


@dataclass(frozen=True)
class Suggestion:
    text: str
    kind: str  # "title" or a facet name: "metal", "process", "institution"
    url: str
    value: str  # the item's index id for titles, the slug for taxonomy values


def parse_suggest(params: Mapping) -> tuple[str, int]:
    """The text and the number of suggestions asked for; InvalidSearch for bad parameters."""
    text = params.get("q") or ""
    if len(text) > MAX_SUGGEST_QUERY_LENGTH:
        raise InvalidSearch(f"'q' is too long: at most {MAX_SUGGEST_QUERY_LENGTH} characters.")
    raw_limit = params.get("limit") or str(MAX_SUGGESTIONS)
    try:
        limit = int(raw_limit)
    except (TypeError, ValueError):
        raise InvalidSearch(f"'limit' must be a whole number, not {raw_limit!r}.") from None
    if not 1 <= limit <= MAX_SUGGESTIONS:
        raise InvalidSearch(f"'limit' must be between 1 and {MAX_SUGGESTIONS}.")
    return text.strip(), limit


def suggest(text: str, viewer_groups: tuple[str, ...], limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """At most ``limit`` suggestions for what has been typed (nothing for no words).

    Raises :class:`search.backends.SearchUnavailable` when the engine is down.
    """
    words = suggestion_words(text)
    limit = max(0, min(limit, MAX_SUGGESTIONS))
    if not words or not limit:
        return []
    backend = get_backend()
    taxonomy = _taxonomy_suggestions(words, viewer_groups)
    titles = [Suggestion(item.title, "title", item.url, item.id)
              for item in backend.suggest_titles(text, viewer_groups, limit)]
    listed = taxonomy[:TAXONOMY_FIRST] + titles + taxonomy[TAXONOMY_FIRST:]
    return listed[:limit]


def _taxonomy_suggestions(words: tuple[str, ...], viewer_groups: tuple[str, ...]) -> list[Suggestion]:
    matching: list[tuple[str, str, str]] = []  # facet name, slug, label
    names, language = facet_labels.current(), facet_labels.interface_language()
    for facet in FACETS:
        if not facet.label_model:  # the taxonomy: metals, processes, institutions
            continue
        for value, label, label_words in names.words(facet.name, language):
            if _starts_words(words, label_words):
                matching.append((facet.name, value.slug, label))
    if not matching:
        return []
    facets = get_backend().search(SearchQuery(viewer_groups=viewer_groups, page_size=1)).facets
    visible = {(name, count.value) for name, counts in facets.items() for count in counts if count.count > 0}
    search_url = reverse("search")
    return [Suggestion(label, name, f"{search_url}?{urlencode({name: slug})}", slug)
            for name, slug, label in sorted(matching, key=lambda m: ([f.name for f in FACETS].index(m[0]),
                                                                     m[2].lower()))
            if (name, slug) in visible]


def _starts_words(words: tuple[str, ...], label_words: tuple[str, ...]) -> bool:
    """Every typed word starts some lower-cased word of the label ("rück" → "Rückgewinnung")."""
    return all(any(candidate.startswith(word) for candidate in label_words) for word in words)
