"""Second held-out set of judged queries on the archive collection: new needs nobody tuned the search against.

This set was written *after* the search had been tuned on
:mod:`search.relevance.archive.judgements` (and after the first held-out
set, :mod:`search.relevance.archive.holdout`, had been written), by someone
who read only the archive texts (``texts/*.txt``), the editors' tags
(``metadata.csv``), the format of ``judgements.py`` (its docstring, the
``_q`` helper, ``GROUPS`` and the recurring answer sets next to them) and
``holdout.py``, and who neither read the search code, the glossary or any
dictionary nor ran any search or looked at any figures.  The queries are new
needs with their own wording and angles, as fresh members would type them;
they are neither variants of the tuning set nor of the first held-out set
(topics already used there, such as fire safety, tellurium, lithium from
slag, gold per phone, HF, solar panels, iridium, decanning, arsenic, LIBS,
TSL or the magnet passport, were left out).  Use it to check whether
relevance carries over to unseen queries; do not tune against it (once it
has been used for tuning it is no longer held out).

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
archive was then grepped for every way its concepts can be written in German
and English, with synonyms and inflected or compound forms (for example
"Kinderarbeit", "child labour", "artisanal"; "Entmagnetisierung",
"demagnetised", "Curie"; "Zementation", "cementation", "cemented";
"Schwerspat", "Baryt", "barite", "BaSO4"; "Sperrmüll", "bulky",
"Metallschrott"), and each hit was read in context to grade it.  All grades
were fixed before any search was run and have not been changed since.
Grades follow subject, not language: an English paper answers a German query
as well as a German report does.  For queries with ``filters`` the grades
are what a member would want among documents matching the filter *by
content* (a battery paper that removes copper by cementation is graded for
"Zementation" with metal = cu whatever its tags), so wrong or missing tags
show as lost recall.  Keys are the file names of the ``=== `` headers in
``texts/*.txt``.

Ids are ``de-iNN`` / ``en-iNN`` (the language is the member's); groups are
those of :data:`search.relevance.archive.judgements.GROUPS`.
"""

from __future__ import annotations

from search.relevance.archive.judgements import GROUPS, _q
from search.relevance.judgements import JudgedQuery

__all__ = ["GROUPS", "QUERIES"]

