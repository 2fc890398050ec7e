"""What a search returns besides the order: hits with highlights and snippets, page hits, facet counts.

FTS5 marks matches with private-use sentinels (:data:`_OPEN`,
:data:`_CLOSE`), which :func:`mark_up` turns into ``<mark>`` after
HTML-escaping.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import sqlite3
from collections import defaultdict
from typing import Sequence

from search.backends.embedded.query import TEXT_COLUMNS, _Candidate, _json, _PageFilter, highlight_expression
from search.backends.embedded.schema import PAGE_BITS
from search.facets import FACETS
from search.matching import TextQuery
from search.query import MAX_PAGE_HITS, Hit, PageHit, facet_counts

SNIPPET_TOKENS = 24
# Private-use characters mark matches in FTS5's output; they are stripped
# from indexed text, so they can be told apart after HTML-escaping.
_OPEN, _CLOSE = "\ue000", "\ue001"
_HIT_FIELDS = set(Hit.__dataclass_fields__)


def mark_up(marked: str) -> str:
    """HTML-escape FTS5 output whose matches are between the sentinels, then mark them."""
    return html.escape(marked).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")


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
