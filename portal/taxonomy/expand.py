"""Taxonomy hierarchies resolved for search: groups include their members, parents their children.

A document tagged with neodymium is also a document about rare earth
elements; one about bioleaching is also about leaching and hydrometallurgy.
The index stores the tags together with their groups and ancestors, so that
selecting a group or a parent finds everything below it with a plain term
filter on every backend (see ``search.facets``).  Changing the hierarchy
makes the stored entries stale; reconciliation sees the changed fingerprint
and rewrites them.
"""

from __future__ import annotations

from typing import Iterable

from portal.taxonomy.models import Metal, Process


def with_groups(metal_slugs: Iterable[str]) -> tuple[str, ...]:
    """The metals with the groups they belong to, each once, tags first."""
    slugs = tuple(dict.fromkeys(metal_slugs))
    if not slugs:
        return ()
    groups = Metal.objects.filter(slug__in=slugs, group__isnull=False).values_list("group__slug", flat=True)
    return tuple(dict.fromkeys([*slugs, *sorted(groups)]))


def with_ancestors(process_slugs: Iterable[str]) -> tuple[str, ...]:
    """The processes with every broader process above them, each once, tags first."""
    slugs = tuple(dict.fromkeys(process_slugs))
    if not slugs:
        return ()
    broader: list[str] = []
    for process in Process.objects.filter(slug__in=slugs).select_related("parent"):
        broader.extend(ancestor.slug for ancestor in process.ancestors())
    return tuple(dict.fromkeys([*slugs, *broader]))


def expand_facets(facets: dict[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """A document's facet fields with ``metals`` and ``processes`` expanded (other fields as given)."""
    expanded = {name: tuple(values) for name, values in facets.items()}
    if "metals" in expanded:
        expanded["metals"] = with_groups(expanded["metals"])
    if "processes" in expanded:
        expanded["processes"] = with_ancestors(expanded["processes"])
    return expanded
