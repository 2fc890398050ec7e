"""What a query's text means, for every backend alike: clauses, their stems, how many must match.

:func:`text_query` turns the visitor's text into :class:`Clause` objects:

* a **word** (one token, not in quotes) matches where it stands as typed,
  or where a word with the same stem stands (``Metalle`` finds ``Metall``;
  ``Kupferrecycling`` finds ``Recycling von Kupfer``, through its parts;
  see :mod:`search.analysis`), or its translation (``copper`` finds
  ``Kupfer``; see :mod:`search.glossary`);
* a **phrase** (in quotes, or a quoted single word) matches only as
  written, word for word and in order;
* a **hyphenated chunk** (``LCD-Glas``, ``LED-Abfällen``) matches as
  written, or where each of its words matches as a word would (``LCD`` and
  ``Altglas``: its parts hold ``Glas``);
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

import itertools
import math
from dataclasses import dataclass

from search.analysis import query_stems, stem, tokens
from search.glossary import translations
from search.query import quoted_clauses

MAX_ALTERNATIVES = 8  # ways one word may match by stems (its own, its parts', translations)

# Function words of German and English: optional in queries.  Kept short on
# purpose: a word that can carry meaning in this domain ("in" as indium's
# symbol, "ohne", "gegen") is not on it.
STOP_WORDS = frozenset("""
a about an and are as at be by did do does for from had has have how i into is it its of on or our that the
their there these this those to was we were what when where which who why will with you
aber als am an auch auf aus bei bis da das dass dem den der des die ein eine einem einen einer eines es für
hat ist im ins mit nach oder sich sind so über um und uns vom von vor war was welche welcher welches wer
werden wie wir wird wurde wurden zu zum zur kann können man gibt
""".split())


@dataclass(frozen=True)
class Clause:
    """One clause of the query text."""

    text: str  # as typed (a word or a phrase, without quotes)
    phrase: bool  # True: several words (matched in order as written, or each by its stems)
    # words: the ways to match by stems, each a group of stems that must all occur
    # (("kupferrecycl",), ("kupf", "recycl"), ("copp", "recycl")); phrases: ()
    alternatives: tuple[tuple[str, ...], ...]
    required: bool  # False for stop words: they add relevance only

    @property
    def highlight_prefix(self) -> str:
        """The typed word cut to its stem's length, to mark inflected forms (``Metalle`` → ``metall``)."""
        if self.phrase or not self.alternatives or len(self.alternatives[0]) != 1:
            return ""
        return self.text.lower()[:max(len(self.alternatives[0][0]), 3)]


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


def word_alternatives(stems: tuple[str, ...], translate: bool = True) -> tuple[tuple[str, ...], ...]:
    """The ways a word with ``query_stems`` ``stems`` matches: itself, its translations, its parts (translated).

    ``Kupferrecycling``: ``(kupferrecycl)``, ``(kupf, recycl)``, ``(copp, recycl)``.
    """
    whole, parts = stems[0], stems[1:]
    found: list[tuple[str, ...]] = [(whole,)]
    if translate:
        found += [(translation,) for translation in translations(whole)]
    if parts:
        options = [(part, *translations(part)) if translate else (part,) for part in parts]
        found += list(itertools.islice(itertools.product(*options), MAX_ALTERNATIVES))
    return tuple(dict.fromkeys(found))[:MAX_ALTERNATIVES]


def text_query(text: str) -> TextQuery:
    """The clauses of ``text`` with their stems, and how many must match."""
    clauses: list[Clause] = []
    for chunk, quoted in quoted_clauses(text):
        words = tokens(chunk)
        if quoted or not words:
            clauses.append(Clause(chunk, phrase=True, alternatives=(), required=True))
            continue
        stop_word = len(words) == 1 and chunk.lower() in STOP_WORDS
        per_word = [word_alternatives(query_stems(word), translate=not stop_word) for word in words]
        # one group of stems per way of matching every word (LCD-Glas: lcd+glas, lcd+glass)
        groups = [tuple(dict.fromkeys(itertools.chain(*choice)))
                  for choice in itertools.islice(itertools.product(*per_word), MAX_ALTERNATIVES)]
        clauses.append(Clause(chunk, phrase=len(words) > 1, alternatives=tuple(dict.fromkeys(groups)),
                              required=not stop_word))
    if clauses and not any(clause.required for clause in clauses):
        # "the", "von der": nothing but stop words, so they are what was asked for
        clauses = [Clause(c.text, c.phrase, c.alternatives, True) for c in clauses]
    required = sum(clause.required for clause in clauses)
    return TextQuery(tuple(clauses), minimum_to_match(required))


__all__ = ["Clause", "STOP_WORDS", "TextQuery", "minimum_to_match", "stem", "text_query"]
