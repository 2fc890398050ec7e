"""Query compilation: user text to FTS5 MATCH expressions, and the SQL that selects and ranks candidates.

A clause is a quoted FTS5 phrase on the text columns, or for a word also
its stems on the ``stems`` column (:func:`clause_expression`), so user
input is never FTS5 syntax.  :func:`_candidates` finds the visible
documents holding enough of the clauses and scores them; the facet and
scope filters and the final order are here too.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from search.backends.embedded.schema import PAGE_BITS
from search.facets import FACETS_BY_NAME
from search.matching import (CHOSEN_TAG_BONUS, ENTRY_WEIGHTS, LABEL_BONUS, PHRASE_BONUS, PROXIMITY_BONUS,
                             PROXIMITY_WINDOW, Clause, TextQuery, clause_weights)
from search.query import text_clauses

# BM25 weights of documents_fts's columns, as the Elasticsearch boosts (the stems as the body)
COLUMN_WEIGHTS = (3.0, 2.0, 1.0, 1.0)
TEXT_COLUMNS = "{title summary body}"


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
    """Every clause and its synonyms as written, and every word's stem as a prefix of the text: what results mark.

    Optional stop words are not marked (:attr:`search.matching.TextQuery.highlighted`).
    """
    terms = [f"({text_columns} : {_quoted(form)})" for clause in query.highlighted for form in clause.written_forms]
    terms += [f"({text_columns} : {_quoted(clause.highlight_prefix)}*)"
              for clause in query.highlighted if clause.highlight_prefix]
    return " OR ".join(terms)


@dataclass
class _Candidate:
    """A visible document matching the text, with what ordering and facets need."""

    doc: int
    score: float
    id: str
    date: str | None
    title_sort: str


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



def _ordered(candidates: list[_Candidate], by_score: bool) -> list[_Candidate]:
    """By relevance if there is text, then newest first (undated last), then title and id."""
    ordered = sorted(candidates, key=lambda c: (c.title_sort, c.id))
    ordered.sort(key=lambda c: c.date or "", reverse=True)  # stable: ties keep title order
    if by_score:
        ordered.sort(key=lambda c: c.score, reverse=True)
    return ordered
