"""``manage.py import_pdfs DIR [--metadata CSV] [--collection NAME] [--dry-run]``: import an archive of PDFs.

Every ``*.pdf`` under DIR (any case of the extension; hidden files and
folders are ignored) is checked by its content (``ingest.pipeline.check_file``:
magic bytes and size limit), becomes a document unless a document with the
same content exists already, and is then extracted and indexed right here
(``ingest.indexing.index_document``), so the progress bar shows real work.
A file that cannot be used is reported with the reason and the import goes
on; the command exits non-zero after the summary if any file failed.

The optional metadata CSV (UTF-8, header row, comma or semicolon: German
Excel writes semicolons) names one file per row::

    file;title;metals;processes;institutions;language
    2019/indium-lcd.pdf;Indium aus LCD-Altglas;in|sn;leaching;tu-clausthal;de

``file`` is relative to DIR; the tag columns hold slugs separated by ``|``
or ``,``; ``language`` (``de`` or ``en``) overrides the detected language.
Unknown slugs are warnings: the file is imported without them.  Files
without a row get a title made from their file name.
"""

from __future__ import annotations

import csv
import io
import re
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from ingest.extractors import ExtractionError
from ingest.indexing import index_document
from ingest.models import ExtractionStatus, PortalDocument
from ingest.pipeline import check_file
from portal.progress import Progress
from portal.taxonomy.models import Institution, Metal, Process
from search.backends import SearchUnavailable

COLUMNS = ("file", "title", "metals", "processes", "institutions", "language")
TAG_COLUMNS = {"metals": Metal, "processes": Process, "institutions": Institution}
TITLE_LENGTH = PortalDocument._meta.get_field("title").max_length


@dataclass
class Row:
    """What the metadata CSV says about one file."""

    line: int
    title: str = ""
    tags: dict[str, list[str]] = field(default_factory=dict)  # column -> slugs as written
    language: str = ""


@dataclass
class Summary:
    imported: list[str] = field(default_factory=list)
    present: dict[str, str] = field(default_factory=dict)  # file -> which document holds it
    failed: dict[str, str] = field(default_factory=dict)  # file -> reason
    warnings: list[str] = field(default_factory=list)
    pages: int = 0


class Command(BaseCommand):
    help = "Import a folder of PDFs (e.g. past proceedings) as documents, extract and index them."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="folder with the PDFs (searched recursively)")
        parser.add_argument("--metadata", type=Path, help="CSV with the columns " + ", ".join(COLUMNS))
        parser.add_argument("--collection", help="name of the Wagtail collection for the documents (default: root)")
        parser.add_argument("--dry-run", action="store_true", help="check files and metadata, change nothing")

    def handle(self, *args, directory: Path, metadata: Path | None, collection: str | None, dry_run: bool,
               verbosity: int, **options):
        started = time.monotonic()
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a folder: give the folder that holds the PDFs.")
        target = _collection(collection)
        files, hidden = find_pdfs(directory)
        if not files:
            raise CommandError(f"There are no *.pdf files in {directory} (hidden files are ignored).")
        summary = Summary()
        rows: dict[str, Row] = {}
        if metadata is not None:
            rows, unmatched = match_rows(read_metadata(metadata, summary.warnings), directory, files)
            summary.warnings += unmatched

        bar = Progress(self.stdout, len(files), unit="files", verbosity=verbosity)
        importer = _Importer(target, summary, dry_run, say=bar.write if verbosity > 1 else None)
        with bar:
            for path in files:
                name = path.relative_to(directory).as_posix()
                importer.import_file(path, name, rows.get(name))
                bar.advance()
                if importer.stopped:
                    break
        self._report(summary, len(files), hidden, dry_run, time.monotonic() - started, verbosity)
        if importer.stopped:
            raise CommandError(
                f"{importer.stopped} The import stopped at {name}; run it again once the search engine is back: "
                f"files imported so far are recognised by their content and skipped."
            )
        if summary.failed:
            raise CommandError(
                f"{len(summary.failed)} file(s) could not be imported; the reasons are listed above. "
                f"Repair or replace them and run the import again: files already imported are skipped."
            )

    def _report(self, summary: Summary, found: int, hidden: int, dry_run: bool, seconds: float,
                verbosity: int) -> None:
        if verbosity == 0 and not summary.failed:
            return
        write = self.stdout.write
        verb = "would be imported" if dry_run else "imported"
        write(f"{found} PDF file(s): {len(summary.imported)} {verb}, {len(summary.present)} already present, "
              f"{len(summary.failed)} failed; {summary.pages} pages extracted in {seconds:.1f} s"
              + (" (dry run: nothing saved, nothing extracted)" if dry_run else ""))
        if hidden and verbosity > 0:
            write(f"{hidden} hidden file(s) ignored.")
        if summary.failed:
            write("Failed:")
            for name, reason in summary.failed.items():
                write(f"  {name}: {reason}")
        if summary.present and verbosity > 0:
            write("Already present (the same content is never imported twice):")
            for name, holder in summary.present.items():
                write(f"  {name}: {holder}")
        if summary.warnings and verbosity > 0:
            write("Warnings:")
            for warning in summary.warnings:
                write(f"  {warning}")


