"""Judged needs for partner finding: what a member asks for, and which institutions can help (no Django).

A *need* is what a company, municipality or institute types when it looks
for a partner ("who can leach indium from LCD glass at pilot scale?"),
optionally with metal and process filters or a minimum technology
readiness level.  Each need grades institutions:

* **3**: has done exactly this: strong, direct evidence (coordinated the
  project, wrote the paper, offers the technology, its own report or the
  profile states that it does it);
* **2**: has done closely related work (a partner in the project whose
  part is not described, a co-author, the same work on a neighbouring
  material or with a neighbouring process step);
* **1**: marginal: an adjacent metal or process, or a peripheral part in
  the work (supplied the feed, collected the scrap, bought the product);
* unlisted institutions are 0.

How the grades were set: by reading the content, before any ranking was
run and without reading the ranking or search code.  For the demo
(``portal.demo.content``): the projects with their partners and roles, the
papers with their authors' affiliations, the technology profiles with their
providers, the PDF pages, and the institutions' profiles.  For the archive
(``search.relevance.archive.texts``): what each document says each
institution did, whoever the metadata sheet names as its one institution:
a co-author, a project partner or a client named only in the text counts as
much as the institution in ``metadata.csv``.  (Institutions named only in
texts and not in the sheet, such as Elektro-Recycling Ilsenburg, are not
created by the import and so cannot be graded.)  A profile counts as
evidence where it states work ("Schmelzbetrieb für ... Zinnkrätzen"), not
where it only lists an expertise: the Institut für Sekundärrohstoffe lists
lithium and gallium, but nothing in the demo shows it working on either, so
it is 0 for those needs.

Filters (``metals``, ``processes``) narrow what the member asks for: the
grades are for work on that metal or with that process.  ``min_readiness``
asks for work that reached at least that TRL (the demo's projects and
technology profiles carry one; the archive's documents do not, so no archive
need has one); an institution whose matching work stays below it is 0.

``group`` is the kind of need, for per-group figures: ``keyword`` (a few
words), ``sentence`` (a description), ``question``, ``filter`` (with metal,
process or TRL filters), ``cross-language`` (the evidence is mostly in the
other language).  Grades name demo institutions by slug
(``portal.demo.content.INSTITUTIONS``) and archive institutions by name as
``metadata.csv`` writes them (``import_pdfs --create-missing`` makes their
slugs, so the runner resolves names at run time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

COLLECTIONS = ("demo", "archive")
LANGUAGES = ("de", "en")
GROUPS = ("keyword", "sentence", "question", "filter", "cross-language")
GRADES = (1, 2, 3)


@dataclass(frozen=True)
class Need:
    id: str  # "demo-de-01": collection, language, number
    text: str  # exactly what the member types
    group: str
    grades: Mapping[str, int] = field(hash=False)  # demo: institution slug; archive: institution name -> 1..3
    metals: tuple[str, ...] = ()  # metal slugs the member selected
    processes: tuple[str, ...] = ()  # process slugs the member selected
    min_readiness: int | None = None  # the lowest TRL the member accepts
    note: str = ""  # why the grades are what they are, where it is not obvious

    @property
    def collection(self) -> str:
        return self.id.split("-")[0]

    @property
    def language(self) -> str:
        return self.id.split("-")[1]

    @property
    def filters(self) -> dict[str, tuple[str, ...]]:
        """The filters as ``search.partners.PartnerQuery`` takes them (``metals``, ``processes``)."""
        return {name: values for name, values in (("metals", self.metals), ("processes", self.processes)) if values}


def _n(id_: str, group: str, text: str, grades: dict[str, int], note: str = "", *, metals: Iterable[str] = (),
       processes: Iterable[str] = (), min_readiness: int | None = None) -> Need:
    return Need(id=id_, text=text, group=group, grades=grades, metals=tuple(metals), processes=tuple(processes),
                min_readiness=min_readiness, note=note)


# --- the demo site ------------------------------------------------------------------
# slugs of portal.demo.content.INSTITUTIONS
HO = "hochschule-oberharz"  # InRec (coord.), BioTail, LiBat-Harz, GeFlug, PlatinCat; papers on indium, gallium SX,
#                             black mass; technology Indiumlaugung
HMR = "harzer-metallrueckgewinnung"  # PlatinCat (coord.), CuPrint, GaLED; paper copper collector; copper collector
#                                      smelting; profile: smelts copper scrap, e-scrap and tin dross
ESN = "elektroschrott-nordharz"  # CuPrint (coord.), InRec; papers indium (co-author), robot HDD dismantling, PCB
#                                  sorting; technology robot dismantling; profile: automated flat-screen dismantling
ISR = "institut-sekundaerrohstoffe"  # BioTail (coord.), MagnetCycle; paper bioleaching; technology bioleaching
LKG = "landkreis-goslar-abfall"  # BioTail (associated); paper municipal collection of small electronics
BVH = "bergbauverein-harz"  # profile only: network, excursions and school projects
MTW = "magnettechnik-wernigerode"  # MagnetCycle (coord.); papers robot HDD dismantling, NdFeB loop; robot dismantling
BRH = "batterie-recycling-harz"  # LiBat-Harz (coord.); papers black mass leaching, XRT battery sorting; Schwarzmasse
ZRH = "fraunhofer-aehnlich-halle"  # GaLED (coord.), GeFlug (coord.); papers flotation, gallium electrowinning
STC = "stadt-clausthal"  # BioTail (associated); profile: historic mine heaps, remediation partner

DEMO_NEEDS: tuple[Need, ...] = (
    # keyword
    _n("demo-de-01", "keyword", "Indiumrückgewinnung LCD", {HO: 3, ESN: 2, ZRH: 1},
       "HO coordinated InRec, offers the Indiumlaugung and wrote the pilot paper; ESN partner and co-author "
       "(dismantled the screens); ZRH: gallium leaching, a neighbouring metal."),
    _n("demo-de-02", "keyword", "Schwarzmasse", {BRH: 3, HO: 2}),
    _n("demo-de-03", "keyword", "Biolaugung", {ISR: 3, HO: 2, STC: 1, LKG: 1},
       "STC and LKG are associated partners of BioTail."),
    _n("demo-de-04", "keyword", "Gallium", {ZRH: 3, HO: 2, HMR: 2},
       "ZRH coordinated GaLED and wrote the electrowinning paper; HO: a paper comparing gallium extractants; "
       "HMR GaLED partner.  ISR lists gallium as expertise but shows no gallium work: 0."),
    _n("demo-de-05", "keyword", "Zinn", {HMR: 3, HO: 2, ESN: 1},
       "HMR's profile states it smelts tin dross (the profile is the evidence); InRec separates tin from indium "
       "(HO coordinator, ESN partner)."),
    _n("demo-de-06", "keyword", "Kobalt", {BRH: 3, HO: 2, ISR: 2},
       "ISR: BioTail dissolves cobalt from tailings."),
    _n("demo-en-01", "keyword", "hydrogen decrepitation NdFeB", {MTW: 3, ISR: 2, ESN: 1},
       "ISR MagnetCycle partner; ESN removes magnets from hard disks by robot (supplies the feed)."),
    _n("demo-en-02", "keyword", "copper collector smelting", {HMR: 3, HO: 2, ESN: 1},
       "ESN coordinated CuPrint, whose smelting step HMR did."),
    _n("demo-en-03", "keyword", "WEEE collection points", {LKG: 3, ESN: 1}),
    _n("demo-en-04", "keyword", "tantalum capacitors", {ESN: 3, HMR: 1},
       "Only in CuPrint's report and ESN's sorting paper (hyperspectral detection of tantalum parts)."),
    _n("demo-en-05", "keyword", "electrorefining copper cathodes", {HMR: 3, HO: 1},
       "PlatinCat's report: the collector alloy refined into copper cathodes; HO PlatinCat partner."),
    _n("demo-en-06", "keyword", "flotation of fine residues", {ZRH: 3, HO: 1},
       "HO is a partner of GeFlug (planned, flotation and leaching)."),
    # sentence
    _n("demo-de-07", "sentence", "Wir suchen einen Partner, der Platin aus gebrauchten Autokatalysatoren zurückgewinnt",
       {HMR: 3, HO: 2, ESN: 1}, "ESN: platinum from circuit boards (CuPrint), another source."),
    _n("demo-de-08", "sentence", "Kommunale Sammlung von Elektroaltgeräten verbessern", {LKG: 3, ESN: 1},
       "ESN treats collected WEEE."),
    _n("demo-de-09", "sentence", "Pyrometallurgische Verwertung von Elektronikschrott", {HMR: 3, ESN: 2, HO: 1},
       "ESN coordinated CuPrint (sorting before smelting); HO: PlatinCat partner (smelting catalysts)."),
    _n("demo-de-10", "sentence", "Sanierung historischer Bergbauhalden im Harz", {STC: 3, ISR: 2, HO: 1, LKG: 1},
       "STC's profile: heaps and partner in their remediation, BioTail associated; ISR works on the heaps' metals."),
    _n("demo-en-07", "sentence", "We need a partner to recover lithium and cobalt from spent EV batteries",
       {BRH: 3, HO: 2, ISR: 1}, "ISR dissolves cobalt, but from tailings; its lithium expertise shows no work."),
    _n("demo-en-08", "sentence", "Partner for bioleaching of historic mine tailings", {ISR: 3, HO: 2, STC: 1, LKG: 1}),
    _n("demo-en-09", "sentence", "Germanium recovery from coal fly ash", {ZRH: 3, HO: 2, ISR: 1},
       "GeFlug (ZRH coordinator, HO partner) and ZRH's flotation paper; ISR: germanium from tailings (BioTail)."),
    _n("demo-en-10", "sentence", "A permanent magnet manufacturer that takes back production scrap", {MTW: 3, ISR: 1},
       "The profile is the best evidence; MagnetCycle confirms it."),
    # question
    _n("demo-de-11", "question", "Wer kann Seltene Erden aus Altmagneten zurückgewinnen?", {MTW: 3, ISR: 2, ESN: 1}),
    _n("demo-de-12", "question", "Wer demontiert Festplatten automatisiert?", {ESN: 3, MTW: 3, ISR: 1},
       "Both wrote the robot paper and provide the technology; ISR MagnetCycle partner (HDD magnets dismantled)."),
    _n("demo-de-13", "question", "Wer organisiert Schulprojekte und Exkursionen zum Bergbau?", {BVH: 3},
       "Only the association's profile says so; the demo's school day and excursion name no institution."),
    _n("demo-en-11", "question", "Who can leach indium from LCD glass at pilot scale?", {HO: 3, ESN: 2, ZRH: 1}),
    _n("demo-en-12", "question", "Who has experience with electrowinning of gallium?", {ZRH: 3, HMR: 2, HO: 1},
       "HO: solvent extraction of gallium, a neighbouring step."),
    _n("demo-en-13", "question", "Who can sort shredded circuit boards with sensors before smelting?",
       {ESN: 3, HMR: 2, BRH: 1}, "BRH: sensor-based sorting of battery scrap."),
    _n("demo-en-14", "question", "Who tested X-ray sorting of battery cells by chemistry?", {BRH: 3, ESN: 1}),
    # filter
    _n("demo-de-14", "filter", "Laugung", {BRH: 3, HO: 2, ISR: 2}, "ISR: bioleaching (a leaching) of cobalt.",
       metals=("co",), processes=("leaching",)),
    _n("demo-de-15", "filter", "Demontage", {ESN: 3, MTW: 3},
       "Robot dismantling (TRL 7); MagnetCycle (TRL 6) does not qualify.", min_readiness=7),
    _n("demo-de-16", "filter", "Laugung", {ZRH: 3, HMR: 2},
       "Only GaLED (TRL 6) leaches at TRL 6 or more; InRec, LiBat-Harz and the technologies are TRL 5, BioTail 4.",
       min_readiness=6),
    _n("demo-de-17", "filter", "Rückgewinnung", {ZRH: 3, HO: 2, ISR: 2}, metals=("ge",)),
    _n("demo-en-15", "filter", "platinum recovery ready for industrial use", {HMR: 3, HO: 2},
       "PlatinCat TRL 7, copper collector smelting TRL 8; CuPrint (TRL 6) does not qualify.", min_readiness=7),
    _n("demo-en-16", "filter", "sorting", {BRH: 3}, "XRT sorting of battery cells.", metals=("li",)),
    _n("demo-en-17", "filter", "metal separation", {HO: 3, ESN: 2}, processes=("solvent-extraction",)),
    # cross-language: the evidence is mostly in the other language
    _n("demo-de-18", "cross-language", "Galliumschlamm aus der LED-Produktion", {ZRH: 3, HMR: 2, HO: 1},
       "GaLED and the electrowinning paper are English."),
    _n("demo-de-19", "cross-language", "Sortierung von Batteriezellen nach Chemie", {BRH: 3, ESN: 1},
       "The XRT paper is English."),
    _n("demo-en-18", "cross-language", "indium tin separation by solvent extraction", {HO: 3, ESN: 2, HMR: 1},
       "InRec and the Indiumlaugung are German; HMR: tin dross, a neighbouring material."),
    _n("demo-en-19", "cross-language", "recycling permanent magnets from hard drives", {MTW: 3, ESN: 2, ISR: 2},
       "MagnetCycle and the robot paper are German; ESN takes the magnets out of hard disks."),
    _n("demo-en-20", "cross-language", "lithium carbonate precipitation", {BRH: 3, HO: 2},
       "Only in LiBat-Harz's German report (PDF page 2)."),
)


# --- the archive --------------------------------------------------------------------
# names as metadata.csv writes them (import_pdfs --create-missing creates these institutions)
IRK = "Institut für Rohstoffkreisläufe Clausthal"
BKG = "Batteriekreislauf Goslar GmbH"
HNH = "Hochschule Nordharz"
HML = "Harzer Metallhütte Langelsheim GmbH"
KAN = "Kommunale Abfallwirtschaft Nordharz"
NBC = "Nordic Battery Circularity AB"
MMR = "Midlands Magnet Recovery Ltd"
PMB = "Permanentmagnetwerk Blankenburg GmbH"
RCH = "Rohstoffcluster Harz"
HES = "Harzer Edelmetall Scheideanstalt GmbH"
APM = "Ardennes Precious Metals SA"
SIN = "Silesian Institute of Non-Ferrous Metals"
SSB = "SensorSort Bad Harzburg GmbH"
GRM = "Goslarer Refraktärmetalle GmbH"
HRS = "Hartmetall-Recycling Sankt Andreasberg GmbH"
HWV = "Harzer Wasserwirtschaftsverband"
OIM = "Ostrava Institute of Metallurgy"
ZRO = "Zinkrecycling Oker GmbH"
SLR = "Solar Loop Recycling GmbH"

ARCHIVE_NEEDS: tuple[Need, ...] = (
    # keyword
    _n("archive-en-01", "keyword", "black mass leaching", {BKG: 3, IRK: 3, NBC: 3, HML: 2, HNH: 2},
       "BKG coordinated LiKreis-Harz and co-wrote the 100 L paper, which IRK led; NBC leaches LFP black mass "
       "(fact sheet); HML and HNH LiKreis partners."),
    _n("archive-de-01", "keyword", "Wasserstoffversprödung NdFeB", {PMB: 3, MMR: 3, IRK: 2, HNH: 2, KAN: 1},
       "PMB coordinated MagReHarz and co-wrote the HDD paper, which MMR led; KAN collected the motors."),
    _n("archive-en-02", "keyword", "rare earths from grinding sludge", {HNH: 3, PMB: 2, IRK: 1},
       "HNH bachelor thesis, supervised by PMB, whose sludge it is; IRK: REE separation of magnet leach liquors."),
    _n("archive-de-02", "keyword", "Platingruppenmetalle Autokatalysatoren", {HES: 3, APM: 3, HML: 2, IRK: 2},
       "HML co-wrote APM's leaching paper; IRK: rhodium separation in PGM refining (with HES), Pt from fuel cells."),
    _n("archive-de-03", "keyword", "Rhodium Trennung", {IRK: 3, HES: 3, APM: 2, HML: 1},
       "IRK's diploma thesis with HES; HES's report separates rhodium by ion exchange and precipitation; APM "
       "leaches rhodium and loads it on resin."),
    _n("archive-en-03", "keyword", "cyanide-free gold leaching", {SIN: 3, IRK: 2, HML: 1},
       "HML recovers gold by smelting, the alternative route."),
    _n("archive-en-04", "keyword", "ammoniacal copper leaching electrowinning", {IRK: 3, SIN: 2, HML: 1}),
    _n("archive-de-04", "keyword", "Sensorgestützte Sortierung", {SSB: 3, IRK: 2, HNH: 2, GRM: 1},
       "IRK co-wrote the XRT paper, HNH the tantalum capacitor identification paper; GRM coordinated TaLoop."),
    _n("archive-de-05", "keyword", "Hartmetallrecycling", {HRS: 3, GRM: 3, SSB: 2, IRK: 2},
       "HRS zinc process; GRM chemical route to APT (co-author IRK); SSB sorts hard metal scrap by grade."),
    _n("archive-en-05", "keyword", "tungsten carbide APT", {GRM: 3, IRK: 2, HRS: 1, SSB: 1}),
    _n("archive-de-06", "keyword", "Tantal Kondensatoren", {GRM: 3, SSB: 3, HNH: 2},
       "GRM coordinated TaLoop and refines the concentrate; SSB led the identification paper; HNH partner, co-author."),
    _n("archive-en-06", "keyword", "gallium recovery", {GRM: 3, HNH: 3},
       "GRM: GaAs wafer waste, co-author of the LED paper that HNH led (HNH also ion exchange of gallium)."),
    _n("archive-en-07", "keyword", "incineration bottom ash metals", {IRK: 3, KAN: 2},
       "IRK's study was commissioned by KAN, whose concept names the metal recovery from the ash."),
    _n("archive-de-07", "keyword", "Brandschutz Batteriesammlung Wertstoffhof", {KAN: 3}),
    _n("archive-en-08", "keyword", "cobalt electrowinning", {HML: 3, BKG: 1, IRK: 1},
       "HML's pilot cell within LiKreis-Harz (BKG coordinator); IRK: electrowinning of copper and zinc."),
    _n("archive-de-08", "keyword", "Manganfällung", {IRK: 3, BKG: 2, HML: 1, HNH: 1},
       "IRK master thesis; LiKreis-Harz recovers manganese by SX and crystallisation (BKG coordinator)."),
    _n("archive-en-09", "keyword", "direct recycling of cathodes", {HNH: 3, BKG: 2},
       "HNH master thesis, co-supervised by BKG."),
    _n("archive-de-09", "keyword", "Ionenaustausch Spurenmetalle", {HNH: 3, APM: 2, IRK: 1, HES: 1},
       "APM: PGMs on anion exchange resin; IRK: ion exchange enrichment shown in BioHarz; HES: rhodium by ion exchange."),
    _n("archive-en-10", "keyword", "tellurium CdTe thin film", {SLR: 3}),
    # sentence
    _n("archive-en-11", "sentence", "We want to turn old magnets from electric motors into new sintered magnets",
       {PMB: 3, MMR: 3, IRK: 2, HNH: 2, KAN: 1}),
    _n("archive-de-10", "sentence", "Wir suchen eine Kupferhütte, die Leiterplatten und Elektronikschrott annimmt",
       {HML: 3, HES: 1, HNH: 1},
       "HES buys e-scrap but hands it to a copper smelter; HNH: PCB pyrolysis as pretreatment for HML."),
    _n("archive-en-12", "sentence", "Partner to recover zinc from electric arc furnace dust", {ZRO: 3, OIM: 3, IRK: 1},
       "IRK: zinc from incinerator fly ash and slag fuming."),
    _n("archive-de-11", "sentence", "Rückbau historischer Schlackenhalden mit Metallgewinnung", {IRK: 3, HWV: 1, ZRO: 1},
       "HWV weighs heap remediation; ZRO would take zinc oxide like Waelz oxide."),
    _n("archive-de-12", "sentence", "Wir möchten an Schulen alte Handys sammeln", {KAN: 3, HNH: 2, RCH: 1},
       "HNH analysed 400 of the phones and hosted the schools; RCH's annual report names the campaign."),
    _n("archive-en-13", "sentence", "collecting small electrical appliances in supermarkets", {KAN: 3, HNH: 2}),
    _n("archive-de-13", "sentence", "Messung von Schwermetallen im Haldensickerwasser", {HWV: 3, IRK: 1},
       "IRK: BioHarz measured trace metals in its leach solution."),
    _n("archive-en-14", "sentence", "bioleaching of tailings from old mines", {IRK: 3, HWV: 2, ZRO: 1, SSB: 1},
       "HWV BioHarz partner; ZRO only took the zinc hydroxide; SSB pre-sorts dump material for a bioleaching heap."),
    # question
    _n("archive-de-14", "question", "Wer kann Lithium aus Batterieschwarzmasse als Lithiumcarbonat zurückgewinnen?",
       {BKG: 3, IRK: 3, NBC: 3, HML: 2, HNH: 2},
       "HML: lithium from smelter slag (studied), LiKreis partner; HNH LiKreis partner."),
    _n("archive-de-15", "question", "Wer trennt Seltene Erden per Solventextraktion?", {IRK: 3, HNH: 1, PMB: 1},
       "IRK's report for MagReHarz (PMB coordinator); HNH precipitated REE from sludge leach liquor."),
    _n("archive-en-15", "question", "Who recovers platinum and iridium from fuel cells or electrolysers?",
       {IRK: 3, APM: 2, HES: 1}),
    _n("archive-en-16", "question", "Who can sort hard metal scrap by grade?", {SSB: 3, HRS: 1},
       "HRS needs sorted scrap for the zinc process."),
    _n("archive-de-16", "question", "Wer gewinnt Germanium aus Flugasche?", {IRK: 3, GRM: 1},
       "GRM: germanium from glass fibre waste, another source."),
    _n("archive-en-17", "question", "How much gold is in old mobile phones, and who has measured it?", {HNH: 3, KAN: 1}),
    _n("archive-en-18", "question", "Who represents the region's recycling companies towards policy makers?", {RCH: 3},
       "The position paper and the annual report; the profile says the same."),
    # filter
    _n("archive-de-17", "filter", "Laugung", {GRM: 3, IRK: 2}, "Alkaline pressure leaching of tungsten oxide.",
       metals=("w",)),
    _n("archive-en-19", "filter", "zinc", {OIM: 3, IRK: 3, ZRO: 2},
       "OIM: zincate electrowinning (co-author ZRO); IRK: fly ash zinc by SX and electrowinning (its document has "
       "no institution in the sheet).", processes=("electrowinning",)),
    _n("archive-de-18", "filter", "Demontage", {PMB: 3, MMR: 3, IRK: 2, HNH: 2, KAN: 1},
       "MMR: automated HDD station and wind turbine generators (co-author).", metals=("nd",)),
    _n("archive-en-20", "filter", "pyrolysis", {HNH: 3, HML: 2, BKG: 1, IRK: 1},
       "PCB pyrolysis (HNH with HML); BKG's battery pretreatment paper (IRK co-author) pyrolyses shred with copper "
       "foil.", metals=("cu",)),
    _n("archive-de-19", "filter", "Rückgewinnung", {HES: 3, SLR: 3, HML: 2, HNH: 2, SIN: 1, IRK: 1},
       "HES: contact scrap, refining; SLR: PV silver; HML: silver from anode slime; HNH PV partner and phone study; "
       "SIN (with IRK): silver in the thiosulphate leach; IRK also silver in ash and slag.", metals=("ag",)),
    _n("archive-en-21", "filter", "recycling", {BKG: 3, NBC: 3, IRK: 3, HNH: 2, HML: 2, KAN: 1},
       "HNH: relithiation thesis, LiKreis partner; KAN collects batteries.", metals=("li",)),
    # cross-language
    _n("archive-en-22", "cross-language", "indium from LCD glass", {HNH: 3, IRK: 2, GRM: 2},
       "InZiRec's report is German (the English summary is its LCA)."),
    _n("archive-de-20", "cross-language", "Vanadium aus Stahlwerksschlacke", {OIM: 3, IRK: 2}),
    _n("archive-en-23", "cross-language", "Waelz kiln", {ZRO: 3, OIM: 1}, "OIM compares its route with the kiln."),
    _n("archive-de-21", "cross-language", "Röntgentransmission Haldenmaterial vorsortieren", {SSB: 3, IRK: 2}),
    _n("archive-en-24", "cross-language", "germanium from optical fibre production waste", {GRM: 3}),
    _n("archive-de-22", "cross-language", "Selektive Laugung von LFP-Schwarzmasse", {NBC: 3, BKG: 2, IRK: 2, HML: 1, HNH: 1},
       "NBC's English fact sheet; BKG and IRK leach NMC black mass (LiKreis also treats LFP's economics); HML and HNH "
       "LiKreis partners."),
)

NEEDS: dict[str, tuple[Need, ...]] = {"demo": DEMO_NEEDS, "archive": ARCHIVE_NEEDS}


def problems(needs: Iterable[Need], institutions: Iterable[str], collection: str) -> list[str]:
    """What is wrong with a collection's needs (empty if nothing); ``institutions`` are the names grades may use."""
    known = set(institutions)
    found: list[str] = []
    seen: set[str] = set()
    for need in needs:
        where = f"{need.id}"
        if need.id in seen:
            found.append(f"{where}: the id is used twice")
        seen.add(need.id)
        if need.collection != collection:
            found.append(f"{where}: the id should start with {collection}-")
        if need.language not in LANGUAGES:
            found.append(f"{where}: language {need.language!r} is not one of {LANGUAGES}")
        if need.group not in GROUPS:
            found.append(f"{where}: group {need.group!r} is not one of {GROUPS}")
        filtered = bool(need.metals or need.processes or need.min_readiness is not None)
        if filtered != (need.group == "filter"):
            found.append(f"{where}: a need has filters exactly when its group is 'filter'")
        if not any(grade == 3 for grade in need.grades.values()):
            found.append(f"{where}: no institution is graded 3")
        found += [f"{where}: grade {grade} of {name!r} is not one of {GRADES}"
                  for name, grade in need.grades.items() if grade not in GRADES]
        found += [f"{where}: {name!r} is no institution of the {collection} collection"
                  for name in need.grades if name not in known]
        if not need.text.strip():
            found.append(f"{where}: the text is empty")
    return found
