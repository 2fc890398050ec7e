"""The reference vocabulary the portal ships (portal.taxonomy.reference), read as a specification.

No database: the data itself.  How it reaches the database is specified in
tests/integration/content/test_reference_vocabulary.py.
"""

from __future__ import annotations

import pytest

from portal.demo import content
from portal.taxonomy import reference

METALS = {metal.slug: metal for metal in reference.METALS}
PROCESSES = {process.slug: process for process in reference.PROCESSES}

# Symbols of elements 1 to 94, the ones that occur in nature.
PERIODIC_TABLE = (
    "H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr "
    "Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb "
    "Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu"
).split()
NON_METALS = {"H", "He", "C", "N", "O", "F", "Ne", "P", "S", "Cl", "Ar", "Br", "Kr", "I", "Xe", "At", "Rn"}


def test_the_module_is_consistent():
    assert reference.problems() == []


def test_every_metal_that_occurs_in_nature_and_the_technology_semimetals_are_in_it():
    elements = {metal.symbol: metal for metal in reference.ELEMENTS}
    assert set(elements) == set(PERIODIC_TABLE) - NON_METALS
    assert {"B", "Si", "Ge", "As", "Se", "Sb", "Te"} <= set(elements)
    for symbol, metal in elements.items():
        assert metal.number == PERIODIC_TABLE.index(symbol) + 1, symbol
        assert metal.slug == symbol.lower()
    assert "am" not in METALS  # americium and the synthetic elements after it are left out


@pytest.mark.parametrize("slug, german, english", [
    ("cu", "Kupfer", "Copper"), ("sn", "Zinn", "Tin"), ("pb", "Blei", "Lead"), ("w", "Wolfram", "Tungsten"),
    ("co", "Kobalt", "Cobalt"), ("nd", "Neodym", "Neodymium"), ("pr", "Praseodym", "Praseodymium"),
    ("ce", "Cer", "Cerium"), ("zn", "Zink", "Zinc"), ("fe", "Eisen", "Iron"), ("hg", "Quecksilber", "Mercury"),
    ("bi", "Bismut", "Bismuth"), ("mn", "Mangan", "Manganese"), ("mo", "Molybdän", "Molybdenum"),
    ("ag", "Silber", "Silver"), ("au", "Gold", "Gold"), ("pt", "Platin", "Platinum"), ("ta", "Tantal", "Tantalum"),
    ("nb", "Niob", "Niobium"), ("ti", "Titan", "Titanium"), ("cr", "Chrom", "Chromium"),
    ("al", "Aluminium", "Aluminium"), ("na", "Natrium", "Sodium"), ("k", "Kalium", "Potassium"),
    ("zr", "Zirconium", "Zirconium"), ("si", "Silicium", "Silicon"), ("sb", "Antimon", "Antimony"),
    ("te", "Tellur", "Tellurium"), ("la", "Lanthan", "Lanthanum"), ("u", "Uran", "Uranium"),
    ("cs", "Caesium", "Caesium"), ("ree", "Seltene Erden", "Rare earth elements"),
    ("pgm", "Platingruppenmetalle", "Platinum group metals"),
])
def test_metals_are_named_in_german_and_english(slug, german, english):
    assert (METALS[slug].name_de, METALS[slug].name_en) == (german, english)


def test_rare_earths_and_platinum_group_metals_are_the_only_groups():
    assert [metal.slug for metal in reference.METALS if metal.is_group] == ["ree", "pgm"]
    assert reference.members("ree") == (
        "sc", "y", "la", "ce", "pr", "nd", "pm", "sm", "eu", "gd", "tb", "dy", "ho", "er", "tm", "yb", "lu")
    assert reference.members("pgm") == ("ru", "rh", "pd", "os", "ir", "pt")
    grouped = set(reference.members("ree")) | set(reference.members("pgm"))
    assert all(metal.group is None for metal in reference.ELEMENTS if metal.slug not in grouped)


# --- Regulation (EU) 2024/1252, the Critical Raw Materials Act -----------------------

MAGNET_RARE_EARTHS = {"nd", "pr", "tb", "dy", "gd", "sm", "ce"}  # Annex I n)
PLATINUM_GROUP = {"pgm", "ru", "rh", "pd", "os", "ir", "pt"}
RARE_EARTHS = {"ree", "sc", "y", "la", "ce", "pr", "nd", "pm", "sm", "eu", "gd", "tb", "dy", "ho", "er", "tm", "yb",
               "lu"}
# Annex I, Section 1, as far as it names metals (graphite is the 17th entry).
ANNEX_I = {"al", "bi", "b", "co", "cu", "ga", "ge", "li", "mg", "mn", "ni", "si", "ti", "w", "ree"} | (
    MAGNET_RARE_EARTHS | PLATINUM_GROUP)
# Annex II, Section 1, as far as it names metals (not: baryte, coking coal, feldspar, fluorspar, helium,
# graphite, phosphate rock, phosphorus).
ANNEX_II = {"sb", "as", "al", "be", "bi", "b", "co", "cu", "ga", "ge", "hf", "li", "mg", "mn", "ni", "nb", "si",
            "sr", "ta", "ti", "w", "v"} | RARE_EARTHS | PLATINUM_GROUP


def test_strategic_means_annex_i():
    assert {metal.slug for metal in reference.METALS if metal.strategic} == ANNEX_I


def test_critical_means_annex_ii_and_every_strategic_metal_is_critical():
    assert {metal.slug for metal in reference.METALS if metal.critical} == ANNEX_II
    assert ANNEX_I <= ANNEX_II


