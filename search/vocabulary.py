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

Queries read it through :func:`current`, which asks the source at most
every :data:`MAX_AGE` seconds and at once after :func:`invalidate` (called
when an editor saves a synonym set, a metal or a process).  Other processes
(a second gunicorn worker) see an edit within ``MAX_AGE``.  It is applied at
query time only: nothing needs reindexing when it changes.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterator

logger = logging.getLogger(__name__)

#: seconds a process keeps the vocabulary before asking the source again
MAX_AGE = 30.0


@dataclass(frozen=True)
class Vocabulary:
    """Synonym sets and element symbols, as the portal's editors keep them."""

    synonym_sets: tuple[tuple[str, ...], ...] = ()
    # (symbol as written, e.g. "Li", names of the metal in any language)
    symbols: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # (facet name as in search.facets, slug, names of the value in any language)
    labels: tuple[tuple[str, str, tuple[str, ...]], ...] = ()


EMPTY = Vocabulary()

_source: Callable[[], Vocabulary] | None = None
_lock = threading.Lock()
_cached: tuple[float, Vocabulary] | None = None


def set_source(source: Callable[[], Vocabulary] | None) -> None:
    """Register the function that reads the vocabulary (None: no vocabulary); clears the cache."""
    global _source
    _source = source
    invalidate()


def invalidate() -> None:
    """Forget the cached vocabulary: the next query reads it from the source."""
    global _cached
    with _lock:
        _cached = None


def current() -> Vocabulary:
    """The vocabulary to apply now (empty if no source is registered or it fails)."""
    global _cached
    cached = _cached
    now = time.monotonic()
    if cached is not None and now - cached[0] < MAX_AGE:
        return cached[1]
    if _source is None:
        return EMPTY
    try:
        vocabulary = _source()
    except Exception:  # a broken vocabulary must not break search: search without it, and say so
        logger.exception("The search vocabulary could not be read; searching without synonyms and symbols.")
        vocabulary = cached[1] if cached is not None else EMPTY
    with _lock:
        _cached = (now, vocabulary)
    return vocabulary


@contextlib.contextmanager
def override(vocabulary: Vocabulary) -> Iterator[None]:
    """Apply ``vocabulary`` instead of the registered source's inside the block (tests, measurements)."""
    previous = _source
    set_source(lambda: vocabulary)
    try:
        yield
    finally:
        set_source(previous)
