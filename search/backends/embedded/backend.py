"""The embedded backend's class: connections and transactions, schema setup, writing, reading and rebuilds.

The SQL lives beside it: the tables in :mod:`.schema`, query compilation
and ranking in :mod:`.query`, hits, highlights and facets in
:mod:`.results`, row writing in :mod:`.writing`, spelling and related
content in :mod:`.suggestions`.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import re
import sqlite3
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable, Iterator

from django.core.exceptions import ImproperlyConfigured

from search.backends.base import MAX_SUGGESTIONS, SearchUnavailable, TitleSuggestion, suggestion_words
from search.backends.embedded.query import (_VISIBLE, _Candidate, _candidates, _holding, _in_scope, _json,
                                            _ordered)
from search.backends.embedded.results import _facets, _hits
from search.backends.embedded.schema import (_SCHEMA, _TABLES, _VERSION_TABLE, BUSY_TIMEOUT, READ_PRAGMAS,
                                             SCHEMA_VERSION, _building_versions, _drop_rebuild_tables,
                                             _live_version, _rebuild_prefix, _RenamedTables, _schema_statements,
                                             fts5_available)
from search.backends.embedded.suggestions import (RELATED_TEXT_WEIGHT, _correction, _create_vocabularies,
                                                  _significant_terms)
from search.backends.embedded.writing import _delete_document, _insert_document
from search.documents import SearchDocument
from search.facets import FACETS, SUBJECT_FACETS
from search.matching import text_query
from search.query import Hit, SearchQuery, SearchResults
from search.spelling import correctable, spelling_words

logger = logging.getLogger(__package__)  # "search.backends.embedded", as before the split


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
