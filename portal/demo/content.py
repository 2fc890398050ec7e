"""The demo site's data: fictional but plausible, set in the Harz region.

Pure data, no database access; ``manage.py seed_demo`` turns it into pages.
Words such as "Zinnoxid-Schlamm" or "tailings flotation froth" occur only
inside the generated PDFs, so the demo shows that PDF text is searchable.
"""

from __future__ import annotations

# slug, German, English, symbol, group slug, EU critical raw material
METALS = [
    ("ree", "Seltene Erden", "Rare earth elements", "", None, True),
    ("pgm", "Platingruppenmetalle", "Platinum group metals", "", None, True),
    ("cu", "Kupfer", "Copper", "Cu", None, True),
    ("in", "Indium", "Indium", "In", None, False),
    ("ga", "Gallium", "Gallium", "Ga", None, True),
    ("ge", "Germanium", "Germanium", "Ge", None, True),
    ("sn", "Zinn", "Tin", "Sn", None, False),
    ("co", "Kobalt", "Cobalt", "Co", None, True),
    ("li", "Lithium", "Lithium", "Li", None, True),
    ("nd", "Neodym", "Neodymium", "Nd", "ree", True),
    ("dy", "Dysprosium", "Dysprosium", "Dy", "ree", True),
    ("pt", "Platin", "Platinum", "Pt", "pgm", True),
]

# slug, German, English, parent slug
PROCESSES = [
    ("hydrometallurgy", "Hydrometallurgie", "Hydrometallurgy", None),
    ("leaching", "Laugung", "Leaching", "hydrometallurgy"),
    ("bioleaching", "Biolaugung", "Bioleaching", "leaching"),
    ("solvent-extraction", "Solventextraktion", "Solvent extraction", "hydrometallurgy"),
    ("pyrometallurgy", "Pyrometallurgie", "Pyrometallurgy", None),
    ("mechanical-processing", "Mechanische Aufbereitung", "Mechanical processing", None),
    ("flotation", "Flotation", "Flotation", "mechanical-processing"),
    ("sorting", "Sensorgestützte Sortierung", "Sensor-based sorting", "mechanical-processing"),
]

# slug, name, kind, town, website
INSTITUTIONS = [
    ("tu-clausthal-demo", "Technische Universität Oberharz (Demo)", "university", "Clausthal-Zellerfeld", ""),
    ("harz-metall-demo", "Harzer Metallrückgewinnung GmbH (Demo)", "company", "Goslar", ""),
    ("elektro-recycling-demo", "Elektroschrott Verwertung Nordharz AG (Demo)", "company", "Langelsheim", ""),
    ("institut-rohstoffe-demo", "Institut für Sekundärrohstoffe (Demo)", "institute", "Freiberg", ""),
    ("landkreis-goslar-demo", "Landkreis Goslar, Abfallwirtschaft (Demo)", "municipality", "Goslar", ""),
    ("bergbau-verein-demo", "Verein Bergbauregion Harz (Demo)", "association", "Bad Harzburg", ""),
]

PROJECTS = [
    {
        "slug": "inrec",
        "acronym": "InRec",
        "title": "Indium-Rückgewinnung aus LCD-Altgeräten",
        "summary": "Ein hydrometallurgisches Verfahren gewinnt Indium aus dem Glas ausgedienter Flachbildschirme zurück.",
        "results": "<p>Die Laugung des zerkleinerten Displayglases mit verdünnter Schwefelsäure löst über 90 % des Indiums. "
        "Anschließend trennt eine Solventextraktion das Indium von Zinn.</p>",
        "start": "2019-04-01",
        "end": "2022-03-31",
        "metals": ["in", "sn"],
        "processes": ["leaching", "solvent-extraction"],
        "institutions": ["tu-clausthal-demo", "elektro-recycling-demo"],
        "report": (
            "InRec Abschlussbericht",
            [
                "InRec - Abschlussbericht. Zusammenfassung: Flachbildschirme enthalten Indium in einer dünnen Schicht auf dem Glas.",
                "Kapitel 3: Bei der Laugung fällt ein Zinnoxid-Schlamm an, der getrennt aufbereitet werden muss. "
                "Die Ausbeute an Indium lag im Technikumsmaßstab bei 92 Prozent.",
                "Kapitel 4: Wirtschaftlichkeit. Ab einer Menge von 500 Tonnen Displayglas pro Jahr ist der Prozess wirtschaftlich.",
            ],
        ),
    },
    {
        "slug": "cuprint",
        "acronym": "CuPrint",
        "title": "Copper and precious metals from printed circuit boards",
        "summary": "Sorting and pyrometallurgical smelting recover copper, gold and platinum from waste electronics.",
        "results": "<p>Sensor-based sorting raised the copper grade of the shredded boards from 18 % to 31 % before smelting.</p>",
        "start": "2020-01-01",
        "end": "2023-06-30",
        "metals": ["cu", "pt"],
        "processes": ["sorting", "pyrometallurgy"],
        "institutions": ["elektro-recycling-demo", "harz-metall-demo"],
        "language": "en",
        "report": (
            "CuPrint final report",
            [
                "CuPrint final report. Executive summary: printed circuit boards are rich in copper and precious metals.",
                "Section 2: A hyperspectral camera separated tantalum capacitors ahead of smelting, which kept the slag clean.",
            ],
        ),
    },
    {
        "slug": "biotail",
        "acronym": "BioTail",
        "title": "Biolaugung historischer Bergbauhalden im Harz",
        "summary": "Mikroorganismen lösen Kupfer, Kobalt und Germanium aus den Rückständen des historischen Erzbergbaus.",
        "results": "<p>In Säulenversuchen lösten acidophile Bakterien binnen 120 Tagen 65 % des Kupfers.</p>",
        "start": "2021-09-01",
        "end": None,
        "metals": ["cu", "co", "ge"],
        "processes": ["bioleaching"],
        "institutions": ["institut-rohstoffe-demo", "landkreis-goslar-demo", "tu-clausthal-demo"],
        "report": (
            "BioTail Zwischenbericht",
            [
                "BioTail Zwischenbericht. Die Halden des Rammelsberg-Reviers enthalten noch nennenswerte Metallgehalte.",
                "Abschnitt 5: Der tailings flotation froth aus einem Vorversuch enthielt Germanium in messbarer Konzentration.",
            ],
        ),
    },
    {
        "slug": "magnetcycle",
        "acronym": "MagnetCycle",
        "title": "Seltene Erden aus Permanentmagneten",
        "summary": "Neodym und Dysprosium werden aus NdFeB-Magneten von Elektromotoren und Festplatten zurückgewonnen.",
        "results": "<p>Eine Wasserstoffversprödung zerlegt die Magnete; die Legierung kann direkt wieder verpresst werden.</p>",
        "start": "2022-02-01",
        "end": "2025-01-31",
        "metals": ["nd", "dy"],
        "processes": ["mechanical-processing", "hydrometallurgy"],
        "institutions": ["harz-metall-demo", "institut-rohstoffe-demo"],
        "report": (
            "MagnetCycle Ergebnisbericht",
            [
                "MagnetCycle Ergebnisbericht. Permanentmagnete aus Festplatten wurden manuell und automatisiert demontiert.",
                "Teil 2: Die Wasserstoffversprödung lieferte ein Magnetpulver mit weniger als 0,3 Prozent Sauerstoff.",
            ],
        ),
    },
]
