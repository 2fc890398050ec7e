"""The general German–English dictionary under the field glossary: every word a member may type, both ways."""

import gzip

import pytest

from search import dictionary
from search.analysis import ANALYSIS_VERSION, query_stems, stem, stems_text
from search.matching import translations, word_alternatives


def finds(query_word: str, document: str) -> bool:
    indexed = set(stems_text(document).split())
    return any(all(part in indexed for part in way) for way in word_alternatives(query_stems(query_word)))


def test_the_shipped_dictionary_matches_the_running_analysis():
    # stems change with ANALYSIS_VERSION; a dictionary of old stems would silently stop translating
    with gzip.open(dictionary.DICTIONARY_PATH, "rt", encoding="utf-8") as lines:
        header = lines.readline().rstrip("\n").split("\t")
    assert header == ["# analysis-version", str(ANALYSIS_VERSION)], "run scripts/build_dictionary"
    assert dictionary.size() > 100_000


@pytest.mark.parametrize("query, document", [
    ("Destillation", "The tetrachloride is purified by distillation"),
    ("distillation", "Reinigung durch Destillation"),
    ("bromierte", "brominated flame retardants"),
    ("entsorgen", "how to dispose of end-of-life panels"),
    ("Flammschutzmittel", "brominated flame retardants"),  # one German word, several English ones
    ("Solarpaneele", "used solar panels"),  # a compound: its parts translated
])
def test_a_word_the_glossary_lacks_finds_the_other_languages_word(query, document):
    assert finds(query, document)


def test_the_field_glossary_comes_first():
    # the dictionary gives "Verfahren" every sense (procedure, lawsuit, ...); the glossary says what it means here
    assert translations(stem("Verfahren")) == ((stem("process"),),)
    assert not finds("Verfahren", "a lawsuit in the district court")


def test_only_the_first_senses_are_used():
    assert len(translations(stem("Kosten"))) <= 2
    assert translations(stem("Haldensickerwasser")) == ()


def test_a_dictionary_of_other_stems_is_refused_with_what_to_do(tmp_path, monkeypatch):
    stale = tmp_path / "dictionary_de_en.tsv.gz"
    with gzip.open(stale, "wt", encoding="utf-8") as out:
        out.write(f"# analysis-version\t{ANALYSIS_VERSION - 1}\nkupf\tcopp\n")
    monkeypatch.setattr(dictionary, "DICTIONARY_PATH", stale)
    dictionary.reset()
    try:
        with pytest.raises(dictionary.StaleDictionary, match="run scripts/build_dictionary"):
            dictionary.translations("kupf")
    finally:
        monkeypatch.undo()
        dictionary.reset()


def test_a_missing_dictionary_leaves_the_glossary(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(dictionary, "DICTIONARY_PATH", tmp_path / "absent.tsv.gz")
    dictionary.reset()
    try:
        assert dictionary.translations(stem("Destillation")) == ()
        assert translations(stem("Kupfer")) == ((stem("copper"),),)
        assert "is missing" in caplog.text
    finally:
        monkeypatch.undo()
        dictionary.reset()


def test_each_word_of_an_english_phrase_also_finds_the_german_word_for_it():
    from search.matching import text_query
    from search.vocabulary import Vocabulary

    bulky, waste = text_query("bulky waste", Vocabulary()).clauses
    assert (stem("Sperrmüll"),) in bulky.alternatives and (stem("Sperrmüll"),) in waste.alternatives
    # a one- or two-letter word starts no phrase: "in" is indium's symbol, not part of "in circuit"
    clauses = text_query("retardants in circuit boards", Vocabulary()).clauses
    assert not any((stem("Leiterplatte"),) in clause.alternatives for clause in clauses if clause.text == "in")
