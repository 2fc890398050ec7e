"""Search: the index, its backends and the queries the portal asks.

The rest of the portal talks to this package through three names:

* :class:`search.documents.SearchDocument` -- what one content item looks like
  to the index (built by the content apps, handed in by the ingestion worker);
* :func:`search.backends.get_backend` -- the configured backend, which can
  ``index``, ``delete`` and ``search``;
* :class:`search.query.SearchQuery` / :class:`search.query.SearchResults` --
  the typed question and answer.

This package never imports ``ingest`` or Celery: indexing is pushed in from
outside, so the search layer can be tested with nothing but a backend.
"""
