"""Held-out judged queries on the archive collection: new needs nobody tuned the search against.

This set was written *after* the search had been tuned on
:mod:`search.relevance.archive.judgements`, by someone who read only the
archive texts (``texts/*.txt``), the editors' tags (``metadata.csv``) and
the format of ``judgements.py`` (its docstring and the ``_q`` helper), and
who neither read the search code nor ran any search or looked at any
figures.  The queries are new needs with their own wording and angles, as
fresh members would type them; they are not variants of the tuning set.
Use it to check whether relevance carries over to unseen queries; do not
tune against it (once it has been used for tuning it is no longer held out).

Grades, the same scale as :mod:`search.relevance.archive.judgements`:

* **3**: the answer: the document is about exactly what was asked (for a
  question: it states the answer);
* **2**: relevant: it treats the subject substantially (a near-duplicate
  with another focus, a report using the process as one real step, a
  document stating the asked-for fact in passing but plainly);
* **1**: marginal: a neighbouring topic, or one substantive sentence on the
  subject;
* unlisted: not relevant, including documents where the query's words only
  occur (a programme listing a talk title, an annual report naming a
  project, a list of examples in lecture notes or a brochure).

How they were set: every document text was read in full; for each query the
archive was then grepped for every mention of its concepts in German and
English and their synonyms and inflected or compound forms (for example
"Brand", "fire", "Brandschutz"; "HF", "fluor", "Flusssäure"; "Pedelec",
"E-Bike"), and each hit was read in context to grade it.  All grades were
fixed before any search was run and have not been changed since.  Grades
follow subject, not language: an English paper answers a German query as
well as a German report does.  For queries with ``filters`` the grades are
what a member would want among documents matching the filter *by content*
(a document that treats zinc electrowinning is graded for "Elektrolyse" with
metal = zn whatever its tags), so wrong or missing tags show as lost recall.
Keys are the file names of the ``=== `` headers in ``texts/*.txt``.

Ids are ``de-hNN`` / ``en-hNN`` (the language is the member's); groups are
those of :data:`search.relevance.archive.judgements.GROUPS`.
"""

from __future__ import annotations

from search.relevance.archive.judgements import GROUPS, _q
from search.relevance.judgements import JudgedQuery

__all__ = ["GROUPS", "QUERIES"]