class _Importer:
    """Imports one file after another, recording every outcome in the summary."""

    def __init__(self, collection: Collection, summary: Summary, dry_run: bool, say=None) -> None:
        self.collection = collection
        self.summary = summary
        self.dry_run = dry_run
        self.say = say or (lambda line: None)
        self.seen: dict[str, str] = {}  # content hash -> file imported in this run
        self.tags = {column: {item.slug: item for item in model.objects.all()}
                     for column, model in TAG_COLUMNS.items()}
        self.stopped = ""  # why the whole import had to stop

    def import_file(self, path: Path, name: str, row: Row | None) -> None:
        try:
            content_hash = check_file(path)
            with path.open("rb") as handle:
                file_hash = hash_filelike(handle)
        except ExtractionError as exc:
            return self._fail(name, exc.message)
        except OSError as exc:
            return self._fail(name, f"The file cannot be read ({exc.strerror or exc}). Check its permissions.")
        holder = self._holder(content_hash, file_hash)
        if holder:
            self.summary.present[name] = holder
            self.say(f"{name}: already present ({holder})")
            return
        title = row.title if row and row.title else prettify(path.name)
        if len(title) > TITLE_LENGTH:
            self.summary.warnings.append(f"{name}: the title is longer than {TITLE_LENGTH} characters; shortened.")
            title = title[:TITLE_LENGTH]
        tags = self._tags(name, row)
        if self.dry_run:
            self.summary.imported.append(name)
        elif not self._create(path, name, title, tags, file_hash, row.language if row else ""):
            return
        self.seen[content_hash] = name

    def _create(self, path: Path, name: str, title: str, tags: dict[str, list], file_hash: str,
                language: str) -> bool:
        """Create, extract and index the document; False if nothing was kept."""
        document = PortalDocument(title=title, collection=self.collection, file_hash=file_hash,
                                  file_size=path.stat().st_size)
        try:
            # One transaction per file: a file that breaks the pipeline leaves no half-made document,
            # and indexing tasks that signals queue on commit find the work already done.
            with transaction.atomic():
                with path.open("rb") as handle:
                    document.file.save(path.name, File(handle), save=False)
                document.save()
                for column, items in tags.items():
                    if items:
                        getattr(document, column).set(items)
                index_document(document.pk)
                changed = language and PortalDocument.objects.filter(pk=document.pk).exclude(
                    language=language).update(language=language)
                if changed:
                    index_document(document.pk)  # the entry carries the language; nothing is extracted again
        except SearchUnavailable as exc:
            self._discard(document)
            self.stopped = str(exc)
            return False
        except Exception as exc:  # a hostile file may break the pipeline in ways nobody listed
            if self._discard(document):
                self._fail(name, f"Importing it failed unexpectedly ({type(exc).__name__}: {exc}); "
                                 f"report this file to the developers.")
                return False
            # Committed: the error came from an indexing task run after the commit.
            self.summary.warnings.append(f"{name}: imported, but indexing it again afterwards failed: {exc!r}")
        document = PortalDocument.objects.get(pk=document.pk)
        if document.extraction_status == ExtractionStatus.FAILED:
            # The document stays, with its reason, for an editor to see and retry.
            self._fail(name, f"{document.status_reason} (kept as document {document.pk})")
            return True
        self.summary.imported.append(name)
        self.summary.pages += document.page_count or 0
        self.say(f"{name}: imported as document {document.pk} ({document.page_count} pages)")
        return True

    def _holder(self, content_hash: str, file_hash: str) -> str:
        """Which document (or earlier file of this run) already has this content; '' if none."""
        if content_hash in self.seen:
            return f"same content as {self.seen[content_hash]}, imported in this run"
        existing = PortalDocument.objects.filter(Q(content_hash=content_hash) | Q(file_hash=file_hash)).first()
        if existing is None:
            return ""
        holder = f"document {existing.pk} '{existing.title}'"
        if existing.extraction_status == ExtractionStatus.FAILED:
            holder += f", whose extraction failed: {existing.status_reason}"
        return holder

    def _tags(self, name: str, row: Row | None) -> dict[str, list]:
        found: dict[str, list] = {}
        for column, slugs in (row.tags.items() if row else ()):
            known = self.tags[column]
            unknown = [slug for slug in slugs if slug not in known]
            if unknown:
                self.summary.warnings.append(
                    f"metadata line {row.line} ({name}): unknown {column} slug(s) {', '.join(unknown)}; imported "
                    f"without them. The valid slugs are listed in the admin under Snippets."
                )
            found[column] = [known[slug] for slug in slugs if slug in known]
        return found

    def _fail(self, name: str, reason: str) -> None:
        self.summary.failed[name] = reason
        self.say(f"{name}: failed: {reason}")

    def _discard(self, document: PortalDocument) -> bool:
        """Remove the stored file of a document whose transaction was rolled back; False if it exists."""
        if document.pk and PortalDocument.objects.filter(pk=document.pk).exists():
            return False
        if document.file.name:
            document.file.storage.delete(document.file.name)
        return True


# --- files and metadata ------------------------------------------------------------


