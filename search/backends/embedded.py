"""The embedded backend: SQLite FTS5 in a file of its own, no server needed.

It honours the same contract as the Elasticsearch backend and passes the
same conformance suite (``tests/integration/search/test_conformance.py``):

* the text is split by :func:`search.query.text_clauses`; each clause
  becomes a quoted FTS5 phrase (:func:`match_expression`), so user input is
  never FTS5 syntax;
* a document matches if every clause occurs in its own fields (title,
  summary, body; each clause in any of them), or if every clause occurs on
  one page of one attached PDF; matching pages are reported as page hits;
* relevance is BM25 with the Elasticsearch boosts (title 3, summary 2,
  body 1); without text the newest items come first;
* facet counts apply every other facet's filter but not the facet's own.

The tokenizer is ``unicode61 remove_diacritics 2``, so, unlike the
Elasticsearch backend, "Ruckgewinnung" also finds "Rückgewinnung".

Every call opens its own connection (the development server is threaded and
in-process tasks run beside requests); the file is in WAL mode, so readers
do not wait for a writer, and writers wait ``BUSY_TIMEOUT`` for each other.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import logging
import sqlite3
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from django.core.exceptions import ImproperlyConfigured

from search.backends.base import SearchUnavailable
from search.documents import SearchDocument
from search.facets import FACETS
from search.query import (MAX_PAGE_HITS, Hit, PageHit, SearchQuery, SearchResults, facet_counts,
                          text_clauses)

SCHEMA_VERSION = 2
BUSY_TIMEOUT = 10.0  # seconds a writer waits for another
TOKENIZER = "unicode61 remove_diacritics 2"
# BM25 weights of documents_fts's columns, as the Elasticsearch boosts
COLUMN_WEIGHTS = (3.0, 2.0, 1.0)
SNIPPET_TOKENS = 24
# Private-use characters mark matches in FTS5's output; they are stripped
# from indexed text, so they can be told apart after HTML-escaping.
_OPEN, _CLOSE = "\ue000", "\ue001"
_STRIP_SENTINELS = str.maketrans("", "", _OPEN + _CLOSE)
_HIT_FIELDS = set(Hit.__dataclass_fields__)

logger = logging.getLogger(__name__)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL,
    title TEXT NOT NULL,
    title_sort TEXT NOT NULL,
    url TEXT NOT NULL,
    summary TEXT NOT NULL,
    language TEXT NOT NULL,
    date TEXT,
    detected TEXT NOT NULL DEFAULT '[]',
    fingerprint TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS facet_values (
    doc INTEGER NOT NULL,
    facet TEXT NOT NULL,
    position INTEGER NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (doc, facet, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS visibility (
    grp TEXT NOT NULL,
    doc INTEGER NOT NULL,
    PRIMARY KEY (grp, doc)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS visibility_doc ON visibility (doc);
CREATE TABLE IF NOT EXISTS pages (
    page INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL,
    position INTEGER NOT NULL,
    attachment_title TEXT NOT NULL,
    attachment_url TEXT NOT NULL,
    number INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS pages_doc ON pages (doc);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(title, summary, body, tokenize='{TOKENIZER}');
CREATE VIRTUAL TABLE IF NOT EXISTS pages_fts USING fts5(text, tokenize='{TOKENIZER}');
"""


def match_expression(text: str, operator: str = "AND") -> str:
    """Translate user text into a safe FTS5 MATCH expression ("" for no text).

    Each clause of :func:`search.query.text_clauses` becomes a double-quoted
    FTS5 string, inside which nothing is syntax (``AND``, ``NEAR(``, ``*``,
    ``-``, parentheses are text for the tokenizer); the strings are joined
    with ``operator`` (``OR`` serves to highlight every clause).  Clauses
    hold no double quotes; one would be doubled, as FTS5 escapes it.
    """
    if operator not in ("AND", "OR"):
        raise ValueError(f"operator must be 'AND' or 'OR', not {operator!r}")
    return f" {operator} ".join('"' + clause.replace('"', '""') + '"' for clause in text_clauses(text))


