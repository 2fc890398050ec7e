"""The embedded backend: SQLite FTS5 in a file of its own, no server needed.

It honours the same contract as the Elasticsearch backend and passes the
same conformance suite (``tests/integration/search/test_conformance.py``):

* the text becomes clauses (:func:`search.matching.text_query`); each is
  a quoted FTS5 phrase on the text columns, or for a word also its stems on
  the ``stems`` column (:func:`clause_expression`), so user input is never
  FTS5 syntax;
* a document holds a clause if it occurs in its own fields (title,
  summary, body) or on a page of one of its PDFs; it is a candidate when
  the clauses it holds weigh enough (``search.matching.clause_weights``:
  ranked retrieval, not boolean matching); pages holding a clause are
  reported as page hits, best first;
* relevance is BM25 with the Elasticsearch boosts (title 3, summary 2,
  body 1) plus the best page's BM25, the coordination and the proximity
  bonus of ``search.matching``; without text the newest items come first;
* facet counts apply every other facet's filter but not the facet's own.

The tokenizer is ``unicode61 remove_diacritics 2``, so, unlike the
Elasticsearch backend, "Ruckgewinnung" also finds "Rückgewinnung".

Every call opens its own connection (the development server is threaded and
in-process tasks run beside requests); the file is in WAL mode, so readers
do not wait for a writer, and writers wait ``BUSY_TIMEOUT`` for each other.
"""

from search.backends.embedded.backend import EmbeddedBackend
from search.backends.embedded.query import clause_expression, highlight_expression, match_expression
from search.backends.embedded.results import mark_up
from search.backends.embedded.schema import SCHEMA_VERSION, fts5_available

__all__ = ["SCHEMA_VERSION", "EmbeddedBackend", "clause_expression", "fts5_available", "highlight_expression",
           "mark_up", "match_expression"]
