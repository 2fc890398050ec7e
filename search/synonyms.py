"""Synonyms and element symbols applied to a query's words, for every backend alike.

:class:`Thesaurus` is built from the editors' :class:`search.vocabulary.Vocabulary`
and finds, in the words of a query, the spans that one of its phrases
covers: ``black mass`` in "Li Co Ni black mass", ``e-waste`` in "e-waste
gold", ``Seltene Erden`` in "Seltene Erden aus Magneten".  Each span then
matches any phrase of its set ("Schwarzmasse", "WEEE", "rare earths"), by
stems, so inflected forms count too; see :func:`search.matching.text_query`.

Phrases are compared by the stems of their words (:func:`search.analysis.stem`),
so "Seltenen Erden" meets "Seltene Erden" and "e-wastes" meets "e-waste".
The longest phrase wins where several start at the same word.

Element symbols are case-sensitive and only count where that is safe:

* a word is a symbol only as the symbol is written (``Li``, ``Co``; not
  ``li``, ``CO`` or ``LI``);
* symbols that are also everyday words or abbreviations (``In``, ``As``,
  ``Be``, ``Er``, ``Co`` as in "& Co", ``Sn``, ``Al`` as in "et al.",
  ``Ag`` as in "AG", ``Eu`` as in "EU", and every one-letter symbol like
  ``W``, ``V``, ``U``, ``K``: :data:`AMBIGUOUS_SYMBOLS`) count only beside
  another metal in the query, by symbol or by name: "In Sn Recycling" and
  "W Co Hartmetall" mean metals, "In welchen Projekten" does not;
* a symbol matches its metal's names and the symbol itself as the texts
  write it; a metal's name matches the symbol too, unless the symbol is
  ambiguous (a document's "in" is nearly always a preposition).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Sequence

from search.analysis import stem, tokens
from search.vocabulary import Vocabulary

#: most words a synonym phrase may have (longer phrases are ignored)
MAX_PHRASE_WORDS = 5

#: symbols that are everyday words or abbreviations in German or English texts and queries
AMBIGUOUS_SYMBOLS = frozenset({
    "In", "As", "Be", "At", "No", "Es", "Co", "Sn", "Ta", "Bi", "Am", "Er", "Re", "Mo", "Fr", "Pa", "Po", "Ra",
    "Se", "Te", "Th", "Al", "Ag", "Ca", "Cd", "Eu", "La", "Tb", "Pr", "Os", "Ba", "Sr", "Na", "Tm",
})


def phrase_key(text: str) -> tuple[str, ...]:
    """The stems of the words of ``text``: what phrases are compared by."""
    return tuple(word_stem for word in tokens(text) if (word_stem := stem(word)))


def is_ambiguous_symbol(symbol: str) -> bool:
    """Whether ``symbol`` needs another metal in the query to count as a symbol."""
    return len(symbol) == 1 or symbol in AMBIGUOUS_SYMBOLS


@dataclass(frozen=True)
class Span:
    """Words ``start`` to ``end`` (exclusive) of a query that one vocabulary entry covers."""

    start: int
    end: int
    # every phrase of the entry, as editors wrote them ("Schwarzmasse", "black mass"), the query's own included
    phrases: tuple[str, ...]
    symbol: str = ""  # set when the span is an element symbol (its metal's names are in ``phrases``)


class Thesaurus:
    """The vocabulary as lookup tables: phrase stems to their set, symbols to their metal."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        sets: list[tuple[str, ...]] = []
        by_key: dict[tuple[str, ...], list[int]] = {}
        for phrases in vocabulary.synonym_sets:
            cleaned = tuple(dict.fromkeys(p.strip() for p in phrases if p and p.strip()))
            keyed = [(phrase, key) for phrase in cleaned if 0 < len(key := phrase_key(phrase)) <= MAX_PHRASE_WORDS]
            if len({key for _phrase, key in keyed}) < 2:
                continue  # a set whose phrases all stem alike adds nothing
            sets.append(tuple(phrase for phrase, _key in keyed))
            for _phrase, key in keyed:
                by_key.setdefault(key, []).append(len(sets) - 1)
        self._sets = sets
        self._by_key = by_key
        self._longest = max((len(key) for key in by_key), default=0)
        self._symbols: dict[str, tuple[str, ...]] = {}
        self._symbol_of_name: dict[tuple[str, ...], str] = {}
        for symbol, names in vocabulary.symbols:
            symbol = symbol.strip()
            names = tuple(dict.fromkeys(name.strip() for name in names if name and name.strip()))
            if not symbol or not names:
                continue
            self._symbols[symbol] = names
            for name in names:
                if key := phrase_key(name):
                    self._symbol_of_name.setdefault(key, symbol)

        self._labels: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        self._names = {(facet, slug): tuple(names) for facet, slug, names in vocabulary.labels}
        for facet, slug, names in vocabulary.labels:
            for name in names:
                key = phrase_key(name)
                if key and len(key) <= MAX_PHRASE_WORDS and (facet, slug) not in self._labels.get(key, ()):
                    self._labels.setdefault(key, []).append((facet, slug))
        # a label of several words ("Hochschule Oberharz") is one clause, like a synonym phrase
        self._longest = max(self._longest, *(len(key) for key in self._labels if len(key) > 1), 0)

    def __bool__(self) -> bool:
        return bool(self._sets or self._symbols or self._labels)

    def names(self, facet: str, slug: str) -> tuple[str, ...]:
        """The names of a facet value (``("metal", "cu")`` → ``("Kupfer", "Copper")``); empty if unknown."""
        return self._names.get((facet, slug), ())

    def tags(self, phrases: Sequence[str]) -> tuple[tuple[str, str], ...]:
        """The facet values (facet name, slug) that any of ``phrases`` names: "Kupfer" → ("metal", "cu")."""
        found: list[tuple[str, str]] = []
        for phrase in phrases:
            found += self._labels.get(phrase_key(phrase), ())
        return tuple(dict.fromkeys(found))

    def spans(self, chunks: Sequence[str]) -> list[Span]:
        """The vocabulary entries among ``chunks`` (the query's words as typed), left to right, not overlapping.

        A chunk may hold several words ("e-waste"); a span covers whole chunks.
        """
        keys = [phrase_key(chunk) for chunk in chunks]
        metals = {position for position, chunk in enumerate(chunks)
                  if chunk in self._symbols or keys[position] in self._symbol_of_name}
        found: list[Span] = []
        position = 0
        while position < len(chunks):
            span = self._phrase_at(chunks, keys, position) or self._symbol_at(chunks, position, metals)
            if span is None:
                position += 1
                continue
            found.append(span)
            position = span.end
        return found

    def _phrase_at(self, chunks: Sequence[str], keys: list[tuple[str, ...]], start: int) -> Span | None:
        for end in range(min(len(chunks), start + self._longest), start, -1):
            key = tuple(itertools.chain.from_iterable(keys[start:end]))
            if not key or len(key) > self._longest:
                continue
            symbol = self._symbol_of_name.get(key, "") if end - start == 1 else ""
            if symbol and is_ambiguous_symbol(symbol):
                symbol = ""
            if key in self._by_key:
                phrases = [" ".join(chunks[start:end])]
                for index in self._by_key[key]:
                    phrases += self._sets[index]
                return Span(start, end, tuple(dict.fromkeys(phrases)), symbol=symbol)
            if symbol:  # a metal's name without synonyms of its own: its symbol still counts
                return Span(start, end, (chunks[start],), symbol=symbol)
            if len(key) > 1 and key in self._labels:  # the name of a process or an institution
                return Span(start, end, (" ".join(chunks[start:end]),))
        return None

    def _symbol_at(self, words: Sequence[str], position: int, metals: set[int]) -> Span | None:
        word = words[position]
        names = self._symbols.get(word)
        if names is None:
            return None
        if is_ambiguous_symbol(word) and not (metals - {position}):
            return None
        phrases = [word, *names]
        for name in names:  # the name's synonym sets too ("Seltene Erden" has none; "Platin" may)
            for index in self._by_key.get(phrase_key(name), ()):
                phrases += self._sets[index]
        return Span(position, position + 1, tuple(dict.fromkeys(phrases)), symbol=word)


_last: tuple[Vocabulary, Thesaurus] | None = None


def thesaurus_of(vocabulary: Vocabulary) -> Thesaurus:
    """The thesaurus of ``vocabulary``, built once per vocabulary object (the source hands out one at a time)."""
    global _last
    last = _last
    if last is not None and last[0] is vocabulary:
        return last[1]
    thesaurus = Thesaurus(vocabulary)
    _last = (vocabulary, thesaurus)
    return thesaurus