def fts5_available() -> bool:
    """True if this Python's SQLite was built with FTS5."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()


def mark_up(marked: str) -> str:
    """HTML-escape FTS5 output whose matches are between the sentinels, then mark them."""
    return html.escape(marked).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")


@dataclass
class _Candidate:
    """A visible document matching the text, with what ordering and facets need."""

    doc: int
    score: float
    id: str
    date: str | None
    title_sort: str


class EmbeddedBackend:
    """Index and search in a SQLite FTS5 database of its own.

    Params (``settings.PORTAL_SEARCH``): ``PATH``, the database file
    (created with its parent directories; not Django's database).
    """

    supports_facets = True
    supports_page_hits = True

    def __init__(self, params: dict[str, Any]) -> None:
        path = params.get("PATH")
        if not path:
            raise ImproperlyConfigured(
                "PORTAL_SEARCH['PATH'] is missing: set PORTAL_SEARCH_PATH to the file of the embedded search index."
            )
        if not fts5_available():
            raise ImproperlyConfigured(
                f"The embedded search backend needs SQLite with FTS5, but this Python's SQLite "
                f"{sqlite3.sqlite_version} was built without it. Use a Python whose sqlite3 has FTS5, "
                f"or set ELASTICSEARCH_URL to use the Elasticsearch backend."
            )
        self.path = Path(path)
        self._ready = False
        self._setup_lock = threading.Lock()

    # --- connections ------------------------------------------------------

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._unavailable(exc) from exc
        try:
            connection.execute("PRAGMA synchronous = NORMAL")  # safe in WAL mode
            yield connection
        except sqlite3.OperationalError as exc:  # locked too long, disk full, file gone
            raise self._unavailable(exc) from exc
        finally:
            connection.close()

    @contextlib.contextmanager
    def _transaction(self, write: bool) -> Iterator[sqlite3.Connection]:
        """A connection in a transaction: IMMEDIATE for writes, a consistent snapshot for reads."""
        self._ensure_ready()
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield connection
            except BaseException:
                with contextlib.suppress(sqlite3.Error):  # keep the original error
                    connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def _unavailable(self, exc: Exception) -> SearchUnavailable:
        return SearchUnavailable(
            f"The embedded search index {self.path} cannot be used ({exc}). Check that PORTAL_SEARCH['PATH'] "
            f"(PORTAL_SEARCH_PATH) is writable and the disk has space."
        )

    # --- schema -----------------------------------------------------------

    def setup(self) -> None:
        """Create the file and its tables if missing; check the schema version."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._unavailable(exc) from exc
        with self._connect() as connection:
            connection.execute("PRAGMA journal_mode = WAL")  # persistent in the file
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                # The index is derived data: start it afresh; reconcile refills it.
                logger.warning(
                    "The embedded search index %s has schema version %s, this code expects %s: emptied it. "
                    "Run `manage.py reconcile` to fill it again.", self.path, version, SCHEMA_VERSION,
                )
                for table in ("documents_fts", "pages_fts", "documents", "facet_values", "visibility", "pages"):
                    connection.execute(f"DROP TABLE IF EXISTS {table}")
            connection.executescript(_SCHEMA)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self._ready = True

    def _ensure_ready(self) -> None:
        if self._ready:
            return
        with self._setup_lock:
            if not self._ready:
                self.setup()

    # --- writing ----------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> None:
        with self._transaction(write=True) as connection:
            for document in documents:
                _delete_document(connection, document.id)
                _insert_document(connection, document)

    def delete(self, ids: Iterable[str]) -> None:
        with self._transaction(write=True) as connection:
            for id_ in ids:
                _delete_document(connection, id_)

    def clear(self) -> None:
        with self._transaction(write=True) as connection:
            for table in ("documents", "facet_values", "visibility", "pages", "documents_fts", "pages_fts"):
                connection.execute(f"DELETE FROM {table}")

    # --- reading ----------------------------------------------------------

    def count(self) -> int:
        with self._transaction(write=False) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]

    def fingerprints(self) -> dict[str, str]:
        with self._transaction(write=False) as connection:
            return dict(connection.execute("SELECT id, fingerprint FROM documents"))

    def search(self, query: SearchQuery) -> SearchResults:
        page, page_size = max(1, query.page), max(1, query.page_size)
        match = match_expression(query.text)
        with self._transaction(write=False) as connection:
            candidates = _candidates(connection, match, query.viewer_groups)
            values = _facet_values(connection, [candidate.doc for candidate in candidates])
            selected = {facet.name: set(chosen) for facet in FACETS if (chosen := query.filters.get(facet.name))}

            def passes(doc: int, ignoring: str | None = None) -> bool:
                return all(values[doc][name] & chosen for name, chosen in selected.items() if name != ignoring)

            hits = _ordered([candidate for candidate in candidates if passes(candidate.doc)], by_score=bool(match))
            facets = {
                facet.name: facet_counts(
                    Counter(value for candidate in candidates if passes(candidate.doc, facet.name)
                            for value in values[candidate.doc][facet.name]),
                    query.filters.get(facet.name, ()),
                )
                for facet in FACETS
            }
            start = (page - 1) * page_size
            shown = hits[start:start + page_size]
            return SearchResults(
                total=len(hits),
                hits=_hits(connection, shown, match, match_expression(query.text, "OR")),
                facets=facets,
                page=page,
                page_size=page_size,
            )


