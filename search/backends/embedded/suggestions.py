"""Autocomplete, "did you mean" and related content: the helpers reading FTS5's vocabulary.

Spelling candidates come from ``fts5vocab`` tables of the live FTS tables
and are counted again among the visible items; related content weighs an
item's significant words (tf-idf over the vocabulary).
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter
from typing import Sequence

from search.backends.embedded.query import TEXT_COLUMNS, _json, _VISIBLE
from search.backends.embedded.results import _CLOSE, _OPEN
from search.spelling import fold, rank_candidates

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
