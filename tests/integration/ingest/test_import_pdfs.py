"""``manage.py import_pdfs``: an archive of PDFs becomes searchable documents; bad files are named, not fatal.

The archive is a folder of real generated PDFs in German and English, with
what real archives hold too: a copy of a file under another name, a file
that only pretends to be a PDF, a damaged PDF, a macOS resource file, and a
metadata sheet saved by German Excel (semicolons, umlauts, a byte-order
mark) that names a file nobody put in the folder.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Collection

from ingest.indexing import document_entry_id
from ingest.management.commands.import_pdfs import institution_kind
from ingest.models import ExtractionStatus, PortalDocument
from portal.demo.pdf import make_pdf
from portal.synonyms.models import SynonymSet
from portal.taxonomy.models import Institution, Metal, Process
from search.backends import get_backend, reset_backend_cache
from search.service import parse_query, run_search
from tests.support.content import make_taxonomy

pytestmark = pytest.mark.django_db

# "Zinnoxidschlamm" stands only on page 2 of the German proceedings paper.
PDF_ONLY_WORD = "Zinnoxidschlamm"
INDIUM_PAGES = [
    "Tagungsband Symposium Recycling strategischer Metalle 2019. Indium-Rückgewinnung aus LCD-Altglas.",
    f"Nach der Laugung mit Salzsäure blieb ein {PDF_ONLY_WORD} zurück, aus dem Indium und Zinn "
    "durch Zementation gewonnen wurden. Die Ausbeute betrug 92 Prozent.",
    "Zusammenfassung: Das Verfahren ist für Flachbildschirme aus kommunaler Sammlung geeignet.",
]
COPPER_PAGES = [
    "Proceedings of the 2019 symposium. Copper recovery from printed circuit boards.",
    "The anode slime was treated by cupellation; gold and silver were recovered almost completely.",
]
HALDE_PAGES = ["Haldensickerwasser am Rammelsberg: Gallium und Germanium im Jahresverlauf."]

METADATA = """\ufefffile;title;metals;processes;institutions;language
2019/Indium_aus_LCD-Altglas.pdf;Indium-Rückgewinnung aus LCD-Altglas – Tagungsband 2019;ga|cu;leaching;institut-sekundaerrohstoffe;de
2019/copper-pcb-report.PDF;Copper from circuit boards;cu,zz;;;en
2020/fehlt.pdf;Eine Datei, die niemand abgelegt hat;;;;
"""


@pytest.fixture(autouse=True)
def embedded_index(settings, tmp_path):
    settings.PORTAL_SEARCH = {"BACKEND": "search.backends.embedded.EmbeddedBackend",
                              "PATH": str(tmp_path / "index" / "search.sqlite3")}
    reset_backend_cache()
    yield get_backend()
    reset_backend_cache()


@pytest.fixture
def tags():
    return make_taxonomy()


@pytest.fixture
def archive(tmp_path) -> Path:
    root = tmp_path / "tagungsbaende"
    indium = make_pdf(INDIUM_PAGES, title="Indium aus LCD-Altglas", author="A. Berger")
    files = {
        "2019/Indium_aus_LCD-Altglas.pdf": indium,
        "2019/copper-pcb-report.PDF": make_pdf(COPPER_PAGES, title="PCB report"),
        "2020/kopie-indium.pdf": indium,  # the same content under another name
        "2020/kaputt.pdf": b"PK\x03\x04 a zip archive that was renamed to .pdf",
        "2020/beschaedigt.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer garbage",
        "2021/haldensickerwasser_rammelsberg.pdf": make_pdf(HALDE_PAGES),
        "2021/.__haldensickerwasser_rammelsberg.pdf": b"\x00\x05\x16\x07 AppleDouble",
        "notizen.txt": b"no PDF, not looked at",
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (tmp_path / "metadaten.csv").write_text(METADATA, encoding="utf-8")
    return root


def run(*args) -> tuple[str, str, CommandError | None]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_pdfs", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def search(text: str):
    return run_search(parse_query({"q": text})).results


def test_an_archive_is_imported_with_its_metadata_and_bad_files_are_named(archive, tags, tmp_path):
    out, _err, error = run(archive, "--metadata", tmp_path / "metadaten.csv")

    assert "6 PDF file(s): 3 imported, 1 already present, 2 failed; 6 pages extracted in" in out
    assert "1 hidden file(s) ignored." in out
    assert "  2020/kaputt.pdf: The file is not a PDF, whatever its name says. Upload a PDF." in out
    assert "  2020/beschaedigt.pdf: The PDF is damaged" in out
    assert "  2020/kopie-indium.pdf: same content as 2019/Indium_aus_LCD-Altglas.pdf, imported in this run" in out
    assert "Tag values: 5 placed, 1 not placed (listed under Warnings; the files were imported without them)." in out
    assert ("  metadata line 3 (2019/copper-pcb-report.PDF), column metals: 'zz' is not a known metal, nor like "
            "one; the metals are listed in the admin under Taxonomy.") in out
    assert f"metadata line 4: 2020/fehlt.pdf does not exist under {archive}; the row is ignored." in out
    assert error is not None and "2 file(s) could not be imported" in str(error)
    assert "files already imported are skipped" in str(error)

    indium = PortalDocument.objects.get(title="Indium-Rückgewinnung aus LCD-Altglas – Tagungsband 2019")
    assert indium.extraction_status == ExtractionStatus.INDEXED
    assert indium.page_count == 3 and indium.language == "de"
    assert {m.slug for m in indium.metals.all()} == {"ga", "cu"}
    assert [p.slug for p in indium.processes.all()] == ["leaching"]
    assert [i.slug for i in indium.institutions.all()] == ["institut-sekundaerrohstoffe"]
    assert indium.file_size and len(indium.file_hash) == 40 and len(indium.content_hash) == 64

    copper = PortalDocument.objects.get(title="Copper from circuit boards")
    assert copper.extraction_status == ExtractionStatus.INDEXED and copper.language == "en"
    assert [m.slug for m in copper.metals.all()] == ["cu"]

    halde = PortalDocument.objects.get(title="Haldensickerwasser rammelsberg")  # from the file name
    assert halde.extraction_status == ExtractionStatus.INDEXED and halde.page_count == 1

    damaged = PortalDocument.objects.get(title="Beschaedigt")  # kept, with its reason, for an editor
    assert damaged.extraction_status == ExtractionStatus.FAILED and "damaged" in damaged.status_reason
    assert PortalDocument.objects.count() == 4  # no document for the non-PDF, none for the copy


def test_a_word_only_inside_an_imported_pdf_finds_it_as_a_document(archive, tags, tmp_path):
    run(archive, "--metadata", tmp_path / "metadaten.csv")
    indium = PortalDocument.objects.get(file_hash__isnull=False, page_count=3)

    results = search(PDF_ONLY_WORD)

    assert [hit.id for hit in results.hits] == [document_entry_id(indium.pk)]
    hit = results.hits[0]
    assert hit.content_type == "document"
    assert hit.title == "Indium-Rückgewinnung aus LCD-Altglas – Tagungsband 2019"
    assert [page.number for page in hit.page_hits] == [2]
    assert set(hit.metals) >= {"ga", "cu"}
    assert [h.id for h in search("cupellation").hits] == [document_entry_id(
        PortalDocument.objects.get(title="Copper from circuit boards").pk)]


def test_importing_again_imports_nothing_twice(archive, tags, tmp_path):
    run(archive, "--metadata", tmp_path / "metadaten.csv")
    count = PortalDocument.objects.count()
    (archive / "2022").mkdir()
    (archive / "2022" / "nochmal.pdf").write_bytes((archive / "2021/haldensickerwasser_rammelsberg.pdf").read_bytes())

    out, _err, error = run(archive)

    assert PortalDocument.objects.count() == count
    assert "7 PDF file(s): 0 imported, 6 already present, 1 failed" in out
    assert "  2022/nochmal.pdf: document" in out and "'Haldensickerwasser rammelsberg'" in out
    assert "2020/beschaedigt.pdf: document" in out and "whose extraction failed" in out
    assert "2020/kaputt.pdf: The file is not a PDF" in out
    assert error is not None


def test_a_dry_run_checks_everything_and_changes_nothing(archive, tags, tmp_path):
    out, _err, error = run(archive, "--metadata", tmp_path / "metadaten.csv", "--dry-run")

    assert "6 PDF file(s): 4 would be imported, 1 already present, 1 failed; 0 pages extracted" in out
    assert "(dry run: nothing saved, nothing extracted)" in out
    assert "column metals: 'zz' is not a known metal" in out
    assert PortalDocument.objects.count() == 0
    assert get_backend().count() == 0
    assert error is not None  # the non-PDF would fail


def test_a_clean_folder_imports_into_a_collection_and_exits_normally(tmp_path, tags):
    root = Collection.get_first_root_node()
    proceedings = root.add_child(instance=Collection(name="Tagungsbände"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bericht.pdf").write_bytes(make_pdf(COPPER_PAGES))
    (tmp_path / "liste.csv").write_text('file,title,metals\nbericht.pdf,"Copper, recovered",cu|ga\n', encoding="utf-8")

    out, _err, error = run(tmp_path / "in", "--metadata", tmp_path / "liste.csv", "--collection", "tagungsbände")

    assert error is None
    assert "1 PDF file(s): 1 imported, 0 already present, 0 failed; 2 pages extracted" in out
    document = PortalDocument.objects.get()
    assert document.title == "Copper, recovered" and document.collection == proceedings
    assert {m.slug for m in document.metals.all()} == {"cu", "ga"}


def test_unusable_arguments_say_what_to_do(tmp_path, archive):
    with pytest.raises(CommandError, match="is not a folder"):
        call_command("import_pdfs", str(tmp_path / "nirgends"))
    with pytest.raises(CommandError, match="no collection named 'Archiv'.*Settings → Collections"):
        call_command("import_pdfs", str(archive), "--collection", "Archiv")
    (tmp_path / "latin1.csv").write_bytes("file;title\nx.pdf;Rückgewinnung\n".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8.*CSV UTF-8"):
        call_command("import_pdfs", str(archive), "--metadata", str(tmp_path / "latin1.csv"))
    (tmp_path / "ohne.csv").write_text("datei;titel\nx.pdf;Titel\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no 'file' column \\(found: datei, titel; read with ';'"):
        call_command("import_pdfs", str(archive), "--metadata", str(tmp_path / "ohne.csv"))
    assert PortalDocument.objects.count() == 0


# --- Tag values as people write them ------------------------------------------------------
#
# The sheets below are what members send: names instead of slugs, in German or
# English, symbols, any case, umlauts typed or not, several values in one cell.
# The rows each test needs are made here, whether or not migrate loaded them.

IFAD = "Institut für Aufbereitung, Deponietechnik und Geomechanik"  # a comma inside a name


def metal(slug: str, **fields) -> Metal:
    return Metal.objects.update_or_create(slug=slug, defaults=fields)[0]


def process(slug: str, **fields) -> Process:
    return Process.objects.update_or_create(slug=slug, defaults=fields)[0]


def institution(slug: str, name: str, kind=Institution.Kind.RESEARCH_INSTITUTE) -> Institution:
    return Institution.objects.update_or_create(slug=slug, defaults={"name": name, "kind": kind})[0]


@pytest.fixture
def vocabulary():
    metal("cu", name_de="Kupfer", name_en="Copper", symbol="Cu")
    metal("sn", name_de="Zinn", name_en="Tin", symbol="Sn")
    metal("in", name_de="Indium", name_en="Indium", symbol="In")
    metal("ree", name_de="Seltene Erden", name_en="Rare earth elements", symbol="")
    process("leaching", name_de="Laugung", name_en="Leaching")
    process("precipitation", name_de="Fällung", name_en="Precipitation")
    process("metal-recovery", name_de="Rückgewinnung", name_en="Metal recovery")
    institution("tu-clausthal", "TU Clausthal", Institution.Kind.UNIVERSITY)
    institution("ifad", IFAD)


@pytest.fixture
def folder(tmp_path) -> Path:
    """Three short reports, one German, two English."""
    root = tmp_path / "berichte"
    root.mkdir()
    texts = {
        "indium.pdf": ["Indium und Zinn aus dem Glas von Flachbildschirmen: Laugung mit Salzsäure."],
        "copper.pdf": ["Copper recovery from shredded printed circuit boards by leaching in ammonia."],
        "magnets.pdf": ["Rare earth elements from end-of-life magnets: precipitation as oxalates."],
    }
    for name, pages in texts.items():
        (root / name).write_bytes(make_pdf(pages, title=name))
    return root


def import_sheet(folder: Path, sheet: str, *options) -> tuple[str, CommandError | None]:
    path = folder.parent / "metadaten.csv"
    path.write_text(sheet, encoding="utf-8")
    out, _err, error = run(folder, "--metadata", path, *options)
    return out, error


def imported(filename: str) -> PortalDocument:
    """The document imported from ``filename`` (storage may have added a suffix to the name)."""
    return PortalDocument.objects.get(file__contains=Path(filename).stem)


def tags_of(filename: str) -> dict[str, set[str]]:
    document = imported(filename)
    return {column: {item.slug for item in getattr(document, column).all()}
            for column in ("metals", "processes", "institutions")}


def test_values_are_slugs_names_in_either_language_or_symbols_in_any_case(vocabulary, folder):
    # German Excel: semicolons; the singular column names; a quoted cell holding the delimiter.
    sheet = (
        "\ufefffile;title;metal;process;institution\n"
        'indium.pdf;Indium aus Flachbildschirmen;"indium; ZINN";laugung;TU Clausthal\n'
        'copper.pdf;Copper from circuit boards;"COPPER;cu;Kupfer";Leaching|Ruckgewinnung;tu-clausthal\n'
        f"magnets.pdf;Rare earths from magnets;Rare Earth Elements;Faellung;{IFAD.upper()}\n"
    )

    out, error = import_sheet(folder, sheet)

    assert error is None, out
    assert tags_of("indium.pdf") == {"metals": {"in", "sn"}, "processes": {"leaching"},
                                     "institutions": {"tu-clausthal"}}
    assert tags_of("copper.pdf") == {"metals": {"cu"}, "processes": {"leaching", "metal-recovery"},
                                     "institutions": {"tu-clausthal"}}
    assert tags_of("magnets.pdf") == {"metals": {"ree"}, "processes": {"precipitation"}, "institutions": {"ifad"}}
    assert "Tag values: 13 placed, 0 not placed." in out
    assert "Warnings:" not in out


def test_a_comma_separated_sheet_takes_several_values_in_a_quoted_cell(vocabulary, folder):
    sheet = (
        "file,title,metals,processes,institutions\n"
        f'indium.pdf,"Indium, Zinn","Cu, sn, In",Leaching,"{IFAD}; TU Clausthal"\n'
    )

    out, error = import_sheet(folder, sheet)

    assert error is None, out
    assert imported("indium.pdf").title == "Indium, Zinn"
    assert tags_of("indium.pdf") == {"metals": {"cu", "sn", "in"}, "processes": {"leaching"},
                                     "institutions": {"ifad", "tu-clausthal"}}


def test_a_phrase_of_an_active_synonym_set_names_what_the_set_names(vocabulary, folder):
    process("solvent-extraction", name_de="Solventextraktion", name_en="Solvent extraction")
    # Seeded by migrate: "Seltene Erden / … / SEE / REE / rare earths …" and "Solventextraktion / … / SX".
    assert SynonymSet.objects.filter(active=True, terms__contains="\nSEE\n").exists()
    SynonymSet.objects.create(terms="Zinn\nStannum", active=False)
    sheet = "file;metals;processes\nmagnets.pdf;SEE, rare earths, Stannum;SX\n"

    out, _error = import_sheet(folder, sheet)

    assert tags_of("magnets.pdf")["metals"] == {"ree"}
    assert tags_of("magnets.pdf")["processes"] == {"solvent-extraction"}
    assert "Tag values: 3 placed, 1 not placed" in out
    assert "column metals: 'Stannum' is not a known metal" in out  # its set is not active


def test_values_that_name_nothing_are_listed_with_the_nearest_choices_and_the_rest_is_kept(vocabulary, folder):
    institution("imet-clausthal", "Institut für Metallurgie", Institution.Kind.UNIVERSITY)
    institution("imet-freiberg", "Institut für Metallurgie")  # the same name at two universities
    sheet = (
        "file;title;metals;processes;institution\n"
        'copper.pdf;Copper from circuit boards;Kupfr;Laugnug|leaching;"TU Clausthall; Institut für Metallurgie"\n'
        "indium.pdf;Indium;Unobtainium;;\n"
    )

    out, error = import_sheet(folder, sheet)

    assert error is None, out
    assert "Tag values: 1 placed, 5 not placed (listed under Warnings; the files were imported without them)." in out
    lines = [line.strip() for line in out.splitlines() if line.startswith("  metadata line")]
    expected = [  # the nearest choice first; others the database holds may follow
        "metadata line 2 (copper.pdf), column metals: 'Kupfr' is not a known metal; nearest: cu (Kupfer / Copper)",
        "metadata line 2 (copper.pdf), column processes: 'Laugnug' is not a known process; "
        "nearest: leaching (Laugung / Leaching)",
        "metadata line 2 (copper.pdf), column institution: 'TU Clausthall' is not a known institution; "
        "nearest: tu-clausthal (TU Clausthal)",
        "metadata line 2 (copper.pdf), column institution: 'Institut für Metallurgie' names several institutions: "
        "imet-clausthal (Institut für Metallurgie); imet-freiberg (Institut für Metallurgie). "
        "Write the slug of the one meant.",
        "metadata line 3 (indium.pdf), column metals: 'Unobtainium' is not a known metal",
    ]
    assert len(lines) == len(expected) and all(map(str.startswith, lines, expected)), lines
    assert tags_of("copper.pdf") == {"metals": set(), "processes": {"leaching"}, "institutions": set()}
    assert imported("indium.pdf").extraction_status == ExtractionStatus.INDEXED


def test_create_missing_creates_unknown_institutions_and_never_metals_or_processes(vocabulary, folder):
    sheet = (
        "file;title;metals;processes;institutions\n"
        "copper.pdf;Copper;cu;leaching;Helmholtz-Institut Freiberg für Ressourcentechnologie;\n"
        'magnets.pdf;Magnets;Unobtainium;Magnetlaugung;"Umicore AG & Co. KG; helmholtz-institut freiberg für '
        'ressourcentechnologie"\n'
    )
    before = (Metal.objects.count(), Process.objects.count(), Institution.objects.count())

    out, _error = import_sheet(folder, sheet, "--create-missing", "--dry-run")
    assert "Institutions that would be created (check their type and add a description in the admin):" in out
    assert Institution.objects.count() == before[2]

    out, error = import_sheet(folder, sheet, "--create-missing")

    assert error is None, out
    assert "Institutions created (check their type and add a description in the admin):" in out
    assert ("  Helmholtz-Institut Freiberg für Ressourcentechnologie: slug "
            "helmholtz-institut-freiberg-fuer-ressourcentechnologie, type institute (metadata line 2)") in out
    assert "  Umicore AG & Co. KG: slug umicore-ag-co-kg, type company (metadata line 3)" in out
    hzdr = Institution.objects.get(slug="helmholtz-institut-freiberg-fuer-ressourcentechnologie")
    assert hzdr.name == "Helmholtz-Institut Freiberg für Ressourcentechnologie"
    assert hzdr.kind == Institution.Kind.RESEARCH_INSTITUTE
    assert Institution.objects.get(slug="umicore-ag-co-kg").kind == Institution.Kind.COMPANY
    assert (Metal.objects.count(), Process.objects.count(), Institution.objects.count()) == (
        before[0], before[1], before[2] + 2)  # the second mention of the institute finds the one just made
    assert tags_of("copper.pdf")["institutions"] == {hzdr.slug}
    assert tags_of("magnets.pdf") == {"metals": set(), "processes": set(),
                                      "institutions": {hzdr.slug, "umicore-ag-co-kg"}}
    assert "column metals: 'Unobtainium' is not a known metal" in out
    assert "column processes: 'Magnetlaugung' is not a known process; nearest: leaching (Laugung / Leaching)" in out


def test_the_indexed_document_carries_the_slugs_in_its_facets(vocabulary, folder):
    sheet = "file;metal;process;institution\ncopper.pdf;Kupfer, Zinn;Leaching;TU Clausthal\n"

    import_sheet(folder, sheet)

    copper = imported("copper.pdf")
    hits = run_search(parse_query({"q": "ammonia", "metal": "sn", "institution": "tu-clausthal"})).results.hits
    assert [hit.id for hit in hits] == [document_entry_id(copper.pk)]
    assert set(hits[0].metals) == {"cu", "sn"}
    assert "leaching" in hits[0].processes  # with the broader processes the portal adds
    assert hits[0].institutions == ("tu-clausthal",)
    results = run_search(parse_query({"q": "ammonia"})).results
    assert {facet.value for facet in results.facets["metal"]} == {"cu", "sn"}
    assert {facet.value for facet in results.facets["institution"]} == {"tu-clausthal"}


@pytest.mark.parametrize("name, kind", [
    ("TU Bergakademie Freiberg", Institution.Kind.UNIVERSITY),
    ("Hochschule Nordharz", Institution.Kind.UNIVERSITY),
    ("Institut für Aufbereitung, Deponietechnik und Geomechanik der TU Clausthal", Institution.Kind.UNIVERSITY),
    ("Fraunhofer-Einrichtung für Wertstoffkreisläufe IWKS", Institution.Kind.RESEARCH_INSTITUTE),
    ("Max-Planck-Institut für Eisenforschung GmbH", Institution.Kind.RESEARCH_INSTITUTE),
    ("Harzer Metallhütte Langelsheim GmbH", Institution.Kind.COMPANY),
    ("Nordic Battery Circularity AB", Institution.Kind.COMPANY),
    ("Stadt Goslar", Institution.Kind.MUNICIPALITY),
    ("Kommunale Abfallwirtschaft Nordharz", Institution.Kind.MUNICIPALITY),
    ("Recyclingnetzwerk Harz e.V.", Institution.Kind.ASSOCIATION),
    ("Harzer Wasserwirtschaftsverband", Institution.Kind.ASSOCIATION),
    ("Silesian Institute of Non-Ferrous Metals", Institution.Kind.RESEARCH_INSTITUTE),
    ("Urban Mining Lab Goslar", Institution.Kind.RESEARCH_INSTITUTE),  # nothing to go by: the default
])
def test_a_created_institution_gets_the_type_its_name_suggests(name, kind):
    assert institution_kind(name) == kind


# --- cost: no refresh per file ------------------------------------------------------------


def test_an_import_writes_without_refreshing_and_refreshes_once_at_the_end(archive, tags, embedded_index,
                                                                            monkeypatch):
    backend_class = type(embedded_index)
    writes, refreshes = [], []
    original_index, original_delete, original_refresh = backend_class.index, backend_class.delete, backend_class.refresh

    def index(self, documents, refresh=True):
        writes.append(("index", refresh))
        return original_index(self, documents, refresh=refresh)

    def delete(self, ids, refresh=True):
        writes.append(("delete", refresh))
        return original_delete(self, ids, refresh=refresh)

    def refresh(self):
        refreshes.append(True)
        return original_refresh(self)

    monkeypatch.setattr(backend_class, "index", index)
    monkeypatch.setattr(backend_class, "delete", delete)
    monkeypatch.setattr(backend_class, "refresh", refresh)

    _out, _err, error = run(archive)

    assert error is not None  # the two bad files
    assert writes and not any(refreshed for _kind, refreshed in writes), writes
    assert len(refreshes) == 1  # once, at the end
    # and everything imported is searchable when the command returns; one failure did not stop the others
    indium, copper = (PortalDocument.objects.get(title=title) for title in ("Indium aus LCD-Altglas",
                                                                               "Copper pcb report"))
    assert [hit.id for hit in search(PDF_ONLY_WORD).hits] == [document_entry_id(indium.pk)]
    assert [hit.id for hit in search("cupellation").hits] == [document_entry_id(copper.pk)]
    assert PortalDocument.objects.filter(extraction_status=ExtractionStatus.INDEXED).count() == 3
