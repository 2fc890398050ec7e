"""What every backend does with ranking, synonyms and element symbols: the rest of the one specification.

Ranked retrieval (``search.matching``): text decides the order, filters
decide membership; an item is found when the words it holds weigh enough
(rare words weigh more), and items holding more of the query, or holding
its words close together, rank higher.  The editors' vocabulary
(``search.vocabulary``: synonym sets, element symbols) applies at query
time, so changing it needs no reindexing.  Each test indexes a small corpus
of its own into ``empty_backend`` (both backends).
"""

from __future__ import annotations

import datetime as dt

import pytest

from search.documents import Attachment, AttachmentPage, SearchDocument
from search.query import SearchQuery
from search.vocabulary import Vocabulary, override

VOCABULARY = Vocabulary(
    synonym_sets=(
        ("black mass", "Schwarzmasse"),
        ("PGM", "Platingruppenmetalle", "platinum group metals"),
        ("Autokatalysator", "automotive catalyst", "Fahrzeugkatalysator"),
        ("e-waste", "WEEE", "Elektroaltgeräte", "Elektroschrott"),
        ("Zinn", "Tin"),
        ("Kobalt", "Cobalt"),
    ),
    symbols=(("Li", ("Lithium",)), ("Co", ("Kobalt", "Cobalt")), ("Ni", ("Nickel",)), ("In", ("Indium",)),
             ("Sn", ("Zinn", "Tin")), ("W", ("Wolfram", "Tungsten"))),
)


def _doc(id_: str, title: str, summary: str = "", body: str = "", language: str = "de",
         pages: tuple[str, ...] = ()) -> SearchDocument:
    attachments = (Attachment("Bericht", f"/documents/{id_}.pdf",
                              tuple(AttachmentPage(number, text) for number, text in enumerate(pages, start=1))),
                   ) if pages else ()
    return SearchDocument(id=id_, content_type="document", title=title, url=f"/{id_}/", summary=summary, body=body,
                          language=language, date=dt.date(2024, 1, 1), attachments=attachments)


FILLER = [
    _doc("filler-1", "Sammlung von Altgeräten im Landkreis", "Wertstoffhöfe nehmen Geräte an.",
         "Die Sammelquote stieg auf 45 Prozent; Schrott wird sortiert."),
    _doc("filler-2", "Annual report of the cluster", "Members met twice.", "Scrap prices rose; recycling grew.",
         language="en"),
    _doc("filler-3", "Exkursion zum Rammelsberg", "Besuch des Bergwerks in Goslar.", "Erzbergbau seit dem Mittelalter."),
    _doc("filler-4", "School outreach day", "Pupils took apart old phones.", "Metals in everyday things.", "en"),
]

SCHWARZMASSE = _doc("schwarzmasse", "Lithium und Kobalt aus Schwarzmasse",
                    "Hydrometallurgische Laugung der Schwarzmasse aus Altbatterien.")
BLACK_MASS = _doc("black-mass", "Thermal pretreatment of black mass", "Spent cells are pyrolysed before leaching.",
                  language="en")
PGM_DE = _doc("pgm-de", "Platingruppenmetalle aus Autokatalysatoren", "Der Keramikträger wird eingeschmolzen.")
PGM_EN = _doc("pgm-en", "Recovery of platinum group metals", "Spent automotive catalysts are smelted with copper.",
              language="en")
SYMBOLS = _doc("symbols", "Li, Co und Ni aus Altbatterien", "Die Kathoden enthalten NMC-Material.")
DISPLAY = _doc("display", "Indium aus Displayglas", "Das ITO wird mit Säure gelöst.")
TIN = _doc("tin", "Zinn aus Lötzinn", "Lötzinn wird elektrolytisch raffiniert.")
VOCABULARY_CORPUS = [*FILLER, SCHWARZMASSE, BLACK_MASS, PGM_DE, PGM_EN, SYMBOLS, DISPLAY, TIN]


def search(backend, text: str, **filters: tuple[str, ...]):
    return backend.search(SearchQuery(text=text, filters=filters))


def ids(backend, text: str) -> list[str]:
    return [hit.id for hit in search(backend, text).hits]


@pytest.fixture
def vocabulary_backend(empty_backend):
    empty_backend.index(VOCABULARY_CORPUS)
    with override(VOCABULARY):
        yield empty_backend