def find_pdfs(directory: Path) -> tuple[list[Path], int]:
    """The PDF files under ``directory`` by name (any case), sorted; and how many hidden ones were ignored."""
    found, hidden = [], 0
    for path in sorted(directory.rglob("*")):
        if not path.is_file() or path.suffix.lower() != ".pdf":
            continue
        if any(part.startswith(".") for part in path.relative_to(directory).parts):
            hidden += 1  # ._name.pdf from macOS archives, .Trash, ...
            continue
        found.append(path)
    return found, hidden


def prettify(filename: str) -> str:
    """A title from a file name: ``indium_recovery-2019.pdf`` becomes ``Indium recovery 2019``.

    Hyphens are kept when the name also has spaces or underscores, since
    then they are probably part of words (``LCD-Altglas``).
    """
    stem = filename[: -len(Path(filename).suffix)] if Path(filename).suffix else filename
    separators = r"[_\s]+" if re.search(r"[_\s]", stem) else r"[-_\s]+"
    words = re.sub(separators, " ", stem).strip()
    if not words:
        return filename
    return words[0].upper() + words[1:]


def read_metadata(path: Path, warnings: list[str]) -> list[tuple[str, Row]]:
    """The rows of the metadata CSV as (file as written, Row); problems with a row become warnings."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte-order mark
    except FileNotFoundError:
        raise CommandError(f"The metadata file {path} does not exist.") from None
    except UnicodeDecodeError as exc:
        raise CommandError(
            f"The metadata file {path} is not UTF-8 (byte {exc.start}). Save it as 'CSV UTF-8' "
            f"(Excel: Speichern unter → CSV UTF-8) and run again."
        ) from None
    except OSError as exc:
        raise CommandError(f"The metadata file {path} cannot be read ({exc.strerror or exc}).") from None
    header = next((line for line in text.splitlines() if line.strip()), "")
    # A header names columns and holds no delimiter of the other kind, so counting decides.
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    if "file" not in columns:
        raise CommandError(
            f"The metadata file {path} has no 'file' column (found: {', '.join(columns) or 'nothing'}; "
            f"read with {delimiter!r} as delimiter). The first row must name the columns: {', '.join(COLUMNS)}."
        )
    reader.fieldnames = columns
    unknown = [name for name in columns if name not in COLUMNS]
    if unknown:
        warnings.append(f"metadata: unknown column(s) {', '.join(unknown)} ignored; known are {', '.join(COLUMNS)}.")
    rows = []
    for record in reader:
        line = reader.line_num
        if None in record:
            warnings.append(f"metadata line {line}: more values than columns (a {delimiter!r} inside a value "
                            f"must be quoted); the extra values are ignored.")
        values = {key: (value or "").strip() for key, value in record.items() if key in COLUMNS}
        if not any(values.values()):
            continue
        if not values.get("file"):
            warnings.append(f"metadata line {line}: no file named; the row is ignored.")
            continue
        language = values.get("language", "").lower()
        if language and language not in dict(settings.LANGUAGES):
            warnings.append(f"metadata line {line}: language {language!r} is neither 'de' nor 'en'; "
                            f"the detected language is used.")
            language = ""
        tags = {column: _slugs(values.get(column, "")) for column in TAG_COLUMNS if values.get(column)}
        rows.append((values["file"], Row(line=line, title=values.get("title", ""), tags=tags, language=language)))
    return rows


def match_rows(rows: list[tuple[str, Row]], directory: Path,
               files: list[Path]) -> tuple[dict[str, Row], list[str]]:
    """Rows by the file they describe (relative POSIX path); rows naming no PDF found are warnings."""
    warnings: list[str] = []
    names = {path.relative_to(directory).as_posix(): path for path in files}
    folded = {name.casefold(): name for name in names}
    matched: dict[str, Row] = {}
    for written, row in rows:
        wanted = PurePosixPath(written.replace("\\", "/")).as_posix().removeprefix("./")
        name = wanted if wanted in names else folded.get(wanted.casefold())
        if name is None:
            what = "is not a PDF file" if (directory / wanted).is_file() else "does not exist"
            warnings.append(f"metadata line {row.line}: {written} {what} under {directory}; the row is ignored.")
            continue
        if name in matched:
            warnings.append(f"metadata line {row.line}: {written} was already described on line "
                            f"{matched[name].line}; this row is ignored.")
            continue
        matched[name] = row
    return matched, warnings


def _slugs(value: str) -> list[str]:
    return list(dict.fromkeys(slug.strip().lower() for slug in re.split(r"[|,]", value) if slug.strip()))


def _collection(name: str | None) -> Collection:
    root = Collection.get_first_root_node()
    if not name:
        return root
    found = Collection.objects.filter(name=name).first() or Collection.objects.filter(name__iexact=name).first()
    if found is None:
        known = ", ".join(Collection.objects.exclude(pk=root.pk).values_list("name", flat=True)[:20])
        raise CommandError(
            f"There is no collection named {name!r} (known: {known or 'none besides the root'}). Create it in the "
            f"admin under Settings → Collections, or leave out --collection to import into the root collection."
        )
    return found
