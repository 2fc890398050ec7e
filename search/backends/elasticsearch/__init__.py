"""The Elasticsearch backend (official client 8.x).

Documents live in versioned indices behind one alias (:mod:`.indices`);
matching is the embedded backend's (:mod:`.query`); visibility is always
filtered here, never left to callers.

The parts, as Wagtail's search backends are split:

- :mod:`.backend`: :class:`ElasticsearchBackend`: the connection, its
  errors, writing, reading, autocomplete, "did you mean" and related content;
- :mod:`.indices`: the index versions behind the alias and full rebuilds
  (a part of the backend class);
- :mod:`.documents`: a :class:`~search.documents.SearchDocument` as the JSON
  stored for it and as bulk actions;
- :mod:`.query`: a :class:`~search.query.SearchQuery` as the body of the
  search request (matching, scoring, highlights, facets, visibility);
- :mod:`.results`: a response as hits, page hits and facet counts.

The settings and mapping stay in :mod:`search.index_settings`.  Every name
other modules, scripts and benchmarks import is re-exported here.
"""

from search.backends.elasticsearch.backend import (CLEAR_BATCH_SIZE, DEFAULT_INDEX, DEFAULT_TIMEOUT,
                                                   RELATED_TEXT_FIELDS, SPELLING_FIELDS, ElasticsearchBackend)
from search.backends.elasticsearch.documents import BULK_CHUNK_SIZE, document_source
from search.backends.elasticsearch.query import (MARK, MAX_RESULT_WINDOW, _facet_aggregations, _facet_filters,
                                                 _visibility, clause_anywhere, search_body)

__all__ = [
    "BULK_CHUNK_SIZE", "CLEAR_BATCH_SIZE", "DEFAULT_INDEX", "DEFAULT_TIMEOUT", "MARK", "MAX_RESULT_WINDOW",
    "RELATED_TEXT_FIELDS", "SPELLING_FIELDS", "ElasticsearchBackend", "clause_anywhere", "document_source",
    "search_body",
]
# also re-exported, for the scripts and benchmarks that build requests as the backend does:
# _facet_aggregations, _facet_filters, _visibility
