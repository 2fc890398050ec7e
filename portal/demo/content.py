"""The demo site's data: fictional but plausible, set in the Harz region.

Pure data, no database access; ``manage.py seed_demo`` turns it into pages.
Some words occur only inside the generated PDFs ("Zinnoxid-Schlamm",
"Haldensickerwasser", "hyperspectral"), so the demo shows that PDF text is
searchable.  The institutions are invented; the towns are real.  Metals and
processes are named by their slugs in the reference vocabulary
(``portal.taxonomy.reference``), which seed_demo loads first;
:func:`metal_slugs` and :func:`process_slugs` list the ones the demo uses.
"""

from __future__ import annotations

# slug, name, kind, town, latitude, longitude, member since, metals, processes, description
INSTITUTIONS = [
    ("hochschule-oberharz", "Hochschule Oberharz", "university", "Clausthal-Zellerfeld", 51.805, 10.335, "2012-03-01",
     ["cu", "in", "ge"], ["hydrometallurgy", "solvent-extraction"],
     "Lehrstühle für Rohstoffaufbereitung und Metallurgie mit Technikum für hydrometallurgische Verfahren."),
    ("harzer-metallrueckgewinnung", "Harzer Metallrückgewinnung GmbH", "company", "Goslar", 51.906, 10.429, "2012-03-01",
     ["cu", "sn", "pt"], ["pyrometallurgy", "electrorefining"],
     "Schmelzbetrieb für kupferhaltige Sekundärrohstoffe, Elektronikschrott und Zinnkrätzen."),
    ("elektroschrott-nordharz", "Elektroschrott Verwertung Nordharz AG", "company", "Langelsheim", 51.937, 10.335, "2013-01-15",
     ["cu", "in", "pt"], ["dismantling", "sensor-based-sorting"],
     "Erstbehandlungsanlage für Elektroaltgeräte mit automatisierter Demontage von Flachbildschirmen."),
    ("institut-sekundaerrohstoffe", "Institut für Sekundärrohstoffe Harz", "institute", "Osterode am Harz", 51.727, 10.252, "2014-06-01",
     ["co", "li", "ga"], ["bioleaching", "leaching"],
     "Forschungsinstitut für die biotechnologische Gewinnung von Metallen aus Reststoffen."),
    ("landkreis-goslar-abfall", "Landkreis Goslar, Abfallwirtschaft", "municipality", "Goslar", 51.905, 10.428, "2015-02-01",
     ["cu"], ["dismantling"],
     "Kommunaler Entsorger; sammelt Elektroaltgeräte und betreibt Wertstoffhöfe im Landkreis."),
    ("bergbauverein-harz", "Verein Bergbauregion Harz", "association", "Bad Harzburg", 51.881, 10.562, "2012-03-01",
     [], [], "Netzwerk von Bergbau- und Recyclingunternehmen der Region; organisiert Exkursionen und Schulprojekte."),
    ("magnettechnik-wernigerode", "Magnettechnik Wernigerode GmbH", "company", "Wernigerode", 51.835, 10.785, "2018-09-01",
     ["nd", "dy"], ["mechanical-processing", "hydrometallurgy"],
     "Hersteller von Permanentmagneten, der Produktionsabfälle und Altmagnete zurücknimmt."),
    ("batterie-recycling-harz", "Batterie-Recycling Harz GmbH", "company", "Seesen", 51.891, 10.178, "2020-04-01",
     ["co", "li", "cu"], ["mechanical-processing", "leaching"],
     "Aufbereitung von Lithium-Ionen-Batterien zu Schwarzmasse und deren hydrometallurgische Verwertung."),
    ("fraunhofer-aehnlich-halle", "Zentrum für Ressourceneffizienz Halberstadt", "institute", "Halberstadt", 51.896, 11.047, "2016-11-01",
     ["ga", "ge", "in"], ["sensor-based-sorting", "flotation"],
     "Angewandte Forschung zu Sortier- und Flotationsverfahren für feinkörnige Reststoffe."),
    ("stadt-clausthal", "Berg- und Universitätsstadt Clausthal-Zellerfeld", "municipality", "Clausthal-Zellerfeld", 51.809, 10.338, "2019-01-01",
     [], [], "Kommune mit historischen Bergbauhalden; Partner bei der Sanierung und Nachnutzung."),
]

