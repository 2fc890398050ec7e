"""Turning a Markdown file with front matter into the fields of a page.

Symposium abstracts and news often arrive as Markdown files. ``read_entry``
checks one file's front matter and returns an ``Entry``: which page type,
under which parent, with which fields. It touches no database, so every rule
below is easy to test; ``manage.py import_markdown`` does the saving.

Front matter, by ``type``::

    ---                                  ---
    type: news                           type: paper
    title: Neues Pilotwerk …             title: Indium aus LCD-Glas …
    date: 2026-05-04                     event: symposium-2025      # slug of the edition
    teaser: Ein Satz für Listen.         authors:
    language: de          # de or en       - name: Dr. Anna Berger
    metals: [cu, in]      # slugs            affiliation: tu-clausthal   # institution slug
    processes: [leaching]                  - Jonas Weber               # name only
    slug: pilotwerk       # optional     session: Session 2
    ---                                  keywords: [Indium, LCD]
    Body in Markdown …                   doi: 10.1234/abcd.2025.2
                                         ---
                                         Abstract in Markdown …

The slug defaults to the file name; importing the same file again updates the
page it made instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.text import slugify

from portal.core.markdown import parse_front_matter

PAGE_TYPES = ("news", "paper")
_COMMON_KEYS = {"type", "title", "slug", "language", "metals", "processes"}
_KEYS = {
    "news": _COMMON_KEYS | {"date", "teaser"},
    "paper": _COMMON_KEYS | {"event", "authors", "session", "keywords", "doi"},
}
_REQUIRED = {"news": ("title", "date", "teaser"), "paper": ("title", "event", "authors")}
MAX_FILE_BYTES = 1_000_000


class EntryError(ValueError):
    """The file cannot become a page; the message tells the editor what to change."""


@dataclass
class Author:
    name: str
    affiliation: str = ""  # an institution's slug, or empty


@dataclass
class Entry:
    """One page to create or update, as read from one file."""

    kind: str
    slug: str
    title: str
    language: str
    body: str
    metals: list[str] = field(default_factory=list)
    processes: list[str] = field(default_factory=list)
    # news
    date: dt.date | None = None
    teaser: str = ""
    # paper
    event: str = ""
    authors: list[Author] = field(default_factory=list)
    session: str = ""
    keywords: list[str] = field(default_factory=list)
    doi: str = ""


def read_entry(path: Path, default_type: str | None = None) -> Entry:
    """Read and check one Markdown file; raise ``EntryError`` saying what is wrong."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise EntryError(f"cannot read the file: {error.strerror or error}") from error
    if len(raw) > MAX_FILE_BYTES:
        raise EntryError(f"the file has {len(raw):,} bytes; at most {MAX_FILE_BYTES:,} are accepted")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise EntryError(f"not UTF-8 text (byte {error.start}); save the file as UTF-8") from error
    try:
        meta, body = parse_front_matter(text)
    except ValueError as error:
        raise EntryError(str(error)) from error
    return entry_from_front_matter(meta, body, slug_hint=path.stem, default_type=default_type)


def entry_from_front_matter(
    meta: dict[str, Any], body: str, *, slug_hint: str, default_type: str | None = None
) -> Entry:
    """Check front matter ``meta`` and build the ``Entry`` it describes."""
    kind = meta.get("type", default_type)
    if kind not in PAGE_TYPES:
        raise EntryError(
            f"'type' must be one of {', '.join(PAGE_TYPES)} (got {kind!r}); "
            "set it in the front matter or pass --type"
        )
    unknown = sorted(set(meta) - _KEYS[kind])
    if unknown:
        raise EntryError(f"unknown front matter key(s) for {kind}: {', '.join(unknown)}; allowed: {', '.join(sorted(_KEYS[kind]))}")
    missing = [key for key in _REQUIRED[kind] if not meta.get(key)]
    if missing:
        raise EntryError(f"front matter lacks {', '.join(missing)} (required for {kind})")
    if not body.strip():
        raise EntryError("the Markdown body after the front matter is empty")

    slug = slugify(str(meta.get("slug") or slug_hint))
    if not slug:
        raise EntryError("no usable slug: give 'slug' in the front matter (letters, digits, hyphens)")
    language = str(meta.get("language", settings.LANGUAGE_CODE))
    languages = [code for code, _name in settings.LANGUAGES]
    if language not in languages:
        raise EntryError(f"'language' must be one of {', '.join(languages)} (got {language!r})")

    entry = Entry(
        kind=kind,
        slug=slug,
        title=_text(meta, "title", 255),
        language=language,
        body=body.strip() + "\n",
        metals=_slugs(meta, "metals"),
        processes=_slugs(meta, "processes"),
    )
    if kind == "news":
        entry.date = _date(meta["date"])
        entry.teaser = _text(meta, "teaser", 400)
    else:
        entry.event = slugify(_text(meta, "event", 255))
        entry.authors = _authors(meta["authors"])
        entry.session = _text(meta, "session", 200)
        entry.keywords = [_plain(value, "keywords", 100) for value in _list(meta, "keywords")]
        entry.doi = _text(meta, "doi", 200)
    return entry


def _text(meta: dict[str, Any], key: str, max_length: int) -> str:
    value = meta.get(key)
    return "" if value is None else _plain(value, key, max_length)


def _plain(value: Any, key: str, max_length: int) -> str:
    if isinstance(value, (dict, list)):
        raise EntryError(f"'{key}' must be text, not a {'list' if isinstance(value, list) else 'mapping'}")
    text = " ".join(str(value).split())
    if len(text) > max_length:
        raise EntryError(f"'{key}' has {len(text)} characters; at most {max_length} are allowed")
    return text


def _list(meta: dict[str, Any], key: str) -> list[Any]:
    value = meta.get(key) or []
    if isinstance(value, str):
        value = [part for part in (piece.strip() for piece in value.split(",")) if part]
    if not isinstance(value, list):
        raise EntryError(f"'{key}' must be a list such as [a, b]")
    return value


def _slugs(meta: dict[str, Any], key: str) -> list[str]:
    return [slugify(_plain(value, key, 50)) for value in _list(meta, key)]


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as error:
        raise EntryError(f"'date' must be a date like 2026-05-04 (got {value!r})") from error


def _authors(value: Any) -> list[Author]:
    if not isinstance(value, list) or not value:
        raise EntryError("'authors' must be a list of names, or of {name, affiliation} mappings")
    authors = []
    for item in value:
        if isinstance(item, dict):
            extra = set(item) - {"name", "affiliation"}
            if extra or not item.get("name"):
                raise EntryError("each author mapping needs 'name' and may have 'affiliation' (an institution slug)")
            authors.append(Author(_plain(item["name"], "authors", 120), slugify(str(item.get("affiliation") or ""))))
        else:
            authors.append(Author(_plain(item, "authors", 120)))
    return authors
