"""``manage.py import_pdfs DIR [--metadata CSV] [--create-missing] [--collection NAME] [--dry-run]``: import PDFs.

Every ``*.pdf`` under DIR (any case of the extension; hidden files and
folders are ignored) is checked by its content (``ingest.pipeline.check_file``:
magic bytes and size limit), becomes a document unless a document with the
same content exists already, and is then extracted and indexed right here
(``ingest.indexing.index_document``), so the progress bar shows real work.
A file that cannot be used is reported with the reason and the import goes
on; the command exits non-zero after the summary if any file failed.

The optional metadata CSV (UTF-8, header row, comma or semicolon: German
Excel writes semicolons) names one file per row::

    file;title;metal;process;institution;language
    2019/indium-lcd.pdf;Indium aus LCD-Altglas;"Indium, Zinn";Laugung;TU Clausthal;de

``file`` is relative to DIR; ``language`` (``de`` or ``en``) overrides the
detected language.  The tag columns ``metals``, ``processes`` and
``institutions`` (or ``metal``, ``process``, ``institution``) hold one or
more values separated by ``;``, ``,`` or ``|`` (quote the field when the
separator is the file's delimiter).  A value is what people write: the slug
(``cu``), the German or English name (``Kupfer``, ``copper``), for metals
the symbol (``Cu``), for institutions the name or the slug, or a phrase of
an editors' synonym set that holds one of these (``SEE`` for the rare
earths, ``SX`` for solvent extraction); case and accents do not matter
(``Ruckgewinnung`` is ``Rückgewinnung``, ``ae`` may stand for ``ä``).  A
separator inside a known name ("Institut für Aufbereitung, Deponietechnik
und Geomechanik") belongs to the name.

A value that names nothing known is listed with its line, column and the
nearest known values; the file is imported with the values that were
placed.  ``--create-missing`` creates the institutions that are not known
yet (see :data:`KIND_HINTS` for their type); metals and processes are never
created: they are the portal's reference vocabulary.  Files without a row
get a title made from their file name.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from ingest.extractors import ExtractionError
from ingest.indexing import index_document
from ingest.signals import indexed_by_caller
from ingest.models import ExtractionStatus, PortalDocument
from ingest.pipeline import check_file, extract_document
from portal.progress import Progress
from portal.synonyms.models import SynonymSet, split_terms
from portal.taxonomy.models import Institution, Metal, Process
from search.backends import SearchUnavailable, get_backend

COLUMNS = ("file", "title", "metals", "processes", "institutions", "language")
SINGULAR = {"metal": "metals", "process": "processes", "institution": "institutions"}
TAG_COLUMNS = {"metals": Metal, "processes": Process, "institutions": Institution}
# What a value may be, per tag column: these fields of the rows, compared ignoring case and accents.
NAME_FIELDS = {
    "metals": ("slug", "symbol", "name_de", "name_en"),
    "processes": ("slug", "name_de", "name_en"),
    "institutions": ("slug", "name"),
}
VALUE_SEPARATORS = re.compile(r"[;,|]")
TITLE_LENGTH = PortalDocument._meta.get_field("title").max_length
INSTITUTION_NAME_LENGTH = Institution._meta.get_field("name").max_length
INSTITUTION_SLUG_LENGTH = Institution._meta.get_field("slug").max_length

#: The type given to an institution that ``--create-missing`` creates: the
#: first whose pattern the name matches (ignoring case and accents; an
#: institute that is a GmbH is an institute), else a research institute,
#: where most authors of the cluster's papers work.
KIND_HINTS = (
    (Institution.Kind.UNIVERSITY,
     re.compile(r"\b(universit\w*|\w*hochschule|bergakademie|tu|th|fh|rwth|kit|college)\b")),
    (Institution.Kind.RESEARCH_INSTITUTE, re.compile(r"\b(\w*institut\w*|fraunhofer|helmholtz|leibniz)\b")),
    (Institution.Kind.COMPANY,
     re.compile(r"\b(gmbh|ag|kg|kgaa|se|ug|ohg|ltd|limited|inc|llc|plc|corp|s ?a|b ?v|n ?v|ab|oy|spa|srl|sarl|sas"
                r"|s ?r ?o)\b")),
    (Institution.Kind.MUNICIPALITY,
     re.compile(r"\b(stadt|gemeinde|samtgemeinde|landkreis|kommunal\w*|city of|county|municipality)\b")),
    (Institution.Kind.ASSOCIATION, re.compile(r"\b(e ?v|\w*verband|\w*verein|\w*cluster|netzwerk|association)\b")),
)
DEFAULT_KIND = Institution.Kind.RESEARCH_INSTITUTE


@dataclass
class Row:
    """What the metadata CSV says about one file."""

    line: int
    title: str = ""
    # tag column -> (column as written in the header, field as written)
    tags: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    language: str = ""


@dataclass
class Summary:
    imported: list[str] = field(default_factory=list)
    present: dict[str, str] = field(default_factory=dict)  # file -> which document holds it
    failed: dict[str, str] = field(default_factory=dict)  # file -> reason
    warnings: list[str] = field(default_factory=list)
    pages: int = 0
    placed: int = 0  # tag values that named a metal, process or institution
    unplaced: list[str] = field(default_factory=list)  # one line per value that named nothing
    created: list[str] = field(default_factory=list)  # institutions made by --create-missing


class Command(BaseCommand):
    help = (
        "Import a folder of PDFs (e.g. past proceedings) as documents, extract and index them. The metadata CSV's "
        "tag columns (metals, processes, institutions, or metal, process, institution) take slugs, German or "
        "English names and element symbols, several separated by ';', ',' or '|'; values that name nothing known "
        "are listed with the nearest known ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="folder with the PDFs (searched recursively)")
        parser.add_argument("--metadata", type=Path,
                            help="CSV (UTF-8, ',' or ';') with the columns " + ", ".join(COLUMNS)
                            + "; the tag columns may be named in the singular too")
        parser.add_argument(
            "--create-missing", action="store_true",
            help="create the institutions the metadata names but the portal does not know, with a slug made from "
                 "the name and a type guessed from it: university (Universität, Hochschule, TU...), "
                 "institute (Institut, Fraunhofer...), company (GmbH, AG, Ltd, SA, AB...), "
                 "municipality (Stadt, Gemeinde, Landkreis, kommunal...), "
                 "association (e.V., ...verband, ...verein, ...cluster), otherwise institute (research institute); "
                 "check them in the admin. Metals and processes are never created.")
        parser.add_argument("--collection", help="name of the Wagtail collection for the documents (default: root)")
        parser.add_argument("--dry-run", action="store_true", help="check files and metadata, change nothing")

    def handle(self, *args, directory: Path, metadata: Path | None, collection: str | None, dry_run: bool,
               create_missing: bool, verbosity: int, **options):
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
        importer = _Importer(target, summary, dry_run, create_missing, say=bar.write if verbosity > 1 else None)
        with bar:
            for path in files:
                name = path.relative_to(directory).as_posix()
                importer.import_file(path, name, rows.get(name))
                bar.advance()
                if importer.stopped:
                    break
        if importer.indexed:
            try:  # one refresh for the whole import: everything imported is searchable once it returns
                get_backend().refresh()
            except SearchUnavailable as exc:
                importer.stopped = importer.stopped or str(exc)
        self._report(summary, len(files), hidden, dry_run, time.monotonic() - started, verbosity,
                     tagged=any(row.tags for row in rows.values()))
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
                verbosity: int, tagged: bool) -> None:
        if verbosity == 0 and not summary.failed:
            return
        write = self.stdout.write
        verb = "would be imported" if dry_run else "imported"
        write(f"{found} PDF file(s): {len(summary.imported)} {verb}, {len(summary.present)} already present, "
              f"{len(summary.failed)} failed; {summary.pages} pages extracted in {seconds:.1f} s"
              + (" (dry run: nothing saved, nothing extracted)" if dry_run else ""))
        if tagged and verbosity > 0:
            write(f"Tag values: {summary.placed} placed, {len(summary.unplaced)} not placed"
                  + (" (listed under Warnings; the files were imported without them)." if summary.unplaced else "."))
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
        if summary.created and verbosity > 0:
            write(("Institutions that would be created" if dry_run else "Institutions created")
                  + " (check their type and add a description in the admin):")
            for line in summary.created:
                write(f"  {line}")
        if (summary.unplaced or summary.warnings) and verbosity > 0:
            write("Warnings:")
            for warning in summary.unplaced + summary.warnings:
                write(f"  {warning}")


class _Importer:
    """Imports one file after another, recording every outcome in the summary."""

    def __init__(self, collection: Collection, summary: Summary, dry_run: bool, create_missing: bool = False,
                 say=None) -> None:
        self.collection = collection
        self.summary = summary
        self.dry_run = dry_run
        self.create_missing = create_missing
        self.say = say or (lambda line: None)
        self.seen: dict[str, str] = {}  # content hash -> file imported in this run
        synonym_sets = [split_terms(terms) for terms in SynonymSet.objects.filter(active=True).values_list(
            "terms", flat=True)]
        self.vocabularies = {column: TagVocabulary.load(column, synonym_sets) for column in TAG_COLUMNS}
        self.stopped = ""  # why the whole import had to stop
        self.indexed = 0  # documents written to the index (without a refresh each)

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
        tags = self._tags(name, row)  # before the file's transaction: institutions it creates stay
        if self.dry_run:
            self.summary.imported.append(name)
        elif not self._create(path, name, title, tags, file_hash, row.language if row else ""):
            return
        self.seen[content_hash] = name

    def _create(self, path: Path, name: str, title: str, tags: dict[str, list[int]], file_hash: str,
                language: str) -> bool:
        """Create, extract and index the document; False if nothing was kept."""
        document = PortalDocument(title=title, collection=self.collection, file_hash=file_hash,
                                  file_size=path.stat().st_size)
        try:
            # One transaction per file: a file that breaks the pipeline leaves no half-made document,
            # and indexing tasks that signals queue on commit find the work already done.
            # The document is indexed here, without a refresh (one at the end), and its save queues no task
            # that would index it again.
            with indexed_by_caller(), transaction.atomic():
                with path.open("rb") as handle:
                    document.file.save(path.name, File(handle), save=False)
                document.save()
                for column, items in tags.items():
                    if items:
                        getattr(document, column).set(items)
                if language:  # the metadata's language overrules detection; the entry carries it
                    extract_document(document)
                    PortalDocument.objects.filter(pk=document.pk).exclude(language=language).update(
                        language=language)
                index_document(document.pk, refresh=False)  # extracts, unless done just above
                self.indexed += 1
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

    def _tags(self, name: str, row: Row | None) -> dict[str, list[int]]:
        """The primary keys each tag column of the row names; what names nothing is listed in the summary."""
        found: dict[str, list[int]] = {}
        for column, fields in (row.tags.items() if row else ()):
            vocabulary = self.vocabularies[column]
            placed: list[int] = []
            for header, text in fields:
                for value in vocabulary.split(text):
                    matches = vocabulary.find(value)
                    if not matches and column == "institutions" and self.create_missing:
                        matches = self._new_institution(value, row.line)
                    if len(matches) == 1:
                        self.summary.placed += 1
                        placed.append(matches[0])
                        continue
                    where = f"metadata line {row.line} ({name}), column {header}: {value!r}"
                    self.summary.unplaced.append(f"{where} {vocabulary.why_not(value, matches)}")
            found[column] = [pk for pk in dict.fromkeys(placed) if pk is not None]
        return found

    def _new_institution(self, value: str, line: int) -> list[int | None]:
        """Create the institution ``value`` names (not in a dry run); [] if it cannot be a name."""
        if len(value) > INSTITUTION_NAME_LENGTH:
            return []
        kind = institution_kind(value)
        vocabulary = self.vocabularies["institutions"]
        slug = unique_slug(value, taken=vocabulary.slugs)
        if self.dry_run:
            pk = None  # counted as placed; nothing to tag
        else:
            pk = Institution.objects.create(name=value, slug=slug, kind=kind).pk
        vocabulary.add(pk, f"{slug} ({value})", (slug, value), slug=slug)
        self.summary.created.append(f"{value}: slug {slug}, type {kind.value} (metadata line {line})")
        return [pk]

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


# --- tag values ---------------------------------------------------------------------


def fold(text: str) -> str:
    """``text`` as values are compared: case, accents, hyphens and spacing do not count."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(character for character in text if not unicodedata.combining(character))
    return " ".join(re.sub(r"[-_]+", " ", text).split())