# slug -> the contact person members see on the profile and who receives contact requests (fictional)
INSTITUTION_CONTACTS = {
    "hochschule-oberharz": ("Prof. Dr. Katrin Albrecht", "k.albrecht@example.org"),
    "harzer-metallrueckgewinnung": ("Dipl.-Ing. Thomas Brenner", "t.brenner@example.org"),
    "elektroschrott-nordharz": ("Sabine Vogt", "vertrieb.nordharz@example.org"),
    "institut-sekundaerrohstoffe": ("Dr. Jonas Lindemann", "j.lindemann@example.org"),
    "landkreis-goslar-abfall": ("Petra Hoffmann", "abfallberatung.goslar@example.org"),
    "bergbauverein-harz": ("Michael Körner", "geschaeftsstelle.bergbauverein@example.org"),
    "magnettechnik-wernigerode": ("Dr. Anna Schröder", "a.schroeder@example.org"),
    "batterie-recycling-harz": ("Lukas Wagner", "l.wagner@example.org"),
    "fraunhofer-aehnlich-halle": ("Dr. Miriam Keller", "m.keller@example.org"),
    # The town has no contact person in the portal: its requests go to the cluster management.
}

PROJECTS = [
    {
        "slug": "inrec", "acronym": "InRec", "language": "de", "status": "completed",
        "title": "Indium-Rückgewinnung aus LCD-Altgeräten",
        "summary": "Ein hydrometallurgisches Verfahren gewinnt Indium aus dem Glas ausgedienter Flachbildschirme zurück.",
        "results": "<p>Die Laugung des zerkleinerten Displayglases mit verdünnter Schwefelsäure löst über 90 % des Indiums. "
        "Anschließend trennt eine Solventextraktion das Indium von Zinn.</p>",
        "findings": ["Über 90 % des Indiums lassen sich aus dem Displayglas laugen.", "Die Solventextraktion trennt Indium sauber von Zinn."],
        "start": "2019-04-01", "end": "2022-03-31", "trl": 5,
        "funding": ("Bundesministerium für Bildung und Forschung", "r4 – Innovative Technologien für Ressourceneffizienz"),
        "metals": ["in", "sn"], "processes": ["leaching", "solvent-extraction"],
        "partners": [("hochschule-oberharz", "coordinator"), ("elektroschrott-nordharz", "partner")],
        "report": ("InRec Abschlussbericht", [
            "InRec - Abschlussbericht. Zusammenfassung: Flachbildschirme enthalten Indium in einer dünnen Schicht auf dem Glas.",
            "Kapitel 3: Bei der Laugung fällt ein Zinnoxid-Schlamm an, der getrennt aufbereitet werden muss. "
            "Die Ausbeute an Indium lag im Technikumsmaßstab bei 92 Prozent.",
            "Kapitel 4: Wirtschaftlichkeit. Ab einer Menge von 500 Tonnen Displayglas pro Jahr ist der Prozess wirtschaftlich.",
        ]),
    },
    {
        "slug": "cuprint", "acronym": "CuPrint", "language": "en", "status": "completed",
        "title": "Copper and precious metals from printed circuit boards",
        "summary": "Sorting and pyrometallurgical smelting recover copper, gold and platinum from waste electronics.",
        "results": "<p>Sensor-based sorting raised the copper grade of the shredded boards from 18 % to 31 % before smelting.</p>",
        "findings": ["Sorting before smelting nearly doubles the copper grade."],
        "start": "2020-01-01", "end": "2023-06-30", "trl": 6,
        "funding": ("European Regional Development Fund", "EFRE Niedersachsen"),
        "metals": ["cu", "pt"], "processes": ["sensor-based-sorting", "pyrometallurgy"],
        "partners": [("elektroschrott-nordharz", "coordinator"), ("harzer-metallrueckgewinnung", "partner")],
        "report": ("CuPrint final report", [
            "CuPrint final report. Executive summary: printed circuit boards are rich in copper and precious metals.",
            "Section 2: A hyperspectral camera separated tantalum capacitors ahead of smelting, which kept the slag clean.",
        ]),
    },
    {
        "slug": "biotail", "acronym": "BioTail", "language": "de", "status": "running",
        "title": "Biolaugung historischer Bergbauhalden im Harz",
        "summary": "Mikroorganismen lösen Kupfer, Kobalt und Germanium aus den Rückständen des historischen Erzbergbaus.",
        "results": "<p>In Säulenversuchen lösten acidophile Bakterien binnen 120 Tagen 65 % des Kupfers.</p>",
        "findings": ["Acidophile Bakterien lösen 65 % des Kupfers in 120 Tagen."],
        "start": "2021-09-01", "end": None, "trl": 4,
        "funding": ("Deutsche Bundesstiftung Umwelt", ""),
        "metals": ["cu", "co", "ge"], "processes": ["bioleaching"],
        "partners": [("institut-sekundaerrohstoffe", "coordinator"), ("landkreis-goslar-abfall", "associated"),
                     ("stadt-clausthal", "associated"), ("hochschule-oberharz", "partner")],
        "report": ("BioTail Zwischenbericht", [
            "BioTail Zwischenbericht. Die Halden des Rammelsberg-Reviers enthalten noch nennenswerte Metallgehalte.",
            "Abschnitt 5: Im Haldensickerwasser wurden Kupfer und Germanium in messbarer Konzentration gefunden.",
        ]),
    },
    {
        "slug": "magnetcycle", "acronym": "MagnetCycle", "language": "de", "status": "completed",
        "title": "Seltene Erden aus Permanentmagneten",
        "summary": "Neodym und Dysprosium werden aus NdFeB-Magneten von Elektromotoren und Festplatten zurückgewonnen.",
        "results": "<p>Eine Wasserstoffversprödung zerlegt die Magnete; die Legierung kann direkt wieder verpresst werden.</p>",
        "findings": ["Wasserstoffversprödung macht aus Altmagneten wieder verpressbares Pulver."],
        "start": "2022-02-01", "end": "2025-01-31", "trl": 6,
        "funding": ("Bundesministerium für Wirtschaft und Klimaschutz", "Rohstoffforschung"),
        "metals": ["nd", "dy"], "processes": ["dismantling", "hydrogen-decrepitation", "hydrometallurgy"],
        "partners": [("magnettechnik-wernigerode", "coordinator"), ("institut-sekundaerrohstoffe", "partner")],
        "report": ("MagnetCycle Ergebnisbericht", [
            "MagnetCycle Ergebnisbericht. Permanentmagnete aus Festplatten wurden manuell und automatisiert demontiert.",
            "Teil 2: Die Wasserstoffversprödung lieferte ein Magnetpulver mit weniger als 0,3 Prozent Sauerstoff.",
        ]),
    },
    {
        "slug": "libat-harz", "acronym": "LiBat-Harz", "language": "de", "status": "running",
        "title": "Lithium und Kobalt aus Altbatterien",
        "summary": "Aus der Schwarzmasse von Lithium-Ionen-Batterien werden Lithium, Kobalt und Kupfer hydrometallurgisch gewonnen.",
        "results": "<p>Eine zweistufige Laugung erreicht 95 % Kobalt- und 85 % Lithiumausbringen.</p>",
        "findings": ["95 % Kobalt und 85 % Lithium aus Schwarzmasse."],
        "start": "2023-01-01", "end": "2026-12-31", "trl": 5,
        "funding": ("Land Niedersachsen", "Niedersächsisches Vorab"),
        "metals": ["li", "co", "cu"], "processes": ["mechanical-processing", "leaching"],
        "partners": [("batterie-recycling-harz", "coordinator"), ("hochschule-oberharz", "partner")],
        "report": ("LiBat-Harz Zwischenbericht", [
            "LiBat-Harz Zwischenbericht. Die Batterien werden tiefentladen, zerkleinert und zu Schwarzmasse aufbereitet.",
            "Kapitel 2: Die Fällung von Lithiumcarbonat gelang mit einer Reinheit von 99,5 Prozent.",
        ]),
    },
    {
        "slug": "galed", "acronym": "GaLED", "language": "en", "status": "completed",
        "title": "Gallium from LED production waste",
        "summary": "Gallium is recovered from the sludge of LED chip production by alkaline leaching and electrowinning.",
        "results": "<p>Alkaline leaching dissolved 87 % of the gallium; electrowinning produced metal of 99.9 % purity.</p>",
        "findings": ["87 % gallium dissolved by alkaline leaching."],
        "start": "2018-05-01", "end": "2021-04-30", "trl": 6,
        "funding": ("Federal Ministry of Education and Research", "KMU-innovativ"),
        "metals": ["ga"], "processes": ["leaching", "electrowinning"],
        "partners": [("fraunhofer-aehnlich-halle", "coordinator"), ("harzer-metallrueckgewinnung", "partner")],
        "report": ("GaLED final report", [
            "GaLED final report. LED production leaves a sludge with gallium nitride and sapphire particles.",
            "Chapter 3: The electrowinning cell ran for 400 hours without loss of current efficiency.",
        ]),
    },
    {
        "slug": "germanium-flugasche", "acronym": "GeFlug", "language": "de", "status": "planned",
        "title": "Germanium aus Flugaschen",
        "summary": "Flugaschen aus der Braunkohleverbrennung werden auf ihr Germaniumpotenzial untersucht.",
        "results": "<p>Erste Analysen zeigen bis zu 300 ppm Germanium in den Feinfraktionen.</p>",
        "findings": [],
        "start": "2026-01-01", "end": "2028-12-31", "trl": None,
        "funding": ("Bundesministerium für Bildung und Forschung", "ReMin"),
        "metals": ["ge"], "processes": ["flotation", "leaching"],
        "partners": [("fraunhofer-aehnlich-halle", "coordinator"), ("hochschule-oberharz", "partner")],
        "report": ("GeFlug Projektskizze", [
            "GeFlug Projektskizze. Germanium reichert sich in den feinsten Fraktionen der Flugasche an.",
        ]),
    },
    {
        "slug": "platincat", "acronym": "PlatinCat", "language": "en", "status": "completed",
        "title": "Platinum group metals from spent catalysts",
        "summary": "Spent automotive catalysts are smelted with copper as a collector metal to recover platinum.",
        "results": "<p>Copper collected 98 % of the platinum; the slag met the limits for use in road construction.</p>",
        "findings": ["Copper as a collector recovers 98 % of the platinum."],
        "start": "2017-03-01", "end": "2020-02-29", "trl": 7,
        "funding": ("European Union", "Horizon 2020"),
        "metals": ["pt", "cu"], "processes": ["pyrometallurgy"],
        "partners": [("harzer-metallrueckgewinnung", "coordinator"), ("hochschule-oberharz", "partner")],
        "report": ("PlatinCat final report", [
            "PlatinCat final report. Catalyst monoliths were milled and smelted in a submerged arc furnace.",
            "Chapter 4: The collector alloy was refined by electrorefining into copper cathodes and an anode slime rich in platinum.",
        ]),
    },
]

