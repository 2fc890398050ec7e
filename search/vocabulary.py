"""The words the search knows beyond stems: synonym sets and element symbols, kept by editors.

The search layer imports no content model, so the portal hands it the
vocabulary through one source function (registered by ``portal.synonyms``
when Django starts, see :func:`set_source`), which returns a
:class:`Vocabulary`:

* ``synonym_sets``: groups of phrases that mean the same, in any language,
  multi-word allowed: ``("PGM", "Platingruppenmetalle", "platinum group
  metals")``;
* ``symbols``: element symbols with the names of their metal:
  ``("Li", ("Lithium",))``; a symbol matches its metal only where that is
  safe (see :mod:`search.synonyms`);
* ``labels``: the names of facet values, ``("metal", "cu", ("Kupfer",
  "Copper"))``, so that a query naming a metal, a process or an
  institution also finds the items tagged with it.

Queries read it through :func:`current`, which this process keeps until
the portal says it changed (:func:`changed`, called when an editor saves or
deletes a synonym set, a metal, a process or an institution); other
processes (a second gunicorn worker) see the edit within
:data:`search.sources.CHECK_SECONDS`, see :mod:`search.sources`.  It is
applied at query time only: nothing needs reindexing when it changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, ContextManager

from search.sources import CachedSource


@dataclass(frozen=True)
class Vocabulary:
    """Synonym sets and element symbols, as the portal's editors keep them."""

    synonym_sets: tuple[tuple[str, ...], ...] = ()
    # (symbol as written, e.g. "Li", names of the metal in any language)
    symbols: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # (facet name as in search.facets, slug, names of the value in any language)
    labels: tuple[tuple[str, str, tuple[str, ...]], ...] = ()


EMPTY = Vocabulary()

_cache: CachedSource[Vocabulary] = CachedSource("vocabulary", EMPTY, "the search vocabulary")


def set_source(source: Callable[[], Vocabulary] | None) -> None:
    """Register the function that reads the vocabulary (None: no vocabulary); forgets the one held."""
    _cache.set_source(source)


def invalidate() -> None:
    """Forget the vocabulary this process holds: the next query reads it from the source."""
    _cache.forget()


def changed(using: str = "default") -> None:
    """The vocabulary changed in the current transaction: this process and the others read it again."""
    _cache.changed(using)


def current() -> Vocabulary:
    """The vocabulary to apply now (empty if no source is registered; the last one read if it fails)."""
    return _cache.current()


def override(vocabulary: Vocabulary) -> ContextManager[None]:
    """Apply ``vocabulary`` instead of the registered source's inside the block (tests, measurements)."""
    return _cache.override(vocabulary)