# --- writing, row by row ---------------------------------------------------------


def _clean(text: str) -> str:
    return text.translate(_STRIP_SENTINELS)


def _delete_document(connection: sqlite3.Connection, id_: str) -> None:
    row = connection.execute("SELECT doc FROM documents WHERE id = ?", (id_,)).fetchone()
    if row is None:
        return  # unknown ids are fine
    doc = row[0]
    connection.execute("DELETE FROM pages_fts WHERE rowid IN (SELECT page FROM pages WHERE doc = ?)", (doc,))
    for table in ("pages", "facet_values", "visibility", "documents"):
        connection.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))
    connection.execute("DELETE FROM documents_fts WHERE rowid = ?", (doc,))


def _insert_document(connection: sqlite3.Connection, document: SearchDocument) -> None:
    doc = connection.execute(
        "INSERT INTO documents (id, content_type, title, title_sort, url, summary, language, date, detected, "
        "fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (document.id, document.content_type, document.title, document.title.lower(), document.url,
         document.summary, document.language, document.date.isoformat() if document.date else None,
         _json(document.detected), document.fingerprint),
    ).lastrowid
    connection.execute(
        "INSERT INTO documents_fts (rowid, title, summary, body) VALUES (?, ?, ?, ?)",
        (doc, _clean(document.title), _clean(document.summary), _clean(document.body)),
    )
    connection.executemany(
        "INSERT INTO facet_values (doc, facet, position, value) VALUES (?, ?, ?, ?)",
        [(doc, facet.name, position, value)
         for facet in FACETS for position, value in enumerate(dict.fromkeys(document.facet_values(facet.field)))],
    )
    connection.executemany("INSERT INTO visibility (grp, doc) VALUES (?, ?)",
                           [(group, doc) for group in dict.fromkeys(document.visibility)])
    position = 0
    for attachment in document.attachments:
        for page in attachment.pages:
            page_row = connection.execute(
                "INSERT INTO pages (doc, position, attachment_title, attachment_url, number) VALUES (?, ?, ?, ?, ?)",
                (doc, position, attachment.title, attachment.url, page.number),
            ).lastrowid
            connection.execute("INSERT INTO pages_fts (rowid, text) VALUES (?, ?)", (page_row, _clean(page.text)))
            position += 1


# --- reading ------------------------------------------------------------------


def _json(items: Iterable[Any]) -> str:
    """A JSON array for ``json_each(?)``: a list parameter of any length."""
    return json.dumps(list(items))


_VISIBLE = "EXISTS (SELECT 1 FROM visibility v WHERE v.doc = d.doc AND v.grp IN (SELECT value FROM json_each(:groups)))"

_MATCHING = f"""
WITH matched (doc, score) AS (
    SELECT rowid, -bm25(documents_fts, {", ".join(map(str, COLUMN_WEIGHTS))})
    FROM documents_fts WHERE documents_fts MATCH :match
    UNION ALL
    SELECT p.doc, -bm25(pages_fts)
    FROM pages_fts JOIN pages p ON p.page = pages_fts.rowid WHERE pages_fts MATCH :match
)
SELECT d.doc, max(m.score), d.id, d.date, d.title_sort
FROM matched m JOIN documents d ON d.doc = m.doc
WHERE {_VISIBLE}
GROUP BY d.doc
"""

_ALL = f"SELECT d.doc, 0.0, d.id, d.date, d.title_sort FROM documents d WHERE {_VISIBLE}"


def _candidates(connection: sqlite3.Connection, match: str, groups: Sequence[str]) -> list[_Candidate]:
    """Visible documents matching the text (every visible document for no text)."""
    if match:
        rows = connection.execute(_MATCHING, {"match": match, "groups": _json(groups)})
    else:
        rows = connection.execute(_ALL, {"groups": _json(groups)})
    return [_Candidate(*row) for row in rows]


