"""Stems for German and English text, computed in Python so both backends agree.

Why this module exists
----------------------
A search for "Metalle" should find "Metall", and one for "Kupfer" should find
"Kupferrecycling".  Neither engine can do that for us in the same way: the
Elasticsearch index may only use core analysis components (no stemmer, no
asciifolding, no decompounder: see ``search.index_settings``), and SQLite FTS5
only knows an English Porter stemmer.  So the words are reduced here, before
the text reaches either engine, and both engines compare the results as plain
tokens:

* a backend indexes an extra field holding :func:`stems_text` of a text,
  analysed with its plain tokenizer (``portal_text`` / ``unicode61``), which
  leaves every stem one token;
* it matches each query word through :func:`query_stems` (see there for the
  exact rule).

Documents mix German and English, and the language of a query is unknown, so
every word gets exactly one stem, whatever its language; index and query go
through the very same functions.  Output that changes (a new lexicon entry, a
new rule, a new version of ``snowballstemmer``) means documents indexed before
no longer match: bump :data:`ANALYSIS_VERSION`.  It is part of every entry's
fingerprint (:meth:`search.documents.SearchDocument.fingerprint`), so the next
reconciliation (``manage.py reconcile``, or Celery beat's) rewrites them all.

Pure functions without Django; safe to call from several threads.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

# The pure-Python classes, imported directly: ``snowballstemmer.stemmer()``
# would switch to PyStemmer when that happens to be installed, whose
# Snowball version may differ, and an index built on one machine would
# stop matching queries stemmed on another.
from snowballstemmer.english_stemmer import EnglishStemmer
from snowballstemmer.german_stemmer import GermanStemmer

#: bump when any output of this module changes: reconciliation then rewrites every entry
ANALYSIS_VERSION = 3  # 2: an unknown first part is split off a known rest ("Handy-sammlung"); 3: "recovery"
# is "recovered", carbides are parts of compounds

#: words this short (after folding) are kept as they are: symbols and acronyms (Cu, In, REE, LCD, PGM)
MAX_UNSTEMMED_LENGTH = 3
#: no stem is shorter than this
MIN_STEM_LENGTH = 3
#: longer tokens are no words (hashes, garbage): folded, never stemmed or split
MAX_WORD_LENGTH = 64
#: every part of a compound has at least this many letters
MIN_PART_LENGTH = 3
#: a first part that the lexicon does not know ("Handy", "Wälz") is split off a known rest only when
#: both have at least this many letters
MIN_UNKNOWN_HEAD = MIN_KNOWN_REST = 4
#: stems of known parts that end too many words that are no compounds to be split off after an unknown
#: first part: English "-ions", "-rate"; German "-alten", "-mischen", "-leicht", "-reich" ("sepa-rate",
#: "enth-alten", "ther-misch")
_FALSE_RESTS = frozenset({"ion", "rat", "alt", "misch", "rest", "reich", "leicht", "ruck", "min", "schritt",
                          "rein", "ost", "mon"})

#: what a token is: a run of Unicode letters and digits, roughly what the
#: engines' standard tokenizers (Elasticsearch ``standard``, FTS5 ``unicode61``) make of text
TOKEN_PATTERN = re.compile(r"[^\W_]+")

#: letters between parts of a German compound ("Forschung-s-projekt", "Säule-n-versuch")
LINKING_ELEMENTS = ("s", "es", "n", "en", "e")
#: endings of the last part ("Flug-aschen", "Leiter-platten", "kupfer-haltige")
FINAL_ENDINGS = ("e", "en", "n", "s", "es", "er", "ern", "em")

LEXICON_PATH = Path(__file__).with_name("lexicon_de.txt")

#: words the stemmers get wrong in this domain, by folded word
_STEM_EXCEPTIONS = {
    "platine": "platine",  # a circuit board, not platinum ("platin")
    "platinen": "platine",
    "akkus": "akku",  # German keeps a plural -s after a vowel
    # Snowball keeps the noun apart from its verb ("recoveri" / "recov"): "recovery" must find "recovered"
    "recovery": "recov",
    "recoveries": "recov",
}

# letters that NFKD leaves alone but readers treat as variants of a Latin letter
_LETTER_VARIANTS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
                                  "ı": "i", "ß": "ss"})
_VOWELS = frozenset("aeiouy")
_NOT_WORD = re.compile(r"[\W_]+")
_TRANSCRIPTIONS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its diacritics: "Rückgewinnung" → "ruckgewinnung".

    ä, ö, ü lose their dots and ß becomes "ss" (so German words typed on an
    English keyboard still meet), other diacritics go too (NFKD), ligatures
    and compatibility forms are resolved ("ﬁ" → "fi"), and anything that is
    not a letter or digit is dropped, so the result of one token is one token.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_WORD.sub("", bare.casefold().translate(_LETTER_VARIANTS))


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The one stem of ``word``, the same for index and query text.

    Inflected forms of a word share their stem: "Metall", "Metalle",
    "Metallen", "Metalls", "metal" and "metals" all become "metal";
    "Laugung"/"Laugungen", "battery"/"batteries", "leach"/"leached"/"leaching"
    collide likewise.  Steps:

    1. :func:`fold` (lower case, no diacritics, ß → ss);
    2. words of at most three letters (symbols and acronyms: "Cu", "In",
       "REE", "LCD"), words with digits or non-Latin letters ("2023",
       "In2O3", "日本語") and words over :data:`MAX_WORD_LENGTH` stay folded;
    3. a few words the stemmers get wrong have a fixed stem ("Platine" is
       no "Platin", "Akkus" is "Akku"); a word without vowels ending in "s" is
       an acronym's plural and loses the "s" ("PCBs" → "pcb", like "PCB");
    4. otherwise Snowball's German stemmer then its English one, and the
       other way round; the shorter result wins (the alphabetically first on a
       tie).  Neither order alone lets both languages collide: English first
       misses "Katalysator"/"Katalysatoren", German first misses
       "issue"/"issues" (German transcribes "ue" as ü).  German Snowball also
       reads ae/oe/ue as ä/ö/ü, so "Rueckgewinnung" meets "Rückgewinnung";
    5. a stem shorter than three letters is replaced by the word's first three
       letters ("uses" → "use", like "use").

    The stems are not words and may over-reach ("water" → "wat"); only
    equality between stems matters.  ``word`` should be one token (see
    :func:`tokens`); other characters are dropped.  Returns "" when nothing
    is left to index (a token of marks only).
    """
    folded = fold(word)
    if (len(folded) <= MAX_UNSTEMMED_LENGTH or len(folded) > MAX_WORD_LENGTH
            or not (folded.isascii() and folded.isalpha())):
        return folded
    if folded in _STEM_EXCEPTIONS:
        return _STEM_EXCEPTIONS[folded]
    if folded.endswith("s") and not _VOWELS.intersection(folded[:-1]):  # an acronym's plural: "PCBs", "LCDs"
        return folded[:-1]
    german, english = _stemmers()
    german_first = english.stemWord(german.stemWord(folded))
    english_first = german.stemWord(english.stemWord(folded))
    shortest = min((len(german_first), german_first), (len(english_first), english_first))[1]
    return shortest if len(shortest) >= MIN_STEM_LENGTH else folded[:MIN_STEM_LENGTH]


