"""Judged queries on the archive collection: what a member would type, and which archive PDFs answer it.

Keys name archive documents by their file name in the import folder,
prefixed ``archive/`` (``"archive/black-mass-leaching-2021.pdf"``; see
:func:`search.relevance.archive.documents.key_of`).  At run time the
harness finds each file's document by the SHA-256 of the PDF it wrote.

Grades, as in :mod:`search.relevance.judgements`:

* **3**: the answer: the document is about exactly what was asked (for a
  question: it states the answer);
* **2**: relevant: it treats the subject substantially (a near-duplicate
  with another focus, a report using the process as one real step, a
  document stating the asked-for fact in passing but plainly);
* **1**: marginal: a neighbouring topic, or one substantive sentence on the
  subject;
* unlisted: not relevant, including documents where the query's words only
  occur (a programme listing a talk title, an annual report naming a
  project, a list of examples in lecture notes).

How they were set: the documents (``texts/*.txt``) were written first; each
query was then graded by reading them (with a text grep over the archive to
find every mention), before any search was run, and not changed after
seeing results.  Grades follow subject, not language: an English paper
answers a German query as well as a German report does.  For queries with
``filters`` the grades are what a member would want among documents
matching the filter by *content* (a leaching paper that treats cobalt is
relevant to "Laugung" with metal = co whatever its tags), so wrong or
missing tags show as lost recall instead of being hidden.

``group`` is the kind of query, for per-group figures in the report:
single word, multi-word, question, symbol/abbreviation, synonym, filter,
cross-language, typo, phrase.
"""

from __future__ import annotations

from search.relevance.archive.documents import key_of
from search.relevance.judgements import JudgedQuery

GROUPS = ("single word", "multi-word", "question", "symbol/abbreviation", "synonym", "filter", "cross-language",
          "typo", "phrase")


def _q(id_: str, text: str, group: str, probes: str, grades: dict[str, int], note: str = "",
       filters: dict[str, tuple[str, ...]] | None = None) -> JudgedQuery:
    return JudgedQuery(id=id_, language=id_[:2], text=text, probes=tuple(probes.split()),
                       grades={key_of(file): grade for file, grade in grades.items()}, note=note,
                       group=group, filters=filters or {})


