"""What the portal hands the search layer, and when it tells it that this changed.

The search package imports no content model (see ``search/__init__``), so
the portal registers, when Django starts (``portal.core.apps``):

* the names of facet values (:func:`read_facet_labels`, kept by
  :mod:`search.labels`): metals, processes and institutions in German and
  English, and event editions by their titles;
* the pages that open a scope (:func:`scope_pages`, for
  :func:`search.service.scope_label`, which decides on their visibility
  itself and keeps nothing).

Saving or deleting a metal, a process, an institution or an event page tells
the search layer that the names changed (:func:`labels_changed`): this
process reads them again at once, the other processes within
``search.sources.CHECK_SECONDS``.  The vocabulary (synonyms) is registered
by ``portal.synonyms`` in the same way.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from search import labels, scopes
from search.facets import FACETS
from search.labels import FacetLabels, Label

#: the page model whose slug and title name the values of the "edition" facet
EDITION_MODEL = "events.EventPage"


def read_facet_labels() -> FacetLabels:
    """Every named facet value: one query per model with labels (``Facet.label_model``), one for the editions."""
    found: list[Label] = []
    for facet in FACETS:
        if not facet.label_model:
            continue
        items = list(apps.get_model(facet.label_model).objects.all())
        with translation.override("de"):
            german = [str(item.label) for item in items]
        with translation.override("en"):
            english = [str(item.label) for item in items]
        found += [Label(facet.name, item.slug, de, en) for item, de, en in zip(items, german, english)]
    seen: set[str] = set()
    for slug, title in apps.get_model(EDITION_MODEL).objects.order_by("path").values_list("slug", "title"):
        if slug not in seen:  # the first by tree position, should two editions share a slug
            seen.add(slug)
            found.append(Label("edition", slug, title, title))
    return FacetLabels(tuple(found))


def scope_pages(kind: scopes.ScopeKind, slug: str):
    """The live pages of ``kind``'s model with ``slug`` (any case), in tree order; visibility is the caller's."""
    try:
        model = apps.get_model(kind.page_model)
    except LookupError:  # the content app is not installed: search stays usable without it
        return []
    return model.objects.live().filter(slug__iexact=slug).order_by("path")


def labels_changed(sender, using: str = "default", **kwargs) -> None:
    labels.changed(using)


def label_models() -> list:
    return [apps.get_model(facet.label_model) for facet in FACETS if facet.label_model] + [
        apps.get_model(EDITION_MODEL)]


def register() -> None:
    labels.set_source(read_facet_labels)
    scopes.set_page_finder(scope_pages)
    for model in label_models():
        for signal in (post_save, post_delete):
            signal.connect(labels_changed, sender=model, dispatch_uid="portal.search_sources.labels_changed")