_local = threading.local()


def _stemmers() -> tuple[GermanStemmer, EnglishStemmer]:
    """This thread's stemmers: a Snowball stemmer keeps state while it works."""
    try:
        return _local.stemmers
    except AttributeError:
        _local.stemmers = (GermanStemmer(), EnglishStemmer())
        return _local.stemmers


@dataclass(frozen=True)
class _Lexicon:
    """The lexicon as lookup keys: folded parts, and every prefix of one (to stop a scan early)."""

    parts: frozenset[str]
    prefixes: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    """Read ``lexicon_de.txt`` once: each entry folded, also in ae/oe/ue spelling ("rueckgewinnung")."""
    parts: set[str] = set()
    for line in LEXICON_PATH.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip().lower()
        if not entry:
            continue
        if len(fold(entry)) >= MIN_PART_LENGTH:
            parts.update({fold(entry), fold(entry.translate(_TRANSCRIPTIONS))})
    prefixes = {part[:end] for part in parts for end in range(1, len(part) + 1)}
    return _Lexicon(frozenset(parts), frozenset(prefixes))


@lru_cache(maxsize=1 << 16)
def decompound(word: str) -> tuple[str, ...]:
    """Split a German compound into the parts the lexicon knows.

    "Kupferrecycling" → ("kupfer", "recycling"), "Forschungsprojekt" →
    ("forschung", "projekt"), "Säulenversuch" → ("säule", "versuch"),
    "Flugaschen" → ("flug", "aschen").  Parts are lower-cased slices of the
    word.  Every part is an entry of ``lexicon_de.txt`` (compared folded, so
    "Metallrueckgewinnung" splits like "Metallrückgewinnung") of at least
    three letters; a linking element (-s, -es, -n, -en, -e) between two parts
    is dropped, and the last part keeps its ending (-e, -en, -n, -s, -es,
    -er, -ern, -em).  Of all splits, the one with the fewest parts wins, then
    the one with the fewest linking and ending letters, then the one with the
    longest first part: "Wasserstoffversprödung" is wasserstoff + versprödung,
    not wasser + stoff + versprödung.

    When no split into known parts exists, a first part the lexicon does
    not know may be split off a rest that splits into known parts ("Handy" +
    "sammlung", "Wälzrohr" + "ofen"), both of at least four letters, the
    first one with a vowel; the shortest such first part wins.

    Returns ``(word,)``, unchanged, for a word that is itself in the lexicon
    (never split), that does not split as said, that has anything
    but letters, or that is shorter than six or longer than
    :data:`MAX_WORD_LENGTH` letters.
    """
    lowered = word.lower()
    if not (2 * MIN_PART_LENGTH <= len(lowered) <= MAX_WORD_LENGTH) or not lowered.isalpha():
        return (word,)
    # fold letter by letter, so that a slice of the folded word is a slice of the word
    pieces = [fold(char) for char in lowered]
    starts = [0]
    for piece in pieces:
        starts.append(starts[-1] + len(piece))
    folded = "".join(pieces)
    lexicon = _lexicon()
    if folded in lexicon.parts:
        return (word,)
    best = _best_splits(lowered, folded, starts, lexicon)
    parts = best[0][1] if best[0] is not None else None
    if parts is None or len(parts) < 2:
        parts = _split_unknown_head(lowered, best)
    return parts if parts is not None and len(parts) > 1 else (word,)


