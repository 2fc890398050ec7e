"""Extractors turn a file into the raw text of each of its pages.

Every extractor has the same shape: a callable taking a path and returning
``ExtractedText``; failures raise :class:`ExtractionError` with a
machine-readable code and a sentence an editor can act on.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractedText:
    """Raw text of each page, in order, with what the file says about itself."""

    pages: tuple[str, ...]
    title: str = ""
    author: str = ""
    extractor: str = ""
    #: numbers (from 1) of the pages whose text came from OCR of the page image
    ocr_pages: tuple[int, ...] = ()
    #: numbers (from 1) of the pages that show at least one image: where OCR may find text
    image_pages: tuple[int, ...] = ()


class ExtractionError(Exception):
    """A file whose text cannot be extracted, with the reason why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