EVENTS = [
    {
        "slug": "symposium-2023", "title": "Symposium Recycling strategischer Metalle 2023", "kind": "symposium",
        "language": "de", "start": "2023-09-20", "end": "2023-09-21", "place": "Aula Academica, Clausthal-Zellerfeld",
        "summary": "Das zweijährliche Symposium des Netzwerks mit Vorträgen aus Forschung und Industrie.",
    },
    {
        "slug": "innovation-forum-2024", "title": "Innovation Forum 2024", "kind": "innovation_forum",
        "language": "en", "start": "2024-05-14", "end": None, "place": "Kaiserpfalz, Goslar",
        "summary": "Companies and researchers present technologies ready for transfer into industry.",
    },
    {
        "slug": "exkursion-rammelsberg-2027", "title": "Exkursion zum Rammelsberg", "kind": "excursion",
        "language": "de", "start": "2027-05-06", "end": None, "place": "Weltkulturerbe Rammelsberg, Goslar",
        "summary": "Besichtigung des ehemaligen Erzbergwerks und der Haldensanierung.",
    },
    {
        "slug": "schultag-2027", "title": "Schultag Rohstoffe", "kind": "school_outreach",
        "language": "de", "start": "2027-03-18", "end": None, "place": "Gymnasium Goslar",
        "summary": "Schülerinnen und Schüler zerlegen Handys und erfahren, welche Metalle darin stecken.",
    },
]

