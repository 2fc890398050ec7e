"""User text becomes a safe FTS5 MATCH expression, whatever is typed.

The user's text is never handed to FTS5 as syntax: :func:`text_clauses`
splits it into words and phrases, and :func:`match_expression` quotes each.
Every expression is also run through a real FTS5 table (in memory), so a
syntax error would show here and not on the search page.
"""

from __future__ import annotations

import re
import sqlite3

import pytest

from search.backends.embedded import fts5_available, mark_up, match_expression
from search.query import MAX_QUERY_CLAUSES, MAX_QUERY_LENGTH, text_clauses

HOSTILE = [
    '"unbalanced', "((", "))", "AND", "AND OR NOT", "OR indium", "NOT", "*", "-", "+", "^", ":", "NEAR(",
    "NEAR(a b, 3)", "NEAR", "title:indium", "{title summary}: x", "indium*", "-indium", "^indium", "a + b",
    "\\", "'", "''", "a'b", "[", "]", "{", "}", ",", ";", '""', '" "', '"""', '"a" "b', "🔥", "😀 indium",
    "\x00", "a\x00b", "\u200b", "\ue000indium\ue001", "a" * 2000, "x " * 1000, "-" * 500, '"' * 7,
    "SELECT * FROM documents; --", "%", "_", "ÄÖÜß", "日本語", "½ ² ⓐ",
]

# An expression is "" or quoted strings (with "" as the only quote inside) joined by AND.
_SAFE = re.compile(r'^("(?:[^"]|"")*")( AND "(?:[^"]|"")*")*$')


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')")
    connection.execute("INSERT INTO t VALUES ('Indium aus LCD-Glas', 'Zementation mit Zinkpulver bei pH 3.5')")
    yield connection
    connection.close()


def test_this_python_has_fts5():
    assert fts5_available()


@pytest.mark.parametrize("text", HOSTILE, ids=lambda text: repr(text[:20]))
def test_hostile_text_becomes_a_safe_expression(fts, text):
    expression = match_expression(text)
    assert expression == "" or _SAFE.match(expression), expression
    if expression:
        fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expression,)).fetchone()
        fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (match_expression(text, "OR"),)).fetchone()


def test_words_are_anded_and_phrases_kept():
    assert match_expression("Indium Gallium") == '"Indium" AND "Gallium"'
    assert match_expression('"printed circuit boards" copper') == '"printed circuit boards" AND "copper"'
    assert match_expression("Indium Gallium", "OR") == '"Indium" OR "Gallium"'


def test_operators_become_plain_text():
    assert match_expression("indium AND NOT gallium") == '"indium" AND "AND" AND "NOT" AND "gallium"'
    assert match_expression("NEAR(indium gallium)") == '"NEAR(indium" AND "gallium)"'
    assert match_expression("-indium indium*") == '"-indium" AND "indium*"'
    assert match_expression("title:indium") == '"title:indium"'


def test_nothing_searchable_gives_no_expression():
    for text in ("", "   ", "((", "*", "-", '"', '""', "🔥", "\x00", "- * ( ) ^ :"):
        assert match_expression(text) == "", text


def test_only_other_operators_are_refused():
    with pytest.raises(ValueError):
        match_expression("indium", "NEAR")


def test_clause_counts_and_lengths_are_bounded():
    assert len(text_clauses("a " * 1000)) == 1  # repeated words count once
    assert len(text_clauses(" ".join(f"w{n}" for n in range(1000)))) == MAX_QUERY_CLAUSES
    assert len(text_clauses("a" * 2000)[0]) == MAX_QUERY_LENGTH


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        ("Indium  Gallium", ("Indium", "Gallium")),
        ('"Rückgewinnung von Indium" LCD', ("Rückgewinnung von Indium", "LCD")),
        ('"  spaced   out  "', ("spaced out",)),
        ('"unbalanced', ("unbalanced",)),
        ('"a b" "c d', ("a b", "c", "d")),  # the last, unpaired quote is ignored
        ("LCD-Glas 3.5", ("LCD-Glas", "3.5")),  # the engines split these: they match as phrases
        ("(( Indium ))", ("Indium",)),
        ("Indium\x00Gallium", ("Indium", "Gallium")),
        ("😀 Indium ½", ("Indium",)),
    ],
)
def test_text_clauses(text, clauses):
    assert text_clauses(text) == clauses


def test_the_expression_finds_what_it_should(fts):
    def hits(text: str) -> int:
        return fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (match_expression(text),)).fetchone()[0]

    assert hits("indium zinkpulver") == 1  # words from different columns
    assert hits('"LCD-Glas"') == hits("lcd-glas") == 1
    assert hits("Glas-LCD") == 0
    assert hits("3.5") == 1
    assert hits("Zinkpulver Gallium") == 0
    assert hits("ZEMENTATION") == hits("Zementatión") == 1  # case and diacritics are folded


def test_marks_are_the_only_html_left():
    marked = "pH \ue000<2>\ue001 & <script>alert('x')</script>"
    assert mark_up(marked) == "pH <mark>&lt;2&gt;</mark> &amp; &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
