"""A general German–English dictionary, for the words the field glossary does not know.

The glossary (:mod:`search.glossary`) holds the field's words, chosen by
hand; a member's query holds any word ("entsorgen", "bromiert",
"Destillation", "circuit").  This module answers those from Ding's
German–English word list (Frank Richter, TU Chemnitz, GPL-2+), reduced by
``scripts/build_dictionary`` to ``dictionary_de_en.tsv.gz``: per stem, its
translations as groups of stems, best first ("leiterplatt" → "circuit
board"), at most :data:`MAX_TRANSLATIONS`; a word spelt alike in both
languages ("solar") is listed without any, as a known word.  It ships with the portal;
nothing is fetched at run time.

Its translations are looser than the glossary's (a general dictionary
gives every sense of a word), so :mod:`search.matching` asks it only for
words the glossary has no line for, and keeps the first few.
"""

from __future__ import annotations

import gzip
import logging
from functools import lru_cache
from pathlib import Path

from search.analysis import ANALYSIS_VERSION, LINKING_ELEMENTS, stem

DICTIONARY_PATH = Path(__file__).with_name("dictionary_de_en.tsv.gz")
#: translations kept per stem (the senses the source lists first)
MAX_TRANSLATIONS = 4
#: each piece of a compound split by the dictionary (see split()) has at least this many letters
MIN_PIECE_LENGTH = 4

logger = logging.getLogger(__name__)


class StaleDictionary(RuntimeError):
    """The dictionary was built with other stems than the running analysis makes."""


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Stem → its translations as stored (tab-separated); parsed per lookup, which keeps a process small."""
    if not DICTIONARY_PATH.exists():
        logger.warning("%s is missing: queries are translated by the field glossary only "
                       "(scripts/build_dictionary makes it)", DICTIONARY_PATH)
        return {}
    with gzip.open(DICTIONARY_PATH, "rt", encoding="utf-8") as stream:
        text = stream.read()
    header, _newline, _rest = text.partition("\n")
    fields = header.split("\t")
    if fields[0] != "# analysis-version" or fields[1:] != [str(ANALYSIS_VERSION)]:
        raise StaleDictionary(
            f"{DICTIONARY_PATH.name} holds stems of analysis version {fields[1:] or '?'}, the portal makes "
            f"version {ANALYSIS_VERSION}: run scripts/build_dictionary")
    return dict(line.split("\t", 1) if "\t" in line else (line, "")
                for line in text.splitlines() if line and not line.startswith("#"))


@lru_cache(maxsize=1 << 14)
def translations(word_stem: str) -> tuple[tuple[str, ...], ...]:
    """The translations of the word with stem ``word_stem``, each a group of stems, best first; () if none."""
    stored = _table().get(word_stem, "")
    return tuple(tuple(group.split(" ")) for group in stored.split("\t") if group)


@lru_cache(maxsize=1 << 12)
def split(word_stem: str) -> tuple[str, str] | None:
    """A compound the analysis does not split, as two stems the dictionary translates; None if there is none.

    The lexicon of compound parts (:func:`search.analysis.decompound`)
    holds the field's words; a query holds any ("Solarpaneele":
    "solar" + "paneel", "Stahlwerksschlacke": "stahlwerk" + "schlack").
    Only queries are split this way, so the index keeps its stems.  Both
    pieces have at least :data:`MIN_PIECE_LENGTH` letters, a linking element
    between them is dropped; of several splits the one without a linking
    element wins, then the most even one.
    """
    table = _table()
    if not table or not word_stem.isalpha() or len(word_stem) < 2 * MIN_PIECE_LENGTH:
        return None
    found: list[tuple[tuple[int, int], tuple[str, str]]] = []
    for end in range(MIN_PIECE_LENGTH, len(word_stem) - MIN_PIECE_LENGTH + 1):
        tail = stem(word_stem[end:])
        if tail not in table:
            continue
        for link in ("", *LINKING_ELEMENTS):
            head = word_stem[:end - len(link)]
            if (len(head) >= MIN_PIECE_LENGTH and word_stem[:end].endswith(link)
                    and (head_stem := stem(head)) in table):
                found.append(((len(link), -min(len(head), len(word_stem) - end)), (head_stem, tail)))
    return min(found)[1] if found else None


def reset() -> None:
    """Forget the file read (after it was replaced, and in tests that point DICTIONARY_PATH elsewhere)."""
    for cached in (_table, translations, split):
        cached.cache_clear()


def size() -> int:
    """How many stems the dictionary knows (0 when its file is missing)."""
    return len(_table())