# --- ranked retrieval ------------------------------------------------------------------


CARBIDE_ALL = _doc("carbide-all", "Tungsten carbide scrap", "Oxidation of hard metal scrap at 800 °C.", language="en")
CARBIDE_THREE = _doc("carbide-three", "Tungsten carbide inserts", "Worn inserts are collected as scrap.", language="en")
CARBIDE_ONE = _doc("carbide-one", "Copper cable scrap", "Cables are shredded.", language="en")


def test_an_item_matching_three_of_four_words_is_found_below_one_matching_all_four(empty_backend):
    empty_backend.index([*FILLER, CARBIDE_ALL, CARBIDE_THREE, CARBIDE_ONE])
    with override(Vocabulary()):
        found = ids(empty_backend, "tungsten carbide scrap oxidation")
    assert found[:2] == [CARBIDE_ALL.id, CARBIDE_THREE.id]
    # "scrap" alone is a small part of the query's weight: the cable scrap is no answer
    assert CARBIDE_ONE.id not in found


def test_one_word_must_occur(empty_backend):
    empty_backend.index([*FILLER, CARBIDE_ALL, CARBIDE_THREE, CARBIDE_ONE])
    with override(Vocabulary()):
        assert set(ids(empty_backend, "Oxidation")) == {CARBIDE_ALL.id}
        # a compound is one word: "Kupfer" (copper) and "Oxidation" stand in different items, none holds both
        assert ids(empty_backend, "Kupferoxidation") == []
        assert ids(empty_backend, "Wolframoxidation") == [CARBIDE_ALL.id]  # tungsten and oxidation, together


def test_a_question_finds_the_answer_that_lacks_some_of_its_words(empty_backend):
    answer = _doc("answer", "Gallium aus LED-Produktionsabfällen", "Gallium wird elektrolytisch abgeschieden.")
    empty_backend.index([*FILLER, answer, DISPLAY])
    with override(Vocabulary()):
        found = ids(empty_backend, "Wie gewinnt man Gallium aus Abfällen der Chipfertigung zurück?")
    assert found[0] == answer.id


def test_words_standing_close_together_rank_higher(empty_backend):
    padding = " ".join(["Die Versuche liefen über mehrere Wochen im Technikum."] * 3)
    close = _doc("close", "Versuchsbericht A", body=f"Indium Rückgewinnung gelang. {padding}")
    apart = _doc("apart", "Versuchsbericht B", body=f"Indium gelang. {padding} Rückgewinnung.")
    empty_backend.index([*FILLER, apart, close])
    with override(Vocabulary()):
        assert ids(empty_backend, "Indium Rückgewinnung")[:2] == [close.id, apart.id]


def test_filters_decide_membership_whatever_the_text(empty_backend):
    tagged = SearchDocument(id="tagged", content_type="document", title="Tungsten carbide scrap", url="/tagged/",
                            metals=("w",), language="en")
    empty_backend.index([*FILLER, CARBIDE_THREE, tagged])
    with override(Vocabulary()):
        assert [hit.id for hit in search(empty_backend, "tungsten carbide", metal=("w",)).hits] == [tagged.id]


def test_the_page_holding_the_words_is_reported_even_when_found_by_the_title(empty_backend):
    report = _doc("report", "Wolframcarbid-Recycling", pages=("Einleitung.", "Kapitel 2: Oxidation bei 800 °C."))
    empty_backend.index([*FILLER, report])
    with override(Vocabulary()):
        (hit,) = search(empty_backend, "Wolframcarbid Oxidation").hits
    assert [page.number for page in hit.page_hits] == [2]


# --- synonyms ----------------------------------------------------------------------------


def test_a_multi_word_synonym_finds_its_one_word_partner_and_back(vocabulary_backend):
    assert set(ids(vocabulary_backend, "black mass")) == {SCHWARZMASSE.id, BLACK_MASS.id}
    assert set(ids(vocabulary_backend, "Schwarzmasse")) == {SCHWARZMASSE.id, BLACK_MASS.id}


def test_an_abbreviation_finds_what_is_written_out_in_both_languages(vocabulary_backend):
    assert set(ids(vocabulary_backend, "PGM Autokatalysator")[:2]) == {PGM_DE.id, PGM_EN.id}