def _keys(text: str) -> set[str]:
    """The folded forms of ``text``: as written, and with German umlauts written out (ä as ae)."""
    spelt_out = unicodedata.normalize("NFC", text.casefold())
    for umlaut, replacement in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        spelt_out = spelt_out.replace(umlaut, replacement)
    return {key for key in (fold(text), fold(spelt_out)) if key}


class TagVocabulary:
    """What the values of one tag column may name, found by slug, name or symbol (see :data:`NAME_FIELDS`)."""

    def __init__(self, column: str) -> None:
        self.column = column
        self.noun = _singular(column)  # "metal"; the column's name is the plural
        self.keys: dict[str, list[int | None]] = {}  # folded form -> primary keys it names
        self.labels: dict[int | None, str] = {}  # primary key -> "slug (names)", for the nearest choices
        self.slugs: set[str] = set()
        self.by_slug: dict[str, int | None] = {}

    @classmethod
    def load(cls, column: str, synonym_sets: list[tuple[str, ...]] = ()) -> TagVocabulary:
        vocabulary = cls(column)
        fields = NAME_FIELDS[column]
        for pk, *values in TAG_COLUMNS[column].objects.values_list("pk", *fields):
            names = dict(zip(fields, values))
            shown = " / ".join(dict.fromkeys(v for f, v in names.items() if f not in ("slug", "symbol") and v))
            vocabulary.add(pk, f"{names['slug']} ({shown})", values, slug=names["slug"])
        vocabulary.add_synonyms(synonym_sets)
        return vocabulary

    def add_synonyms(self, synonym_sets: list[tuple[str, ...]]) -> None:
        """Let every phrase of an editors' synonym set name the row another phrase of it names.

        "SEE" and "rare earths" name the group whose name is "Seltene Erden",
        "SX" the process "Solventextraktion".  A set whose phrases name two
        different rows is no help and is passed over; a phrase that names a
        row already keeps naming it.
        """
        for phrases in synonym_sets:
            named = {pk for phrase in phrases for pk in self.find(phrase)}
            if len(named) != 1:
                continue
            for phrase in phrases:
                for key in _keys(phrase):
                    self.keys.setdefault(key, list(named))

    def add(self, pk: int | None, label: str, names, slug: str) -> None:
        self.labels[pk] = label
        self.slugs.add(slug)
        self.by_slug[slug] = pk
        for name in names:
            for key in _keys(name or ""):
                if pk not in self.keys.setdefault(key, []):
                    self.keys[key].append(pk)

    def find(self, value: str) -> list[int | None]:
        """The rows ``value`` names: one, several (ambiguous) or none."""
        if value.strip().lower() in self.by_slug:  # a slug is unique: it wins over a name that looks alike
            return [self.by_slug[value.strip().lower()]]
        return list(dict.fromkeys(pk for key in _keys(value) for pk in self.keys.get(key, ())))

    def split(self, text: str) -> list[str]:
        """The values of a field, separated by ``;``, ``,`` or ``|``, except where a separator is part of a known name.

        From each value on, the longest run of pieces that names something
        known is one value ("Institut für Aufbereitung, Deponietechnik und
        Geomechanik"); otherwise the piece up to the next separator is.
        """
        bounds = [match.start() for match in VALUE_SEPARATORS.finditer(text)]
        starts, ends = [0] + [bound + 1 for bound in bounds], bounds + [len(text)]
        values, index = [], 0
        while index < len(starts):
            last = next((j for j in range(len(starts) - 1, index, -1)
                         if self.find(text[starts[index]:ends[j]].strip())), index)
            values.append(" ".join(text[starts[index]:ends[last]].split()))
            index = last + 1
        return [value for value in values if value]

    def why_not(self, value: str, matches: list[int | None]) -> str:
        """Why ``value`` was not placed, with the known values it may have meant."""
        if len(matches) > 1:
            return (f"names several {self.column}: {'; '.join(self.labels[pk] for pk in matches)}. "
                    f"Write the slug of the one meant.")
        if len(value) > INSTITUTION_NAME_LENGTH and self.column == "institutions":
            return f"is longer than an institution's name may be ({INSTITUTION_NAME_LENGTH} characters)."
        nearest = self.nearest(value)
        if not nearest:
            return (f"is not a known {self.noun}, nor like one; the {self.column} are listed in the admin "
                    f"under Taxonomy.")
        return f"is not a known {self.noun}; nearest: {'; '.join(nearest)}."

    def nearest(self, value: str, count: int = 3) -> list[str]:
        """Labels of the known rows whose slug, name or symbol looks most like ``value``."""
        close = [pk for key in difflib.get_close_matches(fold(value), self.keys, n=count * 3, cutoff=0.6)
                 for pk in self.keys[key]]
        return [self.labels[pk] for pk in dict.fromkeys(close)][:count]


