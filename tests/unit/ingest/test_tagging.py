"""Which metals, processes and institutions a document's text names.

The vocabulary mirrors the cluster's taxonomy (German and English names,
chemical symbols, groups, institutions); the sentences are the kind that
stand in project reports and symposium papers.
"""

from __future__ import annotations

import pytest

from ingest.tagging import Suggestion, Term, Vocabulary, acronyms_in, detect_tags, group_acronyms, suggest


def term(slug: str, german: str, english: str = "", **details) -> Term:
    """A taxonomy entry labelled, as the German admin shows it, by its German name."""
    return Term(slug, (german,), (english,) if english else (), label=german, **details)


VOCABULARY = Vocabulary(
    metals=(
        term("pgm", "Platingruppenmetalle", "Platinum group metals", acronyms=("PGM",)),
        term("ga", "Gallium", "Gallium", symbol="Ga"),
        term("ge", "Germanium", "Germanium", symbol="Ge"),
        term("in", "Indium", "Indium", symbol="In"),
        term("co", "Kobalt", "Cobalt", symbol="Co"),
        term("cu", "Kupfer", "Copper", symbol="Cu"),
        term("li", "Lithium", "Lithium", symbol="Li"),
        term("nd", "Neodym", "Neodymium", symbol="Nd"),
        term("pt", "Platin", "Platinum", symbol="Pt"),
        term("ree", "Seltene Erden", "Rare earth elements", acronyms=("REE",)),
        term("sn", "Zinn", "Tin", symbol="Sn"),
    ),
    processes=(
        term("bioleaching", "Biolaugung", "Bioleaching"),
        term("dismantling", "Demontage", "Dismantling"),
        term("electrorefining", "Elektrolytische Raffination", "Electrorefining"),
        term("flotation", "Flotation", "Flotation"),
        term("hydrometallurgy", "Hydrometallurgie", "Hydrometallurgy"),
        term("leaching", "Laugung", "Leaching"),
        term("mechanical-processing", "Mechanische Aufbereitung", "Mechanical processing"),
        term("sorting", "Sensorgestützte Sortierung", "Sensor-based sorting"),
        term("solvent-extraction", "Solventextraktion", "Solvent extraction"),
    ),
    institutions=(
        term("harzer-metallrueckgewinnung", "Harzer Metallrückgewinnung GmbH"),
        term("hochschule-oberharz", "Hochschule Oberharz"),
        term("institut-sekundaerrohstoffe", "Institut für Sekundärrohstoffe Harz"),
        term("landkreis-goslar-abfall", "Landkreis Goslar, Abfallwirtschaft"),
        term("tu-clausthal", "Technische Universität Clausthal (TUC)", acronyms=("TUC",)),
    ),
)


def metals(text: str) -> list[str]:
    return detect_tags(text, VOCABULARY)["metals"]


def processes(text: str) -> list[str]:
    return detect_tags(text, VOCABULARY)["processes"]


def institutions(text: str) -> list[str]:
    return detect_tags(text, VOCABULARY)["institutions"]


# --- metal names -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Die Rückgewinnung des Kupfers aus Elektronikschrott ist etabliert.", ["cu"]),
        ("Das Kupferrecycling im Harz hat eine lange Tradition.", ["cu"]),
        ("Die kupferhaltige Schlacke wird erneut eingeschmolzen.", ["cu"]),
        ("Indiumoxid wird aus dem zerkleinerten Displayglas gelöst.", ["in"]),
        ("Kobalt und Lithium aus ausgedienten Traktionsbatterien.", ["co", "li"]),
        ("Recovery of copper and cobalt from printed circuit boards.", ["co", "cu"]),
        ("The copper's purity exceeded 99.9 %.", ["cu"]),
        ("Tin-plated steel and solder tins are collected separately.", ["sn"]),
        ("Zinnoxid-Schlamm aus der Leiterplattenfertigung.", ["sn"]),
        ("Neodymium magnets from hard disk drives.", ["nd"]),
        ("Altkupfer und Elektrolytkupferkathoden werden umgeschmolzen.", ["cu"]),  # compounds end in the name
    ],
)
def test_metals_are_found_by_german_and_english_names_with_inflections_and_compounds(text, expected):
    assert metals(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Leiterplatinen und bestückte Platinen werden manuell entnommen.",  # circuit boards, not platinum
        "Zinnober ist ein Quecksilbererz.",  # cinnabar, not tin
        "The tiny particles were tinted; a satin finish.",  # "tin" only as a whole word in English
        "Die Gewinnung erfolgt in Clausthal.",
    ],
)
def test_look_alike_words_are_not_metals(text):
    assert metals(text) == []


def test_english_names_are_not_compounded():
    assert metals("The Copperfield report") == []


