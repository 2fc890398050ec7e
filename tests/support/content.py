"""Realistic content for tests: taxonomy rows and a German project report."""

from __future__ import annotations

from portal.taxonomy.models import Institution, Metal, Process

# The word "Haldensickerwasser" stands only inside the PDF, never in the page.
PDF_ONLY_WORD = "Haldensickerwasser"

REPORT_PAGES = [
    "GaLED Abschlussbericht. Gallium-Rückgewinnung aus Produktionsabfällen der LED-Fertigung.",
    "Kapitel 2: Probenahme. Die Reststoffe wurden im Werk Goslar beprobt und im Labor aufgeschlossen.",
    f"Kapitel 3: Im {PDF_ONLY_WORD} der Versuchshalde wurden 4 mg/l Gallium gemessen. "
    "Eine Laugung mit Natronlauge löste 87 Prozent des Galliums aus dem Schlamm.",
]


def make_taxonomy() -> dict[str, object]:
    """The few taxonomy rows the vertical slice needs: metals and processes from the reference
    vocabulary (``migrate`` loads it), and a member institution."""
    gallium = Metal.objects.get(slug="ga")
    copper = Metal.objects.get(slug="cu")
    leaching = Process.objects.get(slug="leaching")
    institute = Institution.objects.create(
        slug="institut-sekundaerrohstoffe",
        name="Institut für Sekundärrohstoffe",
        kind=Institution.Kind.RESEARCH_INSTITUTE,
        town="Clausthal-Zellerfeld",
    )
    return {"gallium": gallium, "copper": copper, "leaching": leaching, "institute": institute}
