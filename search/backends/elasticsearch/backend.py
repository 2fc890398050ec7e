"""The Elasticsearch backend's class: the connection and its errors, writing, reading, autocomplete,
"did you mean" and related content.

The index versions and full rebuilds are its part in :mod:`.indices`; the
request bodies are built by :mod:`.query`, the responses read by
:mod:`.results`, the documents stored as :mod:`.documents` makes them.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any, Iterable, Iterator

from django.core.exceptions import ImproperlyConfigured
from elasticsearch import ApiError, Elasticsearch, TransportError

from search.backends.base import MAX_SUGGESTIONS, SearchUnavailable, TitleSuggestion, suggestion_words
from search.backends.elasticsearch.documents import BULK_CHUNK_SIZE, _chunks, _index_actions
from search.backends.elasticsearch.indices import IndexManagement
from search.backends.elasticsearch.query import _visibility, clause_anywhere, search_body
from search.backends.elasticsearch.results import _facets, _hit
from search.documents import SearchDocument
from search.facets import SUBJECT_FACETS
from search.index_settings import DOCUMENT_TEXT_FIELDS, LANGUAGE_ANALYZERS, PAGE_TEXT_FIELD
from search.matching import TextQuery, Weights, clause_weights, text_query
from search.query import Hit, SearchQuery, SearchResults
from search.spelling import MAX_CANDIDATES, MIN_WORD_LENGTH, correctable, rank_candidates, spelling_words

DEFAULT_INDEX = "portal"
DEFAULT_TIMEOUT = 10
CLEAR_BATCH_SIZE = 1000
_PASSWORD_IN_URL = re.compile(r"(//[^/@:]*:)[^/]*@")


class ElasticsearchBackend(IndexManagement):
    """Index and search through one alias of an Elasticsearch cluster.

    Params (``settings.PORTAL_SEARCH``): ``URL`` (required), ``INDEX`` (alias
    and prefix of the versioned indices, default ``"portal"``), ``TIMEOUT``
    (seconds per request, default 10).
    """

    supports_facets = True
    supports_page_hits = True

    def __init__(self, params: dict[str, Any]) -> None:
        url = params.get("URL")
        if not url:
            raise ImproperlyConfigured(
                "PORTAL_SEARCH['URL'] is missing: set ELASTICSEARCH_URL (e.g. http://127.0.0.1:9200) "
                "or use the embedded backend."
            )
        self.url = str(url)
        self.alias = str(params.get("INDEX") or DEFAULT_INDEX)
        self.timeout = float(params.get("TIMEOUT") or DEFAULT_TIMEOUT)
        try:
            self.client = Elasticsearch(self.url, request_timeout=self.timeout)
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"PORTAL_SEARCH['URL'] = {self._safe_url!r} is not a usable Elasticsearch URL ({exc}); "
                f"set ELASTICSEARCH_URL like http://127.0.0.1:9200."
            ) from exc
        self._ready = False

    # --- the index and its versions, full rebuilds: IndexManagement (.indices) --

    # --- writing ----------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument], refresh: bool = True) -> None:
        self._ensure_ready()
        chunks = _chunks((action for document in documents for action in _index_actions(document)),
                         2 * BULK_CHUNK_SIZE)
        self._bulk_all(chunks, "index documents", refresh)

    def delete(self, ids: Iterable[str], refresh: bool = True) -> None:
        self._ensure_ready()
        chunks = _chunks(({"delete": {"_id": id_}} for id_ in ids), BULK_CHUNK_SIZE)
        self._bulk_all(chunks, "delete documents", refresh)

    def refresh(self) -> None:
        self._ensure_ready()
        with self._errors("refresh the index"):
            self.client.indices.refresh(index=self.alias)

    def clear(self) -> None:
        """Delete every document, a batch of ids at a time.

        Not ``_delete_by_query``: that lives in the ``reindex`` module, which
        minimal distributions (the ``integ-test-zip`` of our tests) lack.
        """
        self._ensure_ready()
        while True:
            with self._errors("clear the index"):
                response = self.client.search(index=self.alias, query={"match_all": {}}, size=CLEAR_BATCH_SIZE,
                                              source=False, sort=["_doc"])
            ids = [hit["_id"] for hit in response["hits"]["hits"]]
            if not ids:
                return
            self.delete(ids)

    def _bulk_all(self, chunks: Iterator[list[dict]], what: str, refresh: bool = True) -> None:
        """Send every chunk; with ``refresh``, the last one refreshes, so changes are searchable on return.

        ``refresh=True`` rather than ``"wait_for"``: edits are rare and the
        index is small, and waiting up to a refresh interval (1 s) per
        published page or deleted batch would only slow editors and tests.
        """
        pending = next(chunks, None)
        while pending is not None:
            following = next(chunks, None)
            self._bulk(pending, what, refresh=refresh and following is None)
            pending = following

    def _bulk(self, operations: list[dict], what: str, refresh: bool) -> None:
        with self._errors(what):
            response = self.client.bulk(index=self.alias, operations=operations, refresh=refresh,
                                        require_alias=True)
        if not response.get("errors"):
            return
        for item in response["items"]:
            (action, result), = item.items()
            if action == "delete" and result.get("status") == 404:
                continue  # unknown ids are fine
            if "error" in result:
                error = result["error"]
                raise SearchUnavailable(
                    f"Elasticsearch at {self._safe_url} refused to {what} (id {result.get('_id')!r}): "
                    f"{error.get('type')}: {error.get('reason')}"
                )

    # --- reading ----------------------------------------------------------

    def count(self) -> int:
        self._ensure_ready()
        with self._errors("count the documents"):
            return int(self.client.count(index=self.alias)["count"])

    def fingerprints(self) -> dict[str, str]:
        self._ensure_ready()
        found: dict[str, str] = {}
        after: list | None = None
        with self._errors("list the indexed documents"):
            while True:
                # search_after on the "id" keyword: no scroll context to leak, no depth limit.
                extra = {"search_after": after} if after else {}
                response = self.client.search(
                    index=self.alias, query={"match_all": {}}, size=CLEAR_BATCH_SIZE, sort=[{"id": "asc"}],
                    source=["fingerprint"], track_total_hits=False, **extra,
                )
                hits = response["hits"]["hits"]
                for hit in hits:
                    found[hit["_id"]] = hit["_source"].get("fingerprint", "")
                if len(hits) < CLEAR_BATCH_SIZE:
                    return found
                after = hits[-1]["sort"]

    def search(self, query: SearchQuery) -> SearchResults:
        self._ensure_ready()
        page, page_size = max(1, query.page), max(1, query.page_size)
        text = text_query(query.text, filters=query.filters)
        weights = self._weights(text, query.viewer_groups) if text else None
        body = search_body(query, page, page_size, text=text, weights=weights)
        with self._errors("search"):
            response = self.client.search(index=self.alias, **body)
        return SearchResults(
            total=int(response["hits"]["total"]["value"]),
            hits=tuple(_hit(raw) for raw in response["hits"]["hits"]),
            facets=_facets(response.get("aggregations", {}), query),
            page=page,
            page_size=page_size,
        )

    def _weights(self, text: TextQuery, viewer_groups: tuple[str, ...]) -> Weights:
        """The weights of the required clauses: how many visible items hold each (one request, a filters aggregation)."""
        filters = {f"c{number}": clause_anywhere(clause) for number, clause in enumerate(text.required)}
        with self._errors("count the query's words"):
            response = self.client.search(index=self.alias, size=0, track_total_hits=True,
                                          query={"bool": {"filter": [_visibility(viewer_groups)]}},
                                          aggs={"clauses": {"filters": {"filters": filters}}})
        buckets = response.get("aggregations", {}).get("clauses", {}).get("buckets", {})
        frequencies = [int(buckets.get(name, {}).get("doc_count", 0)) for name in filters]
        return clause_weights(text, frequencies, int(response["hits"]["total"]["value"]))

    # --- autocomplete, "did you mean" and related content ----------------

    def suggest_titles(self, text: str, viewer_groups: tuple[str, ...],
                       limit: int = MAX_SUGGESTIONS) -> tuple[TitleSuggestion, ...]:
        """A ``prefix`` query per word on the lower-cased title terms (no n-gram field needed)."""
        words = suggestion_words(text)
        limit = max(0, min(int(limit), MAX_SUGGESTIONS))
        if not words or not limit:
            return ()
        self._ensure_ready()
        query = {"bool": {"filter": [_visibility(viewer_groups),
                                     *({"prefix": {"title": {"value": word}}} for word in words)]}}
        with self._errors("suggest titles"):
            response = self.client.search(index=self.alias, query=query, size=limit,
                                          sort=[{"title.sort": "asc"}, {"id": "asc"}],
                                          source=["id", "content_type", "title", "url"], track_total_hits=False)
        return tuple(TitleSuggestion(hit["_source"]["id"], hit["_source"]["content_type"], hit["_source"]["title"],
                                     hit["_source"]["url"]) for hit in response["hits"]["hits"])

    def spelling(self, text: str, viewer_groups: tuple[str, ...]) -> str | None:
        """Candidates from the term suggester (every item's terms), counted again among visible items."""
        words = spelling_words(text)
        looked_at = [word for word in dict.fromkeys(words) if correctable(word)]
        if not looked_at:
            return None
        self._ensure_ready()
        present = self._visible_counts(looked_at, viewer_groups)
        missing = [word for word in looked_at if not present.get(word)]
        if not missing:
            return None
        suggest = {
            f"w{position}-{number}": {"text": word, "term": {
                "field": field, "suggest_mode": "always", "size": MAX_CANDIDATES, "max_edits": 2,
                "prefix_length": 1, "min_word_length": MIN_WORD_LENGTH,
            }}
            for position, word in enumerate(missing) for number, field in enumerate(SPELLING_FIELDS)
        }
        with self._errors("find spelling suggestions"):
            response = self.client.search(index=self.alias, size=0, suggest=suggest, track_total_hits=False)
        candidates: dict[str, list[str]] = {}
        for position, word in enumerate(missing):
            options = [option["text"]
                       for number, _field in enumerate(SPELLING_FIELDS)
                       for entry in response.get("suggest", {}).get(f"w{position}-{number}", [])
                       for option in entry.get("options", [])]
            candidates[word] = rank_candidates(word, options)
        counts = self._visible_counts([c for options in candidates.values() for c in options], viewer_groups)
        replacements = {word: next((c for c in options if counts.get(c)), None) for word, options in candidates.items()}
        if not any(replacements.values()):
            return None
        return " ".join(replacements.get(word) or word for word in words)

    def _visible_counts(self, terms: list[str], viewer_groups: tuple[str, ...]) -> dict[str, int]:
        """How many visible items hold each term in their own fields or their PDFs (one msearch)."""
        terms = list(dict.fromkeys(terms))
        if not terms:
            return {}
        searches: list[dict] = []
        for term in terms:
            searches += [{}, {"size": 0, "track_total_hits": True, "query": {"bool": {"filter": [
                _visibility(viewer_groups),
                {"bool": {"should": [
                    {"multi_match": {"query": term, "fields": list(DOCUMENT_TEXT_FIELDS), "operator": "and"}},
                    {"nested": {"path": "pages", "query": {"match": {PAGE_TEXT_FIELD: {"query": term,
                                                                                        "operator": "and"}}}}},
                ], "minimum_should_match": 1}},
            ]}}}]
        with self._errors("count spelling candidates"):
            response = self.client.msearch(index=self.alias, searches=searches)
        return {term: int(answer.get("hits", {}).get("total", {}).get("value", 0))
                for term, answer in zip(terms, response["responses"])}

    def related(self, id: str, viewer_groups: tuple[str, ...], limit: int = 5) -> tuple[Hit, ...]:
        """``more_like_this`` on the item's text plus one point per shared facet value, visibility-filtered."""
        limit = max(0, int(limit))
        if not limit:
            return ()
        self._ensure_ready()
        visibility = _visibility(viewer_groups)
        with self._errors("find the item for related content"):
            response = self.client.search(index=self.alias, size=1, track_total_hits=False,
                                          query={"bool": {"filter": [{"ids": {"values": [id]}}, visibility]}},
                                          source=[facet.field for facet in SUBJECT_FACETS])
        found = response["hits"]["hits"]
        if not found:
            return ()
        source = found[0]["_source"]
        should: list[dict] = [{"more_like_this": {
            "fields": RELATED_TEXT_FIELDS,
            "like": [{"_index": found[0]["_index"], "_id": id}],
            "min_term_freq": 1, "min_doc_freq": 2, "max_query_terms": 12, "minimum_should_match": 1,
            "boost": 3.0,
        }}]
        should += [{"constant_score": {"filter": {"term": {facet.field: value}}, "boost": 1.0}}
                   for facet in SUBJECT_FACETS for value in dict.fromkeys(source.get(facet.field) or ())]
        query = {"bool": {"should": should, "minimum_should_match": 1, "filter": [visibility],
                          "must_not": [{"ids": {"values": [id]}}]}}
        with self._errors("find related content"):
            response = self.client.search(
                index=self.alias, query=query, size=limit, track_total_hits=False,
                sort=["_score", {"date": {"order": "desc", "missing": "_last"}}, {"title.sort": "asc"}, {"id": "asc"}],
                source={"excludes": ["body", "pages"]},
            )
        return tuple(_hit(raw) for raw in response["hits"]["hits"])

    # --- errors -----------------------------------------------------------

    @property
    def _safe_url(self) -> str:
        """The URL without a password, for messages."""
        return _PASSWORD_IN_URL.sub(r"\1***@", self.url)

    @contextlib.contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        """Turn every client error into SearchUnavailable, saying what to check."""
        try:
            yield
        except ApiError as exc:
            if exc.meta.status == 404:
                self._ready = False  # the index went away; recreate it on the next call
            raise SearchUnavailable(
                f"Elasticsearch at {self._safe_url} refused to {what} (index {self.alias!r}): "
                f"HTTP {exc.meta.status} {exc.message}. Check that PORTAL_SEARCH['URL'] "
                f"(ELASTICSEARCH_URL) points to Elasticsearch 8 and that the server is healthy."
            ) from exc
        except TransportError as exc:
            raise SearchUnavailable(
                f"Elasticsearch at {self._safe_url} cannot be reached to {what} ({exc}). Check that "
                f"PORTAL_SEARCH['URL'] (ELASTICSEARCH_URL) is right and that the server is running."
            ) from exc


# --- autocomplete, "did you mean" and related content ---------------------------

#: fields whose terms the spelling suggester draws from (every indexed word)
SPELLING_FIELDS = (*DOCUMENT_TEXT_FIELDS, PAGE_TEXT_FIELD)
#: fields more_like_this compares: the stop-word-free variants, so "die" or "the" make nothing alike
RELATED_TEXT_FIELDS = [f"{name}.{language}" for name in DOCUMENT_TEXT_FIELDS for language in LANGUAGE_ANALYZERS]
