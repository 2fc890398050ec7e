"""“Did you mean”: the rules both backends follow when they correct a query.

A backend's ``spelling(text, viewer_groups)`` looks at each word of
:func:`spelling_words`; a word that occurs in some item the caller may see is
kept, any other is replaced by the nearest word (:func:`edit_distance`, at
most :func:`max_edits`) that occurs in a visible item, the most frequent in
visible items first.  Candidates come from the engine's vocabulary (the
Elasticsearch term suggester, the embedded FTS5 ``fts5vocab`` table), which
holds the words of every item; each candidate is therefore counted again with
the caller's visibility filter before it may be proposed, so a word that
stands only in content the caller cannot see is never suggested.

The views ask only when a query found fewer than :data:`FEW_RESULTS`.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import Iterable

from search.backends import SearchUnavailable, get_backend
from search.query import SearchQuery

logger = logging.getLogger(__name__)

FEW_RESULTS = 3  # a query with fewer results gets a "did you mean"
MIN_WORD_LENGTH = 4  # shorter words are left alone: too many near neighbours
MAX_WORD_LENGTH = 40
MAX_SPELLING_WORDS = 6
MAX_CANDIDATES = 8  # per word, counted against visibility
_WORD = re.compile(r"[^\W_]+")


def spelling_words(text: str) -> list[str]:
    """The lower-cased words of a query, in order (at most ``MAX_SPELLING_WORDS``)."""
    return [word.lower() for word in _WORD.findall(text[:500])][:MAX_SPELLING_WORDS]


def correctable(word: str) -> bool:
    """Whether a word is looked at: long enough, not too long, no digits."""
    return MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH and not any(char.isdigit() for char in word)


def max_edits(word: str) -> int:
    """Edits allowed for a correction of ``word``: 1 up to 5 letters, 2 beyond (as Elasticsearch's max_edits)."""
    return 1 if len(word) <= 5 else 2


def fold(word: str) -> str:
    """Lower case without diacritics ("Rückgewinnung" → "ruckgewinnung"), as FTS5's unicode61 tokenizer."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def edit_distance(a: str, b: str, bound: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit); ``bound + 1`` once above ``bound``."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > bound:
            return bound + 1
        previous2, previous = previous, current
    return min(previous[-1], bound + 1)


def rank_candidates(word: str, candidates: Iterable[str]) -> list[str]:
    """Candidates within ``max_edits(word)``, nearest first (ties: as given), at most ``MAX_CANDIDATES``."""
    bound = max_edits(word)
    scored = []
    for position, candidate in enumerate(dict.fromkeys(candidates)):
        if candidate == word or not candidate:
            continue
        distance = edit_distance(word, candidate, bound)
        if distance <= bound:
            scored.append((distance, position, candidate))
    return [candidate for _, _, candidate in sorted(scored)][:MAX_CANDIDATES]


def did_you_mean(query: SearchQuery, total: int) -> str | None:
    """A corrected query text for a query that found few results, or None.

    Never raises for an unavailable engine: the results are shown without a
    proposal (and the failure is logged).
    """
    if total >= FEW_RESULTS or not query.text.strip():
        return None
    try:
        corrected = get_backend().spelling(query.text, query.viewer_groups)
    except SearchUnavailable:
        logger.warning("Search engine unavailable for a spelling suggestion", exc_info=True)
        return None
    if not corrected or corrected.lower() == " ".join(spelling_words(query.text)):
        return None
    return corrected
