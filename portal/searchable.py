"""What makes a Wagtail page searchable in the portal.

A content page mixes in :class:`SearchablePage` and says which facets and
PDFs it carries; the mixin assembles the :class:`~search.documents.SearchDocument`
that :mod:`ingest.indexing` hands to the search backend.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from django.utils.html import strip_tags

from portal.access import page_visibility, viewer_groups
from search.documents import Attachment, AttachmentPage, SearchDocument
from search.related import related_content

#: content types whose pages list related content (templates/includes/related.html)
RELATED_CONTENT_TYPES = ("project", "paper", "technology")


def search_document_id(page_id: int) -> str:
    """The index id of a page, stable across reindexing."""
    return f"page:{page_id}"


class SearchablePage:
    """Mixin for page models that appear in the portal's search."""

    search_content_type: str = "page"

    def get_context(self, request, *args, **kwargs):
        """Add ``related_content``: visible items like this one (projects, papers, technologies only)."""
        context = super().get_context(request, *args, **kwargs)
        if self.search_content_type in RELATED_CONTENT_TYPES and self.pk:
            context["related_content"] = related_content(
                search_document_id(self.pk), viewer_groups(getattr(request, "user", None)))
        return context

    def search_summary(self) -> str:
        return getattr(self, "search_description", "") or ""

    @property
    def meta_description(self) -> str:
        """The description for search engines and social previews."""
        return getattr(self, "search_description", "") or strip_tags(self.search_summary())

    def search_body(self) -> str:
        return ""

    def search_date(self) -> dt.date | None:
        return self.first_published_at.date() if getattr(self, "first_published_at", None) else None

    def search_facets(self) -> dict[str, Iterable[str]]:
        """Slugs per facet field of SearchDocument (``metals``, ...)."""
        return {}

    def search_roles(self) -> Iterable[str]:
        """What each institution did for this page, as ``"<role>:<slug>"`` (see ``search.partners.ROLE_WEIGHTS``)."""
        return ()

    def search_readiness(self) -> int | None:
        """The technology readiness level this page's work reached, if it says."""
        return None

    def attached_documents(self) -> Iterable:
        """The PortalDocuments whose text belongs to this page."""
        return ()

    @property
    def search_scope(self) -> str:
        """The scope this page opens (``"project:inrec"``, see :mod:`search.scopes`): its search box searches
        within it. ``""``: the page opens none."""
        return ""

    def search_scopes(self) -> Iterable[str]:
        """The scopes whose searches find this page: the one it opens, if any."""
        return (self.search_scope,) if self.search_scope else ()

    def search_visibility(self) -> tuple[str, ...]:
        """Who may see this page and the PDFs it holds (the rules: :mod:`portal.access`)."""
        return page_visibility(self)

    def search_document(self) -> SearchDocument:
        from portal.taxonomy.expand import expand_facets  # models: not at import time of this mixin

        facets = expand_facets(self.search_facets())
        return SearchDocument(
            id=search_document_id(self.pk),
            content_type=self.search_content_type,
            title=self.title,
            url=self.get_url() or self.url_path,
            summary=strip_tags(self.search_summary()),
            body=strip_tags(self.search_body()),
            language=getattr(self, "language", "") or getattr(self.locale, "language_code", "de")[:2],
            date=self.search_date(),
            attachments=tuple(_attachment(document) for document in self.attached_documents()),
            visibility=self.search_visibility(),
            roles=tuple(dict.fromkeys(self.search_roles())),
            readiness=self.search_readiness(),
            scopes=tuple(dict.fromkeys(self.search_scopes())),
            **facets,
        )


def _attachment(document) -> Attachment:
    return Attachment(
        title=document.title,
        url=document.url,
        pages=tuple(AttachmentPage(page.number, page.text) for page in document.text_pages.all()),
    )


def stream_text(stream) -> str:
    """Plain text of a StreamField value, as its blocks expose it for search."""
    parts: list[str] = []
    for child in stream:
        parts.extend(str(text) for text in child.block.get_searchable_content(child.value))
    return strip_tags(" ".join(parts))
