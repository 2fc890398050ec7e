"""Settings and mapping of the Elasticsearch index, built from ``search.facets``.

Only analysis components that ship in the core of Elasticsearch are used:
the ``standard`` tokenizer and the ``lowercase``, ``stop`` and ``shingle``
filters.  The minimal distributions (and some managed offerings) lack the
``analysis-common`` module, so asciifolding, stemmers, n-grams and
``german_normalization`` would make index creation fail there;
``tests/unit/search/test_index_settings.py`` guards this list.

Every text field is indexed three times:

* ``<field>`` with ``portal_text`` (standard tokenizer + lowercase): the
  field that decides whether a document matches, word for word like the
  embedded backend;
* ``<field>.de`` and ``<field>.en`` without German or English stop words:
  they only add relevance, so "die" or "the" do not weigh on the ranking.

The text of PDF pages is a nested object per page (``pages``), so a query
can say which pages matched (``inner_hits``).

German and English inflection and German compounds are handled in Python
(:mod:`search.analysis`), because this distribution has no stemmers: the
``stems`` field of a document (and of each page) holds the stems of its
text, and queries look words up there by their stems too.  The embedded
backend does the same, so both match the same items.
"""

from __future__ import annotations

from typing import Any

from search.facets import FACETS

TEXT_ANALYZER = "portal_text"
LANGUAGE_ANALYZERS = {"de": "portal_german", "en": "portal_english"}
SORT_NORMALIZER = "portal_sort"

#: fields searched by the text query, with their boosts
DOCUMENT_TEXT_FIELDS = {"title": 3.0, "summary": 2.0, "body": 1.0}
PAGE_TEXT_FIELD = "pages.text"
#: stems of the own fields and of each page (search.analysis), matched term by term
STEMS_FIELD = "stems"
PAGE_STEMS_FIELD = "pages.stems"
#: the words (as the text analyzer splits them) and the stems of all of an item's pages, each once, without
#: positions or frequencies: whether *any* page holds a word is a term lookup on the item, not a nested query
#: over every page (the candidate filter asks it of every clause; see search.backends.elasticsearch)
PAGES_WORDS_FIELD = "page_words"
PAGES_STEMS_FIELD = "page_stems"


def _analysis() -> dict[str, Any]:
    return {
        "filter": {
            "portal_german_stop": {"type": "stop", "stopwords": "_german_"},
            "portal_english_stop": {"type": "stop", "stopwords": "_english_"},
        },
        "analyzer": {
            TEXT_ANALYZER: {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
            LANGUAGE_ANALYZERS["de"]: {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "portal_german_stop"],
            },
            LANGUAGE_ANALYZERS["en"]: {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "portal_english_stop"],
            },
        },
        "normalizer": {
            SORT_NORMALIZER: {"type": "custom", "filter": ["lowercase"]},
        },
    }


def index_settings() -> dict[str, Any]:
    """Return the body of the create-index request: ``settings`` and ``mappings``."""
    return {
        "settings": {
            "number_of_shards": 1,
            # green on a single node, one replica as soon as there are two
            "auto_expand_replicas": "0-1",
            "analysis": _analysis(),
        },
        "mappings": _mappings(),
    }


def _mappings() -> dict[str, Any]:
    properties: dict[str, Any] = {
        "id": {"type": "keyword"},
        "content_type": {"type": "keyword"},
        "title": _text_field(sortable=True),
        "url": {"type": "keyword", "index": False},
        "summary": _text_field(),
        "body": _text_field(offsets=True),
        "language": {"type": "keyword"},
        "date": {"type": "date", "format": "strict_date"},
        "visibility": {"type": "keyword"},
        "detected": {"type": "keyword"},
        "roles": {"type": "keyword"},
        "readiness": {"type": "integer"},
        "scopes": {"type": "keyword"},  # search.scopes: filtered by SearchQuery.scope
        "fingerprint": {"type": "keyword", "index": False},
        STEMS_FIELD: _stems_field(),
        PAGES_WORDS_FIELD: _presence_field(),
        PAGES_STEMS_FIELD: _presence_field(),
        "pages": {
            "type": "nested",
            "properties": {
                "attachment_title": {"type": "keyword", "index": False},
                "attachment_url": {"type": "keyword", "index": False},
                "number": {"type": "integer"},
                # stored: highlighting a page (inner hits) reads it from the page, not the item's whole _source
                "text": {**_text_field(offsets=True), "store": True},
                "stems": _stems_field(),
            },
        },
    }
    for facet in FACETS:
        properties[facet.field] = {"type": "keyword"}
    # "strict": a field missing here is a bug, not something to guess a type for; the presence fields repeat
    # the pages' text, which _source already holds
    return {"dynamic": "strict", "_source": {"excludes": [PAGES_WORDS_FIELD, PAGES_STEMS_FIELD, PAGE_TEXT_FIELD]},
            "properties": properties}


def _presence_field() -> dict[str, Any]:
    # only "which items hold this term": no frequencies, positions or norms (never scored, only matched)
    return {"type": "text", "analyzer": TEXT_ANALYZER, "index_options": "docs", "norms": False}


def _stems_field() -> dict[str, Any]:
    # Stems are lower-case letters and digits, one token each: the plain analyzer keeps them whole.
    return {"type": "text", "analyzer": TEXT_ANALYZER, "index_options": "freqs"}


def _text_field(sortable: bool = False, offsets: bool = False) -> dict[str, Any]:
    field: dict[str, Any] = {"type": "text", "analyzer": TEXT_ANALYZER}
    if offsets:  # long texts: the highlighter reads offsets instead of re-analysing
        field["index_options"] = "offsets"
    subfields: dict[str, Any] = {
        language: {"type": "text", "analyzer": analyzer} for language, analyzer in LANGUAGE_ANALYZERS.items()
    }
    if sortable:
        subfields["sort"] = {"type": "keyword", "normalizer": SORT_NORMALIZER, "ignore_above": 256}
    field["fields"] = subfields
    return field