def institution_kind(name: str) -> Institution.Kind:
    """The type of an institution guessed from its name (see :data:`KIND_HINTS`)."""
    folded = fold(name.replace(".", " "))
    return next((kind for kind, pattern in KIND_HINTS if pattern.search(folded)), DEFAULT_KIND)


def unique_slug(name: str, taken: set[str]) -> str:
    """A slug for a new institution: its name in lower case, umlauts written out, numbered if taken."""
    spelt_out = name
    for umlaut, replacement in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"),
                                ("ß", "ss")):
        spelt_out = spelt_out.replace(umlaut, replacement)
    base = slugify(spelt_out)[:INSTITUTION_SLUG_LENGTH].strip("-") or "institution"
    slug, number = base, 2
    while slug in taken or Institution.objects.filter(slug=slug).exists():
        suffix = f"-{number}"
        slug = base[:INSTITUTION_SLUG_LENGTH - len(suffix)].rstrip("-") + suffix
        number += 1
    return slug


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
    path = Path(path)  # call_command(metadata="...") hands the text as given
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
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    # A header names columns and holds no delimiter of the other kind, so counting decides.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers = [cell.strip() for cell in next((record for record in reader if any(map(str.strip, record))), [])]
    columns = [SINGULAR.get(header.lower(), header.lower()) for header in headers]
    known = ", ".join(f"{column} (or {singular})" if (singular := _singular(column)) else column for column in COLUMNS)
    if "file" not in columns:
        raise CommandError(
            f"The metadata file {path} has no 'file' column "
            f"(found: {', '.join(header.lower() for header in headers) or 'nothing'}; "
            f"read with {delimiter!r} as delimiter). The first row must name the columns: {known}."
        )
    unknown = [header.lower() for header, column in zip(headers, columns) if column not in COLUMNS]
    if unknown:
        warnings.append(f"metadata: unknown column(s) {', '.join(unknown)} ignored; known are {known}.")
    rows = []
    for record in reader:
        line = reader.line_num
        if any(cell.strip() for cell in record[len(columns):]):
            warnings.append(f"metadata line {line}: more values than columns (a {delimiter!r} inside a value "
                            f"must be quoted); the extra values are ignored.")
        values: dict[str, str] = {}
        tags: dict[str, list[tuple[str, str]]] = {}
        for header, column, cell in zip(headers, columns, record):
            cell = cell.strip()
            if not cell or column not in COLUMNS:
                continue
            if column in TAG_COLUMNS:
                tags.setdefault(column, []).append((header, cell))  # "institution" and "institutions" both count
            else:
                values.setdefault(column, cell)
        if not values and not tags:
            continue
        if not values.get("file"):
            warnings.append(f"metadata line {line}: no file named; the row is ignored.")
            continue
        language = values.get("language", "").lower()
        if language and language not in dict(settings.LANGUAGES):
            warnings.append(f"metadata line {line}: language {language!r} is neither 'de' nor 'en'; "
                            f"the detected language is used.")
            language = ""
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


def _singular(column: str) -> str:
    return next((singular for singular, plural in SINGULAR.items() if plural == column), "")


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
