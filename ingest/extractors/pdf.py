"""PDF text extraction with pypdf -- the only module that imports pypdf.

pypdf runs in non-strict mode, so it repairs what it can (a lying or
missing cross-reference table) and stops at its own limits on what a
stream may expand to.  It never runs JavaScript and never opens attached
files: only the text drawn on each page is read.  Anything it cannot read
becomes an :class:`ExtractionError` with a sentence for the editor.  It
runs inside :mod:`ingest.sandbox`, which bounds time and memory.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pypdf
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError
from pypdf.generic import DictionaryObject, IndirectObject

from ingest.extractors import ExtractedText, ExtractionError
from ingest.extractors.ocr import engine as ocr_engine

logger = logging.getLogger(__name__)


def _version() -> str:
    version = f"pypdf-{pypdf.__version__}"
    ocr = ocr_engine()
    # A newly installed (or removed) tesseract changes the version, so that
    # documents are extracted again with (or without) OCR.
    return f"{version}+tesseract-{ocr.version}" if ocr else version


EXTRACTOR_VERSION = _version()

#: how deep form XObjects are searched for images
_MAX_FORM_DEPTH = 5
_OBJECT_HEADER = re.compile(rb"(\d{1,7})\s+\d{1,5}\s+obj\b")
_UNREADABLE = "Re-export it (e.g. print it to a new PDF) and upload it again."


def extract_pdf(path: Path) -> ExtractedText:
    """Return the text of every page of the PDF at ``path``, in order."""
    data = path.read_bytes()
    try:
        reader = _open(data)
        if reader.is_encrypted:
            _decrypt(reader)
        pages: list[str] = []
        image_pages: list[int] = []
        for number, page in enumerate(reader.pages, start=1):
            pages.append(_page_text(page, number))
            if _shows_image(page):
                image_pages.append(number)
        if not pages:
            raise ExtractionError("no_pages", f"The PDF has no readable pages; it is probably damaged. {_UNREADABLE}")
        title, author = _metadata(reader)
        return ExtractedText(
            pages=tuple(pages),
            title=title,
            author=author,
            extractor=EXTRACTOR_VERSION,
            image_pages=tuple(image_pages),
        )
    except (ExtractionError, MemoryError):
        raise
    except FileNotDecryptedError as exc:
        raise _password_protected() from exc
    except DependencyError as exc:  # AES without the 'cryptography' package, met while reading
        raise _aes_unsupported() from exc
    except LimitReachedError as exc:
        raise ExtractionError(
            "memory",
            "Part of the PDF expands to far more data than any real document holds when unpacked "
            "(a 'decompression bomb', or a badly broken export), so it was not read. "
            f"{_UNREADABLE}",
        ) from exc
    except RecursionError as exc:
        raise _nested_too_deeply() from exc
    except PdfReadError as exc:
        if _caused_by(exc, RecursionError):  # pypdf wraps it: "Error reading PDF file."
            raise _nested_too_deeply() from exc
        raise ExtractionError(
            "corrupt", f"The PDF is damaged and could not be read ({_brief(exc)}). {_UNREADABLE}"
        ) from exc
    except Exception as exc:  # pypdf meets malformed files with many kinds of exception
        raise ExtractionError(
            "corrupt",
            f"The PDF is damaged and could not be read ({type(exc).__name__}: {_brief(exc)}). {_UNREADABLE}",
        ) from exc


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    for _ in range(10):
        exc = exc.__cause__ or exc.__context__
        if exc is None:
            return False
        if isinstance(exc, kind):
            return True
    return False


def _brief(exc: BaseException) -> str:
    """The exception's text, made fit for a sentence: one line, at most 200 characters."""
    text = " ".join(str(exc).split()).rstrip(".")
    return text if len(text) <= 200 else text[:199] + "…"


def _open(data: bytes) -> pypdf.PdfReader:
    """Open the PDF; if its end is missing (a cut-off upload), try again with a stand-in trailer."""
    try:
        return pypdf.PdfReader(io.BytesIO(data), strict=False)
    except PdfReadError as exc:
        repaired = _with_trailer(data)
        if repaired is None:
            raise
        try:
            reader = pypdf.PdfReader(io.BytesIO(repaired), strict=False)
            reader.pages[0]  # noqa: B018 -- proves the page tree was found
        except Exception:
            raise exc from None
        logger.warning("The PDF lacked a usable trailer (%s); read it by scanning its objects", exc)
        return reader


