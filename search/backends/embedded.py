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

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import html
import json
import logging
import math
import re
import sqlite3
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from django.core.exceptions import ImproperlyConfigured

from search.backends.base import MAX_SUGGESTIONS, SearchUnavailable, TitleSuggestion, suggestion_words
from search.documents import SearchDocument
from search.facets import FACETS, FACETS_BY_NAME, SUBJECT_FACETS
from search.analysis import stems_text
from search.matching import (CHOSEN_TAG_BONUS, ENTRY_WEIGHTS, LABEL_BONUS, PHRASE_BONUS, PROXIMITY_BONUS,
                             PROXIMITY_WINDOW, Clause, TextQuery, clause_weights, text_query)
from search.query import (MAX_PAGE_HITS, Hit, PageHit, SearchQuery, SearchResults, facet_counts,
                          text_clauses)
from search.spelling import correctable, fold, rank_candidates, spelling_words

SCHEMA_VERSION = 6  # 3: stems columns (search.analysis); 4: roles and readiness (search.partners); 5: scopes;
# 6: a page's rowid holds its document (PAGE_BITS), facet values indexed by value
BUSY_TIMEOUT = 10.0  # seconds a writer waits for another
TOKENIZER = "unicode61 remove_diacritics 2"
# BM25 weights of documents_fts's columns, as the Elasticsearch boosts (the stems as the body)
COLUMN_WEIGHTS = (3.0, 2.0, 1.0, 1.0)
TEXT_COLUMNS = "{title summary body}"
SNIPPET_TOKENS = 24
# A page's rowid is ``doc << PAGE_BITS | position``: the pages of a document are one rowid range, and
# which documents a full-text query finds on their pages is ``rowid >> PAGE_BITS``, without a join.
PAGE_BITS = 20
MAX_PAGES = 1 << PAGE_BITS  # PDF pages of one document
# Read connections map the file (shared with the OS page cache) and sort in memory.
READ_PRAGMAS = ("PRAGMA mmap_size = 1073741824", "PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -16384")
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
    roles TEXT NOT NULL DEFAULT '[]',
    readiness INTEGER,
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
CREATE INDEX IF NOT EXISTS facet_values_value ON facet_values (facet, value);
CREATE INDEX IF NOT EXISTS visibility_doc ON visibility (doc);
CREATE TABLE IF NOT EXISTS scopes (
    scope TEXT NOT NULL,
    doc INTEGER NOT NULL,
    PRIMARY KEY (scope, doc)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS scopes_doc ON scopes (doc);
CREATE TABLE IF NOT EXISTS pages (
    page INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL,
    position INTEGER NOT NULL,
    attachment_title TEXT NOT NULL,
    attachment_url TEXT NOT NULL,
    number INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS pages_doc ON pages (doc);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(title, summary, body, stems, tokenize='{TOKENIZER}');
CREATE VIRTUAL TABLE IF NOT EXISTS pages_fts USING fts5(text, stems, tokenize='{TOKENIZER}');
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


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def clause_expression(clause: Clause, text_columns: str) -> str:
    """An FTS5 expression true where ``clause`` occurs: as written in ``text_columns``, or by its stems.

    Each of the clause's alternatives is a group of stems that must all
    stand in the ``stems`` column (a compound's parts: ``kupf`` and
    ``recycl``).  Stems hold letters and digits only.  Synonyms count as
    written too.
    """
    options = [f"({text_columns} : {_quoted(form)})" for form in clause.written_forms]
    options += ["(stems : (" + " AND ".join(_quoted(stem) for stem in group) + "))" for group in clause.alternatives]
    return " OR ".join(options)


def highlight_expression(query: TextQuery, text_columns: str) -> str:
    """Every clause and its synonyms as written, and every word's stem as a prefix of the text: what results mark."""
    terms = [f"({text_columns} : {_quoted(form)})" for clause in query.clauses for form in clause.written_forms]
    terms += [f"({text_columns} : {_quoted(clause.highlight_prefix)}*)"
              for clause in query.clauses if clause.highlight_prefix]
    return " OR ".join(terms)


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
            for pragma in READ_PRAGMAS:
                connection.execute(pragma)
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
                for table in _TABLES:
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

    # A committed transaction is visible at once: ``refresh`` has nothing to do here.

    def index(self, documents: Iterable[SearchDocument], refresh: bool = True) -> None:
        with self._transaction(write=True) as connection:
            for document in documents:
                _delete_document(connection, document.id)
                _insert_document(connection, document)

    def delete(self, ids: Iterable[str], refresh: bool = True) -> None:
        with self._transaction(write=True) as connection:
            for id_ in ids:
                _delete_document(connection, id_)

    def refresh(self) -> None:
        """Nothing to do: every write is visible once committed."""

    def clear(self) -> None:
        with self._transaction(write=True) as connection:
            for table in _TABLES:
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
        text = text_query(query.text, filters=query.filters)
        with self._transaction(write=False) as connection:
            candidates = _candidates(connection, text, query.viewer_groups)
            if query.scope is not None:  # like a filter: membership only, the words weigh as without it
                candidates = _in_scope(connection, candidates, query.scope)
            docs = {candidate.doc for candidate in candidates}
            # per selected facet, the candidates holding one of its chosen values
            passing = {facet.name: _holding(connection, facet.name, chosen, docs)
                       for facet in FACETS if (chosen := query.filters.get(facet.name))}
            hit_docs = docs.intersection(*passing.values())
            hits = _ordered([candidate for candidate in candidates if candidate.doc in hit_docs],
                            by_score=bool(text) and query.sort != "date")
            facets = _facets(connection, docs, hit_docs, passing, query.filters)
            start = (page - 1) * page_size
            shown = hits[start:start + page_size]
            return SearchResults(
                total=len(hits),
                hits=_hits(connection, shown, text),
                facets=facets,
                page=page,
                page_size=page_size,
            )

    # --- autocomplete, "did you mean" and related content ----------------

    def suggest_titles(self, text: str, viewer_groups: tuple[str, ...],
                       limit: int = MAX_SUGGESTIONS) -> tuple[TitleSuggestion, ...]:
        """FTS5 prefix queries on the title column: ``title : "ind"* AND title : "rück"*``."""
        words = suggestion_words(text)
        limit = max(0, min(int(limit), MAX_SUGGESTIONS))
        if not words or not limit:
            return ()
        match = " AND ".join(f'title : "{word}"*' for word in words)  # words hold letters and digits only
        with self._transaction(write=False) as connection:
            try:
                rows = connection.execute(
                    f"SELECT d.id, d.content_type, d.title, d.url FROM documents_fts "
                    f"JOIN documents d ON d.doc = documents_fts.rowid "
                    f"WHERE documents_fts MATCH :match AND {_VISIBLE} ORDER BY d.title_sort, d.id LIMIT :limit",
                    {"match": match, "groups": _json(viewer_groups), "limit": limit},
                ).fetchall()
            except sqlite3.OperationalError:  # a word the tokenizer makes nothing of: no suggestion
                logger.debug("No title suggestions for %r", text, exc_info=True)
                return ()
        return tuple(TitleSuggestion(*row) for row in rows)

    def spelling(self, text: str, viewer_groups: tuple[str, ...]) -> str | None:
        """Candidates from ``fts5vocab`` tables (every item's words), counted again among visible items."""
        words = spelling_words(text)
        if not any(correctable(word) for word in words):
            return None
        corrected, changed = [], False
        with self._transaction(write=False) as connection:
            _create_vocabularies(connection)
            for word in words:
                replacement = _correction(connection, word, viewer_groups) if correctable(word) else None
                corrected.append(replacement or word)
                changed = changed or replacement is not None
        return " ".join(corrected) if changed else None

    def related(self, id: str, viewer_groups: tuple[str, ...], limit: int = 5) -> tuple[Hit, ...]:
        """Shared facet values (one point each) plus BM25 on the item's significant words (up to 3 points)."""
        limit = max(0, int(limit))
        with self._transaction(write=False) as connection:
            row = connection.execute(
                f"SELECT d.doc FROM documents d WHERE d.id = :id AND {_VISIBLE}",
                {"id": id, "groups": _json(viewer_groups)},
            ).fetchone()
            if row is None or not limit:
                return ()
            doc = row[0]
            scores: dict[int, float] = defaultdict(float)
            for other, shared in connection.execute(
                "SELECT other.doc, count(*) FROM facet_values own JOIN facet_values other "
                "ON other.facet = own.facet AND other.value = own.value AND other.doc != own.doc "
                "WHERE own.doc = ? AND own.facet IN (SELECT value FROM json_each(?)) GROUP BY other.doc",
                (doc, _json([facet.name for facet in SUBJECT_FACETS])),
            ):
                scores[other] += shared
            _create_vocabularies(connection)
            terms = _significant_terms(connection, doc)
            if terms:
                text_scores = dict(connection.execute(
                    "SELECT rowid, -bm25(documents_fts) FROM documents_fts WHERE documents_fts MATCH ? AND rowid != ?",
                    (" OR ".join(f'"{term}"' for term in terms), doc),
                ))
                best = max(text_scores.values(), default=0.0)
                for other, score in text_scores.items():
                    if best > 0 and score > 0:
                        scores[other] += RELATED_TEXT_WEIGHT * score / best
            if not scores:
                return ()
            visible = connection.execute(
                f"SELECT d.doc, 0.0, d.id, d.date, d.title_sort FROM documents d "
                f"WHERE d.doc IN (SELECT value FROM json_each(:docs)) AND {_VISIBLE}",
                {"docs": _json(scores), "groups": _json(viewer_groups)},
            )
            candidates = [_Candidate(doc_, scores[doc_], *rest) for doc_, _score, *rest in visible]
            shown = _ordered(candidates, by_score=True)[:limit]
            return _hits(connection, shown, None)

    # --- full rebuilds (search.rebuild) ----------------------------------
    #
    # Version N+1 is built in tables of the same file named ``rebuild_v<N+1>_*``
    # (without their secondary indices, which only slow a bulk load), written
    # by the very functions live indexing uses.  finish_rebuild then, in one
    # write transaction, drops the live tables, renames the new ones and adds
    # the indices.  Not a second file swapped with os.replace: every call opens
    # the file by name and it is in WAL mode, so a connection still open on
    # the old file would share its -wal and -shm files with the new one.  Here
    # a reader keeps its snapshot (old tables) until its transaction ends, and
    # the next one sees the new tables.  One rebuild at a time per file: a lock
    # file beside it (released by the kernel if the process dies) says so.

    def live_version(self) -> str:
        with self._transaction(write=False) as connection:
            return f"v{_live_version(connection)}"

    def stored_versions(self) -> list[str]:
        with self._transaction(write=False) as connection:
            versions = {_live_version(connection), *_building_versions(connection)}
        return [f"v{version}" for version in sorted(versions)]

    def begin_rebuild(self) -> str:
        self._ensure_ready()
        self._lock_rebuild()
        try:
            with self._transaction(write=True) as connection:
                # Tables of an interrupted rebuild: the lock proves nobody builds them now.
                for version in _building_versions(connection):
                    _drop_rebuild_tables(connection, version)
                version = _live_version(connection) + 1
                for statement in _schema_statements("CREATE TABLE", "CREATE VIRTUAL TABLE"):
                    connection.execute(_RenamedTables.rename(statement, _rebuild_prefix(version)))
        except BaseException:
            self._unlock_rebuild()
            raise
        return f"v{version}"

    def index_into(self, target: str, documents: Iterable[SearchDocument]) -> None:
        version = self._rebuild_version(target)
        with self._transaction(write=True) as connection:
            self._check_rebuild_tables(connection, version)
            tables = _RenamedTables(connection, _rebuild_prefix(version))
            for document in documents:
                _delete_document(tables, document.id)
                _insert_document(tables, document)

    def finish_rebuild(self, target: str) -> list[str]:
        version = self._rebuild_version(target)
        prefix = _rebuild_prefix(version)
        with self._transaction(write=True) as connection:
            self._check_rebuild_tables(connection, version)
            previous = _live_version(connection)
            for table in _TABLES:
                connection.execute(f"DROP TABLE IF EXISTS {table}")
            for table in _TABLES:
                connection.execute(f"ALTER TABLE {prefix}{table} RENAME TO {table}")
            for statement in _schema_statements("CREATE INDEX"):
                connection.execute(statement)
            connection.execute(f"CREATE TABLE IF NOT EXISTS {_VERSION_TABLE} (version INTEGER NOT NULL)")
            connection.execute(f"DELETE FROM {_VERSION_TABLE}")
            connection.execute(f"INSERT INTO {_VERSION_TABLE} (version) VALUES (?)", (version,))
        self._unlock_rebuild()
        return [f"v{previous}"]

    def abort_rebuild(self, target: str) -> None:
        version = self._rebuild_version(target)
        try:
            with self._transaction(write=True) as connection:
                _drop_rebuild_tables(connection, version)
        finally:
            self._unlock_rebuild()

    def _rebuild_version(self, target: str) -> int:
        match = re.fullmatch(r"v(\d+)", target)
        if not match:
            raise ValueError(f"{target!r} is not a version of the embedded index (like 'v2')")
        return int(match.group(1))

    def _check_rebuild_tables(self, connection: sqlite3.Connection, version: int) -> None:
        if version not in _building_versions(connection):
            raise SearchUnavailable(
                f"The rebuild v{version} of the embedded search index {self.path} no longer exists (was it "
                f"aborted or already finished?). Run the reindex again."
            )

    def _lock_rebuild(self) -> None:
        lock_path = self.path.with_name(self.path.name + ".rebuild-lock")
        try:
            handle = open(lock_path, "a")
        except OSError as exc:
            raise self._unavailable(exc) from exc
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise SearchUnavailable(
                f"Another reindex is rebuilding the embedded search index {self.path} right now (it holds "
                f"{lock_path}). Wait until it has finished; run the reindex again only if it failed."
            ) from None
        self._rebuild_lock = handle

    def _unlock_rebuild(self) -> None:
        handle = getattr(self, "_rebuild_lock", None)
        if handle is not None:
            self._rebuild_lock = None
            handle.close()  # closing releases the flock

# --- writing, row by row ---------------------------------------------------------


def _clean(text: str) -> str:
    return text.translate(_STRIP_SENTINELS)


def _delete_document(connection: sqlite3.Connection, id_: str) -> None:
    row = connection.execute("SELECT doc FROM documents WHERE id = ?", (id_,)).fetchone()
    if row is None:
        return  # unknown ids are fine
    doc = row[0]
    connection.execute("DELETE FROM pages_fts WHERE rowid IN (SELECT page FROM pages WHERE doc = ?)", (doc,))
    for table in ("pages", "facet_values", "visibility", "scopes", "documents"):
        connection.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))
    connection.execute("DELETE FROM documents_fts WHERE rowid = ?", (doc,))


