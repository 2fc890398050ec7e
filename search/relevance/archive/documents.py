"""The archive's documents, read from ``texts/*.txt``, and the PDFs made of them (no Django).

Each text file holds several documents, each starting with a line
``=== <file name>`` followed by header lines (``title``, ``language``,
``kind``, ``author``), a blank line and the pages, separated by lines
``--- page ---``::

    === black-mass-leaching-2021.pdf
    title: Reductive sulphuric acid leaching of NMC black mass at 100 L scale
    language: en
    kind: conference paper
    author: J. Albrecht, M. Okafor, S. Brandt

    First page ...

    --- page ---

    Second page ...

The file name is what the PDF is called in the import folder and in
``metadata.csv``; the document's judgement key is ``archive/<file name>``
(:func:`key_of`).  The title and author go into the PDF's metadata; what
the portal shows as title comes from the CSV (or the file name), as it
would for a real import.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"
METADATA = HERE / "metadata.csv"
METADATA_COLUMNS = ("file", "title", "metals", "processes", "institution", "language")
KEY_PREFIX = "archive/"
PAGE_BREAK = "--- page ---"
HEADERS = ("title", "language", "kind", "author")
LANGUAGES = ("de", "en")


class ArchiveError(ValueError):
    """A text file of the archive is malformed; the message names the file and the document."""


@dataclass(frozen=True)
class ArchiveDocument:
    file: str  # "black-mass-leaching-2021.pdf": its name in the import folder
    title: str
    language: str  # "de" or "en"
    kind: str  # "conference paper", "Abschlussbericht", ...
    author: str
    pages: tuple[str, ...]
    source: str  # the text file it was read from, for error messages

    @property
    def key(self) -> str:
        return key_of(self.file)


def key_of(file: str) -> str:
    """The judgement key of the archive file ``file``: ``archive/<file name>``."""
    return f"{KEY_PREFIX}{file}"


@functools.cache
def documents() -> tuple[ArchiveDocument, ...]:
    """Every document of the archive, in file-name order."""
    found: dict[str, ArchiveDocument] = {}
    for path in sorted(TEXTS.glob("*.txt")):
        for document in _parse(path.name, path.read_text(encoding="utf-8")):
            if document.file in found:
                raise ArchiveError(f"{path.name}: {document.file} is also defined in {found[document.file].source}.")
            found[document.file] = document
    return tuple(found[name] for name in sorted(found))


def archive_keys() -> dict[str, str]:
    """Every archive document: key -> title (the counterpart of ``search.relevance.demo.demo_keys``)."""
    return {document.key: document.title for document in documents()}


def pdf_bytes(document: ArchiveDocument) -> bytes:
    from portal.demo.pdf import make_pdf  # fpdf: only needed when PDFs are made

    return make_pdf(list(document.pages), title=document.title, author=document.author)


def write_pdfs(folder: Path) -> dict[str, str]:
    """Write every document as a PDF into ``folder``; return key -> SHA-256 of the file written.

    The hash is how the harness finds each imported document again
    (``PortalDocument.content_hash`` is the SHA-256 of the file).
    """
    folder.mkdir(parents=True, exist_ok=True)
    hashes: dict[str, str] = {}
    for document in documents():
        data = pdf_bytes(document)
        (folder / document.file).write_bytes(data)
        hashes[document.key] = hashlib.sha256(data).hexdigest()
    return hashes


def _parse(source: str, text: str) -> list[ArchiveDocument]:
    parsed = []
    for chunk in text.split("\n=== "):
        chunk = chunk.removeprefix("=== ").strip("\n")
        if not chunk.strip():
            continue
        head, _, body = chunk.partition("\n\n")
        lines = head.splitlines()
        file, headers = lines[0].strip(), {}
        for line in lines[1:]:
            name, colon, value = line.partition(":")
            if not colon or name.strip() not in HEADERS:
                raise ArchiveError(f"{source}: {file}: header line {line!r} is not one of {', '.join(HEADERS)}.")
            headers[name.strip()] = value.strip()
        missing = [name for name in HEADERS if not headers.get(name)]
        if missing:
            raise ArchiveError(f"{source}: {file}: no {', '.join(missing)} header.")
        if headers["language"] not in LANGUAGES:
            raise ArchiveError(f"{source}: {file}: language {headers['language']!r} is not one of {LANGUAGES}.")
        if not file.endswith(".pdf"):
            raise ArchiveError(f"{source}: {file!r} should be a file name ending in .pdf.")
        pages = tuple(page.strip() for page in body.split(f"\n{PAGE_BREAK}\n"))
        if any(not page for page in pages):
            raise ArchiveError(f"{source}: {file}: a page is empty.")
        parsed.append(ArchiveDocument(file=file, pages=pages, source=source, **headers))
    return parsed