def test_inflected_forms_of_synonyms_count(vocabulary_backend):
    # "Autokatalysatoren" in the German title, "automotive catalysts" in the English summary
    assert set(ids(vocabulary_backend, "automotive catalyst")) == {PGM_DE.id, PGM_EN.id}


def test_the_matched_synonym_is_highlighted(vocabulary_backend):
    hit = next(hit for hit in search(vocabulary_backend, "Schwarzmasse").hits if hit.id == BLACK_MASS.id)
    assert "<mark>black" in " ".join(hit.highlights).lower()


def test_synonyms_apply_at_query_time(vocabulary_backend):
    # an abbreviation no dictionary resolves: only the editors' synonym set says what "PGM" stands for
    with override(Vocabulary()):
        assert ids(vocabulary_backend, "PGM") == []
    assert set(ids(vocabulary_backend, "PGM")) == {PGM_DE.id, PGM_EN.id}


def test_without_a_synonym_set_the_general_dictionary_still_translates_a_compound(vocabulary_backend):
    # "Schwarzmasse" is "schwarz" + "Masse": black + mass, word by word
    with override(Vocabulary()):
        assert set(ids(vocabulary_backend, "Schwarzmasse")) == {SCHWARZMASSE.id, BLACK_MASS.id}


# --- element symbols ---------------------------------------------------------------------


def test_symbols_find_their_metals_and_names_find_their_symbols(vocabulary_backend):
    # the symbols as written, and "Lithium und Kobalt" (the order of the two depends on the engine's
    # term statistics, which in Elasticsearch still count the scratch index's deleted documents)
    assert set(ids(vocabulary_backend, "Li Co Ni")[:2]) == {SYMBOLS.id, SCHWARZMASSE.id}
    assert SYMBOLS.id in ids(vocabulary_backend, "Lithium")


def test_a_symbol_counts_only_as_written(vocabulary_backend):
    assert SCHWARZMASSE.id not in ids(vocabulary_backend, "li")
    assert SCHWARZMASSE.id in ids(vocabulary_backend, "Li")


def test_an_ambiguous_symbol_needs_another_metal_beside_it(vocabulary_backend):
    assert DISPLAY.id not in ids(vocabulary_backend, "In welchen Projekten")
    assert {DISPLAY.id, TIN.id} <= set(ids(vocabulary_backend, "In Sn"))


def test_a_name_does_not_match_an_ambiguous_symbol(vocabulary_backend):
    # every German text says "in": "Indium" must not mean all of them
    assert ids(vocabulary_backend, "Indium") == [DISPLAY.id]


# --- taxonomy labels -----------------------------------------------------------------------


def test_naming_a_metal_finds_items_tagged_with_it_whatever_their_text(empty_backend):
    tagged = SearchDocument(id="tagged-cu", content_type="document", title="Bericht 2019/4", url="/tagged-cu/",
                            body="Die Ausbeute lag bei 94 Prozent.", metals=("cu",))
    written = _doc("written-cu", "Kupfer aus Kabelschrott", "Kupfer wird granuliert.")
    empty_backend.index([*FILLER, tagged, written])
    labels = Vocabulary(labels=(("metal", "cu", ("Kupfer", "Copper")),))
    with override(Vocabulary()):
        assert ids(empty_backend, "Kupfer") == [written.id]
    with override(labels):
        assert set(ids(empty_backend, "Kupfer")) == {tagged.id, written.id}
        assert set(ids(empty_backend, "copper")) == {tagged.id, written.id}
        # the item whose text says it too ranks first
        assert ids(empty_backend, "Kupfer")[0] == written.id


def test_among_the_items_a_filter_admits_those_about_the_selected_metal_rank_first(empty_backend):
    # both are tagged copper and hold "Rückgewinnung"; only one is about copper
    passing = SearchDocument(id="passing", content_type="document", title="Rückgewinnung von Zink aus Stäuben",
                             url="/passing/", body="Rückgewinnung von Zink; Spuren von Kupfer im Staub.",
                             metals=("zn", "cu"))
    about = SearchDocument(id="about", content_type="document", title="Rückgewinnung aus Leiterplatten", url="/about/",
                           body="Kupfer wird ammoniakalisch gelaugt, das Kupfer elektrolytisch abgeschieden.",
                           metals=("cu",))
    empty_backend.index([*FILLER, passing, about])
    with override(Vocabulary(labels=(("metal", "cu", ("Kupfer", "Copper")), ("metal", "zn", ("Zink", "Zinc"))))):
        assert [hit.id for hit in search(empty_backend, "Rückgewinnung", metal=("cu",)).hits] == [about.id, passing.id]
        # the names only rank: the filter and the text decide membership as before
        assert {hit.id for hit in search(empty_backend, "Kupfer", metal=("cu",)).hits} == {about.id, passing.id}


