"""The facets of the portal, declared once.

The Elasticsearch mapping, the embedded backend, the query parser, the JSON
API and the templates all read this list; adding a facet means adding one
entry here (and filling the field in ``SearchDocument``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    """One facet: the request parameter, the document field and its label."""

    name: str  # request parameter and key in the API's ``facets`` object
    field: str  # attribute of SearchDocument holding a list of slugs
    label: str  # human label (translated by the interface)
    label_model: str | None = None  # "app_label.Model" with ``slug`` and ``label`` for value labels


FACETS: tuple[Facet, ...] = (
    Facet("metal", "metals", "Metal", "taxonomy.Metal"),
    Facet("process", "processes", "Process", "taxonomy.Process"),
    Facet("institution", "institutions", "Institution", "taxonomy.Institution"),
)

FACETS_BY_NAME: dict[str, Facet] = {facet.name: facet for facet in FACETS}
