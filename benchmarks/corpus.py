"""German and English text for the benchmarks: word lists and a page generator.

Both benchmarks draw their text from here: ``scripts/benchmark_ingest.py``
writes it into PDFs, ``scripts/benchmark_search.py`` indexes it as attachment
pages.  Deterministic for a given ``random.Random``.
"""

from __future__ import annotations

import random

PAGE_CHARACTERS = (2400, 3200)  # a full A4 page of 11 pt text

METALS = {
    "de": ["Indium", "Gallium", "Germanium", "Kupfer", "Kobalt", "Lithium", "Neodym", "Dysprosium", "Tantal",
           "Zinn", "Zink", "Silber", "Gold", "Palladium", "Wolfram", "Antimon"],
    "en": ["indium", "gallium", "germanium", "copper", "cobalt", "lithium", "neodymium", "dysprosium",
           "tantalum", "tin", "zinc", "silver", "gold", "palladium", "tungsten", "antimony"],
}
SOURCES = {
    "de": ["LCD-Altglas", "Leiterplatten", "Lithium-Ionen-Batterien", "Flugasche", "Bergbaurückständen",
           "Schleifschlamm der LED-Fertigung", "Kabelschrott", "Permanentmagneten aus Festplatten",
           "Katalysatoren", "Haldensickerwasser", "Kondensatorschrott", "Elektrolyseschlämmen"],
    "en": ["LCD glass", "printed circuit boards", "lithium-ion batteries", "fly ash", "mine tailings",
           "grinding sludge from LED production", "cable scrap", "hard disk magnets", "spent catalysts",
           "seepage water from dumps", "capacitor scrap", "electrolysis slimes"],
}
PROCESSES = {
    "de": ["Laugung mit Schwefelsäure", "Biolaugung", "Solventextraktion", "Zementation mit Zinkpulver",
           "Elektrolyse", "Fällung als Hydroxid", "Ionenaustausch", "Pyrolyse", "Schmelzen im Drehrohrofen",
           "Flotation", "Wasserstoffversprödung", "Dichtetrennung"],
    "en": ["sulphuric acid leaching", "bioleaching", "solvent extraction", "cementation with zinc powder",
           "electrowinning", "hydroxide precipitation", "ion exchange", "pyrolysis",
           "smelting in a rotary kiln", "flotation", "hydrogen decrepitation", "density separation"],
}
PLACES = ["Clausthal-Zellerfeld", "Goslar", "Freiberg", "Halle", "Osterode", "Bad Harzburg", "Wernigerode",
          "Nordhausen", "Braunschweig", "Hannover"]
SENTENCES = {
    "de": [
        "Die {process} von {metal} aus {source} erreichte eine Ausbeute von {pct} Prozent bei {temp} °C.",
        "In der Pilotanlage in {place} wurden {amount} kg {source} je Stunde aufbereitet.",
        "Der Gehalt an {metal} im Ausgangsmaterial lag zwischen {low} und {high} mg/kg.",
        "Nach der {process} blieb ein Rückstand, dessen {metal}-Gehalt unter {low} mg/kg sank.",
        "Die Versuche in {place} zeigten, dass {metal} und {metal2} gemeinsam gelöst werden.",
        "Eine anschließende {process2} trennte {metal} mit einer Reinheit von {purity} Prozent ab.",
        "Die Kosten der {process} beliefen sich auf {cost} Euro je Tonne {source}.",
        "Tabelle {table} fasst die Massenbilanz der Versuchsreihe {series} zusammen.",
        "Der Energiebedarf sank gegenüber dem Referenzverfahren um {pct2} Prozent.",
        "Die Ergebnisse wurden mit Röntgenfluoreszenz und ICP-OES überprüft; die Abweichung betrug {dev} Prozent.",
        "Für die industrielle Umsetzung in {place} ist eine Durchsatzsteigerung um den Faktor {factor} nötig.",
        "Die Projektpartner empfehlen, {source} schon bei der Sammlung getrennt zu erfassen.",
    ],
    "en": [
        "The {process} of {metal} from {source} reached a yield of {pct} per cent at {temp} °C.",
        "The pilot plant in {place} processed {amount} kg of {source} per hour.",
        "The {metal} content of the feed ranged from {low} to {high} mg/kg.",
        "After {process}, the residue held less than {low} mg/kg of {metal}.",
        "Trials in {place} showed that {metal} and {metal2} dissolve together.",
        "A subsequent {process2} separated {metal} at a purity of {purity} per cent.",
        "The cost of {process} came to {cost} euros per tonne of {source}.",
        "Table {table} summarises the mass balance of test series {series}.",
        "Energy demand fell by {pct2} per cent compared with the reference process.",
        "Results were checked by X-ray fluorescence and ICP-OES; they deviated by {dev} per cent.",
        "Industrial use in {place} needs the throughput to grow by a factor of {factor}.",
        "The partners recommend collecting {source} separately from the start.",
    ],
}
HEADINGS = {
    "de": ["Einleitung", "Material und Methoden", "Probenahme", "Versuchsaufbau", "Ergebnisse", "Diskussion",
           "Wirtschaftlichkeit", "Ausblick", "Zusammenfassung"],
    "en": ["Introduction", "Materials and methods", "Sampling", "Experimental set-up", "Results", "Discussion",
           "Economics", "Outlook", "Summary"],
}



def page_text(rng: random.Random, language: str, number: int, title: str) -> str:
    """One page of proceedings-like prose in ``language`` ("de" or "en"), about a full A4 page of 11 pt text.

    Page 1 starts with ``title``; later pages with a numbered section heading.  The paragraphs are
    sentences about metals, sources and processes with figures drawn from ``rng``: every page differs,
    and the same seed gives the same text.
    """
    lines = [title if number == 1 else f"{number}  {rng.choice(HEADINGS[language])}"]
    target = rng.randint(*PAGE_CHARACTERS)
    paragraph: list[str] = []
    length = len(lines[0])
    while length < target:
        metal, metal2 = rng.sample(METALS[language], 2)
        process, process2 = rng.sample(PROCESSES[language], 2)
        sentence = rng.choice(SENTENCES[language]).format(
            metal=metal, metal2=metal2, process=process, process2=process2, source=rng.choice(SOURCES[language]),
            place=rng.choice(PLACES), pct=rng.randint(55, 99), pct2=rng.randint(5, 45), temp=rng.randint(20, 95),
            amount=rng.randint(5, 900), low=rng.randint(1, 80), high=rng.randint(100, 4000),
            purity=f"{rng.uniform(95, 99.99):.2f}", cost=rng.randint(80, 2400), table=rng.randint(1, 12),
            series=f"{rng.choice('ABCDEFGH')}{rng.randint(1, 30)}", dev=f"{rng.uniform(0.2, 6):.1f}",
            factor=rng.randint(2, 40),
        )
        paragraph.append(sentence)
        length += len(sentence) + 1
        if len(paragraph) >= rng.randint(3, 7):
            lines.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        lines.append(" ".join(paragraph))
    return "\n".join(lines)