def _facet_values(connection: sqlite3.Connection, docs: list[int]) -> dict[int, dict[str, set[str]]]:
    values: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    rows = connection.execute(
        "SELECT doc, facet, value FROM facet_values WHERE doc IN (SELECT value FROM json_each(?))", (_json(docs),)
    )
    for doc, facet, value in rows:
        values[doc][facet].add(value)
    return values


def _ordered(candidates: list[_Candidate], by_score: bool) -> list[_Candidate]:
    """By relevance if there is text, then newest first (undated last), then title and id."""
    ordered = sorted(candidates, key=lambda c: (c.title_sort, c.id))
    ordered.sort(key=lambda c: c.date or "", reverse=True)  # stable: ties keep title order
    if by_score:
        ordered.sort(key=lambda c: c.score, reverse=True)
    return ordered


def _hits(connection: sqlite3.Connection, shown: list[_Candidate], match: str, any_clause: str) -> tuple[Hit, ...]:
    if not shown:
        return ()
    docs = _json(candidate.doc for candidate in shown)
    rows = {row[0]: row for row in connection.execute(
        "SELECT doc, id, content_type, title, url, summary, date FROM documents "
        "WHERE doc IN (SELECT value FROM json_each(?))", (docs,))}
    facet_rows: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for doc, facet, value in connection.execute(
        "SELECT doc, facet, value FROM facet_values WHERE doc IN (SELECT value FROM json_each(?)) "
        "ORDER BY doc, facet, position", (docs,)
    ):
        facet_rows[doc][facet].append(value)
    highlights = _highlights(connection, docs, any_clause) if match else {}
    page_hits = _page_hits(connection, docs, match) if match else {}
    hits = []
    for candidate in shown:
        doc, id_, content_type, title, url, summary, date = rows[candidate.doc]
        facet_fields = {facet.field: tuple(facet_rows[doc][facet.name]) for facet in FACETS
                        if facet.field in _HIT_FIELDS}
        hits.append(Hit(
            id=id_, content_type=content_type, title=title, url=url, summary=summary,
            date=dt.date.fromisoformat(date) if date else None, score=candidate.score,
            highlights=highlights.get(doc, ()), page_hits=page_hits.get(doc, ()), **facet_fields,
        ))
    return tuple(hits)


def _highlights(connection: sqlite3.Connection, docs: str, any_clause: str) -> dict[int, tuple[str, ...]]:
    """Marked title, summary and a body fragment: every clause that occurs, like Elasticsearch's highlighter.

    ``any_clause`` ORs the clauses, so a document found by its PDF still
    shows the words that occur in its own fields.
    """
    rows = connection.execute(
        f"SELECT rowid, highlight(documents_fts, 0, :open, :close), highlight(documents_fts, 1, :open, :close), "
        f"snippet(documents_fts, 2, :open, :close, '…', {SNIPPET_TOKENS}) "
        f"FROM documents_fts WHERE documents_fts MATCH :match AND rowid IN (SELECT value FROM json_each(:docs))",
        {"open": _OPEN, "close": _CLOSE, "match": any_clause, "docs": docs},
    )
    return {doc: tuple(mark_up(text) for text in texts if _OPEN in text) for doc, *texts in rows}


def _page_hits(connection: sqlite3.Connection, docs: str, match: str) -> dict[int, tuple[PageHit, ...]]:
    """The best ``MAX_PAGE_HITS`` pages per document on which every clause occurs."""
    rows = connection.execute(
        f"SELECT p.doc, p.attachment_title, p.attachment_url, p.number, "
        f"snippet(pages_fts, 0, :open, :close, '…', {SNIPPET_TOKENS}), -bm25(pages_fts) AS score "
        f"FROM pages_fts JOIN pages p ON p.page = pages_fts.rowid "
        f"WHERE pages_fts MATCH :match AND p.doc IN (SELECT value FROM json_each(:docs)) "
        f"ORDER BY p.doc, score DESC, p.position",
        {"open": _OPEN, "close": _CLOSE, "match": match, "docs": docs},
    )
    pages: dict[int, list[PageHit]] = defaultdict(list)
    for doc, title, url, number, snippet, _score in rows:
        if len(pages[doc]) < MAX_PAGE_HITS:
            pages[doc].append(PageHit(attachment_title=title, attachment_url=url, number=number,
                                      highlight=mark_up(snippet)))
    return {doc: tuple(hits) for doc, hits in pages.items()}
