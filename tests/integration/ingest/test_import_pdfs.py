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
from ingest.models import ExtractionStatus, PortalDocument
from portal.demo.pdf import make_pdf
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
    assert "metadata line 3 (2019/copper-pcb-report.PDF): unknown metals slug(s) zz; imported without them." in out
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
    assert "unknown metals slug(s) zz" in out
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