def _split_unknown_head(lowered: str, best: list) -> tuple[str, ...] | None:
    """The word as an unknown first part and the longest rest that splits into known parts, or None.

    German compounds put the new word first and the known, general one
    last ("Handy-sammlung", "Wälz-ofen"); a lexicon can never hold every
    first part.
    """
    for begin in range(MIN_UNKNOWN_HEAD, len(lowered) - MIN_KNOWN_REST + 1):
        head = lowered[:begin]
        if best[begin] is not None and _VOWELS.intersection(fold(head)):
            rest = best[begin][1]
            return None if stem(rest[0]) in _FALSE_RESTS else (head, *rest)
    return None


def _best_splits(lowered: str, folded: str, starts: list[int], lexicon: _Lexicon) -> list:
    """Dynamic programming from the end: per position, the best split of the rest of the word into known
    parts (``((number of parts, extra letters), parts)``), or None."""
    length = len(lowered)
    # best[i]: ((number of parts, extra letters), parts) for lowered[i:]
    best: list[tuple[tuple[int, int], tuple[str, ...]] | None] = [None] * (length + 1)
    for begin in range(length - MIN_PART_LENGTH, -1, -1):
        candidates: list[tuple[tuple[int, int], tuple[str, ...]]] = []
        for end in range(begin + 1, length + 1):
            key = folded[starts[begin]:starts[end]]
            if key not in lexicon.prefixes:
                break
            if end - begin < MIN_PART_LENGTH or key not in lexicon.parts:
                continue
            part, rest = lowered[begin:end], lowered[end:]
            if not rest:
                candidates.append(((1, 0), (part,)))
            elif rest in FINAL_ENDINGS:
                candidates.append(((1, len(rest)), (part + rest,)))
            for link in ("", *LINKING_ELEMENTS):
                after = end + len(link)
                following = best[after] if after < length and lowered.startswith(link, end) else None
                if following is not None:
                    (count, extra), tail = following
                    candidates.append(((count + 1, extra + len(link)), (part, *tail)))
        if candidates:
            # fewest parts, fewest extra letters, then the longest first part
            best[begin] = min(candidates, key=lambda candidate: (candidate[0], -len(candidate[1][0])))
    return best


