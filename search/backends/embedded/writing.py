"""Writing, row by row: a search document into the index's tables, and out of them.

The same functions write the live tables and, through
:class:`search.backends.embedded.schema._RenamedTables`, a rebuild's.
"""

from __future__ import annotations

import sqlite3

from search.analysis import stems_text
from search.backends.embedded.query import _json
from search.backends.embedded.results import _CLOSE, _OPEN
from search.backends.embedded.schema import MAX_PAGES, PAGE_BITS
from search.documents import SearchDocument
from search.facets import FACETS

_STRIP_SENTINELS = str.maketrans("", "", _OPEN + _CLOSE)


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