def test_a_short_name_counts_only_at_the_start_of_a_word():
    # "Zinn" has four letters: found in "Zinnoxid", not inside "Indiumzinnoxid".
    assert metals("Zinnoxid und Indiumzinnoxid") == ["in", "sn"]
    assert metals("Indiumzinnoxid (ITO) aus Displays") == ["in"]


def test_platinum_is_still_platinum_in_an_electrode():
    assert metals("Eine Platinelektrode dient als Kathode.") == ["pt"]


# --- chemical symbols -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Das Glas enthält In2O3 in der ITO-Schicht.", ["in"]),
        ("Die Laugung löst Indium (In) und Zinn.", ["in", "sn"]),
        ("Die Lösung ist Ga-haltig und wird eingeengt.", ["ga"]),
        ("Der Cu-Gehalt der Schlacke sinkt deutlich.", ["cu"]),
        ("Das Konzentrat enthält 5 % Cu und 0,3 Gew.-% In.", ["cu", "in"]),
        ("The fly ash contains 120 ppm Ga.", ["ga"]),
        ("Cu/Zn-Legierungen aus Messingschrott.", ["cu"]),
        ("Cu2+ wird als Hydroxid gefällt, Co(II) bleibt in Lösung.", ["co", "cu"]),
        ("NdFeB-Magnete aus Festplatten.", ["nd"]),
        ("Das Kathodenmaterial LiCoO2 wird zurückgewonnen.", ["co", "li"]),
        ("Li-Ionen-Batterien werden zuerst entladen.", ["li"]),
        ("Ein Pt/C-Katalysator aus Brennstoffzellen.", ["pt"]),
        ("InGaN-LEDs und GaAs-Wafer.", ["ga", "in"]),
    ],
)
def test_symbols_count_in_a_chemical_context(text, expected):
    assert metals(text) == [slug for slug in [t.slug for t in VOCABULARY.metals] if slug in expected]


@pytest.mark.parametrize(
    "text",
    [
        "In der ersten Stufe wird das Material zerkleinert.",
        "In the first step the material is shredded.",
        "In 2019 wurde die Anlage in Betrieb genommen.",
        "In-situ-Messungen zeigen keine Veränderung.",
        "Die Co-Autoren danken der Harz Metals GmbH & Co. KG.",
        "Die (In)stabilität der Lösung ist bekannt.",
        "Li, W., Zhang, Y. and Li, X. (2020). Recovery of metals.",  # author initials, not a list of elements
        "cu soon, in a bit",  # symbols are case-sensitive
    ],
)
def test_symbols_without_chemical_context_do_not_count(text):
    assert metals(text) == []


def test_a_symbol_in_a_list_needs_a_second_mention():
    assert metals("Die Schlacke enthält In, Ga und Ge.") == []
    assert metals("Die Schlacke enthält In, Ga und Ge. Ga und Zn gehen in die Lösung.") == ["ga"]


# --- groups ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Seltene Erden aus Permanentmagneten.",
        "Die Gewinnung Seltener Erden ist energieintensiv.",
        "Seltenerdmagnete werden demontiert.",
        "Recycling of rare earths from magnets.",
        "Rare-earth magnets are dismantled by hand.",
        "REE recovery from NdFeB scrap.",
        "The REEs are separated by solvent extraction.",
    ],
)
def test_rare_earths_are_found_by_their_names_compounds_and_acronym(text):
    assert "ree" in metals(text)


@pytest.mark.parametrize(
    "text",
    ["Platingruppenmetalle aus Autokatalysatoren.", "Platingruppenelemente aus Altkatalysatoren.",
     "Recovery of platinum group metals.", "PGM aus Autokatalysatoren.", "PGMs from spent catalysts."],
)
def test_platinum_group_metals_are_a_group_not_platinum(text):
    assert metals(text) == ["pgm"]


def test_acronyms_are_case_sensitive():
    assert metals("The pgm and ree columns of the spreadsheet.") == []


# --- processes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Die Laugung des Displayglases mit Schwefelsäure.", ["leaching"]),
        ("Das Glas wird mit verdünnter Säure gelaugt.", ["leaching"]),
        ("Für arme Erze bietet sich die Haufenlaugung an.", ["leaching"]),
        ("The black mass is leached with sulphuric acid.", ["leaching"]),
        ("Hydrometallurgische Verfahren ersetzen das Schmelzen.", ["hydrometallurgy"]),
        ("A hydrometallurgical route recovers indium.", ["hydrometallurgy"]),
        ("Die Biolaugung nutzt Bakterien.", ["bioleaching"]),  # bioleaching, not also leaching
        ("Bioleaching of mine tailings.", ["bioleaching"]),
        ("Die Geräte werden von Hand demontiert; die Demontage dauert zehn Minuten.", ["dismantling"]),
        ("Screens were dismantled by hand.", ["dismantling"]),
        ("Eine sensorgestützte Sortieranlage trennt die Fraktionen.", ["sorting"]),
        ("Sensor-based sorting separates the fractions.", ["sorting"]),
        ("Das Material wird mechanisch aufbereitet.", ["mechanical-processing"]),
        ("Die elektrolytische Raffination liefert Kathodenkupfer.", ["electrorefining"]),
        ("Separation by solvent extraction; Solventextraktion mit LIX 984.", ["solvent-extraction"]),
        ("Die Schaumflotation reichert das Konzentrat an.", ["flotation"]),
    ],
)
def test_processes_are_found_by_name_and_simple_inflections(text, expected):
    assert processes(text) == expected


