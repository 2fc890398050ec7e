"""Both search backends, and the project results they are specified with.

``backend`` is parametrized: every test that takes it runs once on the
embedded backend (SQLite FTS5 in a temporary file) and once on the real
Elasticsearch (``ELASTICSEARCH_URL``, indices named ``portal-test-<random>-*``
and deleted at the end of the session).  ``backend`` holds the corpus below
and is shared, so tests that take it must not change it; tests that write
take ``empty_backend``, a second, empty index of the same kind.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Callable, Iterator

import pytest

from search.backends.base import SearchBackend
from search.documents import Attachment, AttachmentPage, SearchDocument

# Words that stand only in a PDF page, never in a document's own fields.
PDF_ONLY_WORD = "Zementation"  # LCD report, page 3
PDF_ONLY_WORD_EN = "cupellation"  # circuit-board report, page 2
LCD_REPORT_URL = "/documents/12/inlcd-abschlussbericht.pdf"
LCD_DATASHEET_URL = "/documents/13/ito-sicherheitsdatenblatt.pdf"

INDIUM_LCD = SearchDocument(
    id="page:11",
    content_type="project",
    title="Indium-Rückgewinnung aus LCD-Altglas",
    url="/projekte/indium-lcd/",
    summary="Aus dem Glas ausgedienter Flachbildschirme wird die Indium-Zinn-Oxid-Schicht gelöst "
            "und Indium als Wertstoff zurückgewonnen.",
    body="Die ITO-Schicht wird mit verdünnter Salzsäure gelaugt; anschließend wird Indium durch "
         "Solventextraktion angereichert. Der Datenexport des Altsystems enthielt Zeilen wie "
         "<script>alert('xss')</script>, die nie als HTML erscheinen dürfen.",
    language="de",
    date=dt.date(2023, 5, 10),
    metals=("in", "sn"),
    processes=("hydrometallurgy", "leaching", "solvent-extraction"),
    institutions=("tu-clausthal",),
    attachments=(
        Attachment(
            title="Abschlussbericht InLCD",
            url=LCD_REPORT_URL,
            pages=(
                AttachmentPage(1, "Abschlussbericht des Verbundprojekts InLCD. Rückgewinnung von Indium "
                                  "aus Flüssigkristallbildschirmen."),
                AttachmentPage(2, "Kapitel 2: Vorbehandlung. Die Displays wurden von Hand zerlegt und "
                                  "das Glas auf unter 2 mm zerkleinert."),
                AttachmentPage(3, f"Kapitel 3: Laugung bei pH < 2 und Temperaturen > 60 °C. Bei der "
                                  f"{PDF_ONLY_WORD} mit Zinkpulver wurden 92 Prozent des Indiums "
                                  f"aus der Lösung abgeschieden."),
            ),
        ),
        Attachment(
            title="Sicherheitsdatenblatt ITO",
            url=LCD_DATASHEET_URL,
            pages=(AttachmentPage(1, "Indium-Zinn-Oxid ist nicht brennbar. Zinkpulver ist leicht entzündlich."),),
        ),
    ),
)

COPPER_PCB = SearchDocument(
    id="page:12",
    content_type="project",
    title="Copper recovery from printed circuit boards",
    url="/projects/copper-pcb/",
    summary="Shredded printed circuit boards are smelted and the copper is refined electrolytically; "
            "gold and silver collect in the anode slime.",
    body="The pilot plant treats two tonnes of scrap boards per day.",
    language="en",
    date=dt.date(2024, 2, 1),
    metals=("cu", "au", "ag"),
    processes=("pyrometallurgy", "electrorefining"),
    institutions=("helmholtz-freiberg",),
    attachments=(
        Attachment(
            title="Pilot plant report",
            url="/documents/21/pcb-pilot-report.pdf",
            pages=(
                AttachmentPage(1, "Pilot plant report. Smelting of shredded boards in a top blown rotary converter."),
                AttachmentPage(2, f"Precious metals were separated from the anode slime by {PDF_ONLY_WORD_EN}."),
            ),
        ),
    ),
)

GALLIUM_LED = SearchDocument(
    id="page:13",
    content_type="project",
    title="Gallium aus Produktionsabfällen der LED-Fertigung",
    url="/projekte/gallium-led/",
    summary="Gallium und Indium werden aus den Reststoffen der Epitaxie zurückgewonnen.",
    body="Eine alkalische Laugung löst den größten Teil des Galliums aus dem Schleifschlamm.",
    language="de",
    date=dt.date(2022, 11, 15),
    metals=("ga", "in"),
    processes=("leaching", "hydrometallurgy"),
    institutions=("tu-bergakademie-freiberg",),
)

MAGNETS_REE = SearchDocument(
    id="page:14",
    content_type="project",
    title="Rare earths from end-of-life permanent magnets",
    url="/projects/magnets/",
    summary="Neodymium magnets from hard disk drives are broken up by hydrogen decrepitation.",
    body="Neodymium and dysprosium are recovered as oxides after selective precipitation.",
    language="en",
    date=dt.date(2024, 6, 30),
    metals=("nd", "dy", "ree"),
    processes=("hydrogen-decrepitation", "hydrometallurgy"),
    institutions=("helmholtz-freiberg",),
)

BIOLEACHING_HARZ = SearchDocument(
    id="page:15",
    content_type="project",
    title="Biolaugung von Bergbaurückständen im Harz",
    url="/projekte/biolaugung-harz/",
    summary="Mikroorganismen lösen Kupfer, Zink und Indium aus den Tailings alter Erzgruben bei Goslar.",
    body="Die Versuche liefen ein Jahr lang in Säulen mit Material der Halde.",
    language="de",
    date=dt.date(2021, 9, 1),
    metals=("cu", "zn", "in"),
    processes=("bioleaching", "leaching"),
    institutions=("tu-clausthal", "lbeg"),
    attachments=(
        Attachment(
            title="Zwischenbericht Biolaugung",
            url="/documents/31/biolaugung-zwischenbericht.pdf",
            pages=(
                AttachmentPage(1, "Zwischenbericht. Probenahme an der Halde bei Goslar."),
                AttachmentPage(2, "Acidithiobacillus ferrooxidans oxidierte das Eisen; der Kupferaustrag "
                                  "stieg nach acht Wochen deutlich an."),
            ),
        ),
    ),
)

TANTALUM_MEMBERS = SearchDocument(
    id="page:16",
    content_type="project",
    title="Tantal aus Kondensatorschrott",
    url="/projekte/tantal/",
    summary="Vertrauliche Vorstudie: Tantal wird aus ausgedienten Kondensatoren zurückgewonnen.",
    body="Nur für Mitglieder des Clusters.",
    language="de",
    date=dt.date(2025, 1, 20),  # the newest: would come first if it leaked
    metals=("ta",),
    processes=("pyrometallurgy",),
    institutions=("tu-clausthal",),
    visibility=("members",),
)

CABLE_UNDATED = SearchDocument(
    id="page:17",
    content_type="project",
    title="Kupfer aus Kabelschrott",
    url="/projekte/kabelschrott/",
    summary="Mechanische Aufbereitung von Kabelschrott zu Kupfergranulat.",
    language="de",
    date=None,
    metals=("cu",),
    processes=("mechanical-processing",),
    institutions=("cutec",),
)

WORKSHOP_NEWS = SearchDocument(
    id="page:18",
    content_type="news",
    title="Workshop: Strategische Metalle im Kreislauf",
    url="/aktuelles/workshop-strategische-metalle/",
    summary="Der Cluster lädt zum Workshop über Indium, Gallium und Seltene Erden ein.",
    body="Vorträge über die Recyclingquote von Gallium und die Rückgewinnung Seltener Erden aus Magneten.",
    language="de",
    date=dt.date(2024, 6, 30),  # same day as MAGNETS_REE: the title decides
    metals=("ga", "in", "ree"),
    institutions=("tu-clausthal", "helmholtz-freiberg"),
)

CORPUS = (INDIUM_LCD, COPPER_PCB, GALLIUM_LED, MAGNETS_REE, BIOLEACHING_HARZ, TANTALUM_MEMBERS,
          CABLE_UNDATED, WORKSHOP_NEWS)
PUBLIC = tuple(document for document in CORPUS if "public" in document.visibility)

# backend kind -> function building a backend of that kind for an index name
_FACTORIES: dict[str, Callable[[str], SearchBackend]] = {}


@pytest.fixture(scope="session")
def session_tag() -> str:
    """A random tag, so parallel or aborted sessions never share an index."""
    return uuid.uuid4().hex[:8]


@pytest.fixture(
    scope="session",
    params=[
        pytest.param("embedded"),
        pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
    ],
)
def backend(request, tmp_path_factory, session_tag) -> Iterator[SearchBackend]:
    """A backend holding ``CORPUS`` (shared: do not change it)."""
    if request.param == "embedded":
        factory = _embedded_factory(tmp_path_factory.mktemp("search"))
        cleanup = None
    else:
        factory, cleanup = _elasticsearch_factory(request.getfixturevalue("elasticsearch_url"), session_tag)
    _FACTORIES[request.param] = factory
    try:
        instance = factory("corpus")
        instance.setup()
        instance.clear()
        instance.index(CORPUS)
        yield instance
    finally:
        if cleanup:
            cleanup()


@pytest.fixture
def empty_backend(request, backend) -> SearchBackend:
    """A second index of the same kind as ``backend``, emptied for this test."""
    kind = request.node.callspec.params["backend"]
    instance = _FACTORIES[kind]("scratch")
    instance.setup()
    instance.clear()
    return instance


def _embedded_factory(root: Path):
    from search.backends.embedded import EmbeddedBackend

    def build(name: str) -> SearchBackend:
        return EmbeddedBackend({"PATH": str(root / name / "search.sqlite3")})

    return build


def _elasticsearch_factory(url: str, session_tag: str):
    from search.backends.elasticsearch import ElasticsearchBackend

    prefix = f"portal-test-{session_tag}"

    def build(name: str) -> SearchBackend:
        return ElasticsearchBackend({"URL": url, "INDEX": f"{prefix}-{name}", "TIMEOUT": 30})

    def cleanup() -> None:
        client = build("cleanup").client
        names = list(client.indices.get(index=f"{prefix}-*", expand_wildcards="all"))
        if names:  # wildcards are refused by delete (action.destructive_requires_name)
            client.indices.delete(index=",".join(names))

    return build, cleanup


@pytest.fixture
def unreachable_engine(settings) -> Iterator[None]:
    """Search configured against an Elasticsearch address on loopback where nothing listens."""
    from search.backends import reset_backend_cache
    from tests.services.common import free_port

    settings.PORTAL_SEARCH = {"BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
                              "URL": f"http://127.0.0.1:{free_port()}", "INDEX": "portal-unreachable", "TIMEOUT": 2}
    reset_backend_cache()
    yield
    reset_backend_cache()
