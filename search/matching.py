"""What a query's text means, for every backend alike: clauses, their stems, how many must match.

:func:`text_query` turns the visitor's text into :class:`Clause` objects:

* a **word** (one token, not in quotes) matches where it stands as typed,
  or where a word with the same stem stands (``Metalle`` finds ``Metall``;
  ``Kupferrecycling`` finds ``Recycling von Kupfer``, through its parts;
  see :mod:`search.analysis`);
* a **phrase** (in quotes, or a chunk the engines split into several words
  such as ``LCD-Glas``, or a quoted single word) matches only as written,
  word for word and in order;
* **stop words** (``der``, ``aus``, ``the``, ``from``) are optional: they
  add relevance where they match but never decide whether an item matches,
  unless the query has nothing else.

An item matches when at least :attr:`TextQuery.minimum` of the required
clauses match: all of them for one or two (the usual query), one fewer for
three or four, and three in five (rounded up) for longer ones, so that a
whole question ("Was wissen wir über Indium aus LCD-Glas?") still finds the
answer whose text lacks one of its words.  The clauses count in the item's
own fields together, or together on one page of one of its PDFs.

Backends translate these clauses into their own query language; neither
ever sees user text as syntax.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from search.analysis import query_stems, stem, tokens
from search.query import quoted_clauses

# Function words of German and English: optional in queries.  Kept short on
# purpose: a word that can carry meaning in this domain ("in" as indium's
# symbol, "ohne", "gegen") is not on it.
STOP_WORDS = frozenset("""
a about an and are as at be by did do does for from had has have how i into is it its of on or our that the
their there these this those to was we were what when where which who why will with you
aber als am an auch auf aus bei bis da das dass dem den der des die ein eine einem einen einer eines es für
hat ist im ins mit nach oder sich sind so über um und uns vom von vor war was welche welcher welches wer
werden wie wir wird wurde wurden zu zum zur
""".split())


@dataclass(frozen=True)
class Clause:
    """One clause of the query text."""

    text: str  # as typed (a word or a phrase, without quotes)
    phrase: bool  # True: matched only exactly, in order
    stems: tuple[str, ...]  # words: (whole stem, *parts of a compound); phrases: ()
    required: bool  # False for stop words: they add relevance only

    @property
    def parts(self) -> tuple[str, ...]:
        """The stems of a compound's parts (empty if the word is no compound)."""
        return self.stems[1:]

    @property
    def highlight_prefix(self) -> str:
        """The typed word cut to its stem's length, to mark inflected forms (``Metalle`` → ``metall``)."""
        if self.phrase or not self.stems:
            return ""
        return self.text.lower()[:max(len(self.stems[0]), 3)]


@dataclass(frozen=True)
class TextQuery:
    clauses: tuple[Clause, ...]
    minimum: int  # required clauses an item must match (0 when there are none)

    @property
    def required(self) -> tuple[Clause, ...]:
        return tuple(clause for clause in self.clauses if clause.required)

    @property
    def optional(self) -> tuple[Clause, ...]:
        return tuple(clause for clause in self.clauses if not clause.required)

    def __bool__(self) -> bool:
        return bool(self.clauses)


def minimum_to_match(required: int) -> int:
    """How many of ``required`` clauses an item must match (see the module's docstring)."""
    if required <= 2:
        return required
    if required <= 4:
        return required - 1
    return math.ceil(required * 0.6)


def text_query(text: str) -> TextQuery:
    """The clauses of ``text`` with their stems, and how many must match."""
    clauses: list[Clause] = []
    for chunk, quoted in quoted_clauses(text):
        words = tokens(chunk)
        if quoted or len(words) != 1:
            clauses.append(Clause(chunk, phrase=True, stems=(), required=True))
            continue
        stems = query_stems(words[0])
        if not stems:  # nothing to match on as a stem: only as typed
            clauses.append(Clause(chunk, phrase=True, stems=(), required=True))
            continue
        clauses.append(Clause(chunk, phrase=False, stems=stems, required=chunk.lower() not in STOP_WORDS))
    if clauses and not any(clause.required for clause in clauses):
        # "the", "von der": nothing but stop words, so they are what was asked for
        clauses = [Clause(c.text, c.phrase, c.stems, True) for c in clauses]
    required = sum(clause.required for clause in clauses)
    return TextQuery(tuple(clauses), minimum_to_match(required))


__all__ = ["Clause", "STOP_WORDS", "TextQuery", "minimum_to_match", "stem", "text_query"]