def tokens(text: str) -> list[str]:
    """The words of ``text`` as :func:`stems_text` sees them: runs of letters and digits.

    "LCD-Glas" is two tokens, "In2O3" one.  Text is NFC-normalised first, so
    a letter written with a combining accent stays inside its word.
    """
    return TOKEN_PATTERN.findall(unicodedata.normalize("NFC", text))


@lru_cache(maxsize=1 << 16)
def _token_stems(token: str) -> tuple[str, ...]:
    """The stem of one token followed by the stems of its compound parts, if any."""
    whole = stem(token)
    if not whole:
        return ()
    parts = decompound(token)
    if len(parts) < 2:
        return (whole,)
    return (whole, *(part_stem for part_stem in map(stem, parts) if part_stem))


def stems_text(text: str) -> str:
    """The text to index in the stems field: the stems of every word, in order, one space apart.

    Each token contributes its :func:`stem` and, if it is a compound, the
    stems of its parts right after it: "Kupferrecycling in der Harzregion" →
    "kupferrecycl kupf recycl in der harzregion harz region".  Because the
    part stems sit between the words, phrase and proximity queries on this
    field are only approximate; match words on it, rank phrases elsewhere.
    """
    return " ".join(stem_ for token in tokens(text) for stem_ in _token_stems(token))


def query_stems(word: str) -> tuple[str, ...]:
    """The stems that one query word matches in a field built by :func:`stems_text`.

    The result is ``(whole, *parts)``:

    * ``whole`` is :func:`stem` of the word, always first;
    * ``parts`` are the distinct stems of its compound parts, empty when the
      word is no compound (see :func:`decompound`).

    A document matches the word if its stems field contains the term
    ``whole``, OR if it contains every term of ``parts`` (when there are
    any).  In Elasticsearch: ``bool.should`` of a ``term`` on ``whole`` and a
    ``bool.must`` of ``term`` queries on ``parts``, ``minimum_should_match:
    1``; in FTS5: ``stems:"whole" OR (stems:"p1" AND stems:"p2")``.  So
    "Kupferrecycling" finds "Recycling von Kupfer", and "Kupfer" finds
    "Kupferrecycling" (the index holds the part stems too).  Several query
    words are ANDed as before, each with this rule.

    Every stem returned here appears in ``stems_text(text)`` for any text
    containing the word.  ``word`` must be one token: split a query clause
    with :func:`tokens` first.  An empty tuple means the word has nothing to
    match on (punctuation, emoji): drop it from the query.
    """
    found = tokens(word)
    if len(found) > 1:
        raise ValueError(f"query_stems() takes one word, got {len(found)} in {word[:80]!r}: "
                         f"split the clause with search.analysis.tokens() first")
    return tuple(dict.fromkeys(_token_stems(found[0]))) if found else ()
