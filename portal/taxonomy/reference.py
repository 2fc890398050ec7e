"""The reference vocabulary that ships with the portal: metals, their groups and the field's processes.

Pure data and small helpers, no database access.  :mod:`portal.taxonomy.loading`
turns it into rows: the data migration ``0004_reference_vocabulary`` does so on
``migrate``, ``manage.py load_vocabulary`` on request, ``manage.py seed_demo``
before it builds the demo.

What is in it
-------------
* **Metals**: every metal that occurs in nature (atomic numbers up to 94,
  plutonium) and the semi-metals used as technology metals (B, Si, Ge, As,
  Se, Sb, Te).  Selenium is chemically a non-metal, but it is recovered
  from copper anode slimes and used in CIGS solar cells like the other
  technology metals, so it belongs here.  The purely synthetic elements from
  americium on are left out: they exist in milligram amounts or as single
  atoms, nobody recycles them, and their symbols (Am, Es, No) are ordinary
  words.  The slug of an element is its symbol in lower case.
* **Groups** (an empty symbol): ``ree`` (rare earth elements: Sc, Y and
  La-Lu) and ``pgm`` (platinum group metals: Ru, Rh, Pd, Os, Ir, Pt).  A
  metal belongs to at most one group (``Metal.group`` is a foreign key), so
  overlapping groupings such as "precious metals" (Au, Ag and the PGMs) are
  not groups here.
* **Flags** from the Critical Raw Materials Act, Regulation (EU) 2024/1252:
  ``strategic_raw_material`` for Annex I, ``critical_raw_material`` for
  Annex II (see :data:`STRATEGIC` and :data:`CRITICAL`).
* **Processes**: the standard hierarchy of the field, German and English.

Changing this module
--------------------
Slugs are published in search filters, links and the API: never change or
reuse one.  Names and flags here only seed new rows; once a row exists it
belongs to the editors, and nothing that loads this module changes it
again.  So correcting a name here corrects fresh installs only; an existing
install needs a data migration that says which rows it changes and why.

A later data migration that adds new reference rows must also only add the
missing ones, and only the ones it introduces: call
:func:`portal.taxonomy.loading.load_reference_vocabulary` with the historical
models and the new slugs (``metals=[...]``, ``processes=[...]``), so that a
reference row an editor deleted is not brought back by an upgrade (only the
explicit ``manage.py load_vocabulary`` re-creates deleted rows).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReferenceMetal:
    """A metal or a group of metals (``symbol`` empty) as the portal ships it."""

    slug: str
    symbol: str
    name_de: str
    name_en: str
    number: int | None = None  # atomic number; None for groups
    group: str | None = None  # slug of the group the metal belongs to

    @property
    def is_group(self) -> bool:
        return self.symbol == ""

    @property
    def critical(self) -> bool:
        """Listed in Annex II of Regulation (EU) 2024/1252 (directly or through its group)."""
        return self.slug in CRITICAL

    @property
    def strategic(self) -> bool:
        """Listed in Annex I of Regulation (EU) 2024/1252 (directly or through its group)."""
        return self.slug in STRATEGIC


@dataclass(frozen=True)
class ReferenceProcess:
    """A process of the field; ``parent`` is the slug of the broader process."""

    slug: str
    name_de: str
    name_en: str
    parent: str | None = None


def _element(number: int, symbol: str, name_de: str, name_en: str, group: str | None = None) -> ReferenceMetal:
    return ReferenceMetal(symbol.lower(), symbol, name_de, name_en, number, group)


REE, PGM = "ree", "pgm"

GROUPS: tuple[ReferenceMetal, ...] = (
    ReferenceMetal(REE, "", "Seltene Erden", "Rare earth elements"),
    ReferenceMetal(PGM, "", "Platingruppenmetalle", "Platinum group metals"),
)

#: German names as IUPAC-German and DIN spell them (Bismut, Caesium, Silicium,
#: Zirconium), except Kobalt, which German technical usage and the German text
#: of Regulation (EU) 2024/1252 write with a K.  In order of atomic number.
ELEMENTS: tuple[ReferenceMetal, ...] = (
    _element(3, "Li", "Lithium", "Lithium"),
    _element(4, "Be", "Beryllium", "Beryllium"),
    _element(5, "B", "Bor", "Boron"),
    _element(11, "Na", "Natrium", "Sodium"),
    _element(12, "Mg", "Magnesium", "Magnesium"),
    _element(13, "Al", "Aluminium", "Aluminium"),
    _element(14, "Si", "Silicium", "Silicon"),
    _element(19, "K", "Kalium", "Potassium"),
    _element(20, "Ca", "Calcium", "Calcium"),
    _element(21, "Sc", "Scandium", "Scandium", REE),
    _element(22, "Ti", "Titan", "Titanium"),
    _element(23, "V", "Vanadium", "Vanadium"),
    _element(24, "Cr", "Chrom", "Chromium"),
    _element(25, "Mn", "Mangan", "Manganese"),
    _element(26, "Fe", "Eisen", "Iron"),
    _element(27, "Co", "Kobalt", "Cobalt"),
    _element(28, "Ni", "Nickel", "Nickel"),
    _element(29, "Cu", "Kupfer", "Copper"),
    _element(30, "Zn", "Zink", "Zinc"),
    _element(31, "Ga", "Gallium", "Gallium"),
    _element(32, "Ge", "Germanium", "Germanium"),
    _element(33, "As", "Arsen", "Arsenic"),
    _element(34, "Se", "Selen", "Selenium"),
    _element(37, "Rb", "Rubidium", "Rubidium"),
    _element(38, "Sr", "Strontium", "Strontium"),
    _element(39, "Y", "Yttrium", "Yttrium", REE),
    _element(40, "Zr", "Zirconium", "Zirconium"),
    _element(41, "Nb", "Niob", "Niobium"),
    _element(42, "Mo", "Molybdän", "Molybdenum"),
    _element(43, "Tc", "Technetium", "Technetium"),
    _element(44, "Ru", "Ruthenium", "Ruthenium", PGM),
    _element(45, "Rh", "Rhodium", "Rhodium", PGM),
    _element(46, "Pd", "Palladium", "Palladium", PGM),
    _element(47, "Ag", "Silber", "Silver"),
    _element(48, "Cd", "Cadmium", "Cadmium"),
    _element(49, "In", "Indium", "Indium"),
    _element(50, "Sn", "Zinn", "Tin"),
    _element(51, "Sb", "Antimon", "Antimony"),
    _element(52, "Te", "Tellur", "Tellurium"),
    _element(55, "Cs", "Caesium", "Caesium"),
    _element(56, "Ba", "Barium", "Barium"),
    _element(57, "La", "Lanthan", "Lanthanum", REE),
    _element(58, "Ce", "Cer", "Cerium", REE),
    _element(59, "Pr", "Praseodym", "Praseodymium", REE),
    _element(60, "Nd", "Neodym", "Neodymium", REE),
    _element(61, "Pm", "Promethium", "Promethium", REE),
    _element(62, "Sm", "Samarium", "Samarium", REE),
    _element(63, "Eu", "Europium", "Europium", REE),
    _element(64, "Gd", "Gadolinium", "Gadolinium", REE),
    _element(65, "Tb", "Terbium", "Terbium", REE),
    _element(66, "Dy", "Dysprosium", "Dysprosium", REE),
    _element(67, "Ho", "Holmium", "Holmium", REE),
    _element(68, "Er", "Erbium", "Erbium", REE),
    _element(69, "Tm", "Thulium", "Thulium", REE),
    _element(70, "Yb", "Ytterbium", "Ytterbium", REE),
    _element(71, "Lu", "Lutetium", "Lutetium", REE),
    _element(72, "Hf", "Hafnium", "Hafnium"),
    _element(73, "Ta", "Tantal", "Tantalum"),
    _element(74, "W", "Wolfram", "Tungsten"),
    _element(75, "Re", "Rhenium", "Rhenium"),
    _element(76, "Os", "Osmium", "Osmium", PGM),
    _element(77, "Ir", "Iridium", "Iridium", PGM),
    _element(78, "Pt", "Platin", "Platinum", PGM),
    _element(79, "Au", "Gold", "Gold"),
    _element(80, "Hg", "Quecksilber", "Mercury"),
    _element(81, "Tl", "Thallium", "Thallium"),
    _element(82, "Pb", "Blei", "Lead"),
    _element(83, "Bi", "Bismut", "Bismuth"),
    _element(84, "Po", "Polonium", "Polonium"),
    _element(87, "Fr", "Francium", "Francium"),
    _element(88, "Ra", "Radium", "Radium"),
    _element(89, "Ac", "Actinium", "Actinium"),
    _element(90, "Th", "Thorium", "Thorium"),
    _element(91, "Pa", "Protactinium", "Protactinium"),
    _element(92, "U", "Uran", "Uranium"),
    _element(93, "Np", "Neptunium", "Neptunium"),
    _element(94, "Pu", "Plutonium", "Plutonium"),
)

#: Groups first, so that a loader can link members to groups it has just created.
METALS: tuple[ReferenceMetal, ...] = GROUPS + ELEMENTS


def members(group: str) -> tuple[str, ...]:
    """Slugs of the elements of ``group``, in order of atomic number."""
    return tuple(element.slug for element in ELEMENTS if element.group == group)


# --- Critical Raw Materials Act ---------------------------------------------------
#
# Regulation (EU) 2024/1252 of 11 April 2024 (OJ L, 2024/1252, 3.5.2024),
# Annex I Section 1 (strategic raw materials, 17 entries) and Annex II Section 1
# (critical raw materials, 34 entries), in the wording of the German text
# (https://eur-lex.europa.eu/eli/reg/2024/1252/oj; checked against its
# reproduction at https://gesetze.legal/eu/vo_eu_2024_1252/anhang_i and
# .../anhang_ii).  Each slug maps to the
# entry that puts it on the list.  Entries that name no metal of this
# vocabulary are left out: Annex I k) Grafit; Annex II d) Baryt (the barium
# mineral, used as such: barium itself is not listed), i) Kokskohle, k) Feldspat,
# l) Flussspat, p) Helium, v) Grafit, y) Phosphatgestein, z) Phosphor.
#
# Where an entry names a group, the group and every member carry the flag: the
# annex does not narrow "Metalle der Platingruppe" or "schwere/leichte seltene
# Erden", so osmium and promethium are flagged too (the Commission's 2023
# criticality assessment, on which the lists rest, assessed only five PGMs and
# the rare earths without promethium).  Annex I n) names its rare earths, so
# only those seven and the group are strategic.  Grade qualifiers ("Batterie-
# qualität", "metallurgische Qualität", "-metall") are kept in the wording: the
# flag marks the element, the entry says which form the Act means.

_PGM_I = "Anhang I m) Metalle der Platingruppe"
_MAGNET_REE = "Anhang I n) Seltenerdmetalle für Dauermagnete (Nd, Pr, Tb, Dy, Gd, Sm und Ce)"

#: Annex I, Section 1: strategic raw materials.
STRATEGIC: dict[str, str] = {
    "al": "Anhang I a) Bauxit/Aluminiumoxid/Aluminium",
    "bi": "Anhang I b) Bismut",
    "b": "Anhang I c) Bor — metallurgische Qualität",
    "co": "Anhang I d) Kobalt",
    "cu": "Anhang I e) Kupfer",
    "ga": "Anhang I f) Gallium",
    "ge": "Anhang I g) Germanium",
    "li": "Anhang I h) Lithium — Batteriequalität",
    "mg": "Anhang I i) Magnesiummetall",
    "mn": "Anhang I j) Mangan — Batteriequalität",
    "ni": "Anhang I l) Nickel — Batteriequalität",
    PGM: _PGM_I,
    **{slug: _PGM_I for slug in ("ru", "rh", "pd", "os", "ir", "pt")},
    REE: _MAGNET_REE,
    **{slug: _MAGNET_REE for slug in ("nd", "pr", "tb", "dy", "gd", "sm", "ce")},
    "si": "Anhang I o) Siliciummetall",
    "ti": "Anhang I p) Titanmetall",
    "w": "Anhang I q) Wolfram",
}

_HREE = "Anhang II q) Schwere seltene Erden"
_LREE = "Anhang II r) Leichte seltene Erden"
_PGM_II = "Anhang II aa) Metalle der Platingruppe"

#: Annex II, Section 1: critical raw materials (every strategic one is also critical).
CRITICAL: dict[str, str] = {
    "sb": "Anhang II a) Antimon",
    "as": "Anhang II b) Arsen",
    "al": "Anhang II c) Bauxit/Aluminiumoxid/Aluminium",
    "be": "Anhang II e) Beryllium",
    "bi": "Anhang II f) Bismut",
    "b": "Anhang II g) Bor",
    "co": "Anhang II h) Kobalt",
    "cu": "Anhang II j) Kupfer",
    "ga": "Anhang II m) Gallium",
    "ge": "Anhang II n) Germanium",
    "hf": "Anhang II o) Hafnium",
    REE: f"{_HREE}; {_LREE}",
    # heavy and light as the Commission's assessment splits them (Sc is entry ab);
    # promethium, which it leaves out, counted as the light rare earth it is
    **{slug: _HREE for slug in ("y", "eu", "gd", "tb", "dy", "ho", "er", "tm", "yb", "lu")},
    **{slug: _LREE for slug in ("la", "ce", "pr", "nd", "pm", "sm")},
    "li": "Anhang II s) Lithium",
    "mg": "Anhang II t) Magnesium",
    "mn": "Anhang II u) Mangan",
    "ni": "Anhang II w) Nickel — Batteriequalität",
    "nb": "Anhang II x) Niob",
    PGM: _PGM_II,
    **{slug: _PGM_II for slug in ("ru", "rh", "pd", "os", "ir", "pt")},
    "sc": "Anhang II ab) Scandium",
    "si": "Anhang II ac) Siliciummetall",
    "sr": "Anhang II ad) Strontium",
    "ta": "Anhang II ae) Tantal",
    "ti": "Anhang II af) Titanmetall",
    "w": "Anhang II ag) Wolfram",
    "v": "Anhang II ah) Vanadium",
}


# --- processes ----------------------------------------------------------------------

#: Broader processes before narrower ones.
PROCESSES: tuple[ReferenceProcess, ...] = (
    ReferenceProcess("mechanical-processing", "Mechanische Aufbereitung", "Mechanical processing"),
    ReferenceProcess("dismantling", "Demontage", "Dismantling", "mechanical-processing"),
    ReferenceProcess("comminution", "Zerkleinerung", "Comminution", "mechanical-processing"),
    ReferenceProcess("hydrogen-decrepitation", "Wasserstoffversprödung", "Hydrogen decrepitation",
                     "mechanical-processing"),
    ReferenceProcess("sorting", "Sortierung", "Sorting", "mechanical-processing"),
    ReferenceProcess("sensor-based-sorting", "Sensorgestützte Sortierung", "Sensor-based sorting", "sorting"),
    ReferenceProcess("magnetic-separation", "Magnetscheidung", "Magnetic separation", "mechanical-processing"),
    ReferenceProcess("eddy-current-separation", "Wirbelstromscheidung", "Eddy current separation",
                     "mechanical-processing"),
    ReferenceProcess("density-separation", "Dichtetrennung", "Density separation", "mechanical-processing"),
    ReferenceProcess("flotation", "Flotation", "Flotation", "mechanical-processing"),
    ReferenceProcess("pyrometallurgy", "Pyrometallurgie", "Pyrometallurgy"),
    ReferenceProcess("pyrolysis", "Pyrolyse", "Pyrolysis", "pyrometallurgy"),
    ReferenceProcess("roasting", "Rösten", "Roasting", "pyrometallurgy"),
    ReferenceProcess("smelting", "Schmelzen", "Smelting", "pyrometallurgy"),
    ReferenceProcess("refining", "Raffination", "Refining", "pyrometallurgy"),
    ReferenceProcess("hydrometallurgy", "Hydrometallurgie", "Hydrometallurgy"),
    ReferenceProcess("leaching", "Laugung", "Leaching", "hydrometallurgy"),
    ReferenceProcess("bioleaching", "Biolaugung", "Bioleaching", "leaching"),
    ReferenceProcess("solvent-extraction", "Solventextraktion", "Solvent extraction", "hydrometallurgy"),
    ReferenceProcess("ion-exchange", "Ionenaustausch", "Ion exchange", "hydrometallurgy"),
    ReferenceProcess("precipitation", "Fällung", "Precipitation", "hydrometallurgy"),
    ReferenceProcess("cementation", "Zementation", "Cementation", "hydrometallurgy"),
    ReferenceProcess("crystallisation", "Kristallisation", "Crystallisation", "hydrometallurgy"),
    ReferenceProcess("electrometallurgy", "Elektrometallurgie", "Electrometallurgy"),
    ReferenceProcess("electrowinning", "Elektrolytische Gewinnung", "Electrowinning", "electrometallurgy"),
    ReferenceProcess("electrorefining", "Elektrolytische Raffination", "Electrorefining", "electrometallurgy"),
    ReferenceProcess("molten-salt-electrolysis", "Schmelzflusselektrolyse", "Molten salt electrolysis",
                     "electrometallurgy"),
)


def ancestors(slug: str) -> tuple[str, ...]:
    """Slugs of the broader processes above ``slug``, nearest first."""
    parents = {process.slug: process.parent for process in PROCESSES}
    found: list[str] = []
    current = parents[slug]
    while current is not None and current not in found:
        found.append(current)
        current = parents.get(current)
    return tuple(found)


def problems() -> list[str]:
    """What is inconsistent in this module (empty if nothing); the unit tests call it."""
    found: list[str] = []
    metal_slugs = [metal.slug for metal in METALS]
    process_slugs = [process.slug for process in PROCESSES]
    for kind, slugs in (("metal", metal_slugs), ("process", process_slugs)):
        found += [f"{kind} slug {slug!r} appears twice" for slug in sorted({s for s in slugs if slugs.count(s) > 1})]
    group_slugs = {metal.slug for metal in GROUPS}
    for metal in ELEMENTS:
        if metal.slug != metal.symbol.lower():
            found.append(f"{metal.symbol}: the slug of an element is its symbol in lower case, not {metal.slug!r}")
        if metal.group is not None and metal.group not in group_slugs:
            found.append(f"{metal.symbol}: unknown group {metal.group!r}")
    for table, name in ((STRATEGIC, "STRATEGIC"), (CRITICAL, "CRITICAL")):
        found += [f"{name} names unknown metal {slug!r}" for slug in table if slug not in metal_slugs]
    found += [f"{slug!r} is strategic but not critical" for slug in STRATEGIC if slug not in CRITICAL]
    seen: set[str] = set()
    for process in PROCESSES:
        if process.parent is not None and process.parent not in seen:
            found.append(f"process {process.slug!r}: parent {process.parent!r} must come before it")
        seen.add(process.slug)
    return found
