"""The embedded index's file layout: its tables (DDL), schema version and connection pragmas.

Also the tables of a full rebuild (``rebuild_v<N>_*``, see
:meth:`EmbeddedBackend.begin_rebuild <search.backends.embedded.backend.EmbeddedBackend.begin_rebuild>`)
and how a rebuild's rows are written through the live table names
(:class:`_RenamedTables`).
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any, Iterable

SCHEMA_VERSION = 6  # 3: stems columns (search.analysis); 4: roles and readiness (search.partners); 5: scopes;
# 6: a page's rowid holds its document (PAGE_BITS), facet values indexed by value
BUSY_TIMEOUT = 10.0  # seconds a writer waits for another
TOKENIZER = "unicode61 remove_diacritics 2"
# A page's rowid is ``doc << PAGE_BITS | position``: the pages of a document are one rowid range, and
# which documents a full-text query finds on their pages is ``rowid >> PAGE_BITS``, without a join.
PAGE_BITS = 20
MAX_PAGES = 1 << PAGE_BITS  # PDF pages of one document
# Read connections map the file (shared with the OS page cache) and sort in memory.
READ_PRAGMAS = ("PRAGMA mmap_size = 1073741824", "PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -16384")

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