@pytest.mark.parametrize(
    "text",
    ["The laughing audience.", "Die Sortierung nach Farbe.", "Eine Montage der Bauteile.", "Es war mechanisch."],
)
def test_words_that_only_resemble_a_process_do_not_count(text):
    assert processes(text) == []


# --- institutions ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Die Versuche liefen an der Hochschule Oberharz.", ["hochschule-oberharz"]),
        ("Die Harzer Metallrückgewinnung übernahm die Schmelzversuche.", ["harzer-metallrueckgewinnung"]),
        ("Die Harzer Metallrückgewinnung GmbH übernahm die Schmelzversuche.", ["harzer-metallrueckgewinnung"]),
        ("Mitarbeitende des Instituts für Sekundärrohstoffe Harz.", ["institut-sekundaerrohstoffe"]),
        ("Der Landkreis Goslar, Abfallwirtschaft sammelte die Geräte.", ["landkreis-goslar-abfall"]),
        ("In Zusammenarbeit mit der TUC entstand ein Technikum.", ["tu-clausthal"]),
        ("Gefördert von der Technischen Universität Clausthal.", ["tu-clausthal"]),
    ],
)
def test_institutions_are_found_by_name_without_legal_form_and_by_acronym(text, expected):
    assert institutions(text) == expected


def test_acronyms_come_from_the_taxonomy():
    assert acronyms_in("Technische Universität Clausthal (TUC)") == ("TUC",)
    assert acronyms_in("Institut für Sekundärrohstoffe (IfS)") == ("IfS",)
    assert acronyms_in("Werkstatt am Rammelsberg (Harz)") == ()  # a word, not an acronym
    assert group_acronyms("ree", "") == ("REE",)
    assert group_acronyms("cu", "Cu") == ()  # an element is found by its symbol instead
    assert group_acronyms("rare-earths", "") == ()


def test_institutions_are_not_found_by_parts_of_their_name():
    assert institutions("Die Hochschule lag im Oberharz; der Landkreis Goslar half; tuc tuc.") == []


# --- the interface --------------------------------------------------------------------


def test_detect_tags_returns_every_kind_in_taxonomy_order():
    text = "Zinn, dann Kupfer, dann Indium: Laugung an der Hochschule Oberharz, danach Flotation."
    assert detect_tags(text, VOCABULARY) == {
        "metals": ["in", "cu", "sn"],
        "processes": ["flotation", "leaching"],
        "institutions": ["hochschule-oberharz"],
    }


def test_nothing_is_found_in_empty_text():
    assert detect_tags("", VOCABULARY) == {"metals": [], "processes": [], "institutions": []}
    assert suggest("", VOCABULARY) == []


def test_suggestions_carry_mentions_and_an_example():
    text = (
        "Zwischenbericht InRec. Die Laugung des Displayglases mit verdünnter Schwefelsäure löst über 90 % des "
        "Indiums. Anschließend trennt eine Solventextraktion das Indium von Zinn. Indiumoxid (In2O3) fällt aus."
    )
    found = {(s.kind, s.slug): s for s in suggest(text, VOCABULARY)}
    indium = found[("metals", "in")]
    assert indium == Suggestion(
        kind="metals", slug="in", label="Indium", mentions=4, example=indium.example, position=text.index("Indiums")
    )
    assert "Indiums" in indium.example and indium.example.startswith("…")
    assert found[("metals", "sn")].mentions == 1
    assert found[("processes", "leaching")].example.startswith("Zwischenbericht InRec. Die Laugung")


def test_suggestions_are_ordered_by_kind_then_by_mentions():
    text = "Kupfer. Indium, Indium und nochmals Indium. Laugung an der Hochschule Oberharz."
    assert [(s.kind, s.slug) for s in suggest(text, VOCABULARY)] == [
        ("metals", "in"), ("metals", "cu"), ("processes", "leaching"), ("institutions", "hochschule-oberharz"),
    ]


def test_a_longer_name_wins_over_a_shorter_one_inside_it():
    # "Platingruppenmetalle" names the group; it is not a mention of platinum.
    found = suggest("Platingruppenmetalle und Platin aus Katalysatoren.", VOCABULARY)
    assert [(s.slug, s.mentions) for s in found] == [("pgm", 1), ("pt", 1)]
