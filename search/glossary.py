"""German–English translations of the field's words, so that a query finds the other language too.

Members write German and English, and so do the documents: "copper
recycling" should find "Kupferrecycling", "Laugung" the English paper on
leaching.  :func:`translations` gives, for a stem, the stems of its
translations (from ``glossary_de_en.txt``), in both directions.  Compounds
on the German side need no line of their own when their parts have one:
``Kupferschlacke`` is found by "copper slag" through its parts.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from search.analysis import stem

GLOSSARY_PATH = Path(__file__).with_name("glossary_de_en.txt")


@lru_cache(maxsize=1)
def _pairs() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = defaultdict(set)
    for number, line in enumerate(GLOSSARY_PATH.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        german, separator, english = (part.strip() for part in line.partition("="))
        if not separator or not german or not english or " " in german or " " in english:
            raise ValueError(f"{GLOSSARY_PATH.name}:{number}: expected 'deutsch = english' (single words), "
                             f"got {line!r}")
        german_stem, english_stem = stem(german), stem(english)
        if german_stem != english_stem:
            table[german_stem].add(english_stem)
            table[english_stem].add(german_stem)
    return {key: frozenset(values) for key, values in table.items()}


def translations(word_stem: str) -> tuple[str, ...]:
    """The stems of the translations of a word with stem ``word_stem`` (sorted; empty if none)."""
    return tuple(sorted(_pairs().get(word_stem, ())))