# event slug, title, language, session, authors [(name, institution slug)], abstract (Markdown), keywords, metals, processes
PAPERS = [
    ("symposium-2023", "Indiumrückgewinnung im Technikumsmaßstab", "de", "Session 1: Hydrometallurgie",
     [("Dr. Anna Berger", "hochschule-oberharz"), ("Jonas Krüger", "elektroschrott-nordharz")],
     "Wir berichten über den **Technikumsbetrieb** der Indiumlaugung.\n\n- Ausbeute 92 %\n- Zinn als Nebenprodukt",
     ["Indium", "LCD", "Laugung"], ["in", "sn"], ["leaching"]),
    ("symposium-2023", "Biolaugung von Haldenmaterial", "de", "Session 1: Hydrometallurgie",
     [("Prof. Lena Vogt", "institut-sekundaerrohstoffe")],
     "Säulenversuche mit *acidophilen Bakterien* an Material des Rammelsberg-Reviers.",
     ["Biolaugung", "Halden"], ["cu", "co"], ["bioleaching"]),
    ("symposium-2023", "Solventextraktion von Gallium", "de", "Session 1: Hydrometallurgie",
     [("Dr. Felix Hartmann", "hochschule-oberharz")],
     "Vergleich von drei Extraktionsmitteln für Gallium aus alkalischen Laugen.",
     ["Gallium", "Extraktion"], ["ga"], ["solvent-extraction"]),
    ("symposium-2023", "Demontage von Festplatten mit Robotern", "de", "Session 2: Aufbereitung",
     [("Marie Schulz", "magnettechnik-wernigerode"), ("Tim Becker", "elektroschrott-nordharz")],
     "Ein Roboter entnimmt Magnete aus Festplatten in **40 Sekunden** pro Gerät.",
     ["Demontage", "Magnete"], ["nd", "dy"], ["dismantling"]),
    ("symposium-2023", "Sensorgestützte Sortierung von Leiterplatten", "de", "Session 2: Aufbereitung",
     [("Paul Neumann", "elektroschrott-nordharz")],
     "Hyperspektrale Kameras erkennen Bauteile mit Tantal und Gold.",
     ["Sortierung", "Leiterplatten"], ["cu", "pt"], ["sensor-based-sorting"]),
    ("symposium-2023", "Flotation feinkörniger Reststoffe", "de", "Session 2: Aufbereitung",
     [("Dr. Sarah Wolf", "fraunhofer-aehnlich-halle")],
     "Flotation trennt Germanium-reiche Partikel aus Flugaschen ab.",
     ["Flotation", "Flugasche"], ["ge"], ["flotation"]),
    ("innovation-forum-2024", "Closing the loop for NdFeB magnets", "en", "Session A: Magnets",
     [("Marie Schulz", "magnettechnik-wernigerode")],
     "Hydrogen decrepitation turns **end-of-life magnets** into powder for new magnets.",
     ["magnets", "rare earths"], ["nd", "dy"], ["hydrogen-decrepitation"]),
    ("innovation-forum-2024", "Black mass leaching at pilot scale", "en", "Session B: Batteries",
     [("Dr. Jan Richter", "batterie-recycling-harz"), ("Dr. Anna Berger", "hochschule-oberharz")],
     "A two-stage leach recovers cobalt and lithium from black mass.\n\n| metal | recovery |\n|---|---|\n| Co | 95 % |\n| Li | 85 % |",
     ["batteries", "black mass"], ["co", "li"], ["leaching"]),
    ("innovation-forum-2024", "Electrowinning of high-purity gallium", "en", "Session C: Refining",
     [("Dr. Sarah Wolf", "fraunhofer-aehnlich-halle")],
     "An electrowinning cell produces gallium of *99.9 %* purity from LED waste.",
     ["gallium", "electrowinning"], ["ga"], ["electrowinning"]),
    ("innovation-forum-2024", "Copper as collector for platinum", "en", "Session C: Refining",
     [("Martin Lange", "harzer-metallrueckgewinnung")],
     "Smelting spent catalysts with copper collects 98 % of the platinum.",
     ["catalysts", "platinum"], ["pt", "cu"], ["pyrometallurgy"]),
    ("innovation-forum-2024", "Municipal collection of small electronics", "en", "Session D: Collection",
     [("Katrin Meyer", "landkreis-goslar-abfall")],
     "Collection points at recycling centres doubled the return of old phones.",
     ["collection", "WEEE"], ["cu"], ["dismantling"]),
    ("innovation-forum-2024", "Sensor-based sorting of battery scrap", "en", "Session B: Batteries",
     [("Dr. Jan Richter", "batterie-recycling-harz")],
     "X-ray transmission sorting separates battery cells by chemistry.",
     ["sorting", "batteries"], ["li", "co"], ["sensor-based-sorting"]),
]

