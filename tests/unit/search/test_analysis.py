"""Words become stems, so both backends match inflected forms and compounds alike.

Both backends index ``stems_text`` of a document and look each query word up
through ``query_stems``; neither engine stems by itself.  These tests say
what must meet what ("Metalle" finds "Metall", "Kupfer" finds
"Kupferrecycling") and what must be left alone (chemical symbols, numbers,
words the lexicon does not know).  A test that pins exact output fails when
the analysis changes: then bump ``ANALYSIS_VERSION`` (documents need a
reindex) and update the expectation.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from search import analysis
from search.analysis import (ANALYSIS_VERSION, LEXICON_PATH, TOKEN_PATTERN, decompound, fold, query_stems, stem,
                             stems_text, tokens)

REPOSITORY = Path(__file__).resolve().parents[3]

PHRASES = [
    "Rückgewinnung von Indium aus LCD-Glas",
    "Kupferrecycling in der Harzregion",
    "recovery of rare earth magnets",
    "Die Laugung des zerkleinerten Displayglases mit verdünnter Schwefelsäure löst über 90 % des Indiums.",
    "In Säulenversuchen lösten acidophile Bakterien binnen 120 Tagen 65 % des Kupfers.",
    "Eine Wasserstoffversprödung zerlegt die Magnete; die Legierung kann direkt wieder verpresst werden.",
    "Germanium aus Flugaschen der Braunkohleverbrennung",
    "Metallrueckgewinnung aus Leiterplatten (Elektronikschrott), Forschungsprojekt 2019–2022",
    "Spent automotive catalysts are smelted with copper as a collector metal to recover platinum.",
    "Alkaline leaching dissolved 87 % of the gallium; electrowinning produced metal of 99.9 % purity.",
    "Lithium und Kobalt aus Altbatterien: 95 % Kobalt- und 85 % Lithiumausbringen, Li-Ionen-Akkus",
    "Sensor-based sorting raised the copper grade of the shredded boards from 18 % to 31 % before smelting.",
    "Biolaugung historischer Bergbauhalden im Harz: Cu, Co und Ge im Haldensickerwasser",
]


# --- stem: inflected forms meet ------------------------------------------------

@pytest.mark.parametrize("forms", [
    # German nouns in their cases and plurals
    ("Metall", "Metalle", "Metallen", "Metalls"),
    ("Kupfer", "Kupfers"),
    ("Schlacke", "Schlacken"),
    ("Laugung", "Laugungen"),
    ("Katalysator", "Katalysatoren", "Katalysators"),
    ("Magnet", "Magnete", "Magneten", "Magnets"),
    ("Batterie", "Batterien"),
    ("Projekt", "Projekte", "Projekten", "Projekts", "Projektes"),
    ("Versuch", "Versuche", "Versuchen", "Versuchs"),
    ("Halde", "Halden"),
    ("Erde", "Erden"),
    ("Seltene", "Seltenen", "seltener"),
    ("Rohstoff", "Rohstoffe", "Rohstoffen", "Rohstoffs"),
    ("Extraktion", "Extraktionen"),
    ("Konzentration", "Konzentrationen"),
    ("Elektrolyse", "Elektrolysen"),
    ("Legierung", "Legierungen"),
    ("Technologie", "Technologien"),
    ("Akku", "Akkus"),
    # plurals with an umlaut meet once the umlaut is folded
    ("Abfall", "Abfälle", "Abfällen"),
    ("Ofen", "Öfen"),
    ("Rückstand", "Rückstände", "Rückständen"),
    ("Staub", "Stäube"),
    # adjectives
    ("strategisch", "strategische", "strategischen", "strategischer"),
    ("hydrometallurgisch", "hydrometallurgische", "hydrometallurgischen"),
    # English
    ("metal", "metals"),
    ("battery", "batteries"),
    ("catalyst", "catalysts"),
    ("leach", "leaches", "leached", "leaching"),
    ("magnet", "magnets"),
    ("recycle", "recycled", "recycling", "recycles"),
    ("recovery", "recoveries"),
    ("recover", "recovered", "recovering", "recovers"),
    ("process", "processes", "processed", "processing"),
    ("extract", "extracted", "extracting", "extraction"),
    ("residue", "residues"),
    ("issue", "issues", "issued"),
    ("value", "values"),
    ("earth", "earths"),
    ("technology", "technologies"),
    ("smelting", "smelted"),
    ("separation", "separations", "separated"),
    # acronyms in the plural
    ("PCB", "PCBs"),
    ("LCD", "LCDs"),
    ("PGM", "PGMs"),
    ("LED", "LEDs"),
    # the same word in both languages, where the stems happen to agree
    ("Metall", "metal"),
    ("Magnete", "magnets"),
    ("Batterien", "batteries"),
    ("Technologie", "technology"),
])
def test_inflected_forms_share_one_stem(forms):
    assert len({stem(form) for form in forms}) == 1, {form: stem(form) for form in forms}


@pytest.mark.parametrize("one, other", [
    ("Platin", "Platine"),  # platinum is no circuit board
    ("Platin", "Platinen"),
    ("Zinn", "Zinnober"),  # cinnabar is no tin
    ("Indium", "Indien"),
    ("Kupfer", "Kobalt"),
    ("Magnet", "Magnesium"),
    ("Gallium", "Germanium"),
])
def test_different_words_keep_different_stems(one, other):
    assert stem(one) != stem(other)


@pytest.mark.parametrize("written, typed", [
    ("Rückgewinnung", "Rueckgewinnung"),
    ("Rückgewinnung", "ruckgewinnung"),
    ("Rückgewinnung", "RÜCKGEWINNUNG"),
    ("Ökobilanz", "Oekobilanz"),
    ("Maßstab", "Massstab"),
    ("Straße", "STRASSE"),
    ("Säulenversuch", "Saeulenversuch"),
    ("Zementatión", "Zementation"),
    ("Électrolyse", "electrolyse"),
    ("ﬁlter", "filter"),  # a ligature from a PDF
])
def test_umlauts_sharp_s_and_diacritics_fold_the_same_way(written, typed):
    assert stem(written) == stem(typed)


def test_fold_lowercases_and_strips_diacritics():
    assert fold("Rückgewinnung") == "ruckgewinnung"
    assert fold("Straße") == "strasse"
    assert fold("ÄÖÜ") == "aou"
    assert fold("Søren Æther") == "sorenaether"  # not a token: non-word characters go
    assert fold("½") == "12"


@pytest.mark.parametrize("word, expected", [
    ("Cu", "cu"), ("In", "in"), ("Ga", "ga"), ("Nd", "nd"), ("Co", "co"), ("Li", "li"),
    ("REE", "ree"), ("LCD", "lcd"), ("PGM", "pgm"), ("ITO", "ito"), ("Öl", "ol"), ("tin", "tin"), ("ore", "ore"),
])
def test_short_words_and_chemical_symbols_are_only_lowercased(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize("word", ["Indium", "Gallium", "Germanium", "Lithium", "Palladium", "Dysprosium"])
def test_element_names_in_ium_stay_whole(word):
    assert stem(word) == word.lower()


@pytest.mark.parametrize("word, expected", [
    ("2023", "2023"), ("3", "3"), ("99", "99"), ("CO2", "co2"), ("In2O3", "in2o3"), ("H2SO4", "h2so4"),
])
def test_numbers_and_formulas_are_not_stemmed(word, expected):
    assert stem(word) == expected


def test_stem_does_not_depend_on_case():
    for phrase in PHRASES:
        for word in tokens(phrase):
            assert stem(word) == stem(word.upper()) == stem(word.lower())


def test_every_stem_is_one_token_for_the_engines():
    words = [*tokens(" ".join(PHRASES)), "½", "²", "ⓐ", "ℌarz", "İstanbul", "Æther", "日本語", "x" * 200]
    for word in words:
        assert TOKEN_PATTERN.fullmatch(stem(word)), word


def test_no_stem_is_shorter_than_three_letters():
    assert stem("uses") == stem("use") == "use"
    for word in tokens(" ".join(PHRASES)):
        if len(fold(word)) > 3:
            assert len(stem(word)) >= 3, word


# --- decompound: German compounds and their parts ---------------------------------------------

@pytest.mark.parametrize("compound, parts", [
    ("Kupferrecycling", ("kupfer", "recycling")),
    ("Metallrückgewinnung", ("metall", "rückgewinnung")),
    ("Wasserstoffversprödung", ("wasserstoff", "versprödung")),  # not wasser + stoff + ...
    ("Flugaschen", ("flug", "aschen")),  # the last part keeps its ending
    ("Leiterplatten", ("leiter", "platten")),
    ("Indiumzinnoxid", ("indium", "zinn", "oxid")),
    ("Elektronikschrott", ("elektronik", "schrott")),
    ("Harzregion", ("harz", "region")),
    ("Biolaugung", ("bio", "laugung")),
    ("kupferhaltige", ("kupfer", "haltige")),
    ("Schwefelsäure", ("schwefel", "säure")),
    ("Produktionsabfälle", ("produktion", "abfälle")),
])
def test_compounds_split_into_known_parts(compound, parts):
    assert decompound(compound) == parts


@pytest.mark.parametrize("compound, parts", [
    ("Forschungsprojekt", ("forschung", "projekt")),  # -s-
    ("Säulenversuch", ("säule", "versuch")),  # -n-
    ("Katalysatorenrecycling", ("katalysator", "recycling")),  # -en-
    ("Haldensickerwasser", ("halde", "sicker", "wasser")),  # -n- between three parts
    ("Erstbehandlungsanlage", ("erst", "behandlung", "anlage")),
])
def test_linking_elements_between_parts_are_dropped(compound, parts):
    assert decompound(compound) == parts


@pytest.mark.parametrize("compound, parts", [
    ("Handysammlung", ("handy", "sammlung")),
    ("Wälzofen", ("wälz", "ofen")),
    ("Waelzoxid", ("waelz", "oxid")),
    ("Blisterkupfer", ("blister", "kupfer")),
    ("Dieselpartikelfilter", ("diesel", "partikel", "filter")),
])
def test_an_unknown_first_part_is_split_off_a_known_rest(compound, parts):
    assert decompound(compound) == parts


@pytest.mark.parametrize("word", ["separate", "concentrates", "solutions", "Informationen", "enthalten",
                                  "thermischen", "Österreich", "vergleicht"])
def test_rests_that_end_many_plain_words_are_not_split_off(word):
    assert decompound(word) == (word,)


def test_ascii_spelling_of_umlauts_splits_too():
    assert decompound("Metallrueckgewinnung") == ("metall", "rueckgewinnung")
    assert [stem(part) for part in decompound("Metallrueckgewinnung")] == \
        [stem(part) for part in decompound("Metallrückgewinnung")]


@pytest.mark.parametrize("word", ["Rückgewinnung", "Wasserstoff", "Bergbau", "Rohstoff", "Kupfer", "recycling"])
def test_a_word_of_the_lexicon_is_never_split(word):
    assert decompound(word) == (word,)


@pytest.mark.parametrize("word", [
    "Zinnober",  # a false friend listed in the lexicon: not zinn + ober
    "Zementation", "Restaurant", "Erzeugung", "Goldene", "Technikum", "Magnetismus",
    "recovery", "Indium", "LCD", "Cu", "NdFeB", "In2O3", "2023", "",
])
def test_other_words_come_back_unchanged(word):
    assert decompound(word) == (word,)


def test_lexicon_file_is_clean():
    entries = []
    for number, line in enumerate(LEXICON_PATH.read_text(encoding="utf-8").splitlines(), start=1):
        entry = line.split("#", 1)[0].strip()
        if entry:
            assert entry == entry.lower() and entry.isalpha() and len(entry) >= 3, f"line {number}: {line!r}"
            entries.append(entry)
    assert len(entries) >= 300
    assert len(entries) == len(set(entries)), "duplicate lines"


# --- stems_text: what gets indexed ---------------------------------------------------------

def test_stems_text_gives_each_word_its_stem_in_order():
    assert stems_text("Rückgewinnung von Indium aus LCD-Glas") == " ".join(
        stem(word) for word in ["Rückgewinnung", "von", "Indium", "aus", "LCD", "Glas"])


def test_stems_text_adds_the_parts_of_a_compound_after_it():
    assert stems_text("Kupferrecycling in der Harzregion").split() == [
        stem("Kupferrecycling"), stem("kupfer"), stem("recycling"), stem("in"), stem("der"),
        stem("Harzregion"), stem("harz"), stem("region")]


@pytest.mark.parametrize("text, expected", [
    # Pinned output: if one of these changes, bump ANALYSIS_VERSION (indexed documents need a reindex).
    ("Rückgewinnung von Indium aus LCD-Glas", "ruckgewinn von indium aus lcd glas"),
    ("Kupferrecycling in der Harzregion", "kupferrecycl kupf recycl in der harzregion harz region"),
    ("recovery of rare earth magnets", "recov of rar earth magn"),
    ("Metalle und Metallen; metals", "metal und metal metal"),
])
def test_stems_text_output_is_pinned(text, expected):
    assert ANALYSIS_VERSION == 3
    assert stems_text(text) == expected


# --- query_stems: what a query word matches ---------------------------------------------------

def matches(query_word: str, document: str) -> bool:
    """The rule query_stems documents for the backends: the whole stem, or all part stems."""
    indexed = set(stems_text(document).split())
    whole, *parts = query_stems(query_word)
    return whole in indexed or bool(parts) and all(part in indexed for part in parts)


@pytest.mark.parametrize("query, document", [
    ("Metalle", "Rückgewinnung von Metall aus Schlacken"),
    ("Schlacke", "Rückgewinnung von Metall aus Schlacken"),
    ("Kupfer", "Kupferrecycling in der Harzregion"),  # a part of a compound in the document
    ("Kupferrecycling", "Recycling von Kupfer"),  # all parts of the query's compound
    ("Kupferrecycling", "Das Kupferrecycling im Harz"),
    ("Metallrückgewinnung", "Metallrueckgewinnung aus Leiterplatten"),
    ("Leiterplatte", "Metallrueckgewinnung aus Leiterplatten"),
    ("Flugasche", "Germanium aus Flugaschen"),
    ("Rueckgewinnung", "Rückgewinnung von Indium aus LCD-Glas"),
    ("Säulenversuch", "In Säulenversuchen lösten acidophile Bakterien"),
    ("Versuche", "In Säulenversuchen lösten acidophile Bakterien"),
    ("Wasserstoff", "Eine Wasserstoffversprödung zerlegt die Magnete"),
    ("magnets", "Eine Wasserstoffversprödung zerlegt die Magnete"),
    ("leaching", "Gallium was leached with caustic soda"),
    ("batteries", "Recycling einer Batterie"),
    ("LCD", "Indium aus LCD-Glas"),
    ("Cu", "Cu, Co und Ge im Haldensickerwasser"),
    ("recovery", "The copper was recovered by electrowinning"),  # Snowball alone parts noun and verb
    ("recovered", "Copper recovery from printed circuit boards"),
    ("Carbid", "Hartmetall besteht aus Wolframcarbid"),  # a known part, in either spelling
    ("Karbid", "Titan- und Niobkarbide werden zugesetzt"),
])
def test_a_query_word_finds_its_forms_and_compounds(query, document):
    assert matches(query, document)


@pytest.mark.parametrize("query, document", [
    ("Platin", "Bestückte Platinen aus Altgeräten"),
    ("Zinn", "Zinnober ist Quecksilbersulfid"),
    ("Kupferrecycling", "Kupfer aus Schlacken"),  # only one of the two parts
    ("In", "Indium aus LCD-Glas"),  # a symbol is no prefix
])
def test_a_query_word_does_not_find_unrelated_words(query, document):
    assert not matches(query, document)


def test_query_stems_start_with_the_whole_word_then_its_parts():
    assert query_stems("Forschungsprojekten") == (stem("Forschungsprojekten"), stem("forschung"), stem("projekt"))
    assert query_stems("Indium") == ("indium",)


@pytest.mark.parametrize("text", PHRASES)
def test_index_and_query_side_agree(text):
    indexed = set(stems_text(text).split())
    for word in tokens(text):
        assert set(query_stems(word)) <= indexed, word


def test_query_stems_take_one_word():
    with pytest.raises(ValueError, match="tokens"):
        query_stems("LCD-Glas")


@pytest.mark.parametrize("garbage", ["", " ", "🔥", "😀😀", "...", "((", "*", "—", '"', "\x00", "\u200b"])
def test_a_query_word_without_letters_matches_nothing(garbage):
    assert query_stems(garbage) == ()


# --- garbage in, no error out -----------------------------------------------------------

def _hostile_texts() -> list[str]:
    rng = random.Random(20240901)
    alphabet = ("aäbcdeéfghijklmnoöpqrsßtuüvwxyz AÄOÖUÜ0123456789"
                ".,;:-_()[]\"'🔥😀½²ⓐ\u0301\u200b日本語Ωж\t\n")
    return [
        "", " ", "🔥" * 100, "...", "a" * 10_000, "x " * 5_000, "-" * 10_000, "Kupfer" * 2_000,
        "kupferzinnbleigoldsilberplatinpalladiumindiumgalliumgermanium" * 200,
        "".join(rng.choice(alphabet) for _ in range(10_000)),
        "e\u0301cole \ue000Indium\ue001 \x00Zinn\x00",
    ]


@pytest.mark.parametrize("text", _hostile_texts(), ids=lambda text: repr(text[:12]))
def test_garbage_is_handled_without_error_and_fast(text):
    started = time.perf_counter()
    indexed = stems_text(text)
    for word in tokens(text)[:2_000]:
        query_stems(word)
        decompound(word)
    assert time.perf_counter() - started < 5  # generous: catches a quadratic blow-up, not a slow machine
    assert isinstance(indexed, str)
    assert all(TOKEN_PATTERN.fullmatch(part) for part in indexed.split())


def test_a_word_written_with_a_combining_accent_stays_one_word():
    assert tokens("e\u0301cole") == ["école"]


# --- properties of the module ---------------------------------------------------------------

def test_results_are_the_same_from_several_threads():
    words = [word for phrase in PHRASES for word in tokens(phrase)] * 20
    uncached = analysis.stem.__wrapped__
    expected = [uncached(word) for word in words]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(uncached, words)) == expected


def test_the_module_imports_without_django():
    code = "import sys, search.analysis; print('django' in sys.modules)"
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run([sys.executable, "-c", code], cwd=REPOSITORY, env=env, capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