# Recurring answer sets (the same need asked in several ways), by file name.
_BLACK_MASS_LEACHING = {
    "black-mass-leaching-2021.pdf": 3, "Abschlussbericht_LiKreis_Harz_2023.pdf": 3,
    "LiKreis_Zwischenbericht_2021.pdf": 2, "likreis-final-report-en-2023.pdf": 2, "LFP-recycling-factsheet.pdf": 2,
    "black-mass-pretreatment-2022.pdf": 1, "Masterarbeit_Mangan_Faellung_Batterielaugen.pdf": 1,
    "Pyrometallurgie_Batterien_Fachartikel.pdf": 1,
}
_LITHIUM_FROM_BLACK_MASS = {
    "Abschlussbericht_LiKreis_Harz_2023.pdf": 3, "black-mass-leaching-2021.pdf": 3,
    "likreis-final-report-en-2023.pdf": 2, "LFP-recycling-factsheet.pdf": 2,
    "Pyrometallurgie_Batterien_Fachartikel.pdf": 1, "LiKreis_Zwischenbericht_2021.pdf": 1,
    "direct-recycling-cathode-relithiation-2024.pdf": 1, "Batterie-Sammlung-Landkreis-2022.pdf": 1,
    "black-mass-pretreatment-2022.pdf": 1,
}
_BLACK_MASS_METALS = {
    "Abschlussbericht_LiKreis_Harz_2023.pdf": 3, "black-mass-leaching-2021.pdf": 3,
    "likreis-final-report-en-2023.pdf": 2, "LiKreis_Zwischenbericht_2021.pdf": 2,
    "black-mass-pretreatment-2022.pdf": 2, "LFP-recycling-factsheet.pdf": 1,
    "Pyrometallurgie_Batterien_Fachartikel.pdf": 1, "Masterarbeit_Mangan_Faellung_Batterielaugen.pdf": 1,
    "direct-recycling-cathode-relithiation-2024.pdf": 1, "Batterie-Sammlung-Landkreis-2022.pdf": 1,
}
_PGM_CATALYSTS = {
    "Autokatalysatoren_PGM_Rueckgewinnung_2020.pdf": 3, "pgm-spent-catalysts-hydrometallurgy.pdf": 3,
    "Broschuere_Harzer_Edelmetall.pdf": 2, "Diplomarbeit_Rhodium_Trennung.pdf": 1,
    "platinum-group-metals-fuel-cells-2024.pdf": 1,
}
_REE_MAGNETS = {
    "Magnetrecycling_Harz_Abschlussbericht.pdf": 3, "ndfeb-hydrogen-decrepitation-2020.pdf": 3,
    "SEE-Laugung-Magnetschleifschlamm-2019.pdf": 3, "wind-turbine-magnets-dismantling-2024.pdf": 2,
    "ree-solvent-extraction-separation.pdf": 2, "Factsheet_Dysprosium.pdf": 2,
    "Edelmetalle_in_Mobiltelefonen_Studie.pdf": 1,
}
_DECREPITATION = {
    "ndfeb-hydrogen-decrepitation-2020.pdf": 3, "Magnetrecycling_Harz_Abschlussbericht.pdf": 3,
    "wind-turbine-magnets-dismantling-2024.pdf": 1, "Factsheet_Dysprosium.pdf": 1,
}
_GOLD_E_WASTE = {
    "weee-gold-thiosulfate-leaching-2022.pdf": 3, "Kupferhuette_Sekundaerrohstoffe_Broschuere.pdf": 3,
    "E-Schrott_Leiterplatten_Pyrolyse.pdf": 2, "Edelmetalle_in_Mobiltelefonen_Studie.pdf": 2,
    "pcb-copper-ammoniacal-leaching-electrowinning.pdf": 1, "Broschuere_Harzer_Edelmetall.pdf": 1,
    "sensor-sorting-weee-fractions-2023.pdf": 1, "Handysammlung_Schulen_2023.pdf": 1,
    "Elektroaltgeraete_Erfassungskonzept_2020.pdf": 1, "small-weee-collection-pilot-en.pdf": 1,
}
_INDIUM_LCD = {
    "ITO-Rueckgewinnung-LCD-Abschlussbericht.pdf": 3, "indium-tin-oxide-recovery-en-summary.pdf": 2,
    "Displayglas_Verwertung_Factsheet.pdf": 1,
}
_HARD_METAL = {
    "Hartmetallrecycling_Zinkverfahren.pdf": 3, "tungsten-carbide-scrap-oxidation-route.pdf": 3,
    "hard-metal-scrap-sorting-libs.pdf": 2, "Wolfram_Factsheet_2022.pdf": 2,
}
_TANTALUM_CAPACITORS = {"Tantal_aus_Kondensatoren_2021.pdf": 3, "tantalum-capacitor-recovery-en.pdf": 3}
_WAELZ = {
    "Waelzprozess_Stahlwerksstaub.pdf": 3, "eaf-dust-alkaline-leaching-zinc.pdf": 2,
    "Schlackenhalden_Oberharz_Zinkverblasen.pdf": 1,
}
_SENSOR_SORTING = {
    "Broschuere_SensorSort_Bad_Harzburg.pdf": 3, "sensor-sorting-weee-fractions-2023.pdf": 3,
    "xrt-ore-sorting-mine-dumps.pdf": 3, "hard-metal-scrap-sorting-libs.pdf": 3,
    "tantalum-capacitor-recovery-en.pdf": 2, "Tantal_aus_Kondensatoren_2021.pdf": 1,
    "MVA-Schlacke_Metallrueckgewinnung.pdf": 1,
}
_COLLECTION = {
    "Elektroaltgeraete_Erfassungskonzept_2020.pdf": 3, "small-weee-collection-pilot-en.pdf": 3,
    "Abfallwirtschaftskonzept_2021-2025.pdf": 2, "Handysammlung_Schulen_2023.pdf": 2,
    "Batterie-Sammlung-Landkreis-2022.pdf": 1, "Edelmetalle_in_Mobiltelefonen_Studie.pdf": 1,
}
_PV_SILVER = {
    "PV-Modul-Recycling_Silber_Silizium.pdf": 3, "photovoltaic-module-recycling-2024.pdf": 3,
    "CdTe_Duennschichtmodule_Tellur.pdf": 1,
}
_SOLVENT_EXTRACTION_COBALT = {
    "Solventextraktion_Grundlagen_Vorlesungsskript.pdf": 3, "Abschlussbericht_LiKreis_Harz_2023.pdf": 3,
    "black-mass-leaching-2021.pdf": 3, "likreis-final-report-en-2023.pdf": 1, "cobalt-electrowinning-pilot.pdf": 1,
    "Masterarbeit_Mangan_Faellung_Batterielaugen.pdf": 1, "Pyrometallurgie_Batterien_Fachartikel.pdf": 1,
}
_HYDROMET_BLACK_MASS = {
    "black-mass-leaching-2021.pdf": 3, "Abschlussbericht_LiKreis_Harz_2023.pdf": 3,
    "likreis-final-report-en-2023.pdf": 2, "LiKreis_Zwischenbericht_2021.pdf": 2, "LFP-recycling-factsheet.pdf": 2,
    "black-mass-pretreatment-2022.pdf": 1, "Pyrometallurgie_Batterien_Fachartikel.pdf": 1,
    "Masterarbeit_Mangan_Faellung_Batterielaugen.pdf": 1, "direct-recycling-cathode-relithiation-2024.pdf": 1,
}
_BIOLEACHING_DUMPS = {
    "Biolaugung_Haldenmaterial_Abschlussbericht.pdf": 3, "bioleaching-tailings-harz-columns-2019.pdf": 2,
    "Biolaugung_Zwischenbericht_2020.pdf": 2, "Thesis_Biolaugung_Chalkopyrit_Temperatur.pdf": 1,
    "Grubenwasser_Monitoring_Oberharz_2022.pdf": 1, "xrt-ore-sorting-mine-dumps.pdf": 1,
    "tailings-reflotation-harz.pdf": 1,
}
_BIOLEACHING_TAILINGS = {
    "bioleaching-tailings-harz-columns-2019.pdf": 3, "Biolaugung_Haldenmaterial_Abschlussbericht.pdf": 2,
    "Biolaugung_Zwischenbericht_2020.pdf": 1, "tailings-reflotation-harz.pdf": 1,
    "Thesis_Biolaugung_Chalkopyrit_Temperatur.pdf": 1, "Grubenwasser_Monitoring_Oberharz_2022.pdf": 1,
    "xrt-ore-sorting-mine-dumps.pdf": 1,
}
_SOLVENT_EXTRACTION = {
    "Solventextraktion_Grundlagen_Vorlesungsskript.pdf": 3, "ree-solvent-extraction-separation.pdf": 2,
    "black-mass-leaching-2021.pdf": 2, "Abschlussbericht_LiKreis_Harz_2023.pdf": 2,
    "ITO-Rueckgewinnung-LCD-Abschlussbericht.pdf": 2, "pcb-copper-ammoniacal-leaching-electrowinning.pdf": 2,
    "tungsten-carbide-scrap-oxidation-route.pdf": 2, "fly-ash-acid-washing-zinc.pdf": 2,
    "Tantal_aus_Kondensatoren_2021.pdf": 1, "Masterarbeit_Mangan_Faellung_Batterielaugen.pdf": 1,
    "likreis-final-report-en-2023.pdf": 1, "cobalt-electrowinning-pilot.pdf": 1,
    "bioleaching-tailings-harz-columns-2019.pdf": 1, "Ionenaustausch_Prozesswasser_Spurenmetalle.pdf": 1,
}
_ZINC_ELECTROWINNING = {
    "eaf-dust-alkaline-leaching-zinc.pdf": 3, "fly-ash-acid-washing-zinc.pdf": 3,
    "Waelzprozess_Stahlwerksstaub.pdf": 1,
}
_GOLD_PER_PHONE = {
    "Edelmetalle_in_Mobiltelefonen_Studie.pdf": 3, "small-weee-collection-pilot-en.pdf": 2,
    "Elektroaltgeraete_Erfassungskonzept_2020.pdf": 2, "Handysammlung_Schulen_2023.pdf": 1,
    "weee-gold-thiosulfate-leaching-2022.pdf": 1,
}