# slug, title, language, TRL, summary, applications, metals, processes, providers, related project slugs
TECHNOLOGIES = [
    ("indium-laugung", "Indiumlaugung aus Displayglas", "de", 5,
     "Löst Indium aus zerkleinertem Displayglas und trennt es von Zinn.", ["LCD-Recycling", "Sputtertargets"],
     ["in", "sn"], ["leaching", "solvent-extraction"], ["hochschule-oberharz"], ["inrec"]),
    ("roboter-demontage", "Robotergestützte Demontage", "de", 7,
     "Roboter entnehmen wertvolle Bauteile aus Elektroaltgeräten.", ["Festplatten", "Flachbildschirme"],
     ["nd", "in"], ["dismantling"], ["elektroschrott-nordharz", "magnettechnik-wernigerode"], ["magnetcycle"]),
    ("bioleaching-columns", "Bioleaching of tailings", "en", 4,
     "Bacteria dissolve metals from mine tailings at low cost.", ["Mine tailings", "Low-grade ores"],
     ["cu", "co", "ge"], ["bioleaching"], ["institut-sekundaerrohstoffe"], ["biotail"]),
    ("copper-collector-smelting", "Copper collector smelting", "en", 8,
     "Smelting with copper as collector recovers platinum group metals from catalysts.", ["Automotive catalysts"],
     ["pt", "cu"], ["pyrometallurgy", "electrorefining"], ["harzer-metallrueckgewinnung"], ["platincat", "cuprint"]),
    ("schwarzmasse-laugung", "Schwarzmasse-Laugung", "de", 5,
     "Zweistufige Laugung gewinnt Kobalt und Lithium aus Batterieschwarzmasse.", ["Lithium-Ionen-Batterien"],
     ["li", "co"], ["leaching"], ["batterie-recycling-harz"], ["libat-harz"]),
]

