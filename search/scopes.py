"""Scopes: a part of the portal that a search can be limited to.

A scope is written ``<kind>:<slug>``: ``project:inrec`` is a project and
what belongs to it (its own entry, which holds its reports' PDF pages),
``edition:symposium-2023`` a symposium edition's page and its papers.  Each
index entry lists the scopes it belongs to (``SearchDocument.scopes``, built
by the pages), and ``SearchQuery.scope`` keeps only the entries of one
scope.  Like a facet filter, a scope decides membership, never ranking, and
the facets count within it; a well-formed scope that no entry lists finds
nothing, as an unknown facet value does.

The kinds are declared once, here: the query parser, the OpenAPI document
and the label of the search page read them.  The pages that open a scope
are found by a function the portal registers (:func:`set_page_finder`,
``portal.search_sources``): the search layer imports no content model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

#: what a slug in a scope (and a facet value) looks like, after lower-casing
SLUG = r"[a-z0-9][a-z0-9_-]{0,79}"


@dataclass(frozen=True)
class ScopeKind:
    """One kind of scope: its name in ``<kind>:<slug>`` and the page model whose slug names it."""

    name: str
    # "app_label.Model" of the page that opens the scope: its title labels the scope on the search page,
    # and its ``search_scope`` is the scope's value (portal.searchable.SearchablePage)
    page_model: str


SCOPE_KINDS: tuple[ScopeKind, ...] = (
    ScopeKind("project", "projects.ProjectPage"),
    ScopeKind("edition", "events.EventPage"),
)
SCOPE_KINDS_BY_NAME: dict[str, ScopeKind] = {kind.name: kind for kind in SCOPE_KINDS}

#: what a ``scope`` parameter must look like (after lower-casing): search.service, search.openapi
SCOPE_PATTERN = rf"^({'|'.join(kind.name for kind in SCOPE_KINDS)}):{SLUG}$"
_SCOPE = re.compile(SCOPE_PATTERN)


def scope_value(kind: str, slug: str) -> str:
    """The scope ``<kind>:<slug>`` (``scope_value("project", "InRec") == "project:inrec"``), lower case as parsed."""
    if kind not in SCOPE_KINDS_BY_NAME:
        raise ValueError(f"{kind!r} is not a kind of scope; the kinds are {', '.join(SCOPE_KINDS_BY_NAME)}")
    return f"{kind}:{slug.lower()}"


def is_scope(value: str) -> bool:
    """Whether ``value`` is a well-formed scope (lower case)."""
    return bool(_SCOPE.match(value))


def split_scope(value: str) -> tuple[ScopeKind, str]:
    """The kind and the slug of a well-formed scope."""
    kind, slug = value.split(":", 1)
    return SCOPE_KINDS_BY_NAME[kind], slug


_page_finder: Callable[[ScopeKind, str], Iterable] | None = None


def set_page_finder(finder: Callable[[ScopeKind, str], Iterable] | None) -> None:
    """Register the portal's function listing the live pages of a kind with a slug (any case), in tree order."""
    global _page_finder
    _page_finder = finder


def pages_opening(kind: ScopeKind, slug: str) -> Iterable:
    """The live pages of ``kind`` called ``slug``, as the registered finder lists them (none without one).

    Who may see them is for the caller to decide: nothing here is cached.
    """
    return _page_finder(kind, slug) if _page_finder is not None else ()
