"""The facets of the portal, declared once.

The Elasticsearch mapping, the embedded backend, the query parser, the JSON
API and the templates all read this list; adding a facet means adding one
entry here (and a value source in ``SearchDocument.facet_values``).

Hierarchies are resolved when a document is built, not when it is searched:
a document tagged with neodymium also carries the group ``ree``, and one
tagged with bioleaching also carries ``leaching`` and ``hydrometallurgy``
(see ``portal.taxonomy.expand``).  Selecting a group or a parent therefore
finds its members and children, and its count is the number of documents
with any of them, on every backend alike.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    """One facet: the request parameter, the document field and its label."""

    name: str  # request parameter and key in the API's ``facets`` object
    field: str  # SearchDocument.facet_values(field) gives a document's slugs
    label: str  # human label (translated by the interface)
    # "app_label.Model" with ``slug`` and ``label`` for value labels; None:
    # labels come from search.service (content types, languages) or the value is its label (years)
    label_model: str | None = None
    # whether sharing a value makes two items related (a metal does; a year or a language does not)
    subject: bool = True
    # how values are listed: "count" (most frequent first) or "value" (newest year first)
    order: str = "count"


FACETS: tuple[Facet, ...] = (
    Facet("type", "content_types", "Content type", subject=False),
    Facet("metal", "metals", "Metal", "taxonomy.Metal"),
    Facet("process", "processes", "Process", "taxonomy.Process"),
    Facet("institution", "institutions", "Institution", "taxonomy.Institution"),
    Facet("edition", "editions", "Event edition"),
    Facet("year", "years", "Year", subject=False, order="value"),
    Facet("language", "languages", "Language", subject=False),
)

FACETS_BY_NAME: dict[str, Facet] = {facet.name: facet for facet in FACETS}

#: the facets whose shared values make items related (search.related)
SUBJECT_FACETS: tuple[Facet, ...] = tuple(facet for facet in FACETS if facet.subject)
