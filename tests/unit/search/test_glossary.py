"""The German–English glossary: a query word also finds its translation, both ways, by stem."""

import pytest

from search import glossary
from search.analysis import query_stems, stem, stems_text
from search.glossary import translations
from search.matching import word_alternatives


def finds(query_word: str, document: str) -> bool:
    """Whether one of the ways ``query_word`` matches (itself, its translations, its parts) is all in ``document``."""
    indexed = set(stems_text(document).split())
    return any(all(part in indexed for part in way) for way in word_alternatives(query_stems(query_word)))


def test_a_pair_translates_both_ways():
    assert stem("copper") in translations(stem("Kupfer"))
    assert stem("Kupfer") in translations(stem("copper"))


def test_a_word_without_a_pair_has_no_translation():
    assert translations(stem("Haldensickerwasser")) == ()


@pytest.mark.parametrize("query, document", [
    ("Rückgewinnung", "The copper was recovered from the leach solution"),  # any form of the English word
    ("recovering", "Rückgewinnung von Indium aus LCD-Glas"),
    ("process", "Das Verfahren trennt Kobalt von Nickel"),  # German says Verfahren or Prozess for it
    ("process", "Das Zink wird in den Prozess zurückgeführt"),
    ("process", "Hartmetallrecycling nach dem Zinkverfahren"),  # through a compound's part
    ("carbide", "Hartmetall besteht aus Wolframkarbid"),
    ("Kupferrecycling", "Copper recycling in the Harz region"),  # a German compound by its parts' translations
])
def test_a_query_word_finds_the_other_languages_word(query, document):
    assert finds(query, document)


def test_an_unrelated_word_is_not_found():
    assert not finds("process", "Das Kupfer wird elektrolytisch raffiniert")


def test_a_malformed_line_names_the_file_and_line(tmp_path, monkeypatch):
    broken = tmp_path / "glossary_de_en.txt"
    broken.write_text("# a comment\nkupfer = copper\nseltene erden = rare earths\n", encoding="utf-8")
    monkeypatch.setattr(glossary, "GLOSSARY_PATH", broken)
    glossary._pairs.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"glossary_de_en.txt:3: expected 'deutsch = english'"):
            translations("kupf")
    finally:
        monkeypatch.undo()
        glossary._pairs.cache_clear()