# --- quoted phrases -------------------------------------------------------------------


def test_a_quoted_phrase_held_as_written_ranks_above_its_words_standing_apart(empty_backend):
    written = _doc("written", "Versuchsbericht 12", "Die Laugung mit Salzsäure bei 60 °C löste das Indium.")
    apart = _doc("apart", "Versuchsbericht 13", "Die Laugung lief drei Tage; danach wurde Salzsäure zugegeben.")
    empty_backend.index([*FILLER, apart, written])
    assert ids(empty_backend, '"Laugung mit Salzsäure"') == ["written", "apart"]
    # in that order it stands nowhere: both are found, word by word
    assert set(ids(empty_backend, '"Salzsäure mit Laugung"')) == {"apart", "written"}


def test_a_quoted_phrase_matches_the_synonyms_of_its_words(vocabulary_backend):
    # SCHWARZMASSE says "Laugung der Schwarzmasse"; BLACK_MASS "leaching" and "black mass"
    assert ids(vocabulary_backend, '"Laugung der Schwarzmasse"') == ["schwarzmasse", "black-mass"]


# --- filters and editors' tags --------------------------------------------------------


def test_among_filtered_items_those_an_editor_tagged_rank_above_detected_mentions(empty_backend):
    import dataclasses

    # the same text: only the date (newer first) and who tagged copper tell them apart
    text = ("Rückgewinnung aus Reststoffen der Hütte", "Kupfer und Zink werden zurückgewonnen.")
    mention = dataclasses.replace(_doc("mention", *text), date=dt.date(2025, 1, 1), metals=("cu", "zn"),
                                  detected=("metals:cu",))
    tagged = dataclasses.replace(_doc("tagged", *text), date=dt.date(2020, 1, 1), metals=("cu", "zn"))
    empty_backend.index([*FILLER, mention, tagged])
    assert [hit.id for hit in search(empty_backend, "Rückgewinnung").hits] == ["mention", "tagged"]
    assert [hit.id for hit in search(empty_backend, "Rückgewinnung", metal=("zn",)).hits] == ["mention", "tagged"]
    assert [hit.id for hit in search(empty_backend, "Rückgewinnung", metal=("cu",)).hits] == ["tagged", "mention"]


def test_an_institutions_own_entry_ranks_below_work_that_says_as_much(empty_backend):
    import dataclasses

    # the same words, both undated: without the entry weight, the id would put the institution first
    text = ("Hütte Nord", "Kupfer aus Elektroschrott.", "Elektroschrott wird in Goslar geschmolzen.")
    profile = dataclasses.replace(_doc("institution:1", *text), content_type="institution", date=None)
    work = dataclasses.replace(_doc("work", *text), date=None)
    empty_backend.index([*FILLER, profile, work])
    assert ids(empty_backend, "Kupfer Elektroschrott") == ["work", "institution:1"]


def test_an_institutions_name_matches_as_written_or_by_its_tag_not_word_by_word(empty_backend):
    import dataclasses

    vocabulary = Vocabulary(labels=(("institution", "harzer-metallhuette",
                                     ("Harzer Metallhütte GmbH", "Harzer Metallhütte")),))
    tagged = dataclasses.replace(_doc("tagged", "Kupfer aus Schrott", "Schmelzversuche im Technikum."),
                                 institutions=("harzer-metallhuette",))
    written = _doc("written", "Exkursion", "Die Harzer Metallhütte lud Schulen ein.")
    scattered = _doc("scattered", "Harzer Erze", "In der Metallhütte am Rammelsberg wurde Kupfer geschmolzen.")
    empty_backend.index([*FILLER, tagged, written, scattered])
    with override(vocabulary):
        assert set(ids(empty_backend, "Harzer Metallhütte")) == {"tagged", "written"}
    # without the vocabulary the two words are words like any others
    assert set(ids(empty_backend, "Harzer Metallhütte")) == {"written", "scattered"}
