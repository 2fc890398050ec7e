"""What one content item looks like to the search index."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass

from search.analysis import ANALYSIS_VERSION

#: bump when a backend starts to store an entry differently (a field derived from it, such as the Elasticsearch
#: index's words of all pages): entries written before lack it, and reconciliation rewrites them all
ENTRY_FORMAT = 2  # 2: the words and stems of all pages, once per item (search.index_settings.PAGES_WORDS_FIELD)


@dataclass(frozen=True)
class AttachmentPage:
    """The text of one page of an attached PDF (page numbers start at 1)."""

    number: int
    text: str


@dataclass(frozen=True)
class Attachment:
    """A PDF attached to a content item, with its extracted text page by page."""

    title: str
    url: str
    pages: tuple[AttachmentPage, ...] = ()


@dataclass(frozen=True)
class SearchDocument:
    """One content item (a project, a paper, ...) as the index stores it.

    ``id`` is stable across reindexing (for pages ``"page:<pk>"``).  Facet
    fields hold slugs (``"cu"``, ``"hydrometallurgy"``); labels are looked up
    when results are shown, so renaming a metal needs no reindex.
    """

    id: str
    content_type: str
    title: str
    url: str
    summary: str = ""
    body: str = ""
    language: str = "de"
    date: dt.date | None = None
    metals: tuple[str, ...] = ()
    processes: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()
    # slugs of the event editions (Symposium 2023) an item belongs to: an edition and its papers
    editions: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    # Who may see the item: "public" for everyone; group names otherwise.
    visibility: tuple[str, ...] = ("public",)
    # Facet values that ingestion recognised in the text rather than an editor
    # chose, as "<facet field>:<slug>" ("metals:in"); they are also in the
    # facet fields, so filters and counts include them.
    detected: tuple[str, ...] = ()
    # What each institution of ``institutions`` did for the item, as "<role>:<slug>" ("coordinator:tu-clausthal");
    # roles: see search.partners.ROLE_WEIGHTS.  Institutions without one count as "tagged".
    roles: tuple[str, ...] = ()
    # The technology readiness level the item reached (1-9), if it says
    readiness: int | None = None
    # The scopes a search can be limited to that hold the item, as "<kind>:<slug>" ("project:inrec",
    # "edition:symposium-2023"); see search.scopes
    scopes: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        """A digest of everything indexed: equal fingerprints mean an entry is up to date.

        Reconciliation compares the fingerprint stored with each entry against
        the one the database would produce now.  The entry's stems come from
        :mod:`search.analysis`, so its version is part of the digest, and so is
        :data:`ENTRY_FORMAT`: when either changes, reconciliation rewrites every
        entry, on either backend.
        """
        payload = json.dumps({"analysis": ANALYSIS_VERSION, "format": ENTRY_FORMAT, **asdict(self)}, sort_keys=True,
                             default=str, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()[:32]

    def facet_values(self, field_name: str) -> tuple[str, ...]:
        """Return the values a facet field holds (see ``search.facets``).

        ``content_types``, ``years`` and ``languages`` derive from the
        document's own fields, so they can never disagree with them.
        """
        if field_name == "content_types":
            return (self.content_type,)
        if field_name == "years":
            return (str(self.date.year),) if self.date else ()
        if field_name == "languages":
            return (self.language,) if self.language else ()
        return tuple(getattr(self, field_name))