QUERIES: tuple[JudgedQuery, ...] = (
    # ------------------------------------------------------------------ German
    _q("de-h01", "Brandschutz", "single word", "exact compound", {
        "Batterie-Sammlung-Landkreis-2022.pdf": 3,
        "black-mass-pretreatment-2022.pdf": 1,
        "small-weee-collection-pilot-en.pdf": 1,
    }, note="The fire-safety concept for battery collection is the answer; shredding under nitrogen 'to avoid "
            "fires' and damaged lithium batteries as a fire risk in collection boxes are one sentence each."),
    _q("de-h02", "Tellur", "single word", "exact inflection", {
        "CdTe_Duennschichtmodule_Tellur.pdf": 3,
        "photovoltaic-module-recycling-2024.pdf": 1,
    }, note="The white paper only says thin-film (CdTe) modules need separate processes because of tellurium."),
    _q("de-h03", "Lithium aus Schlacke zurückgewinnen", "multi-word", "inflection late-page", {
        "Pyrometallurgie_Batterien_Fachartikel.pdf": 3,
    }, note="Only the article on battery smelting treats lithium going to the slag and its leaching from the "
            "slag (page 2, 'Verbleib des Lithiums'); the other slag documents contain no lithium."),
    _q("de-h04", "Recyclingquoten EU-Batterieverordnung", "multi-word",
       "compound cross-language late-page near-duplicate", {
           "likreis-final-report-en-2023.pdf": 3,
           "Abschlussbericht_LiKreis_Harz_2023.pdf": 2,
           "cobalt-supply-chain-position-paper.pdf": 1,
       }, note="The English LiKreis summary lists the 2027/2031 material recovery targets (last page); the German "
               "final report states in one sentence on its last page that the lithium quota is met; the position "
               "paper names the Battery Regulation only for due diligence, not recycling quotas."),
    _q("de-h05", "Kosten je Tonne Schwarzmasse", "multi-word", "cross-language late-page near-duplicate", {
        "Abschlussbericht_LiKreis_Harz_2023.pdf": 3,
        "likreis-final-report-en-2023.pdf": 3,
        "LFP-recycling-factsheet.pdf": 2,
    }, note="Operating cost 1,150 EUR/t in both LiKreis reports (German last page, English page 2 with cost "
            "split and revenues); the LFP fact sheet gives reagent costs of 380 EUR per tonne of black mass. "
            "Energy figures per tonne (pretreatment, direct recycling) are not costs and stay unlisted."),
    _q("de-h06", "CO2-Bilanz Indiumrecycling", "multi-word",
       "compound multi-word-synonym cross-language near-duplicate", {
           "indium-tin-oxide-recovery-en-summary.pdf": 3,
           "ITO-Rueckgewinnung-LCD-Abschlussbericht.pdf": 1,
       }, note="'CO2-Bilanz' is the life cycle assessment / carbon footprint of the English InZiRec summary; the "
               "German final report of the same project has no LCA (process and economics only), hence 1. "
               "The LiKreis carbon footprint is about batteries, not indium, and stays unlisted."),
    _q("de-h07", "Wie viel Gold enthält ein Smartphone?", "question", "question cross-language late-page", {
        "Edelmetalle_in_Mobiltelefonen_Studie.pdf": 3,
        "Elektroaltgeraete_Erfassungskonzept_2020.pdf": 2,
        "small-weee-collection-pilot-en.pdf": 2,
        "Handysammlung_Schulen_2023.pdf": 1,
    }, note="The study gives 19 mg per smartphone (24 mg mean per device, page 2); the collection concept "
            "(25 mg per phone, page 3) and the English supermarket pilot (24 mg per device, last page) state the "
            "figure in passing; the school collection only gives 70 g for all 2,870 phones."),
    _q("de-h08", "Warum geht Tantal in der Kupferhütte verloren?", "question",
       "question cross-language near-duplicate", {
           "Tantal_aus_Kondensatoren_2021.pdf": 3,
           "tantalum-capacitor-recovery-en.pdf": 2,
           "Edelmetalle_in_Mobiltelefonen_Studie.pdf": 1,
       }, note="Only the TaLoop report gives the reason (tantalum goes into the slag); its English sister paper "
               "states that tantalum is lost in smelting and why capacitors are removed before, without the "
               "reason; the phone study says in one sentence that tantalum is largely lost in the smelter."),
    _q("de-h09", "HF im Abgas", "symbol/abbreviation", "symbol cross-language late-page", {
        "black-mass-leaching-2021.pdf": 3,
        "platinum-group-metals-fuel-cells-2024.pdf": 3,
        "black-mass-pretreatment-2022.pdf": 2,
        "LiKreis_Zwischenbericht_2021.pdf": 1,
        "Abschlussbericht_LiKreis_Harz_2023.pdf": 1,
    }, note="HF (hydrogen fluoride) forming from LiPF6 with off-gas scrubbing (leaching paper, page 2) and HF "
            "released when MEAs are incinerated, scrubbed or bound as CaF2 (fuel cells); the pretreatment paper "
            "captures fluorine compounds in an alkaline scrubber and lowers HF formation downstream. The two "
            "German LiKreis reports treat fluoride in solution (corrosion, Ca(OH)2), not off-gas: 1. Use of "
            "hydrofluoric acid as a reagent (Flusssäure in tantalum refining, PV etching) is not this need."),
    _q("de-h10", "Solarpaneele entsorgen", "synonym", "synonym compound cross-language", {
        "PV-Modul-Recycling_Silber_Silizium.pdf": 3,
        "photovoltaic-module-recycling-2024.pdf": 3,
        "CdTe_Duennschichtmodule_Tellur.pdf": 2,
        "Elektroaltgeraete_Erfassungskonzept_2020.pdf": 1,
    }, note="The texts say Photovoltaikmodule / PV-Modul / photovoltaic modules, never Solarpaneel. The CdTe "
            "report treats the recycling of thin-film modules (2); the collection concept only says PV modules "
            "are collection group 6 at the recycling centres (1). The annual report naming a PV project is "
            "unlisted."),
    _q("de-h11", "Windräder Magnete ausbauen", "synonym", "synonym cross-language", {
        "wind-turbine-magnets-dismantling-2024.pdf": 3,
        "Magnetrecycling_Harz_Abschlussbericht.pdf": 1,
        "Factsheet_Dysprosium.pdf": 1,
    }, note="'Windräder' is 'wind turbines' / 'Windkraftgeneratoren' in the texts, 'ausbauen' is dismantling. "
            "MagReHarz dismantles magnets from electric motors, not wind turbines (neighbouring topic); the "
            "dysprosium fact sheet names wind generators as a use."),
    _q("de-h12", "Elektrolyse", "filter", "filter cross-language", {
        "eaf-dust-alkaline-leaching-zinc.pdf": 3,
        "fly-ash-acid-washing-zinc.pdf": 3,
        "Waelzprozess_Stahlwerksstaub.pdf": 1,
    }, filters={"metal": ("zn",)},
       note="Zinc electrowinning (alkaline zincate on page 2, acid sulphate after SX on page 2); the Waelz article "
            "says in one sentence that zinc smelters make zinc by leaching and electrowinning. Gallium, copper "
            "and cobalt electrowinning do not treat zinc; cementation on zinc sheet is not electrolysis."),
    _q("de-h13", "Temperatur", "filter", "filter cross-language", {
        "Thesis_Biolaugung_Chalkopyrit_Temperatur.pdf": 3,
        "bioleaching-tailings-harz-columns-2019.pdf": 2,
        "Biolaugung_Haldenmaterial_Abschlussbericht.pdf": 2,
        "tailings-reflotation-harz.pdf": 1,
    }, filters={"process": ("bioleaching",)},
       note="Effect of temperature on bioleaching: the thesis is about exactly that; the column tests compare 20 "
            "and 30 °C and call the Harz climate the main limitation; the test heap stalls at 6 °C in winter. "
            "The re-flotation report drops bioleaching in one sentence because of low temperatures (its tags "
            "say flotation, graded by content). A bare test temperature (BioHarz interim report) is unlisted."),
    _q("de-h14", "Vanadium aus Stahlwerksschlake", "typo", "typo compound cross-language", {
        "steel-slag-vanadium-leaching.pdf": 3,
    }, note="'Schlake' for 'Schlacke'; the only vanadium document is English (steelmaking / converter slag)."),
    _q("de-h15", '"Hot Knife"', "phrase", "phrase exact late-page", {
        "PV-Modul-Recycling_Silber_Silizium.pdf": 3,
        "photovoltaic-module-recycling-2024.pdf": 1,
    }, note="The heated knife that peels the glass off the cell layer stands on page 3 of the German report; the "
            "white paper compares other delamination methods (neighbouring)."),
    # ----------------------------------------------------------------- English
    _q("en-h01", "iridium", "single word", "exact", {
        "platinum-group-metals-fuel-cells-2024.pdf": 3,
        "Diplomarbeit_Rhodium_Trennung.pdf": 1,
    }, note="The rhodium thesis has one sentence: formic acid precipitation is not selective against iridium."),
    _q("en-h02", "decanning", "single word", "exact cross-language late-page", {
        "Autokatalysatoren_PGM_Rueckgewinnung_2020.pdf": 3,
        "Broschuere_Harzer_Edelmetall.pdf": 1,
    }, note="'Entmantelung (Decanning)' is a section on page 2 of the German report; the brochure buys "
            "catalysts 'ganz oder entmantelt'. The hydrometallurgy paper starts from milled ceramic and never "
            "treats decanning."),
    _q("en-h03", "arsenic", "single word", "cross-language late-page", {
        "Gallium_aus_GaAs_Waferabfaellen.pdf": 3,
        "tungsten-carbide-scrap-oxidation-route.pdf": 1,
    }, note="Arsenic from GaAs waste is oxidised and fixed as scorodite (German, page 2); the APT paper removes "
            "arsenic from tungstate solution in one clause."),
    _q("en-h04", "brominated flame retardants in circuit boards", "multi-word", "cross-language exact", {
        "E-Schrott_Leiterplatten_Pyrolyse.pdf": 3,
        "sensor-sorting-weee-fractions-2023.pdf": 2,
    }, note="Pyrolysis drives 85 % of the bromine out of boards before the smelter (German); the sorting paper "
            "separates plastics with brominated flame retardants by XRF bromine detection."),
    _q("en-h05", "manganese precipitation with ozone", "multi-word", "cross-language near-duplicate", {
        "Masterarbeit_Mangan_Faellung_Batterielaugen.pdf": 3,
        "black-mass-leaching-2021.pdf": 1,
        "Abschlussbericht_LiKreis_Harz_2023.pdf": 1,
        "cobalt-electrowinning-pilot.pdf": 1,
    }, note="The thesis precipitates MnO2 with ozone from LiKreis leach liquor. The leaching paper and final "
            "report remove manganese from the same liquor by D2EHPA instead; the cobalt EW report needs Mn "
            "removed upstream (MnO2 on anodes). The lecture notes' example list stays unlisted."),
    _q("en-h06", "germanium tetrachloride distillation", "multi-word", "cross-language late-page", {
        "Germanium_Glasfaser_Rueckgewinnung.pdf": 3,
        "germanium-fly-ash-coal-2021.pdf": 2,
    }, note="GeCl4 is distilled off and re-distilled from fibre-optic scrubber sludge (German); the fly-ash paper "
            "describes the refinery's GeCl4 distillation on page 3 though it was not part of its study."),
    _q("en-h07", "gravity concentration of incinerator bottom ash fines", "multi-word",
       "multi-word-synonym cross-language late-page", {
           "MVA-Schlacke_Metallrueckgewinnung.pdf": 3,
           "Abfallwirtschaftskonzept_2021-2025.pdf": 1,
       }, note="The text says 'Nassaufbereitung mit Setzmaschine und Herd' (jig and shaking table) for the "
               "Rostasche fraction below 2 mm (page 4). The waste plan has one sentence on metal recovery from "
               "incinerator residues. MSWI fly ash (acid washing) is a different residue and stays unlisted."),
    _q("en-h08", "How much silver does a solar panel contain?", "question", "question synonym cross-language", {
        "PV-Modul-Recycling_Silber_Silizium.pdf": 3,
        "photovoltaic-module-recycling-2024.pdf": 2,
    }, note="10-15 g per module from 2010, 4-6 g for newer ones, 520 g/t recovered (German report); the white "
            "paper gives silver as <0.1 % of the mass and 45 % of the value. 'Solar panel' = PV module."),
    _q("en-h09", "Why is rhodium the hardest platinum group metal to recover?", "question",
       "question cross-language late-page", {
           "pgm-spent-catalysts-hydrometallurgy.pdf": 3,
           "Autokatalysatoren_PGM_Rueckgewinnung_2020.pdf": 2,
           "Diplomarbeit_Rhodium_Trennung.pdf": 2,
       }, note="The leaching paper explains it (hardly soluble Rh2O3 in aged washcoat, 41 % without reduction, "
               "70 % resin loading); the German report says on page 4 that rhodium is the hardest to separate and "
               "gives its lower yields; the thesis treats the final rhodium separation and its losses."),
    _q("en-h10", "LIBS", "symbol/abbreviation", "abbreviation exact", {
        "hard-metal-scrap-sorting-libs.pdf": 3,
        "Broschuere_SensorSort_Bad_Harzburg.pdf": 1,
        "sensor-sorting-weee-fractions-2023.pdf": 1,
    }, note="Laser-induced breakdown spectroscopy: the application note uses it for sorting hard metal grades; "
            "the brochure lists it as one sensor (aluminium alloys, hard metal); the WEEE paper is testing it "
            "(one sentence, last page)."),
    _q("en-h11", "TSL smelter", "symbol/abbreviation", "abbreviation cross-language late-page", {
        "Kupferhuette_Sekundaerrohstoffe_Broschuere.pdf": 3,
    }, note="Only the copper smelter's brochure describes its TSL (Top Submerged Lance) bath smelting furnace "
            "(page 2). Other furnaces (shaft, electric arc, Waelz) are not TSL."),
    _q("en-h12", "magnets from e-bike motors", "synonym", "synonym cross-language", {
        "Magnetrecycling_Harz_Abschlussbericht.pdf": 3,
        "Abfallwirtschaftskonzept_2021-2025.pdf": 1,
    }, note="MagReHarz recovers NdFeB from Pedelec hub motors (the texts say Pedelec; 'E-Bike' occurs only for "
            "batteries); the waste plan plans separate collection of motors with magnets. The annual report "
            "mention is unlisted."),
    _q("en-h13", "refining", "filter", "filter cross-language", {
        "silver-from-electrical-contacts.pdf": 3,
        "Kupferhuette_Sekundaerrohstoffe_Broschuere.pdf": 2,
        "Broschuere_Harzer_Edelmetall.pdf": 1,
        "PV-Modul-Recycling_Silber_Silizium.pdf": 1,
        "photovoltaic-module-recycling-2024.pdf": 1,
    }, filters={"metal": ("ag",)},
       note="Silver refining: Moebius electrorefining of contact silver; the copper smelter separates gold and "
            "silver from anode slime electrolytically; the refiner's brochure casts silver bars; the PV documents "
            "recover silver by electrolysis after leaching (one sentence each). Documents that only report "
            "silver contents or leaching yields are unlisted."),
    _q("en-h14", "cobalt electrowining", "typo", "typo", {
        "cobalt-electrowinning-pilot.pdf": 3,
    }, note="'electrowining' for 'electrowinning'; no other document deposits cobalt electrolytically."),
    _q("en-h15", '"magnet passport"', "phrase", "phrase exact late-page", {
        "wind-turbine-magnets-dismantling-2024.pdf": 3,
    }, note="Stands on the last page (outlook) of the wind turbine paper only."),
)