def _insert_document(connection: sqlite3.Connection, document: SearchDocument) -> None:
    doc = connection.execute(
        "INSERT INTO documents (id, content_type, title, title_sort, url, summary, language, date, detected, "
        "roles, readiness, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (document.id, document.content_type, document.title, document.title.lower(), document.url,
         document.summary, document.language, document.date.isoformat() if document.date else None,
         _json(document.detected), _json(document.roles), document.readiness, document.fingerprint),
    ).lastrowid
    connection.execute(
        "INSERT INTO documents_fts (rowid, title, summary, body, stems) VALUES (?, ?, ?, ?, ?)",
        (doc, _clean(document.title), _clean(document.summary), _clean(document.body),
         stems_text(" ".join((document.title, document.summary, document.body)))),
    )
    connection.executemany(
        "INSERT INTO facet_values (doc, facet, position, value) VALUES (?, ?, ?, ?)",
        [(doc, facet.name, position, value)
         for facet in FACETS for position, value in enumerate(dict.fromkeys(document.facet_values(facet.field)))],
    )
    connection.executemany("INSERT INTO visibility (grp, doc) VALUES (?, ?)",
                           [(group, doc) for group in dict.fromkeys(document.visibility)])
    connection.executemany("INSERT INTO scopes (scope, doc) VALUES (?, ?)",
                           [(scope, doc) for scope in dict.fromkeys(document.scopes)])
    position = 0
    for attachment in document.attachments:
        for page in attachment.pages:
            if position >= MAX_PAGES:
                raise ValueError(f"{document.id} has more than {MAX_PAGES} PDF pages, more than the embedded "
                                 f"search index holds per item: split its attachments over several items.")
            page_row = (doc << PAGE_BITS) | position
            connection.execute(
                "INSERT INTO pages (page, doc, position, attachment_title, attachment_url, number) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (page_row, doc, position, attachment.title, attachment.url, page.number),
            )
            connection.execute("INSERT INTO pages_fts (rowid, text, stems) VALUES (?, ?, ?)",
                               (page_row, _clean(page.text), stems_text(page.text)))
            position += 1


