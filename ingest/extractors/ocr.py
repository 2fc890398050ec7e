"""OCR for pages that are pictures: render with pdftoppm, recognise with tesseract.

The PDF extractor reports which pages show an image; a page among those
whose text layer is (nearly) empty is rendered at 300 dpi with
``pdftoppm`` (Debian: poppler-utils) and read with ``tesseract -l deu+eng``
(Debian: tesseract-ocr, tesseract-ocr-deu, tesseract-ocr-eng).  Both run
as subprocesses with timeouts; inside the extraction sandbox they are
killed with it.

OCR never fails a document: a missing tool, a page that cannot be
rendered or a page that takes too long is logged and left as it was.  At
most ``max_pages`` pages of a document are recognised, and recognition
stops before the sandbox's deadline, so a 1,000-page scan yields the text
of its first pages instead of a timeout.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from ingest.extractors import ExtractedText

logger = logging.getLogger(__name__)

#: a page with fewer non-space characters than this is treated as having no text
MIN_TEXT_CHARS = 20
#: tesseract languages, in order of preference; those installed are used
LANGUAGES = ("deu", "eng")
RESOLUTION_DPI = 300
#: the longest one page may take to render or to recognise
PAGE_TIMEOUT_SECONDS = 120.0
#: do not start another page with less time than this before the deadline
MIN_SECONDS_PER_PAGE = 3.0


class OcrFailed(Exception):
    """One page could not be rendered or recognised."""


@dataclasses.dataclass(frozen=True)
class OcrEngine:
    version: str  # e.g. "5.3.0"
    languages: str  # e.g. "deu+eng"


@functools.cache
def engine() -> OcrEngine | None:
    """The installed tesseract (with pdftoppm), or ``None`` if OCR cannot run here."""
    if not shutil.which("tesseract") or not shutil.which("pdftoppm"):
        return None
    try:
        version = _run(["tesseract", "--version"], timeout=10).stdout
        listed = _run(["tesseract", "--list-langs"], timeout=10).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        logger.warning("tesseract is installed but does not run (%s): OCR is off", exc)
        return None
    match = re.search(r"tesseract\s+v?(\d+(?:\.\d+){0,2})", version)
    installed = set(listed.split())
    languages = [language for language in LANGUAGES if language in installed]
    if not match or not languages:
        logger.warning("tesseract has none of the languages %s: OCR is off", "+".join(LANGUAGES))
        return None
    return OcrEngine(version=match.group(1), languages="+".join(languages))


def needs_ocr(text: str) -> bool:
    """Whether a page's text layer is (nearly) empty."""
    return len("".join(text.split())) < MIN_TEXT_CHARS


def add_ocr(
    extracted: ExtractedText, path: Path, *, workdir: Path, max_pages: int, deadline: float
) -> ExtractedText:
    """Return ``extracted`` with the text of its picture pages recognised by OCR.

    ``deadline`` is a :func:`time.monotonic` value after which no page is
    started; ``workdir`` is where page images are written (and removed).
    """
    candidates = [
        number
        for number in extracted.image_pages
        if 1 <= number <= len(extracted.pages) and needs_ocr(extracted.pages[number - 1])
    ]
    if not candidates:
        return extracted
    ocr = engine()
    if ocr is None:
        logger.warning(
            "%s: %d page(s) without text are images, but tesseract or pdftoppm is not installed; "
            "they stay empty (install poppler-utils and tesseract-ocr-deu, see scripts/provision)",
            path.name,
            len(candidates),
        )
        return extracted
    if len(candidates) > max_pages:
        logger.warning(
            "%s: %d pages need OCR; only the first %d are recognised (PORTAL_OCR_MAX_PAGES)",
            path.name,
            len(candidates),
            max_pages,
        )
        candidates = candidates[:max_pages]
    pages = list(extracted.pages)
    recognised = []
    for done, number in enumerate(candidates):
        remaining = deadline - time.monotonic()
        if remaining < MIN_SECONDS_PER_PAGE:
            logger.warning(
                "%s: OCR stopped for lack of time after %d of %d pages (PORTAL_EXTRACTION_TIMEOUT_SECONDS)",
                path.name,
                done,
                len(candidates),
            )
            break
        try:
            text = recognise_page(path, number, ocr, workdir=workdir, timeout=min(PAGE_TIMEOUT_SECONDS, remaining))
        except OcrFailed as exc:
            logger.warning("%s: OCR of page %d failed: %s", path.name, number, exc)
            continue
        if len("".join(text.split())) > len("".join(pages[number - 1].split())):
            pages[number - 1] = text
            recognised.append(number)
    return dataclasses.replace(extracted, pages=tuple(pages), ocr_pages=tuple(recognised))


def recognise_page(path: Path, number: int, ocr: OcrEngine, *, workdir: Path, timeout: float) -> str:
    """Render page ``number`` (from 1) of the PDF at ``path`` and return the text tesseract reads."""
    started = time.monotonic()
    prefix = workdir / f"page-{number}"
    image = prefix.with_suffix(".png")
    try:
        _run(
            ["pdftoppm", "-r", str(RESOLUTION_DPI), "-gray", "-f", str(number), "-l", str(number),
             "-png", "-singlefile", str(path), str(prefix)],
            timeout=timeout,
        )
        if not image.exists():
            raise OcrFailed("pdftoppm wrote no image")
        left = timeout - (time.monotonic() - started)
        if left <= 0:
            raise OcrFailed(f"no time left after rendering ({timeout:.0f} s)")
        result = _run(["tesseract", str(image), "stdout", "-l", ocr.languages], timeout=left)
    except subprocess.TimeoutExpired as exc:
        raise OcrFailed(f"{exc.cmd[0]} took longer than {exc.timeout:.0f} s") from exc
    except subprocess.CalledProcessError as exc:
        raise OcrFailed(f"{exc.cmd[0]} failed (exit status {exc.returncode}): {exc.stderr.strip()[:300]}") from exc
    except OSError as exc:
        raise OcrFailed(str(exc)) from exc
    finally:
        image.unlink(missing_ok=True)
    return result.stdout.replace("\f", "").strip()


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    # One thread per tesseract: faster for one page, and fair to the other worker.
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=True,
        env=environment,
        stdin=subprocess.DEVNULL,
    )
