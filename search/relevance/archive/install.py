"""A fresh install with the archive imported, as a new user would do it (needs Django set up).

:func:`install` migrates the throwaway database (no ``seed_demo``: the
reference vocabulary is whatever the migrations create), writes the
archive's PDFs into a folder and runs ``manage.py import_pdfs FOLDER
--metadata metadata.csv --create-missing``.  It then finds each file's
document by the SHA-256 of the PDF written (``PortalDocument.content_hash``),
fills in the profiles of the institutions the import created
(:mod:`search.relevance.archive.institutions`: what a new member writes on
its profile), and returns the :class:`~search.relevance.evaluate.Corpus` the backends are
filled with (every entry the site indexes: the documents and any
institutions the import created), and an :class:`ImportReport` of what the
import did with the metadata.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError

from ingest.indexing import document_entry_id, expected_entries
from ingest.models import PortalDocument
from search.relevance.archive.documents import METADATA, documents, key_of, write_pdfs
from search.relevance.archive.institutions import apply_profiles
from search.relevance.evaluate import Corpus, SeedFailed

#: the CSV columns that name tags, and the PortalDocument relation each fills
TAG_COLUMNS = {"metals": "metals", "processes": "processes", "institution": "institutions"}
_SEPARATORS = re.compile(r"[;,|]")


@dataclass
class ImportReport:
    """What ``import_pdfs`` made of the archive and its metadata sheet."""

    create_missing: bool  # whether the command accepted --create-missing
    rows: int = 0  # rows of the metadata CSV
    rows_without_file: list[str] = field(default_factory=list)  # file names written in rows that match no PDF
    files_without_row: list[str] = field(default_factory=list)
    # column -> [values written in rows that match a file, tags the documents got from them]
    placed: dict[str, list[int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # the command's warning lines about metadata
    failed: str = ""  # the command's error, if it exited with one
    output: str = ""

    def as_dict(self) -> dict:
        return {"create_missing": self.create_missing, "rows": self.rows,
                "rows_without_file": self.rows_without_file, "files_without_row": self.files_without_row,
                "placed": {column: {"written": written, "placed": placed}
                           for column, (written, placed) in self.placed.items()},
                "warnings": self.warnings, "failed": self.failed}


def install(directory: Path, profiles: bool = False) -> tuple[Corpus, ImportReport]:
    """Migrate, import the archive with its metadata, and check that every file became a searchable document.

    ``profiles``: also fill in the profiles of the institutions the import
    created.  Search relevance is measured without them by default (a fresh
    install with imported PDFs, as issue 10 defines it; the search
    judgements grade documents only); partner finding needs them.
    """
    call_command("migrate", verbosity=0, interactive=False)
    folder = directory / "archive"
    hashes = write_pdfs(folder)
    report = ImportReport(create_missing=supports_create_missing())
    options = {"metadata": METADATA, "verbosity": 1}
    if report.create_missing:
        options["create_missing"] = True
    out = io.StringIO()
    try:
        call_command("import_pdfs", str(folder), stdout=out, stderr=out, **options)
    except CommandError as exc:  # some files failed; which ones is checked below, with the output
        report.failed = str(exc)
    report.output = out.getvalue()
    report.warnings = _metadata_warnings(report.output)

    by_hash = dict(PortalDocument.objects.values_list("content_hash", "pk"))
    missing = sorted(key for key, digest in hashes.items() if digest not in by_hash)
    if missing:
        raise SeedFailed(f"import_pdfs made no document of {len(missing)} archive file(s) (first: {missing[0]}); "
                         f"its output:\n{report.output}")
    ids = {key: document_entry_id(by_hash[digest]) for key, digest in hashes.items()}
    if profiles and report.create_missing:
        apply_profiles()  # before the entries are taken: an institution's entry carries its profile
    corpus = Corpus(entries=tuple(expected_entries()), ids=ids)
    _check(corpus)
    _count_placed(report, folder, {key: by_hash[digest] for key, digest in hashes.items()})
    return corpus, report


def supports_create_missing() -> bool:
    """Whether this version of ``import_pdfs`` has ``--create-missing`` (another change adds it)."""
    command = load_command_class("ingest", "import_pdfs")
    parser = command.create_parser("manage.py", "import_pdfs")
    return any(action.dest == "create_missing" for action in parser._actions)


def _check(corpus: Corpus) -> None:
    entries = {entry.id: entry for entry in corpus.entries}
    absent = sorted(key for key, id_ in corpus.ids.items() if id_ not in entries)
    if absent:
        raise SeedFailed(f"{len(absent)} imported archive document(s) are no index entry (first: {absent[0]}).")
    expected = {document.key: len(document.pages) for document in documents()}
    wrong = []
    for key, id_ in corpus.ids.items():
        pages = [page for attachment in entries[id_].attachments for page in attachment.pages]
        if len(pages) != expected[key] or not all(page.text.strip() for page in pages):
            wrong.append(f"{key} ({len(pages)} of {expected[key]} pages with text)")
    if wrong:
        raise SeedFailed(f"The text of {len(wrong)} archive document(s) was not extracted as written "
                         f"(first: {wrong[0]}); see the extraction errors above.")


def _count_placed(report: ImportReport, folder: Path, pks: dict[str, int]) -> None:
    """Compare the tag values the CSV writes for each file with the tags its document got.

    Independent of the command's wording: a value counts as placed when the
    document holds a tag for it (values naming the same tag, like ``cu`` and
    ``Kupfer``, count once).
    """
    files = {path.name.casefold(): path.name for path in folder.glob("*.pdf")}
    with METADATA.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    report.rows = len(rows)
    described = set()
    written = {column: 0 for column in TAG_COLUMNS}
    placed = {column: 0 for column in TAG_COLUMNS}
    for row in rows:
        name = files.get((row.get("file") or "").strip().casefold())
        if name is None:
            report.rows_without_file.append(row.get("file") or "")
            continue
        described.add(name)
        document = PortalDocument.objects.get(pk=pks[key_of(name)])
        for column, relation in TAG_COLUMNS.items():
            values = {value.strip().casefold() for value in _SEPARATORS.split(row.get(column) or "") if value.strip()}
            tags = getattr(document, relation).count()
            written[column] += len(values)
            placed[column] += min(tags, len(values))
    report.files_without_row = sorted(set(files.values()) - described)
    report.placed = {column: [written[column], placed[column]] for column in TAG_COLUMNS}


def _metadata_warnings(output: str) -> list[str]:
    """The warning lines of ``import_pdfs`` that concern metadata (rows, columns, values)."""
    lines, inside = [], False
    for line in output.splitlines():
        if line.strip() == "Warnings:":
            inside = True
            continue
        if inside and line.startswith("  "):
            lines.append(line.strip())
        elif inside and line.strip():
            inside = False
    return [line for line in lines if "metadata" in line.lower() or "unknown" in line.lower()]