# --- reading ------------------------------------------------------------------


def _json(items: Iterable[Any]) -> str:
    """A JSON array for ``json_each(?)``: a list parameter of any length."""
    return json.dumps(list(items))


_VISIBLE = "EXISTS (SELECT 1 FROM visibility v WHERE v.doc = d.doc AND v.grp IN (SELECT value FROM json_each(:groups)))"

_ALL = f"SELECT d.doc, 0.0, d.id, d.date, d.title_sort FROM documents d WHERE {_VISIBLE}"


# With both a MATCH and a rowid constraint, SQLite may look every listed rowid up
# and run the whole full-text query again for each one: quadratic on a large
# index.  The unary plus in "+rowid IN (...)" hides the rowid constraint from
# FTS5, so the MATCH runs once and the list only filters its rows.


def _candidates(connection: sqlite3.Connection, text: TextQuery, groups: Sequence[str]) -> list[_Candidate]:
    """Visible documents matching the text (every one for no text).

    Each required clause is looked up on its own, in the own fields and in
    the pages; an item holds it if either does.  Its weight is its rarity
    among the visible items (``search.matching.clause_weights``), and the
    items holding enough weight are the candidates.  The score is BM25 of
    all clauses together on the own fields plus that of the best page, the
    coordination bonus and the proximity bonus.

    SQLite does the work that grows with the pages (which documents a clause
    finds on their pages, the best page's BM25): Python sees one row per
    document, never one per page.
    """
    if not text:
        return [_Candidate(*row) for row in connection.execute(_ALL, {"groups": _json(groups)})]
    visible = {doc for (doc,) in connection.execute(
        "SELECT DISTINCT doc FROM visibility WHERE grp IN (SELECT value FROM json_each(?))", (_json(groups),))}
    holders: list[set[int]] = []
    labelled: Counter[int] = Counter()  # doc -> clauses it holds by a facet value they name
    for clause in text.required:
        docs = {rowid for (rowid,) in connection.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", (clause_expression(clause, TEXT_COLUMNS),))}
        tagged = _tagged(connection, clause)
        labelled.update(tagged)
        docs |= tagged
        docs.update(doc for (doc,) in connection.execute(
            f"SELECT DISTINCT rowid >> {PAGE_BITS} FROM pages_fts WHERE pages_fts MATCH ?",
            (clause_expression(clause, "text"),)))
        holders.append(docs & visible)
    weights = clause_weights(text, [len(docs) for docs in holders], len(visible))
    matched = {doc: [doc in docs for docs in holders] for doc in set().union(*holders)}
    chosen = {doc: weights.coordination(flags) for doc, flags in matched.items() if weights.is_candidate(flags)}
    if not chosen:
        return []
    any_clause = " OR ".join(clause_expression(clause, TEXT_COLUMNS) for clause in text.clauses)
    scores: dict[int, float] = dict.fromkeys(chosen, 0.0)
    scores.update(connection.execute(
        f"SELECT rowid, -bm25(documents_fts, {', '.join(map(str, COLUMN_WEIGHTS))}) FROM documents_fts "
        f"WHERE documents_fts MATCH :match AND +rowid IN (SELECT value FROM json_each(:rows))",
        {"match": any_clause, "rows": _json(chosen)}))
    pages = _PageFilter(text, list(chosen))
    # the inner query is not flattened (LIMIT -1): bm25() must run on the full-text cursor itself
    best_page: dict[int, float] = dict(connection.execute(
        f"SELECT doc, max(score) FROM (SELECT pages_fts.rowid >> {PAGE_BITS} AS doc, -bm25(pages_fts) AS score "
        f"FROM pages_fts WHERE pages_fts MATCH :match AND {pages.condition} LIMIT -1) GROUP BY doc",
        pages.parameters(pages.any_clause)))
    tagged_by_editors = _tagged_by_editors(connection, text, list(chosen))
    for doc in _near(connection, text, list(chosen), pages):
        scores[doc] += PROXIMITY_BONUS
    for clause in text.exact_phrases:  # held as written, word for word
        for doc in _held(connection, _quoted(clause.text), list(chosen), pages):
            scores[doc] += PHRASE_BONUS
    candidates: list[_Candidate] = []
    for doc, content_type, *rest in connection.execute(
        "SELECT d.doc, d.content_type, d.id, d.date, d.title_sort FROM documents d "
        "WHERE d.doc IN (SELECT value FROM json_each(?))",
        (_json(chosen),),
    ):
        score = (scores[doc] + best_page.get(doc, 0.0) + chosen[doc] + LABEL_BONUS * labelled[doc]
                 + CHOSEN_TAG_BONUS * tagged_by_editors[doc]) * ENTRY_WEIGHTS.get(content_type, 1.0)
        candidates.append(_Candidate(doc, score, *rest))
    return candidates


class _PageFilter:
    """The pages that count for a query's scores: of the given documents, holding one of its required clauses.

    As an SQL condition on ``pages_fts`` beside a MATCH: the documents by
    rowid (``rowid >> PAGE_BITS``), the required clauses by a second
    full-text query when the query has optional clauses (a page holding
    only a stop word does not count), otherwise implied by the MATCH itself
    (:attr:`any_clause` is then the required clauses).
    """

    def __init__(self, text: TextQuery, docs: list[int]) -> None:
        self.any_clause = " OR ".join(clause_expression(clause, "text") for clause in text.clauses)
        self.required = " OR ".join(clause_expression(clause, "text") for clause in text.required)
        self.docs = docs
        self.condition = f"(pages_fts.rowid >> {PAGE_BITS}) IN (SELECT value FROM json_each(:docs))"
        if text.optional:
            self.condition += " AND +pages_fts.rowid IN (SELECT rowid FROM pages_fts WHERE pages_fts MATCH :required)"

    def parameters(self, match: str) -> dict[str, str]:
        return {"match": match, "docs": _json(self.docs), "required": self.required}


def _tagged_by_editors(connection: sqlite3.Connection, text: TextQuery, docs: list[int]) -> Counter[int]:
    """Per document of ``docs``: how many of ``text.chosen_tags`` it carries that ingestion did not detect."""
    counts: Counter[int] = Counter()
    for facet_name, slug in text.chosen_tags:
        detected = f"{FACETS_BY_NAME[facet_name].field}:{slug}"
        counts.update(doc for (doc,) in connection.execute(
            "SELECT f.doc FROM facet_values f JOIN documents d ON d.doc = f.doc "
            "WHERE f.facet = ? AND f.value = ? AND f.doc IN (SELECT value FROM json_each(?)) "
            "AND NOT EXISTS (SELECT 1 FROM json_each(d.detected) t WHERE t.value = ?)",
            (facet_name, slug, _json(docs), detected)))
    return counts


def _tagged(connection: sqlite3.Connection, clause: Clause) -> set[int]:
    """The documents carrying a facet value that ``clause`` names."""
    if not clause.tags:
        return set()
    return {doc for facet, value in clause.tags for (doc,) in connection.execute(
        "SELECT doc FROM facet_values WHERE facet = ? AND value = ?", (facet, value))}


def _near(connection: sqlite3.Connection, text: TextQuery, docs: list[int], pages: _PageFilter) -> set[int]:
    """The documents among ``docs`` whose own fields, or one of whose ``pages``, hold the query's words close together."""
    words = text.proximity_words
    if not words:
        return set()
    return _held(connection, f"NEAR({' '.join(_quoted(word) for word in words)}, {PROXIMITY_WINDOW})", docs, pages)


def _held(connection: sqlite3.Connection, expression: str, docs: list[int], pages: _PageFilter) -> set[int]:
    """The documents among ``docs`` whose text columns, or one of whose ``pages``, match the FTS5 ``expression``."""
    found = {doc for (doc,) in connection.execute(
        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH :match "
        "AND +rowid IN (SELECT value FROM json_each(:rows))",
        {"match": f"{TEXT_COLUMNS} : {expression}", "rows": _json(docs)})}
    # a page counts if it holds a required clause too: AND-ed into the MATCH, which then answers alone
    found.update(doc for (doc,) in connection.execute(
        f"SELECT DISTINCT rowid >> {PAGE_BITS} FROM pages_fts WHERE pages_fts MATCH :match "
        f"AND (rowid >> {PAGE_BITS}) IN (SELECT value FROM json_each(:docs))",
        {"match": f"(text : {expression}) AND ({pages.required})", "docs": _json(pages.docs)}))
    return found


def _in_scope(connection: sqlite3.Connection, candidates: list[_Candidate], scope: str) -> list[_Candidate]:
    """The candidates whose entry lists ``scope`` (``SearchDocument.scopes``), in their order."""
    members = {doc for (doc,) in connection.execute("SELECT doc FROM scopes WHERE scope = ?", (scope,))}
    return [candidate for candidate in candidates if candidate.doc in members]


def _holding(connection: sqlite3.Connection, facet: str, chosen: Sequence[str], docs: set[int]) -> set[int]:
    """The documents among ``docs`` carrying one of the ``chosen`` values of ``facet``."""
    return docs.intersection(doc for (doc,) in connection.execute(
        "SELECT doc FROM facet_values WHERE facet = ? AND value IN (SELECT value FROM json_each(?))",
        (facet, _json(chosen))))


def _facets(connection: sqlite3.Connection, docs: set[int], hit_docs: set[int], passing: dict[str, set[int]],
            filters: dict[str, Sequence[str]]) -> dict[str, tuple]:
    """Every facet's counts: over the candidates passing every other facet's filter, not its own (in SQL)."""
    counts: dict[str, dict[str, int]] = {facet.name: {} for facet in FACETS}

    def count(members: set[int], facet: str | None) -> None:
        if not members:
            return
        rows = connection.execute(
            "SELECT facet, value, count(*) FROM facet_values WHERE doc IN (SELECT value FROM json_each(:docs)) "
            + ("AND facet = :facet " if facet else "") + "GROUP BY facet, value",
            {"docs": _json(members), "facet": facet})
        for name, value, number in rows:
            if name in counts and (facet or name not in passing):
                counts[name][value] = number

    count(hit_docs, None)  # the facets without a filter: over the hits
    for name in passing:
        count(docs.intersection(*(members for other, members in passing.items() if other != name)), name)
    return {facet.name: facet_counts(counts[facet.name], filters.get(facet.name, ())) for facet in FACETS}


def _ordered(candidates: list[_Candidate], by_score: bool) -> list[_Candidate]:
    """By relevance if there is text, then newest first (undated last), then title and id."""
    ordered = sorted(candidates, key=lambda c: (c.title_sort, c.id))
    ordered.sort(key=lambda c: c.date or "", reverse=True)  # stable: ties keep title order
    if by_score:
        ordered.sort(key=lambda c: c.score, reverse=True)
    return ordered


def _hits(connection: sqlite3.Connection, shown: list[_Candidate], text: TextQuery | None) -> tuple[Hit, ...]:
    if not shown:
        return ()
    docs = _json(candidate.doc for candidate in shown)
    rows = {row[0]: row for row in connection.execute(
        "SELECT doc, id, content_type, title, url, summary, date, detected, roles, readiness FROM documents "
        "WHERE doc IN (SELECT value FROM json_each(?))", (docs,))}
    facet_rows: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for doc, facet, value in connection.execute(
        "SELECT doc, facet, value FROM facet_values WHERE doc IN (SELECT value FROM json_each(?)) "
        "ORDER BY doc, facet, position", (docs,)
    ):
        facet_rows[doc][facet].append(value)
    highlights = _highlights(connection, docs, highlight_expression(text, TEXT_COLUMNS)) if text else {}
    page_hits = _page_hits(connection, _best_pages(connection, text, [c.doc for c in shown]),
                           highlight_expression(text, "text")) if text else {}
    hits = []
    for candidate in shown:
        doc, id_, content_type, title, url, summary, date, detected, roles, readiness = rows[candidate.doc]
        facet_fields = {facet.field: tuple(facet_rows[doc][facet.name]) for facet in FACETS
                        if facet.field in _HIT_FIELDS}
        hits.append(Hit(
            id=id_, content_type=content_type, title=title, url=url, summary=summary,
            date=dt.date.fromisoformat(date) if date else None, score=candidate.score,
            highlights=highlights.get(doc, ()), page_hits=page_hits.get(doc, ()),
            detected=tuple(json.loads(detected)), roles=tuple(json.loads(roles)), readiness=readiness,
            **facet_fields,
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
        f"FROM documents_fts WHERE documents_fts MATCH :match AND +rowid IN (SELECT value FROM json_each(:docs))",
        {"open": _OPEN, "close": _CLOSE, "match": any_clause, "docs": docs},
    )
    return {doc: tuple(mark_up(text) for text in texts if _OPEN in text) for doc, *texts in rows}


def _best_pages(connection: sqlite3.Connection, text: TextQuery, docs: list[int]) -> list[int]:
    """The first ``MAX_PAGE_HITS`` pages of each of ``docs`` that count for the query, best first (then in order).

    Pages count as for the scores (:class:`_PageFilter`); one statement, so
    that FTS5 weighs the query's phrases once.
    """
    pages = _PageFilter(text, docs)
    found: dict[int, list[int]] = defaultdict(list)
    for page, in connection.execute(
        f"SELECT page FROM (SELECT pages_fts.rowid AS page, -bm25(pages_fts) AS score FROM pages_fts "
        f"WHERE pages_fts MATCH :match AND {pages.condition} LIMIT -1) "
        f"ORDER BY page >> {PAGE_BITS}, score DESC, page",
        pages.parameters(pages.any_clause),
    ):
        if len(found[page >> PAGE_BITS]) < MAX_PAGE_HITS:
            found[page >> PAGE_BITS].append(page)
    return [page for doc in docs for page in found.get(doc, ())]


def _page_hits(connection: sqlite3.Connection, pages: list[int], highlight: str) -> dict[int, tuple[PageHit, ...]]:
    """The ``pages`` (:func:`_best_pages`) as page hits per document, with marked snippets.

    A page found only through stems (a compound's parts) may hold nothing the
    highlight marks; it shows its beginning instead, as Elasticsearch does.
    """
    snippets = dict(connection.execute(
        f"SELECT rowid, snippet(pages_fts, 0, :open, :close, '…', {SNIPPET_TOKENS}) FROM pages_fts "
        f"WHERE pages_fts MATCH :match AND +rowid IN (SELECT value FROM json_each(:pages))",
        {"open": _OPEN, "close": _CLOSE, "match": highlight, "pages": _json(pages)},
    ))
    missing = [page for page in pages if page not in snippets]
    if missing:
        snippets.update(connection.execute(
            f"SELECT rowid, substr(text, 1, {SNIPPET_TOKENS * 8}) FROM pages_fts "
            f"WHERE rowid IN (SELECT value FROM json_each(?))", (_json(missing),)))
    metadata = {row[0]: row[1:] for row in connection.execute(
        "SELECT page, doc, attachment_title, attachment_url, number FROM pages "
        "WHERE page IN (SELECT value FROM json_each(?))", (_json(pages),))}
    found: dict[int, list[PageHit]] = defaultdict(list)
    for page in pages:
        doc, title, url, number = metadata[page]
        found[doc].append(PageHit(attachment_title=title, attachment_url=url, number=number,
                                  highlight=mark_up(snippets.get(page, ""))))
    return {doc: tuple(hits) for doc, hits in found.items()}


# --- rebuilding ------------------------------------------------------------------

_TABLES = ("documents", "facet_values", "visibility", "scopes", "pages", "documents_fts", "pages_fts")
_VERSION_TABLE = "index_version"  # one row: the version the live tables are; absent means 1
_REBUILD_TABLE = re.compile(r"^rebuild_v(\d+)_documents$")


def _rebuild_prefix(version: int) -> str:
    return f"rebuild_v{version}_"


def _schema_statements(*kinds: str) -> list[str]:
    """The statements of ``_SCHEMA`` that start with one of ``kinds`` ("CREATE INDEX", ...)."""
    statements = (statement.strip() for statement in _SCHEMA.split(";"))
    return [statement for statement in statements if statement.startswith(kinds)]


def _live_version(connection: sqlite3.Connection) -> int:
    exists = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                (_VERSION_TABLE,)).fetchone()
    row = connection.execute(f"SELECT version FROM {_VERSION_TABLE}").fetchone() if exists else None
    return row[0] if row else 1


def _building_versions(connection: sqlite3.Connection) -> list[int]:
    names = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rebuild_v%'")
    return sorted(int(match.group(1)) for (name,) in names if (match := _REBUILD_TABLE.match(name)))


def _drop_rebuild_tables(connection: sqlite3.Connection, version: int) -> None:
    for table in _TABLES:
        connection.execute(f"DROP TABLE IF EXISTS {_rebuild_prefix(version)}{table}")


class _RenamedTables:
    """A connection on which the backend's table names mean a rebuild's tables.

    ``documents`` becomes ``rebuild_v3_documents`` and so on, so the rebuild
    writes its rows with :func:`_insert_document` and :func:`_delete_document`
    themselves.  No column is named like a table, and values are parameters,
    so renaming whole words of the SQL is exact.
    """

    _NAMES = re.compile(r"\b(" + "|".join(sorted(_TABLES, key=len, reverse=True)) + r")\b")

    def __init__(self, connection: sqlite3.Connection, prefix: str) -> None:
        self._connection = connection
        self._prefix = prefix

    @classmethod
    def rename(cls, sql: str, prefix: str) -> str:
        return cls._NAMES.sub(lambda match: prefix + match.group(1), sql)

    def execute(self, sql: str, parameters: Any = ()) -> sqlite3.Cursor:
        return self._connection.execute(self.rename(sql, self._prefix), parameters)

    def executemany(self, sql: str, rows: Iterable[Any]) -> sqlite3.Cursor:
        return self._connection.executemany(self.rename(sql, self._prefix), rows)


# --- autocomplete, "did you mean" and related content ---------------------------

RELATED_TEXT_WEIGHT = 3.0  # the most similar text weighs as much as three shared facet values
RELATED_TERMS = 12  # significant words of an item looked for in others
MAX_VOCABULARY_SCAN = 20_000  # vocabulary rows read per misspelt word
_VOCABULARIES = {"documents_vocab": "documents_fts", "pages_vocab": "pages_fts"}
_TERM = re.compile(r"[^\W_]+")
_MARKED = re.compile(_OPEN + "(.+?)" + _CLOSE)


def _create_vocabularies(connection: sqlite3.Connection) -> None:
    """``fts5vocab`` column tables (term, column, rows holding it) of the live FTS tables, per connection.

    Per column, so that the ``stems`` column's made-up words ("recoveri")
    are never offered as spellings.
    """
    for vocabulary, table in _VOCABULARIES.items():
        connection.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{vocabulary} USING fts5vocab(main, {table}, col)")


def _visible_count(connection: sqlite3.Connection, term: str, groups: Sequence[str]) -> int:
    """Visible items holding ``term`` in their own fields or their PDFs."""
    return connection.execute(
        f"SELECT count(*) FROM documents d WHERE {_VISIBLE} AND ("
        f"d.doc IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH :match) OR "
        f"d.doc IN (SELECT p.doc FROM pages_fts JOIN pages p ON p.page = pages_fts.rowid "
        f"WHERE pages_fts MATCH :page_match))",
        {"match": f'{TEXT_COLUMNS} : "{term}"', "page_match": f'text : "{term}"', "groups": _json(groups)},
    ).fetchone()[0]


def _correction(connection: sqlite3.Connection, word: str, groups: Sequence[str]) -> str | None:
    """The nearest word of a visible item for a word no visible item holds (None: keep the word)."""
    folded = fold(word)
    if not _TERM.fullmatch(folded) or _visible_count(connection, folded, groups):
        return None
    first = folded[0]
    lengths = (len(folded) - 2, len(folded) + 2)
    terms: list[str] = []
    for vocabulary in _VOCABULARIES:
        terms += [term for (term,) in connection.execute(
            f"SELECT DISTINCT term FROM temp.{vocabulary} WHERE term >= ? AND term < ? "
            f"AND length(term) BETWEEN ? AND ? AND col != 'stems' LIMIT {MAX_VOCABULARY_SCAN}", (first, chr(ord(first) + 1), *lengths))]
    best: tuple[int, int, str] | None = None
    for rank, candidate in enumerate(rank_candidates(folded, terms)):
        if not _TERM.fullmatch(candidate):
            continue
        count = _visible_count(connection, candidate, groups)
        if count and (best is None or (rank, -count) < (best[0], -best[1])):
            best = (rank, count, candidate)
            break  # candidates come nearest first
    return _surface_form(connection, best[2], groups) if best else None


def _surface_form(connection: sqlite3.Connection, term: str, groups: Sequence[str]) -> str:
    """``term`` as a visible item spells it (FTS5 folds "rückgewinnung" to "ruckgewinnung"), lower case."""
    params = {"match": f'"{term}"', "groups": _json(groups), "open": _OPEN, "close": _CLOSE}
    row = connection.execute(
        f"SELECT highlight(documents_fts, 0, :open, :close) || ' ' || highlight(documents_fts, 1, :open, :close) "
        f"|| ' ' || snippet(documents_fts, 2, :open, :close, '', 4) FROM documents_fts "
        f"JOIN documents d ON d.doc = documents_fts.rowid WHERE documents_fts MATCH :match AND {_VISIBLE} LIMIT 1",
        params,
    ).fetchone() or connection.execute(
        f"SELECT snippet(pages_fts, 0, :open, :close, '', 4) FROM pages_fts JOIN pages p ON p.page = pages_fts.rowid "
        f"JOIN documents d ON d.doc = p.doc WHERE pages_fts MATCH :match AND {_VISIBLE} LIMIT 1",
        params,
    ).fetchone()
    found = _MARKED.search(row[0]) if row else None
    spelt = found.group(1).lower() if found else term
    return spelt if fold(spelt) == term else term


def _significant_terms(connection: sqlite3.Connection, doc: int) -> list[str]:
    """The item's words that few other items share (by tf-idf; words of one item or of most are left out)."""
    row = connection.execute("SELECT title, summary, substr(body, 1, 5000) FROM documents_fts WHERE rowid = ?",
                             (doc,)).fetchone()
    if row is None:
        return []
    counts = Counter(fold(term) for text in row for term in _TERM.findall(text or "") if len(term) >= 3)
    total = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    frequencies = dict(connection.execute(
        "SELECT term, max(doc) FROM temp.documents_vocab WHERE term IN (SELECT value FROM json_each(?)) "
        "AND col != 'stems' GROUP BY term",
        (_json(counts),),
    ))
    weighted = [
        (count * math.log(total / frequencies[term]), term)
        for term, count in counts.items()
        if 2 <= frequencies.get(term, 0) <= max(2, total // 3)
    ]
    return [term for _, term in sorted(weighted, reverse=True)[:RELATED_TERMS]]

