"""The names of facet values: metals, processes and institutions, and event editions.

Facets count slugs (``cu``, ``leaching``, ``symposium-2023``); the search
page, the API and the autocomplete show their names in the interface
language.  The search layer imports no content model, so the portal hands
it the names through one source function (registered by
``portal.search_sources`` when Django starts), which returns
:class:`FacetLabels`; each process keeps them until the portal says they
changed (see :mod:`search.sources`), so a search reads no name from the
database.

Names are not an access decision: which values a viewer is shown comes
from the backend's visibility-filtered facet counts, never from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, ContextManager

from django.utils.translation import get_language

from search.sources import CachedSource

_WORD = re.compile(r"[^\W_]+")  # as search.backends.base.suggestion_words


def interface_language() -> str:
    """``"en"`` or ``"de"``: the names' language for the active interface language (German by default)."""
    return "en" if (get_language() or "de")[:2] == "en" else "de"


@dataclass(frozen=True)
class Label:
    facet: str  # a facet name of search.facets
    slug: str
    name_de: str
    name_en: str  # the same as name_de for values named in one language (institutions, editions)

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_de


@dataclass(frozen=True)
class FacetLabels:
    """Every named facet value, in the order the portal lists them."""

    labels: tuple[Label, ...] = ()
    _by_key: dict[tuple[str, str], Label] = field(default_factory=dict, init=False, repr=False, compare=False)
    _words: dict[tuple[str, str], tuple[tuple[Label, str, tuple[str, ...]], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_key.update(((label.facet, label.slug), label) for label in self.labels)

    def name(self, facet: str, slug: str, language: str) -> str | None:
        """The name of one value in ``language`` (``"de"``/``"en"``); None if the portal names none."""
        label = self._by_key.get((facet, slug))
        return label.name(language) if label else None

    def names(self, facet: str, slugs, language: str) -> dict[str, str]:
        """``{slug: name}`` of those of ``slugs`` that have a name."""
        return {slug: name for slug in slugs if (name := self.name(facet, slug, language)) is not None}

    def words(self, facet: str, language: str) -> tuple[tuple[Label, str, tuple[str, ...]], ...]:
        """The values of ``facet`` with their name in ``language`` and its lower-cased words (for autocomplete)."""
        key = (facet, language)
        found = self._words.get(key)
        if found is None:
            found = tuple((label, name, tuple(word.lower() for word in _WORD.findall(name)))
                          for label in self.labels if label.facet == facet for name in (label.name(language),))
            self._words[key] = found  # computed once per value of FacetLabels, i.e. once per edit
        return found


EMPTY = FacetLabels()

_cache: CachedSource[FacetLabels] = CachedSource("labels", EMPTY, "the names of facet values")


def set_source(source: Callable[[], FacetLabels] | None) -> None:
    """Register the function that reads the names (None: values are shown by their slugs)."""
    _cache.set_source(source)


def invalidate() -> None:
    """Forget the names this process holds: the next search reads them from the source."""
    _cache.forget()


def changed(using: str = "default") -> None:
    """Names changed in the current transaction: this process and the others read them again."""
    _cache.changed(using)


def current() -> FacetLabels:
    return _cache.current()


def override(labels: FacetLabels) -> ContextManager[None]:
    """Use ``labels`` inside the block, whatever the source holds (tests)."""
    return _cache.override(labels)