# slug, title, language, date, teaser, body (Markdown), metals, processes
NEWS = [
    ("symposium-2023-rueckblick", "Rückblick auf das Symposium 2023", "de", "2023-09-25",
     "Über 150 Teilnehmende diskutierten in Clausthal-Zellerfeld über das Recycling strategischer Metalle.",
     "Zwei Tage, **zwölf Vorträge** und eine Exkursion: das Symposium 2023 war das bisher größte.", ["in", "cu"], []),
    ("magnetcycle-abgeschlossen", "MagnetCycle erfolgreich abgeschlossen", "de", "2025-02-10",
     "Das Projekt zeigt, dass Altmagnete direkt zu neuen Magneten verarbeitet werden können.",
     "Die Partner planen nun eine *Pilotanlage* in Wernigerode.", ["nd", "dy"], ["dismantling"]),
    ("innovation-forum-2024-report", "Innovation Forum 2024: technologies ready for industry", "en", "2024-05-20",
     "Six technologies from the cluster were presented to potential users in Goslar.",
     "The forum brought together **80 companies** and research groups.", ["ga", "pt"], []),
    ("neues-mitglied-batterie", "Neues Mitglied: Batterie-Recycling Harz", "de", "2020-04-15",
     "Mit dem Batterierecycler aus Seesen wächst das Netzwerk auf zehn Mitglieder.",
     "Das Unternehmen bringt Erfahrung in der Aufbereitung von Schwarzmasse ein.", ["li", "co"], ["leaching"]),
    ("crm-act", "What the Critical Raw Materials Act means for the region", "en", "2024-06-03",
     "The EU's new rules set targets for recycling; the cluster's members are well placed.",
     "By 2030, **25 %** of the EU's consumption of strategic raw materials is to come from recycling.", ["ree", "ga", "ge"], []),
    ("schultag-2026", "Schultag Rohstoffe: Handys unter der Lupe", "de", "2026-03-20",
     "Schülerinnen und Schüler aus Goslar zerlegten alte Handys und suchten nach Metallen.",
     "In einem Handy stecken **über 30 Metalle**, darunter Gold, Kobalt und Seltene Erden.", ["cu", "co"], ["dismantling"]),
]


def metal_slugs() -> set[str]:
    """Every metal slug the demo tags something with."""
    return _slugs(metals=True)


def process_slugs() -> set[str]:
    """Every process slug the demo tags something with."""
    return _slugs(metals=False)


def _slugs(metals: bool) -> set[str]:
    lists = [institution[7 if metals else 8] for institution in INSTITUTIONS]
    lists += [project["metals" if metals else "processes"] for project in PROJECTS]
    lists += [paper[7 if metals else 8] for paper in PAPERS]
    lists += [technology[6 if metals else 7] for technology in TECHNOLOGIES]
    lists += [article[6 if metals else 7] for article in NEWS]
    return {slug for slugs in lists for slug in slugs}
