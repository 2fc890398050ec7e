"""The field's common synonym sets, for a new portal.

Seeded only into an empty table, by the first migrate: editors' sets are
never touched, and a set an editor deleted does not come back.  Each set
holds translations, spellings and abbreviations a member means the same by,
never a broader or narrower term; the note says what was left out on
purpose.  Reversing leaves the rows (they are the editors' now).
"""

from django.db import migrations

COMMON_SETS = [
    (("PGM", "Platingruppenmetalle", "Platinmetalle", "Platingruppenelemente", "PGE", "platinum group metals",
      "platinum-group metals", "platinum group elements"),
     "Nicht „Edelmetalle“: die schließen Gold und Silber ein (eigene Gruppe)."),
    (("Seltene Erden", "Seltenerdmetalle", "Seltenerdelemente", "Metalle der Seltenen Erden", "SEE", "REE",
      "rare earths", "rare earth elements", "rare earth metals"),
     "Nicht „Lanthanoide“ (ohne Scandium und Yttrium), nicht „REO“ (die Oxide), nicht „REM“ (in deutschen Texten "
     "das Rasterelektronenmikroskop). Vorsicht: „SEE“ gleicht dem „See“, wo Groß- und Kleinschreibung nicht zählen."),
    (("Schwarzmasse", "Schwarzmaterial", "black mass"), ""),
    (("Elektroschrott", "Elektronikschrott", "E-Schrott", "Elektroaltgeräte", "Elektro-Altgeräte", "e-waste", "e-scrap",
      "electronic waste", "electronic scrap", "WEEE", "waste electrical and electronic equipment"),
     ""),
    (("Autokatalysator", "Autokat", "Fahrzeugkatalysator", "Abgaskatalysator", "automotive catalyst", "autocatalyst",
      "catalytic converter"),
     "Nicht „Katalysator“ allein: auch die Katalysatoren der chemischen Industrie."),
    (("Leiterplatte", "Platine", "printed circuit board", "printed wiring board", "circuit board"),
     "„PCB“ bewusst nicht: in Texten zu Elektroaltgeräten meist polychlorierte Biphenyle (PCB-haltige Kondensatoren)."),
    (("Lithium-Ionen-Batterie", "Lithiumionenbatterie", "Lithium-Ionen-Akku", "Lithium-Ionen-Akkumulator",
      "lithium-ion battery", "Li-ion battery", "LIB"),
     "Nicht „Lithiumbatterie“: meist nicht wiederaufladbare Lithium-Primärbatterien."),
    (("Traktionsbatterie", "Antriebsbatterie", "traction battery", "electric vehicle battery", "EV battery"),
     "Nicht „Fahrzeugbatterie“: schließt die Starterbatterien ein."),
    (("Hartmetall", "Wolframcarbid", "Wolframkarbid", "cemented carbide", "hard metal", "hardmetal",
      "tungsten carbide"),
     "Wolframcarbid ist der Hartstoff der Hartmetalle; im Recycling (Hartmetallschrott, carbide scrap) meint man "
     "dasselbe."),
    (("Solventextraktion", "Lösungsmittelextraktion", "Flüssig-Flüssig-Extraktion", "solvent extraction",
      "liquid-liquid extraction", "SX"),
     ""),
    (("Laugung", "Auslaugung", "leaching"), ""),
    (("Biolaugung", "Bioleaching", "mikrobielle Laugung", "bakterielle Laugung", "microbial leaching",
      "bacterial leaching"),
     "Nicht „Biohydrometallurgie“: der Oberbegriff."),
    (("Fällung", "Ausfällung", "precipitation"),
     "„precipitation“ heißt auch Niederschlag (Regen), etwa in Texten zu Sickerwasser."),
    (("Elektrogewinnung", "Gewinnungselektrolyse", "electrowinning"),
     "Nicht „Raffinationselektrolyse“ (electrorefining): die löst eine Rohmetallanode auf."),
    (("Raffinationselektrolyse", "Elektroraffination", "elektrolytische Raffination", "electrorefining",
      "electrolytic refining"),
     "Nicht „Raffination“ allein: auch die pyrometallurgische Raffination."),
    (("Schaumflotation", "froth flotation"), ""),
    (("Flugasche", "fly ash"), "Nicht „Filterstaub“: schließt andere Stäube ein."),
    (("Schlacke", "slag"), ""),
    (("Anodenschlamm", "anode slime", "anode mud"), ""),
    (("Rotschlamm", "Bauxitrückstand", "red mud", "bauxite residue"), ""),
    (("Elektrolichtbogenofen", "Elektro-Lichtbogenofen", "electric arc furnace", "EAF"),
     "Nicht „Lichtbogenofen“ allein: schließt den Niederschachtofen mit Tauchelektroden (submerged arc furnace) ein, "
     "in dem Ferrolegierungen und PGM-Konzentrate erschmolzen werden."),
    (("Elektrostahlwerksstaub", "Elektroofenstaub", "EAF-Staub", "EAF dust", "electric arc furnace dust", "EAFD"),
     "Nicht „Stahlwerksstaub“: schließt den Konverterstaub ein."),
    (("saures Grubenwasser", "saure Grubenwässer", "acid mine drainage", "acid rock drainage"),
     "Ohne die Abkürzungen AMD und ARD (ein Chiphersteller, ein Sender)."),
    (("Permanentmagnet", "Dauermagnet", "permanent magnet"), ""),
    (("NdFeB", "Nd-Fe-B", "Neodym-Eisen-Bor", "neodymium iron boron", "Neodym-Magnet", "neodymium magnet"), ""),
    (("LCD", "Flüssigkristallbildschirm", "Flüssigkristallanzeige", "LC-Display", "liquid crystal display"), ""),
    (("ITO", "Indiumzinnoxid", "Indium-Zinn-Oxid", "indium tin oxide", "tin-doped indium oxide"), ""),
    (("Photovoltaik", "Fotovoltaik", "photovoltaics", "PV"), ""),
    (("Solarmodul", "Photovoltaikmodul", "PV-Modul", "solar module", "photovoltaic module", "PV module", "solar panel"),
     "Nicht „Solarzelle“ (ein Modul besteht aus vielen Zellen), nicht „Sonnenkollektor“ (Wärme)."),
    (("Altfahrzeug", "Altauto", "end-of-life vehicle", "ELV"), ""),
    (("Edelmetalle", "precious metals", "noble metals"),
     "Schließt die Platingruppenmetalle ein; die haben eine eigene Gruppe."),
    (("kritische Rohstoffe", "critical raw materials"),
     "Nicht „strategische Rohstoffe“: nach dem Critical Raw Materials Act eine eigene, engere Liste. "
     "Nicht „CRM“: auch zertifiziertes Referenzmaterial."),
    (("Sekundärrohstoff", "Recyclingrohstoff", "secondary raw material"), ""),
    (("Kreislaufwirtschaft", "circular economy"), ""),
    (("Rückgewinnung", "Wiedergewinnung", "recovery"),
     "Nicht „Verwertung“: im Abfallrecht der Oberbegriff, auch die energetische Verwertung."),
    (("mechanische Aufbereitung", "mechanical processing"),
     "„Aufbereitung“ allein nicht: auch Wasser- und Datenaufbereitung; „processing“ ist im Englischen viel weiter."),
    (("Ökobilanz", "Lebenszyklusanalyse", "life cycle assessment", "LCA"), ""),
    (("TRL", "Technologiereifegrad", "Technologie-Reifegrad", "technology readiness level"), ""),
    (("Pilotanlage", "pilot plant"),
     "Nicht „Technikum“: ein kleinerer Maßstab (Labor, Technikum, Pilotanlage, Demonstrationsanlage); "
     "nicht „Versuchsanlage“: jeder Maßstab."),
]


def seed(apps, schema_editor):
    SynonymSet = apps.get_model("synonyms", "SynonymSet")
    if SynonymSet.objects.exists():
        return
    SynonymSet.objects.bulk_create(SynonymSet(terms="\n".join(terms), note=note) for terms, note in COMMON_SETS)


class Migration(migrations.Migration):
    dependencies = [("synonyms", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
