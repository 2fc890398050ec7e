"""Documents as the Elasticsearch backend stores them: the JSON of an entry and its bulk actions."""

from __future__ import annotations

from itertools import islice
from typing import Any, Iterable, Iterator

from search.analysis import stems_text
from search.documents import SearchDocument
from search.facets import FACETS
from search.index_settings import PAGES_STEMS_FIELD, PAGES_WORDS_FIELD

BULK_CHUNK_SIZE = 200  # documents per bulk request (PDF text makes them large)


def document_source(document: SearchDocument) -> dict[str, Any]:
    """The JSON stored for a document (see the mapping in search.index_settings)."""
    source: dict[str, Any] = {
        "id": document.id,
        "content_type": document.content_type,
        "title": document.title,
        "url": document.url,
        "summary": document.summary,
        "body": document.body,
        "language": document.language,
        "date": document.date.isoformat() if document.date else None,
        "visibility": list(document.visibility),
        "detected": list(document.detected),
        "roles": list(document.roles),
        "readiness": document.readiness,
        "scopes": list(document.scopes),
        "fingerprint": document.fingerprint,
        "stems": stems_text(" ".join((document.title, document.summary, document.body))),
        "pages": [
            {"attachment_title": attachment.title, "attachment_url": attachment.url,
             "number": page.number, "text": page.text, "stems": stems_text(page.text)}
            for attachment in document.attachments
            for page in attachment.pages
        ],
    }
    pages = source["pages"]
    # Each whitespace-separated chunk once: the standard tokenizer never joins across whitespace, so the
    # words of the chunks are exactly the words of the pages.
    source[PAGES_WORDS_FIELD] = " ".join(dict.fromkeys(chunk for page in pages for chunk in page["text"].split()))
    source[PAGES_STEMS_FIELD] = " ".join(dict.fromkeys(stem for page in pages for stem in page["stems"].split()))
    for facet in FACETS:
        source[facet.field] = list(document.facet_values(facet.field))
    return source


def _index_actions(document: SearchDocument) -> tuple[dict, dict]:
    return {"index": {"_id": document.id}}, document_source(document)


def _chunks(items: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