QUERIES: tuple[JudgedQuery, ...] = (
    # --- German -------------------------------------------------------------
    _q("de-01", "Wie wird Lithium aus Schwarzmasse zurückgewonnen?", "question",
       "question late-page near-duplicate cross-language", _LITHIUM_FROM_BLACK_MASS,
       "The German final report answers on page 4 of 5, the English paper on page 4 of 4; the interim report "
       "says lithium was not yet studied."),
    _q("de-02", "Schwarzmasse Laugung", "multi-word", "process near-duplicate cross-language inflection",
       _BLACK_MASS_LEACHING, "The pretreatment paper mentions the downstream leaching only."),
    _q("de-03", "Platingruppenmetalle Autokatalysator", "multi-word", "compound inflection cross-language",
       _PGM_CATALYSTS, "The German report's title says Platingruppenmetallen and Autoabgaskatalysatoren."),
    _q("de-04", "PGM Autokatalysator", "symbol/abbreviation", "abbreviation compound", _PGM_CATALYSTS),
    _q("de-05", "SEE Magnete", "symbol/abbreviation", "abbreviation inflection cross-language", _REE_MAGNETS,
       "SEE (Seltenerdelemente) stands only in the Schleifschlamm thesis; the others say Seltene Erden, REE, NdFeB."),
    _q("de-06", "Rückgewinnung Seltener Erden", "multi-word", "inflection cross-language", _REE_MAGNETS),
    _q("de-07", "Wasserstoffversprödung NdFeB", "multi-word", "symbol cross-language", _DECREPITATION),
    _q("de-08", "Gold aus Elektronikschrott", "synonym", "multi-word-synonym cross-language", _GOLD_E_WASTE,
       "The texts say E-Schrott, WEEE, Leiterplatten, Handys; Elektronikschrott stands in three brochures and "
       "the annual report."),
    _q("de-09", "Indium Flachbildschirme", "multi-word", "near-duplicate cross-language", _INDIUM_LCD),
    _q("de-10", "Hartmetall Zinkverfahren", "multi-word", "exact cross-language",
       {"Hartmetallrecycling_Zinkverfahren.pdf": 3, "tungsten-carbide-scrap-oxidation-route.pdf": 2,
        "hard-metal-scrap-sorting-libs.pdf": 1, "Wolfram_Factsheet_2022.pdf": 1},
       "The English chemical-route paper compares itself with the zinc process."),
    _q("de-11", "Wolframkarbid", "single word", "synonym cross-language", _HARD_METAL,
       "The texts spell Wolframcarbid, tungsten carbide, WC-Co; nobody writes Karbid."),
    _q("de-12", "Tantal Kondensatoren", "multi-word", "inflection near-duplicate cross-language",
       _TANTALUM_CAPACITORS),
    _q("de-13", "Wälzofen", "single word", "compound synonym cross-language", _WAELZ,
       "The German article says Wälzrohrofen, Wälzrohr, Wälzverfahren; the English ones Waelz kiln."),
    _q("de-14", "Biolaugung Haldenmaterial", "multi-word", "process near-duplicate", _BIOLEACHING_DUMPS,
       "Final and interim report of the same project; the English column paper treats tailings, not dumps."),
    _q("de-15", "Grubenwasser Zink Cadmium", "multi-word", "exact",
       {"Grubenwasser_Monitoring_Oberharz_2022.pdf": 3, "Biolaugung_Haldenmaterial_Abschlussbericht.pdf": 1,
        "Schlackenhalden_Oberharz_Zinkverblasen.pdf": 1}),
    _q("de-16", "Metalle aus MVA-Schlacke", "symbol/abbreviation", "abbreviation synonym compound",
       {"MVA-Schlacke_Metallrueckgewinnung.pdf": 3, "fly-ash-acid-washing-zinc.pdf": 1,
        "Abfallwirtschaftskonzept_2021-2025.pdf": 1, "Schlackenhalden_Oberharz_Zinkverblasen.pdf": 1},
       "The study's title says Rostaschen der Müllverbrennung; MVA and HMV-Schlacke stand on page 1."),
    _q("de-17", "Germanium Flugasche", "cross-language", "cross-language",
       {"germanium-fly-ash-coal-2021.pdf": 3, "Germanium_Glasfaser_Rueckgewinnung.pdf": 1,
        "fly-ash-acid-washing-zinc.pdf": 1}, "The only answer is in English."),
    _q("de-18", "Galliumrückgewinnung", "single word", "compound cross-language",
       {"Gallium_aus_GaAs_Waferabfaellen.pdf": 3, "gallium-led-waste-2023.pdf": 3,
        "Ionenaustausch_Prozesswasser_Spurenmetalle.pdf": 1},
       "The German report says Rückgewinnung von Gallium, never the compound."),
    _q("de-19", "Solventextraktion Kobalt Nickel", "multi-word", "process inflection cross-language",
       _SOLVENT_EXTRACTION_COBALT),
    _q("de-20", "Elektrolytische Gewinnung von Zink", "synonym", "multi-word-synonym cross-language process",
       _ZINC_ELECTROWINNING, "Both answers are English (electrowinning); the Wälz article mentions it in passing."),
    _q("de-21", "Sammlung von Elektroaltgeräten", "multi-word", "inflection cross-language", _COLLECTION),
    _q("de-22", "Handysammlung Schule", "multi-word", "compound inflection",
       {"Handysammlung_Schulen_2023.pdf": 3, "Edelmetalle_in_Mobiltelefonen_Studie.pdf": 2,
        "Elektroaltgeraete_Erfassungskonzept_2020.pdf": 1, "Abfallwirtschaftskonzept_2021-2025.pdf": 1,
        "Jahresbericht_Cluster_2022.pdf": 1, "small-weee-collection-pilot-en.pdf": 1},
       "The study analysed 400 phones from the school collection."),
    _q("de-23", "Silber aus PV-Modulen", "multi-word", "abbreviation inflection cross-language", _PV_SILVER),
    _q("de-24", "Li Co Ni Schwarzmasse", "symbol/abbreviation", "symbol near-duplicate cross-language",
       _BLACK_MASS_METALS),
    _q("de-25", "Laugung", "filter", "filter process cross-language",
       {"black-mass-leaching-2021.pdf": 3, "Abschlussbericht_LiKreis_Harz_2023.pdf": 3,
        "LiKreis_Zwischenbericht_2021.pdf": 2, "bioleaching-tailings-harz-columns-2019.pdf": 2,
        "likreis-final-report-en-2023.pdf": 1, "Pyrometallurgie_Batterien_Fachartikel.pdf": 1,
        "Masterarbeit_Mangan_Faellung_Batterielaugen.pdf": 1, "tungsten-carbide-scrap-oxidation-route.pdf": 1},
       "Leaching with cobalt among the metals leached.", filters={"metal": ("co",)}),
    _q("de-26", "Rückgewinnung", "filter", "filter cross-language",
       {"pcb-copper-ammoniacal-leaching-electrowinning.pdf": 3, "Kupferhuette_Sekundaerrohstoffe_Broschuere.pdf": 3,
        "E-Schrott_Leiterplatten_Pyrolyse.pdf": 2, "weee-gold-thiosulfate-leaching-2022.pdf": 2,
        "Thesis_Biolaugung_Chalkopyrit_Temperatur.pdf": 2, "Biolaugung_Haldenmaterial_Abschlussbericht.pdf": 2,
        "bioleaching-tailings-harz-columns-2019.pdf": 2, "MVA-Schlacke_Metallrueckgewinnung.pdf": 1,
        "Edelmetalle_in_Mobiltelefonen_Studie.pdf": 1, "Pyrometallurgie_Batterien_Fachartikel.pdf": 1,
        "sensor-sorting-weee-fractions-2023.pdf": 1, "Schlackenhalden_Oberharz_Zinkverblasen.pdf": 1},
       "Recovering copper.", filters={"metal": ("cu",)}),
    _q("de-27", "Pyrolyse Leiterplatten", "multi-word", "exact",
       {"E-Schrott_Leiterplatten_Pyrolyse.pdf": 3, "Tantal_aus_Kondensatoren_2021.pdf": 1},
       "Pyrolysis of batteries, PV modules and MEAs is another subject."),
    _q("de-28", "Hartmetal Recyling", "typo", "typo", _HARD_METAL),
    _q("de-29", "Dysprosium", "single word", "exact cross-language",
       {"Factsheet_Dysprosium.pdf": 3, "Magnetrecycling_Harz_Abschlussbericht.pdf": 2,
        "ree-solvent-extraction-separation.pdf": 2, "ndfeb-hydrogen-decrepitation-2020.pdf": 1,
        "wind-turbine-magnets-dismantling-2024.pdf": 1, "SEE-Laugung-Magnetschleifschlamm-2019.pdf": 1}),
    _q("de-30", "Solvenextraktion", "typo", "typo process cross-language", _SOLVENT_EXTRACTION),
    _q("de-31", '"Laugung mit Salzsäure"', "phrase", "phrase process cross-language",
       {"SEE-Laugung-Magnetschleifschlamm-2019.pdf": 3, "ITO-Rueckgewinnung-LCD-Abschlussbericht.pdf": 3,
        "pgm-spent-catalysts-hydrometallurgy.pdf": 3, "Tantal_aus_Kondensatoren_2021.pdf": 1,
        "Autokatalysatoren_PGM_Rueckgewinnung_2020.pdf": 1, "Germanium_Glasfaser_Rueckgewinnung.pdf": 1,
        "platinum-group-metals-fuel-cells-2024.pdf": 1},
       "Hydrochloric acid leaching as a main step; only the Tantal report has the words in this order."),
    _q("de-32", "Welche Ausbeute erreicht die Indiumlaugung?", "question", "question compound near-duplicate",
       {"ITO-Rueckgewinnung-LCD-Abschlussbericht.pdf": 3, "indium-tin-oxide-recovery-en-summary.pdf": 2,
        "bioleaching-tailings-harz-columns-2019.pdf": 1},
       "95 % in the leaching (page 3), 88 % overall; the summary gives the 88 %."),
    _q("de-33", "Sensorgestützte Sortierung", "multi-word", "process cross-language", _SENSOR_SORTING),
    _q("de-34", "Tellur aus Dünnschichtmodulen", "multi-word", "inflection compound",
       {"CdTe_Duennschichtmodule_Tellur.pdf": 3, "photovoltaic-module-recycling-2024.pdf": 1}),
    _q("de-35", "Kupfer", "filter", "filter process cross-language",
       {"Thesis_Biolaugung_Chalkopyrit_Temperatur.pdf": 3, "Biolaugung_Haldenmaterial_Abschlussbericht.pdf": 3,
        "bioleaching-tailings-harz-columns-2019.pdf": 3, "Biolaugung_Zwischenbericht_2020.pdf": 1},
       "Copper by bioleaching.", filters={"process": ("bioleaching",)}),
    _q("de-36", "Schlackenverblasen", "single word", "late-page exact",
       {"Schlackenhalden_Oberharz_Zinkverblasen.pdf": 3},
       "Stands on page 3 of 3 only; the file name says Zinkverblasen."),
    _q("de-37", "Was kostet die Aufbereitung von Schwarzmasse je Tonne?", "question",
       "question late-page near-duplicate cross-language",
       {"Abschlussbericht_LiKreis_Harz_2023.pdf": 3, "likreis-final-report-en-2023.pdf": 3,
        "LFP-recycling-factsheet.pdf": 2, "black-mass-pretreatment-2022.pdf": 1},
       "1,150 EUR/t on page 5 of 5 of the German report and page 2 of the English summary."),
    _q("de-38", "Direktrecycling Kathoden", "cross-language", "compound cross-language",
       {"direct-recycling-cathode-relithiation-2024.pdf": 3, "Hartmetallrecycling_Zinkverfahren.pdf": 1},
       "The zinc process calls itself a Direktrecycling route for hard metal, not for cathodes."),
    # --- English ------------------------------------------------------------
    _q("en-01", "black mass leaching", "multi-word", "process near-duplicate cross-language",
       _BLACK_MASS_LEACHING),
    _q("en-02", "Li Co Ni black mass", "symbol/abbreviation", "symbol near-duplicate cross-language",
       _BLACK_MASS_METALS),
    _q("en-03", "how is lithium recovered from black mass", "question",
       "question late-page near-duplicate cross-language", _LITHIUM_FROM_BLACK_MASS),
    _q("en-04", "PGM recovery from spent catalysts", "symbol/abbreviation", "abbreviation inflection cross-language",
       _PGM_CATALYSTS),
    _q("en-05", "platinum group metals autocatalyst", "synonym", "multi-word-synonym cross-language",
       _PGM_CATALYSTS, "The English paper says spent automotive catalysts, autocatalysts and PGMs."),
    _q("en-06", "REE magnets", "symbol/abbreviation", "abbreviation cross-language", _REE_MAGNETS),
    _q("en-07", "hydrogen decrepitation", "multi-word", "exact cross-language", _DECREPITATION),
    _q("en-08", "WEEE gold", "symbol/abbreviation", "abbreviation cross-language", _GOLD_E_WASTE),
    _q("en-09", "gold from e-waste", "synonym", "multi-word-synonym cross-language", _GOLD_E_WASTE,
       "Nobody writes e-waste: WEEE, waste printed circuit boards, E-Schrott."),
    _q("en-10", "ITO recovery", "symbol/abbreviation", "abbreviation inflection cross-language", _INDIUM_LCD),
    _q("en-11", "indium from LCD panels", "multi-word", "near-duplicate cross-language", _INDIUM_LCD),
    _q("en-12", "tungsten carbide scrap", "multi-word", "exact cross-language", _HARD_METAL),
    _q("en-13", "What temperature does the zinc process for carbide scrap need?", "question",
       "question cross-language",
       {"Hartmetallrecycling_Zinkverfahren.pdf": 3, "tungsten-carbide-scrap-oxidation-route.pdf": 1,
        "Wolfram_Factsheet_2022.pdf": 1, "hard-metal-scrap-sorting-libs.pdf": 1},
       "900-1,000 °C and distillation at 1,000 °C stand on page 2 of the German article only."),
    _q("en-14", "tantalum capacitors", "multi-word", "exact near-duplicate cross-language", _TANTALUM_CAPACITORS),
    _q("en-15", "Waelz kiln", "multi-word", "exact cross-language", _WAELZ),
    _q("en-16", "EAF dust zinc", "symbol/abbreviation", "abbreviation cross-language",
       {"eaf-dust-alkaline-leaching-zinc.pdf": 3, "Waelzprozess_Stahlwerksstaub.pdf": 3,
        "fly-ash-acid-washing-zinc.pdf": 1},
       "The German article says Elektrostahlwerksstaub and Elektrolichtbogenofen."),
    _q("en-17", "bioleaching mine tailings", "multi-word", "process near-duplicate cross-language",
       _BIOLEACHING_TAILINGS),
    _q("en-18", "germanium from fly ash", "multi-word", "exact",
       {"germanium-fly-ash-coal-2021.pdf": 3, "Germanium_Glasfaser_Rueckgewinnung.pdf": 1,
        "fly-ash-acid-washing-zinc.pdf": 1}),
    _q("en-19", "gallium recovery from LED waste", "multi-word", "exact cross-language",
       {"gallium-led-waste-2023.pdf": 3, "Gallium_aus_GaAs_Waferabfaellen.pdf": 2,
        "Ionenaustausch_Prozesswasser_Spurenmetalle.pdf": 1}),
    _q("en-20", "electrowinning", "single word", "process cross-language",
       {"cobalt-electrowinning-pilot.pdf": 3, "pcb-copper-ammoniacal-leaching-electrowinning.pdf": 2,
        "eaf-dust-alkaline-leaching-zinc.pdf": 2, "fly-ash-acid-washing-zinc.pdf": 2,
        "Gallium_aus_GaAs_Waferabfaellen.pdf": 2, "gallium-led-waste-2023.pdf": 1,
        "weee-gold-thiosulfate-leaching-2022.pdf": 1, "Waelzprozess_Stahlwerksstaub.pdf": 1,
        "PV-Modul-Recycling_Silber_Silizium.pdf": 1, "Kupferhuette_Sekundaerrohstoffe_Broschuere.pdf": 1},
       "The gallium report calls it Elektrolytische Gewinnung; the copper brochure's step is electrorefining."),
    _q("en-21", "solvent extraction", "filter", "filter process cross-language", _SOLVENT_EXTRACTION_COBALT,
       "Solvent extraction with cobalt in the feed.", filters={"metal": ("co",)}),
    _q("en-22", "sensor-based sorting", "multi-word", "process cross-language", _SENSOR_SORTING),
    _q("en-23", "collection of small electronics", "multi-word", "synonym cross-language", _COLLECTION,
       "The German concept says Kleingeräte and Elektroaltgeräte."),
    _q("en-24", "photovoltaic silver recovery", "multi-word", "cross-language", _PV_SILVER),
    _q("en-25", "leaching", "filter", "filter process cross-language",
       {"pgm-spent-catalysts-hydrometallurgy.pdf": 3, "Autokatalysatoren_PGM_Rueckgewinnung_2020.pdf": 2,
        "platinum-group-metals-fuel-cells-2024.pdf": 2, "Diplomarbeit_Rhodium_Trennung.pdf": 1},
       "Leaching of platinum.", filters={"metal": ("pt",)}),
    _q("en-26", "recycling", "filter", "filter near-duplicate cross-language",
       {"ITO-Rueckgewinnung-LCD-Abschlussbericht.pdf": 3, "indium-tin-oxide-recovery-en-summary.pdf": 3,
        "Displayglas_Verwertung_Factsheet.pdf": 1, "Ionenaustausch_Prozesswasser_Spurenmetalle.pdf": 1,
        "bioleaching-tailings-harz-columns-2019.pdf": 1, "Biolaugung_Haldenmaterial_Abschlussbericht.pdf": 1,
        "tailings-reflotation-harz.pdf": 1},
       "Recovering indium.", filters={"metal": ("in",)}),
    _q("en-27", "hydrometalurgy black mass", "typo", "typo near-duplicate cross-language", _HYDROMET_BLACK_MASS),
    _q("en-28", "neodymium magnet recylcing", "typo", "typo cross-language", _REE_MAGNETS),
    _q("en-29", '"Waelz oxide"', "phrase", "phrase cross-language",
       {"Waelzprozess_Stahlwerksstaub.pdf": 3, "eaf-dust-alkaline-leaching-zinc.pdf": 1,
        "Schlackenhalden_Oberharz_Zinkverblasen.pdf": 1},
       "The German article says Wälzoxid and Rohwälzoxid; Waelzoxid stands in the slag report."),
    _q("en-30", '"current efficiency"', "phrase", "phrase cross-language",
       {"cobalt-electrowinning-pilot.pdf": 3, "pcb-copper-ammoniacal-leaching-electrowinning.pdf": 3,
        "fly-ash-acid-washing-zinc.pdf": 2, "eaf-dust-alkaline-leaching-zinc.pdf": 2,
        "Gallium_aus_GaAs_Waferabfaellen.pdf": 2},
       "Electrowinning reports giving a current efficiency; the gallium report says Stromausbeute."),
    _q("en-31", "rare earths from grinding sludge", "cross-language", "cross-language",
       {"SEE-Laugung-Magnetschleifschlamm-2019.pdf": 3, "ree-solvent-extraction-separation.pdf": 1,
        "Magnetrecycling_Harz_Abschlussbericht.pdf": 1}, "The answer is German (Schleifschlamm, SEE)."),
    _q("en-32", "mine water monitoring", "cross-language", "cross-language",
       {"Grubenwasser_Monitoring_Oberharz_2022.pdf": 3, "Schlackenhalden_Oberharz_Zinkverblasen.pdf": 1,
        "Biolaugung_Haldenmaterial_Abschlussbericht.pdf": 1}),
    _q("en-33", "slag fuming zinc", "cross-language", "cross-language late-page",
       {"Schlackenhalden_Oberharz_Zinkverblasen.pdf": 3, "Waelzprozess_Stahlwerksstaub.pdf": 1},
       "German report; 'Slag Fuming' stands in brackets on page 3 of 3."),
    _q("en-34", "NdFeB Dy", "symbol/abbreviation", "symbol cross-language",
       {"ndfeb-hydrogen-decrepitation-2020.pdf": 3, "Magnetrecycling_Harz_Abschlussbericht.pdf": 3,
        "Factsheet_Dysprosium.pdf": 3, "wind-turbine-magnets-dismantling-2024.pdf": 2,
        "ree-solvent-extraction-separation.pdf": 2, "SEE-Laugung-Magnetschleifschlamm-2019.pdf": 2}),
    _q("en-35", "battery recycling", "filter", "filter cross-language",
       {"Pyrometallurgie_Batterien_Fachartikel.pdf": 3, "black-mass-pretreatment-2022.pdf": 1},
       "Battery recycling by pyrometallurgy: only the German article; pyrolysis as pretreatment is a neighbour.",
       filters={"process": ("pyrometallurgy",)}),
    _q("en-36", "How much gold is in a mobile phone?", "question", "question late-page cross-language",
       _GOLD_PER_PHONE, "About 24 mg; the collection reports state it on their last page."),
    _q("en-37", "germanium", "single word", "exact cross-language",
       {"germanium-fly-ash-coal-2021.pdf": 3, "Germanium_Glasfaser_Rueckgewinnung.pdf": 3,
        "Ionenaustausch_Prozesswasser_Spurenmetalle.pdf": 1, "Biolaugung_Haldenmaterial_Abschlussbericht.pdf": 1}),
    _q("en-38", "relithiation", "single word", "exact", {"direct-recycling-cathode-relithiation-2024.pdf": 3}),
    _q("en-39", "barite", "single word", "exact",
       {"tailings-reflotation-harz.pdf": 3, "bioleaching-tailings-harz-columns-2019.pdf": 1}),
    _q("en-40", "end-of-life solar panels", "synonym", "multi-word-synonym cross-language",
       {"PV-Modul-Recycling_Silber_Silizium.pdf": 3, "photovoltaic-module-recycling-2024.pdf": 3,
        "CdTe_Duennschichtmodule_Tellur.pdf": 2, "Elektroaltgeraete_Erfassungskonzept_2020.pdf": 1},
       "The texts say photovoltaic modules, PV-Module, Altmodule; nobody writes solar panels."),
)
