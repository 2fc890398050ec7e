"""The judged query set: what members type, and which demo items answer it.

Each query carries graded judgements of demo items, named by stable keys
(``"project/inrec"``; see :mod:`search.relevance.demo`):

* **3**: the answer: an item about exactly what was asked;
* **2**: relevant: it treats the subject substantially (a paper on the same
  work, a project that uses the process as one step);
* **1**: marginal: it touches the subject (a mention, a neighbouring topic);
* unlisted items are not relevant (0).

How the grades were set:

* by reading ``portal.demo.content`` (titles, summaries, results, the PDF
  pages, partners and authors), before looking at what either engine returns;
* by subject, not by language: an English paper on hydrogen decrepitation
  answers "Wasserstoffversprödung" as well as the German project does, since
  members read both languages.  Failing to bridge languages is then measured,
  not hidden;
* by what the item is about, not by a facet tag alone: a news item tagged
  "Gallium" whose text never treats gallium is not judged relevant to it;
* institution queries count the work of that institution: projects it
  coordinates and technologies it offers (3), projects it is a partner in and
  papers by its authors (2).

``probes`` names what each query tests, for reading the figures:
``exact`` (the words stand in the text), ``inflection``, ``compound``,
``typo``, ``phrase`` (in quotes), ``pdf-only`` (words only inside a PDF),
``institution``, ``process``, ``cross-language`` (the answers are mostly in
the other language), ``question`` (a whole sentence), ``synonym``; the
archive collection (:mod:`search.relevance.archive.judgements`) adds
``symbol`` (element symbols, formulae), ``abbreviation``,
``multi-word-synonym``, ``filter`` (facet filters in the request),
``late-page`` (the answer stands only on a late page) and
``near-duplicate`` (several documents on the same work with another focus).

A query may carry ``filters`` (facet name to slugs, sent as request
parameters beside ``q``) and a ``group`` (its kind, for per-group figures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from search.facets import FACETS_BY_NAME

GRADES = (1, 2, 3)
LANGUAGES = ("de", "en")
PROBES = frozenset({
    "exact", "inflection", "compound", "typo", "phrase", "pdf-only", "institution", "process",
    "cross-language", "question", "synonym",
    "symbol", "abbreviation", "multi-word-synonym", "filter", "late-page", "near-duplicate",
})


@dataclass(frozen=True)
class JudgedQuery:
    id: str  # "de-01": language and number
    language: str  # the member's language: "de" or "en"
    text: str  # exactly what is typed into the search box
    probes: tuple[str, ...]
    grades: Mapping[str, int] = field(hash=False)  # key ("project/inrec") -> 1..3
    note: str = ""  # why the grades are what they are, where it is not obvious
    group: str = ""  # the kind of query for per-group figures ("single word", "question", ...); "" for none
    # facet name -> slugs, sent as request parameters beside q ({"metal": ("cu",)})
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)


def _q(id_: str, text: str, probes: str, grades: dict[str, int], note: str = "") -> JudgedQuery:
    return JudgedQuery(id=id_, language=id_[:2], text=text, probes=tuple(probes.split()), grades=grades, note=note)


# Paper keys, for reading (seed_demo numbers them in the order of content.PAPERS):
# paper-01 Indiumrückgewinnung im Technikumsmaßstab      paper-07 Closing the loop for NdFeB magnets
# paper-02 Biolaugung von Haldenmaterial                 paper-08 Black mass leaching at pilot scale
# paper-03 Solventextraktion von Gallium                 paper-09 Electrowinning of high-purity gallium
# paper-04 Demontage von Festplatten mit Robotern        paper-10 Copper as collector for platinum
# paper-05 Sensorgestützte Sortierung von Leiterplatten  paper-11 Municipal collection of small electronics
# paper-06 Flotation feinkörniger Reststoffe             paper-12 Sensor-based sorting of battery scrap

# Recurring answer sets (the same need asked in several ways).
_INDIUM_LCD = {"project/inrec": 3, "technology/indium-laugung": 3, "paper/paper-01": 2,
               "technology/roboter-demontage": 1}
_COPPER_RECYCLING = {"project/cuprint": 3, "paper/paper-05": 2, "project/biotail": 2, "project/libat-harz": 1,
                     "project/platincat": 1, "technology/copper-collector-smelting": 1, "paper/paper-10": 1}
_SLAG = {"project/platincat": 2, "project/cuprint": 1}
_PHONES = {"news/schultag-2026": 3, "event/schultag-2027": 3, "paper/paper-11": 1}
_LEACHING_TRIALS = {"project/biotail": 3, "paper/paper-02": 3, "project/inrec": 2, "project/libat-harz": 2,
                    "paper/paper-01": 2, "project/galed": 2, "paper/paper-08": 2,
                    "technology/indium-laugung": 1, "technology/schwarzmasse-laugung": 1}
_GALLIUM = {"project/galed": 3, "paper/paper-09": 3, "paper/paper-03": 3}
_GALLIUM_LED = {"project/galed": 3, "paper/paper-09": 3, "paper/paper-03": 1}
_SOLVENT_EXTRACTION = {"paper/paper-03": 3, "project/inrec": 2, "technology/indium-laugung": 2}
_BIOLEACHING = {"project/biotail": 3, "paper/paper-02": 3, "technology/bioleaching-columns": 3}
_BLACK_MASS = {"technology/schwarzmasse-laugung": 3, "project/libat-harz": 3, "paper/paper-08": 3,
               "news/neues-mitglied-batterie": 1}
_BATTERIES = {"project/libat-harz": 3, "technology/schwarzmasse-laugung": 3, "paper/paper-08": 3,
              "paper/paper-12": 2, "news/neues-mitglied-batterie": 2}
_MAGNETS = {"project/magnetcycle": 3, "paper/paper-07": 3, "news/magnetcycle-abgeschlossen": 2,
            "paper/paper-04": 2, "technology/roboter-demontage": 1}
_DECREPITATION = {"project/magnetcycle": 3, "paper/paper-07": 3, "news/magnetcycle-abgeschlossen": 1}
_FLY_ASH = {"project/germanium-flugasche": 3, "paper/paper-06": 3, "project/biotail": 1}
_PCB_SORTING = {"paper/paper-05": 3, "project/cuprint": 3, "paper/paper-12": 1}
_CATALYSTS = {"project/platincat": 3, "technology/copper-collector-smelting": 3, "paper/paper-10": 3}
_WASTE_ELECTRONICS = {"project/cuprint": 3, "technology/roboter-demontage": 2, "paper/paper-05": 2,
                      "paper/paper-11": 2, "news/schultag-2026": 1, "paper/paper-04": 1}

QUERIES: tuple[JudgedQuery, ...] = (
    # --- German -------------------------------------------------------------
    _q("de-01", "Indium aus LCD-Glas", "compound synonym", _INDIUM_LCD,
       "The texts say Displayglas, LCD-Altgeräte, Flachbildschirme; nobody writes LCD-Glas."),
    _q("de-02", "Kupferrecycling", "compound", _COPPER_RECYCLING,
       "Recovering copper from secondary material: CuPrint is the answer; BioTail recovers copper from heaps."),
    _q("de-03", "Metalle aus Schlacke", "inflection cross-language", _SLAG,
       "No item is about metals from slag; PlatinCat's slag meets road-building limits, CuPrint keeps it clean."),
    _q("de-04", "Metalle aus Handys", "inflection", _PHONES),
    _q("de-05", "Biolaugung des Kupfers", "inflection process",
       {"project/biotail": 3, "paper/paper-02": 2, "technology/bioleaching-columns": 2}),
    _q("de-06", "Laugungsversuche", "compound", _LEACHING_TRIALS,
       "Leaching trials: the column tests of BioTail and its paper first, then projects reporting leaching yields."),
    _q("de-07", "Galium", "typo", _GALLIUM),
    _q("de-08", "Zinnoxid", "pdf-only compound",
       {"project/inrec": 3, "technology/indium-laugung": 1, "paper/paper-01": 1},
       "Zinnoxid-Schlamm stands only on page 2 of the InRec report."),
    _q("de-09", "Haldensickerwasser", "pdf-only",
       {"project/biotail": 3, "paper/paper-02": 1, "event/exkursion-rammelsberg-2027": 1}),
    _q("de-10", "Hochschule Oberharz", "institution",
       {"project/inrec": 3, "technology/indium-laugung": 3, "project/biotail": 2, "project/libat-harz": 2,
        "project/germanium-flugasche": 2, "project/platincat": 2, "paper/paper-01": 2, "paper/paper-03": 2,
        "paper/paper-08": 2},
       "Coordinator of InRec and provider of the indium leaching; partner or authors elsewhere."),
    _q("de-11", "Batterie-Recycling Harz", "institution",
       {"project/libat-harz": 3, "technology/schwarzmasse-laugung": 3, "news/neues-mitglied-batterie": 3,
        "paper/paper-08": 2, "paper/paper-12": 2}),
    _q("de-12", "Solventextraktion", "process", _SOLVENT_EXTRACTION),
    _q("de-13", "Biolaugung", "process cross-language", _BIOLEACHING),
    _q("de-14", "Laugung von Schwarzmasse", "process", _BLACK_MASS),
    _q("de-15", "Seltene Erden aus Magneten", "inflection compound", _MAGNETS,
       "The MagnetCycle title says Permanentmagneten, its summary NdFeB-Magneten."),
    _q("de-16", "Neodym Dysprosium", "exact",
       {"project/magnetcycle": 3, "paper/paper-07": 2, "paper/paper-04": 1, "news/magnetcycle-abgeschlossen": 1,
        "technology/roboter-demontage": 1}),
    _q("de-17", "Germanium aus Flugasche", "inflection", _FLY_ASH,
       "The GeFlug title says Flugaschen (plural); the singular stands in its PDF and in a paper's keywords."),
    _q("de-18", "Wasserstoffversprödung", "exact cross-language", _DECREPITATION),
    _q("de-19", "Sortierung von Leiterplatten", "exact cross-language", _PCB_SORTING),
    _q("de-20", "Elektroschrott", "synonym compound", _WASTE_ELECTRONICS,
       "The texts say Elektroaltgeräte, Leiterplatten, waste electronics; Elektroschrott only in an institution name."),
    _q("de-21", "Kobalt Lithium Batterien", "exact", _BATTERIES),
    _q("de-22", "Wie kann man Gallium aus LED-Abfällen zurückgewinnen?", "question cross-language", _GALLIUM_LED),
    _q("de-23", "Exkursion Rammelsberg", "exact",
       {"event/exkursion-rammelsberg-2027": 3, "news/symposium-2023-rueckblick": 1, "project/biotail": 1,
        "paper/paper-02": 1}),
    _q("de-24", '"Recycling strategischer Metalle"', "phrase",
       {"event/symposium-2023": 3, "news/symposium-2023-rueckblick": 2, "news/crm-act": 1}),
    _q("de-25", "Säulenversuch Bakterien", "inflection",
       {"project/biotail": 3, "paper/paper-02": 3, "technology/bioleaching-columns": 2},
       "The texts say Säulenversuche and Säulenversuchen; nobody writes the singular."),
    _q("de-26", "Metalle aus Reststoffen", "inflection",
       {"paper/paper-06": 3, "project/biotail": 2, "project/germanium-flugasche": 2, "paper/paper-02": 1,
        "project/galed": 1},
       "Every paper's PDF cites 'Rückgewinnung von Metallen aus Reststoffen' in its references: that is no answer."),
    _q("de-27", "Platin aus Katalysatoren", "cross-language", _CATALYSTS),
    _q("de-28", "Magnettechnik Wernigerode", "institution",
       {"project/magnetcycle": 3, "news/magnetcycle-abgeschlossen": 2, "paper/paper-04": 2, "paper/paper-07": 2,
        "technology/roboter-demontage": 2}),
    _q("de-29", "Flachbildschirme", "exact",
       {"project/inrec": 3, "technology/roboter-demontage": 2, "technology/indium-laugung": 2, "paper/paper-01": 1}),
    # --- English ------------------------------------------------------------
    _q("en-01", "indium recovery from LCD glass", "cross-language", _INDIUM_LCD),
    _q("en-02", "copper recycling", "exact", _COPPER_RECYCLING),
    _q("en-03", "metals from slag", "exact", _SLAG),
    _q("en-04", "gallium recovery", "inflection", _GALLIUM,
       "The GaLED summary says 'is recovered', nobody writes 'recovery'."),
    _q("en-05", "bioleaching of mine tailings", "process cross-language", _BIOLEACHING),
    _q("en-06", '"black mass" leaching', "phrase process", _BLACK_MASS),
    _q("en-07", "hydrogen decrepitation", "exact cross-language", _DECREPITATION),
    _q("en-08", "hyperspectral camera", "pdf-only cross-language",
       {"project/cuprint": 3, "paper/paper-05": 2}),
    _q("en-09", "tantalum capacitors", "pdf-only cross-language", {"project/cuprint": 3, "paper/paper-05": 2}),
    _q("en-10", "electrowinning", "process", {"project/galed": 3, "paper/paper-09": 3}),
    _q("en-11", "platinum from spent catalysts", "exact", _CATALYSTS),
    _q("en-12", "platinium catalysts", "typo", _CATALYSTS),
    _q("en-13", "rare earth magnets", "inflection cross-language", _MAGNETS,
       "The English paper says 'rare earths' (keyword) and 'magnets'."),
    _q("en-14", "sensor-based sorting", "process cross-language",
       {"paper/paper-05": 3, "paper/paper-12": 3, "project/cuprint": 3}),
    _q("en-15", "solvent extraction", "process cross-language", _SOLVENT_EXTRACTION),
    _q("en-16", "projects of Harzer Metallrückgewinnung", "institution",
       {"project/platincat": 3, "project/cuprint": 2, "project/galed": 2,
        "technology/copper-collector-smelting": 1, "paper/paper-10": 1},
       "Coordinator of PlatinCat, partner of CuPrint and GaLED; the question asks for projects."),
    _q("en-17", "Critical Raw Materials Act", "exact", {"news/crm-act": 3}),
    _q("en-18", "innovation forum Goslar", "exact",
       {"event/innovation-forum-2024": 3, "news/innovation-forum-2024-report": 3}),
    _q("en-19", "metals in mobile phones", "cross-language synonym", _PHONES),
    _q("en-20", "germanium from fly ash", "cross-language", _FLY_ASH),
    _q("en-21", "copper as collector metal", "inflection", _CATALYSTS),
    _q("en-22", "leaching experiments", "cross-language", _LEACHING_TRIALS),
    _q("en-23", "LED production waste", "exact", _GALLIUM_LED),
    _q("en-24", "battery recycling", "inflection", _BATTERIES),
    _q("en-25", '"submerged arc furnace"', "phrase pdf-only",
       {"project/platincat": 3, "technology/copper-collector-smelting": 1}),
    _q("en-26", "printed circuit boards", "exact cross-language", {"project/cuprint": 3, "paper/paper-05": 3}),
    _q("en-27", "lithium carbonate", "compound pdf-only cross-language",
       {"project/libat-harz": 3, "technology/schwarzmasse-laugung": 1, "paper/paper-08": 1},
       "LiBat-Harz's report says Lithiumcarbonat, one German word."),
)


def problems(queries: Iterable[JudgedQuery], known_keys: Iterable[str], min_relevant: int = 2,
             groups: Iterable[str] | None = None, collection: str = "demo") -> list[str]:
    """What is wrong with a judged set (empty if nothing): unknown keys, bad grades, duplicates, bad filters.

    Every query needs at least one item graded ``min_relevant`` or more, so
    recall is defined for it.  Filters must name facets of
    ``search.facets`` with values that are slugs.  With ``groups``, every
    query's group must be one of them.  ``collection`` names the collection
    the keys belong to, in the messages.
    """
    allowed_groups = None if groups is None else set(groups)
    known = set(known_keys)
    found: list[str] = []
    seen_ids: set[str] = set()
    seen_texts: set[str] = set()
    for query in queries:
        where = f"{query.id} ({query.text!r})"
        if query.id in seen_ids:
            found.append(f"{where}: the id is used twice")
        if query.text.casefold() in seen_texts:
            found.append(f"{where}: the text is judged twice")
        seen_ids.add(query.id)
        seen_texts.add(query.text.casefold())
        if query.language not in LANGUAGES:
            found.append(f"{where}: language {query.language!r} is not one of {LANGUAGES}")
        if not query.probes or set(query.probes) - PROBES:
            found.append(f"{where}: probes {sorted(set(query.probes) - PROBES)} are unknown (known: {sorted(PROBES)})")
        for key, grade in query.grades.items():
            if key not in known:
                source = _KEY_SOURCES.get(collection, "its keys")
                found.append(f"{where}: {key!r} is no {collection} item (see {source})")
            if grade not in GRADES:
                found.append(f"{where}: {key!r} has grade {grade!r}; grades are {GRADES}")
        if not any(grade >= min_relevant for grade in query.grades.values()):
            found.append(f"{where}: no item is graded {min_relevant} or more")
        for name, values in query.filters.items():
            if name not in FACETS_BY_NAME:
                found.append(f"{where}: filter {name!r} is no facet (facets: {', '.join(FACETS_BY_NAME)})")
            if isinstance(values, str) or not values:
                found.append(f"{where}: filter {name!r} needs a tuple of values, not {values!r}")
                continue
            bad = [value for value in values if not _FILTER_VALUE.match(value)]
            if bad:
                found.append(f"{where}: filter {name!r} values {bad} are not slugs")
        if allowed_groups is not None and query.group not in allowed_groups:
            found.append(f"{where}: group {query.group!r} is not one of {sorted(allowed_groups)}")
    return found


_KEY_SOURCES = {"demo": "search.relevance.demo.demo_keys",
                "archive": "search.relevance.archive.documents.archive_keys"}

#: what search.service.parse_query accepts as a facet value (its FILTER_VALUE_PATTERN; kept equal by a unit
#: test, since importing the service needs Django)
_FILTER_VALUE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