@pytest.mark.parametrize("slug, critical, strategic", [
    ("cu", True, True), ("w", True, True), ("li", True, True), ("nd", True, True), ("dy", True, True),
    ("ree", True, True), ("pgm", True, True), ("pt", True, True), ("ga", True, True), ("si", True, True),
    ("la", True, False), ("y", True, False), ("sc", True, False), ("sb", True, False), ("ta", True, False),
    ("hf", True, False), ("v", True, False),
    ("in", False, False), ("sn", False, False), ("au", False, False), ("ag", False, False), ("zn", False, False),
    ("pb", False, False), ("cr", False, False), ("mo", False, False), ("te", False, False), ("ba", False, False),
])
def test_named_metals_carry_the_flags_of_the_act(slug, critical, strategic):
    assert (METALS[slug].critical, METALS[slug].strategic) == (critical, strategic)


def test_every_flag_cites_its_annex_entry():
    assert all(entry.startswith("Anhang I ") for entry in reference.STRATEGIC.values())
    assert all(entry.startswith("Anhang II ") for entry in reference.CRITICAL.values())
    assert reference.STRATEGIC["w"] == "Anhang I q) Wolfram"
    assert reference.CRITICAL["ni"] == "Anhang II w) Nickel — Batteriequalität"


# --- processes ------------------------------------------------------------------------

# slug: (German, English, parent) -- fixed: other parts of the portal rely on these slugs
FIXED_PROCESSES = {
    "mechanical-processing": ("Mechanische Aufbereitung", "Mechanical processing", None),
    "comminution": ("Zerkleinerung", "Comminution", "mechanical-processing"),
    "dismantling": ("Demontage", "Dismantling", "mechanical-processing"),
    "sorting": ("Sortierung", "Sorting", "mechanical-processing"),
    "sensor-based-sorting": ("Sensorgestützte Sortierung", "Sensor-based sorting", "sorting"),
    "magnetic-separation": ("Magnetscheidung", "Magnetic separation", "mechanical-processing"),
    "eddy-current-separation": ("Wirbelstromscheidung", "Eddy current separation", "mechanical-processing"),
    "density-separation": ("Dichtetrennung", "Density separation", "mechanical-processing"),
    "flotation": ("Flotation", "Flotation", "mechanical-processing"),
    "hydrogen-decrepitation": ("Wasserstoffversprödung", "Hydrogen decrepitation", "mechanical-processing"),
    "pyrometallurgy": ("Pyrometallurgie", "Pyrometallurgy", None),
    "smelting": ("Schmelzen", "Smelting", "pyrometallurgy"),
    "roasting": ("Rösten", "Roasting", "pyrometallurgy"),
    "pyrolysis": ("Pyrolyse", "Pyrolysis", "pyrometallurgy"),
    "refining": ("Raffination", "Refining", "pyrometallurgy"),
    "hydrometallurgy": ("Hydrometallurgie", "Hydrometallurgy", None),
    "leaching": ("Laugung", "Leaching", "hydrometallurgy"),
    "bioleaching": ("Biolaugung", "Bioleaching", "leaching"),
    "solvent-extraction": ("Solventextraktion", "Solvent extraction", "hydrometallurgy"),
    "ion-exchange": ("Ionenaustausch", "Ion exchange", "hydrometallurgy"),
    "precipitation": ("Fällung", "Precipitation", "hydrometallurgy"),
    "crystallisation": ("Kristallisation", "Crystallisation", "hydrometallurgy"),
    "electrometallurgy": ("Elektrometallurgie", "Electrometallurgy", None),
    "electrowinning": ("Elektrolytische Gewinnung", "Electrowinning", "electrometallurgy"),
    "electrorefining": ("Elektrolytische Raffination", "Electrorefining", "electrometallurgy"),
}


@pytest.mark.parametrize("slug", FIXED_PROCESSES)
def test_the_standard_processes_have_their_fixed_slugs_names_and_parents(slug):
    process = PROCESSES[slug]
    assert (process.name_de, process.name_en, process.parent) == FIXED_PROCESSES[slug]


def test_every_process_has_both_names_and_the_hierarchy_has_four_roots():
    assert all(process.name_de and process.name_en for process in reference.PROCESSES)
    roots = [process.slug for process in reference.PROCESSES if process.parent is None]
    assert roots == ["mechanical-processing", "pyrometallurgy", "hydrometallurgy", "electrometallurgy"]
    assert len({process.name_de for process in reference.PROCESSES}) == len(reference.PROCESSES)


def test_narrower_processes_know_their_ancestors():
    assert reference.ancestors("bioleaching") == ("leaching", "hydrometallurgy")
    assert reference.ancestors("sensor-based-sorting") == ("sorting", "mechanical-processing")
    assert reference.ancestors("electrorefining") == ("electrometallurgy",)
    assert reference.ancestors("hydrometallurgy") == ()


# --- the demo --------------------------------------------------------------------------


def test_every_metal_and_process_the_demo_tags_with_is_in_the_reference():
    assert content.metal_slugs() <= set(METALS)
    assert content.process_slugs() <= set(PROCESSES)
    assert {"sensor-based-sorting", "electrowinning", "hydrogen-decrepitation"} <= content.process_slugs()
    assert "sorting" not in content.process_slugs()  # the demo means sensor-based sorting throughout


def test_the_demo_defines_no_vocabulary_of_its_own():
    assert not hasattr(content, "METALS")
    assert not hasattr(content, "PROCESSES")