def _with_trailer(data: bytes) -> bytes | None:
    """``data`` with a trailer that makes pypdf rebuild the cross-reference table by scanning."""
    numbers = [int(match.group(1)) for match in _OBJECT_HEADER.finditer(data)]
    if not numbers:
        return None
    size = max(numbers) + 1
    # startxref 0 points at the header, not a table: pypdf then scans for "n 0 obj".
    return data + b"\ntrailer\n<< /Size %d >>\nstartxref\n0\n%%%%EOF\n" % size


def _decrypt(reader: pypdf.PdfReader) -> None:
    """Open a PDF encrypted with an empty user password; refuse one that needs a real password."""
    # Many publishers encrypt with an empty user password only to forbid
    # printing or copying; anyone may open those.
    try:
        opened = reader.decrypt("")
    except DependencyError as exc:
        raise _aes_unsupported() from exc
    except (PdfReadError, NotImplementedError, ValueError, KeyError, TypeError) as exc:
        raise ExtractionError(
            "encrypted",
            f"The PDF is encrypted in a way the portal cannot open ({exc}). Upload a copy without protection.",
        ) from exc
    if not opened:
        raise _password_protected()


def _password_protected() -> ExtractionError:
    return ExtractionError(
        "encrypted",
        "The PDF is protected by a password. Upload a copy without password protection "
        "(e.g. save it again without security settings).",
    )


def _aes_unsupported() -> ExtractionError:
    return ExtractionError(
        "encrypted",
        "The PDF is encrypted with AES, which the portal cannot decrypt without the 'cryptography' "
        "package. Upload a copy without protection, or ask the administrators to install it.",
    )


def _nested_too_deeply() -> ExtractionError:
    return ExtractionError(
        "corrupt",
        f"The PDF is built from objects nested too deeply to be read; it is damaged or deliberately malformed. "
        f"{_UNREADABLE}",
    )


def _page_text(page: pypdf.PageObject, number: int) -> str:
    try:
        return _clean(page.extract_text() or "")
    except (MemoryError, RecursionError, LimitReachedError, DependencyError):
        raise  # the whole file is hostile or unreadable, not one page: fail the document
    except Exception as exc:  # one broken page must not lose the rest of the file
        logger.warning("Page %s could not be extracted: %s", number, exc)
        return ""


def _shows_image(page: pypdf.PageObject) -> bool:
    """Whether the page's resources hold an image, directly or inside a form XObject."""
    try:
        return _resources_have_image(page.get("/Resources"), depth=0)
    except (MemoryError, RecursionError, LimitReachedError):
        raise
    except Exception as exc:
        logger.debug("Could not look for images on a page: %s", exc)
        return False


def _resources_have_image(resources: object, depth: int) -> bool:
    resources = _resolve(resources)
    if not isinstance(resources, DictionaryObject) or depth > _MAX_FORM_DEPTH:
        return False
    xobjects = _resolve(resources.get("/XObject"))
    if not isinstance(xobjects, DictionaryObject):
        return False
    for value in xobjects.values():
        xobject = _resolve(value)
        if not isinstance(xobject, DictionaryObject):
            continue
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            return True
        if subtype == "/Form" and _resources_have_image(xobject.get("/Resources"), depth + 1):
            return True
    return False


def _resolve(value: object) -> object:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _metadata(reader: pypdf.PdfReader) -> tuple[str, str]:
    """Title and author from the document information, as plain strings ("" if odd or absent)."""
    try:
        info = reader.metadata
        if not info:
            return "", ""
        return _as_text(info.get("/Title")), _as_text(info.get("/Author"))
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:  # broken metadata must not lose the text
        logger.warning("The PDF's document information could not be read: %s", exc)
        return "", ""


def _as_text(value: object) -> str:
    """A metadata value as a string: text and names as they are, bytes decoded, anything else dropped."""
    value = _resolve(value)
    if isinstance(value, str):  # TextStringObject, NameObject, ...
        text = str(value)
    elif isinstance(value, bytes):  # ByteStringObject: undecodable as PDF text
        if value.startswith((b"\xfe\xff", b"\xff\xfe")):
            text = value.decode("utf-16", "replace")
        else:
            text = value.decode("latin-1")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        text = str(value)
    else:  # arrays, dictionaries, streams, None
        return ""
    return " ".join(_clean(text).split())


def _clean(text: str) -> str:
    """Drop NULs and lone surrogates, which databases refuse."""
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