QUERIES: tuple[JudgedQuery, ...] = (
    # ------------------------------------------------------------------ German
    _q("de-i01", "Kinderarbeit", "single word", "synonym compound cross-language", {
        "cobalt-supply-chain-position-paper.pdf": 3,
    }, note="Only the cobalt position paper treats child labour in (artisanal) cobalt mining and the due "
            "diligence answer to it; no German text uses the word."),
    _q("de-i02", "Kontaktschrott", "single word", "compound cross-language", {
        "silver-from-electrical-contacts.pdf": 3,
    }, note="The technical note on electrical contact scrap (AgSnO2, AgNi, AgCdO) is the answer. Gold-plated "
            "contacts in phones and 'Steckverbinder' in the refiner's list of purchased materials are only words "
            "and stay unlisted."),
    _q("de-i03", "Entmagnetisierung", "single word", "exact inflection cross-language", {
        "Magnetrecycling_Harz_Abschlussbericht.pdf": 3,
        "wind-turbine-magnets-dismantling-2024.pdf": 3,
        "ndfeb-hydrogen-decrepitation-2020.pdf": 1,
    }, note="MagReHarz demagnetises rotors by heating to 350 °C above the Curie temperature (page 2); the wind "
            "turbine paper demagnetises generator segments at 320-350 °C before removal and gives the reason. In "
            "the HDD paper the hydrided powder is merely demagnetised as a side effect of decrepitation."),
    _q("de-i04", "Lösemittel aus dem Elektrolyt zurückgewinnen", "multi-word", "inflection cross-language late-page", {
        "black-mass-pretreatment-2022.pdf": 3,
        "Pyrometallurgie_Batterien_Fachartikel.pdf": 1,
    }, note="The pretreatment paper evaporates DMC/EMC from the shred in a vacuum dryer and recovers 85 % of the "
            "solvents (page 2); in the smelting article the electrolyte simply burns as fuel (neighbouring). The "
            "LiKreis report's unspecified 'Trocknung' is unlisted."),
    _q("de-i05", "Quecksilber Hintergrundbeleuchtung Flachbildschirme", "multi-word", "compound inflection late-page", {
        "ITO-Rueckgewinnung-LCD-Abschlussbericht.pdf": 2,
        "Displayglas_Verwertung_Factsheet.pdf": 2,
    }, note="No document is about mercury; the InZiRec report says the mercury fluorescent backlights of older "
            "sets must be removed undamaged before dismantling (page 2), the display glass fact sheet accepts "
            "glass only with mercury backlights completely removed (page 2). Both state it plainly in passing."),
    _q("de-i06", "Schwerspat aus alten Flotationsrückständen", "multi-word",
       "multi-word-synonym compound cross-language late-page", {
           "tailings-reflotation-harz.pdf": 3,
       }, note="'Schwerspat' is 'barite' in the only document that recovers it (92 % BaSO4 concentrate for drilling "
               "fluids from the historic tailings; economics depend on the barite price). The column bioleaching "
               "paper only lists barite in the tailings' composition and stays unlisted."),
    _q("de-i07", "Röstung mit Soda", "cross-language", "cross-language inflection", {
        "gallium-led-waste-2023.pdf": 3,
        "steel-slag-vanadium-leaching.pdf": 3,
    }, note="Soda roasting with Na2CO3: GaN waste at 1,000 °C to sodium gallate; steel slag at 850 °C to sodium "
            "vanadate. Both are English. Washing Waelz oxide 'mit Soda', reductive roasting of EAF dust and "
            "oxidising roasting of grinding sludge are other processes and stay unlisted."),
    _q("de-i08", "Wie viele alte Handys liegen ungenutzt in Schubladen?", "question", "question inflection late-page", {
        "Edelmetalle_in_Mobiltelefonen_Studie.pdf": 3,
        "Elektroaltgeraete_Erfassungskonzept_2020.pdf": 1,
        "small-weee-collection-pilot-en.pdf": 1,
    }, note="Over 200 million unused phones in German households (study, page 2, 'Hochrechnung'). The collection "
            "concept says small devices stay in drawers, the supermarket pilot names data protection as the "
            "reason for keeping old phones at home; neither gives a number."),
    _q("de-i09", "Wie viel Wolfram stammt aus Recycling?", "question", "question cross-language late-page", {
        "Wolfram_Factsheet_2022.pdf": 3,
        "tungsten-carbide-scrap-oxidation-route.pdf": 2,
        "Hartmetallrecycling_Zinkverfahren.pdf": 1,
    }, note="The fact sheet: 35 to 40 % of tungsten comes from secondary raw materials (page 2); the APT paper "
            "gives 45 % secondary share in its own plant's APT production (last page); the zinc-process article "
            "treats hard metal recycling without a share (neighbouring)."),
    _q("de-i10", "Ta Nb Trennung", "symbol/abbreviation", "symbol late-page", {
        "Tantal_aus_Kondensatoren_2021.pdf": 3,
        "Solventextraktion_Grundlagen_Vorlesungsskript.pdf": 1,
    }, note="TaLoop separates tantalum from niobium by solvent extraction with MIBK in the refining step (page 4); "
            "the lecture notes list MIBK as solvating extractant '(Tantal/Niob-Trennung)' in one line. Documents "
            "naming Ta and Nb carbides in hard metal or in the cobalt residue do not separate them."),
    _q("de-i11", "Zahngold", "synonym", "synonym compound", {
        "Broschuere_Harzer_Edelmetall.pdf": 3,
    }, note="The texts say 'Dentallegierungen' / 'Dentalmaterial'; only the refiner's brochure buys and "
            "processes them. Gold from jewellery in incinerator ash is not dental gold."),
    _q("de-i12", "Germanium mit Gerbsäure fällen", "synonym", "synonym inflection cross-language late-page", {
        "germanium-fly-ash-coal-2021.pdf": 3,
    }, note="'Gerbsäure' is tannic acid / tannin: 96 % of the germanium precipitated from the fly-ash leach "
            "liquor (page 3). The fibre-optic report distils GeCl4 and does not precipitate."),
    _q("de-i13", "Zementation", "filter", "filter exact cross-language", {
        "Biolaugung_Haldenmaterial_Abschlussbericht.pdf": 2,
        "black-mass-leaching-2021.pdf": 2,
        "Abschlussbericht_LiKreis_Harz_2023.pdf": 2,
        "fly-ash-acid-washing-zinc.pdf": 2,
        "bioleaching-tailings-harz-columns-2019.pdf": 1,
    }, filters={"metal": ("cu",)},
       note="Cementation of copper, one real step each: on iron scrap from the BioHarz heap leach liquor (page 4), "
            "on iron powder in black mass liquor purification (English paper page 3, German report page 3), with "
            "zinc powder from fly-ash filtrate; the column paper names copper cementation as an option in its "
            "outlook. Cementation of gold, indium or lead is not copper. Only two of these are tagged Cu."),
    _q("de-i14", "Zinkferit", "typo", "typo compound cross-language", {
        "eaf-dust-alkaline-leaching-zinc.pdf": 3,
    }, note="'Zinkferit' for 'Zinkferrit' (zinc ferrite, ZnFe2O4): hardly attacked by NaOH, decomposed by "
            "reductive roasting before leaching. The Waelz article never mentions ferrite."),
    _q("de-i15", '"Elektrodialyse mit bipolaren Membranen"', "phrase", "phrase exact late-page", {
        "Abschlussbericht_LiKreis_Harz_2023.pdf": 3,
    }, note="Conversion to lithium hydroxide by electrodialysis with bipolar membranes stands in one sentence on "
            "page 4 of the German final report only; the English summary does not mention it."),
    # ----------------------------------------------------------------- English
    _q("en-i01", "didymium", "single word", "exact late-page", {
        "ree-solvent-extraction-separation.pdf": 3,
    }, note="Mixed Nd-Pr oxide (didymium) is acceptable for magnets, second SX circuit only simulated, product "
            "with 0.2 % Dy (page 2). Other magnet documents give Nd and Pr contents but never treat Nd-Pr as a "
            "product."),
    _q("en-i02", "Zorba", "single word", "exact cross-language late-page", {
        "Broschuere_SensorSort_Bad_Harzburg.pdf": 3,
    }, note="Only the SensorSort brochure (page 2): sorting Zorba from shredder plants into copper, brass, zinc "
            "and stainless steel."),
    _q("en-i03", "grain boundary diffusion to save dysprosium", "multi-word", "cross-language late-page", {
        "Factsheet_Dysprosium.pdf": 3,
        "Magnetrecycling_Harz_Abschlussbericht.pdf": 2,
    }, note="The fact sheet's 'Einsparung' section: Korngrenzendiffusion lowers the Dy demand by up to 70 % (page "
            "2); MagReHarz states in its outlook (last page) that Dy can be saved by enriching only the surface. "
            "The Nd-rich grain boundary phase in hydrogen decrepitation is not diffusion and stays unlisted."),
    _q("en-i04", "scrap metal from bulky waste", "multi-word", "multi-word-synonym cross-language late-page", {
        "Abfallwirtschaftskonzept_2021-2025.pdf": 3,
    }, note="The waste plan: 1,400 t of metal scrap from Sperrmüll (2019) sold to a regional scrap dealer "
            "(page 3). No other document treats bulky waste."),
    _q("en-i05", "foam glass from LCD glass", "cross-language", "cross-language near-duplicate late-page", {
        "Displayglas_Verwertung_Factsheet.pdf": 3,
        "ITO-Rueckgewinnung-LCD-Abschlussbericht.pdf": 2,
        "indium-tin-oxide-recovery-en-summary.pdf": 2,
    }, note="The display glass fact sheet names Schaumglas and insulation as the main outlet of borosilicate "
            "display glass; the InZiRec report is only economic if the leached glass is sold for Schaumglas (last "
            "page); the English LCA summary calculates the footprint with leached glass replacing foam glass raw "
            "material (page 2)."),
    _q("en-i06", "How do you determine the number of mixer-settler stages?", "question",
       "question cross-language late-page", {
           "Solventextraktion_Grundlagen_Vorlesungsskript.pdf": 3,
           "ree-solvent-extraction-separation.pdf": 1,
           "Abschlussbericht_LiKreis_Harz_2023.pdf": 1,
           "black-mass-leaching-2021.pdf": 1,
       }, note="Only the lecture notes answer it (McCabe-Thiele diagram from the extraction isotherm and operating "
               "line, page 3, with an exercise); the others only state how many stages they used (12+10 and 44, "
               "six, four)."),
    _q("en-i07", "Where does most of the world's gallium come from?", "question", "question cross-language", {
        "Gallium_aus_GaAs_Waferabfaellen.pdf": 3,
        "gallium-led-waste-2023.pdf": 1,
    }, note="Over 90 % of primary gallium comes from China as a by-product of alumina production (German GaAs "
            "report, page 1); the LED paper only alludes to gallium production from Bayer liquors."),
    _q("en-i08", "PVDF", "symbol/abbreviation", "abbreviation exact late-page", {
        "black-mass-pretreatment-2022.pdf": 3,
        "direct-recycling-cathode-relithiation-2024.pdf": 1,
    }, note="The PVDF binder decomposed by pyrolysis at 500 °C (pretreatment, page 2); the relithiation thesis "
            "separates cathode coating from the foil by NMP soaking without naming the binder."),
    _q("en-i09", "LIX 84", "symbol/abbreviation", "abbreviation exact cross-language late-page", {
        "pcb-copper-ammoniacal-leaching-electrowinning.pdf": 3,
        "Solventextraktion_Grundlagen_Vorlesungsskript.pdf": 1,
    }, note="Copper SX with LIX 84-I from ammoniacal PCB leach liquor (page 2); the lecture notes name LIX 84 as "
            "hydroxyoxime extractant for copper in the extractant list (its example list is not counted)."),
    _q("en-i10", "where to sell old catalytic converters", "synonym", "synonym cross-language", {
        "Broschuere_Harzer_Edelmetall.pdf": 3,
        "Autokatalysatoren_PGM_Rueckgewinnung_2020.pdf": 2,
    }, note="The texts say Autokatalysatoren / automotive catalysts / autocatalysts. The refiner's brochure buys "
            "them (whole or decanned), pays by content and daily price, collects from 200 kg; the technical "
            "report explains that the seller is paid by PGM content, so sampling decides (page 2). The leaching "
            "and fuel cell papers do not treat buying."),
    _q("en-i11", "heavy metals from old mine dumps polluting rivers", "synonym",
       "multi-word-synonym cross-language late-page", {
           "Grubenwasser_Monitoring_Oberharz_2022.pdf": 3,
           "Schlackenhalden_Oberharz_Zinkverblasen.pdf": 2,
           "Biolaugung_Haldenmaterial_Abschlussbericht.pdf": 1,
           "bioleaching-tailings-harz-columns-2019.pdf": 1,
       }, note="The monitoring report measures acid dump seepage (Zn, Cd, Pb) and the Cd standard exceeded in the "
               "Innerste (page 2); the slag heap report says Zn, Pb and Cd are washed into the Innerste; BioHarz "
               "sees its main benefit in less heavy metal release to seepage water; the column paper warns of acid "
               "drainage from its residue. The XRT paper on 'old mine dumps' is about sorting and stays unlisted."),
    _q("en-i12", "dismantling time per unit", "filter", "filter cross-language", {
        "ndfeb-hydrogen-decrepitation-2020.pdf": 3,
        "Magnetrecycling_Harz_Abschlussbericht.pdf": 3,
        "wind-turbine-magnets-dismantling-2024.pdf": 3,
        "ITO-Rueckgewinnung-LCD-Abschlussbericht.pdf": 3,
        "black-mass-pretreatment-2022.pdf": 3,
        "indium-tin-oxide-recovery-en-summary.pdf": 1,
        "platinum-group-metals-fuel-cells-2024.pdf": 1,
    }, filters={"process": ("dismantling",)},
       note="Times stated: 2 min manual / 8 s automated per hard disk, 6 min per Pedelec hub motor, 5 working days "
            "for a team of three per generator, 6-9 min per LCD set, 45 min per EV battery pack (the last is not "
            "tagged dismantling). The LCA summary and the fuel cell paper only say dismantling dominates the cost."),
    _q("en-i13", "purity", "filter", "filter cross-language late-page", {
        "Gallium_aus_GaAs_Waferabfaellen.pdf": 3,
        "gallium-led-waste-2023.pdf": 3,
    }, filters={"metal": ("ga",)},
       note="Purity of recovered gallium: 99.9 % raw, 6N after acid washing and fractional crystallisation "
            "(German report, last page); 99.95 % liquid gallium from electrolysis (LED paper). The ion exchange "
            "report elutes gallium without a purity."),
    _q("en-i14", "eddy curent separator", "typo", "typo cross-language late-page", {
        "MVA-Schlacke_Metallrueckgewinnung.pdf": 3,
        "black-mass-pretreatment-2022.pdf": 2,
        "sensor-sorting-weee-fractions-2023.pdf": 1,
    }, note="'curent' for 'current'. Wirbelstromscheider for non-ferrous metals in every size fraction of bottom "
            "ash, only 30 % yield below 2 mm (German, page 2); an eddy current separator removes Al and Cu foils "
            "from battery shred (page 3); the WEEE sorting paper says in one sentence that eddy current separation "
            "cannot separate boards."),
    _q("en-i15", '"deposit system"', "phrase", "phrase exact late-page", {
        "platinum-group-metals-fuel-cells-2024.pdf": 3,
    }, note="A deposit system for fuel cell stacks to secure the return flow stands in the outlook (page 2) of the "
            "fuel cell paper only; take-back systems for batteries are not deposits."),
)
