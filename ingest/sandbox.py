"""Extraction inside limits that a hostile file cannot escape.

``extract_contained(path)`` is what the pipeline calls.  (First version:
in-process; the contained version replaces it.)
"""

from __future__ import annotations

from pathlib import Path

from ingest.extractors import ExtractedText
from ingest.extractors.pdf import extract_pdf


def extract_contained(path: Path) -> ExtractedText:
    return extract_pdf(path)
