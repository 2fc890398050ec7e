"""The Elasticsearch backend (official client 8.x).

Documents live in a versioned index (``<INDEX>-v1``, ``-v2``, ...) behind the
alias ``<INDEX>``; every read and write goes through the alias, so a full
rebuild can fill a new version and swap the alias without downtime.  The
settings and mapping are in :mod:`search.index_settings`.

Matching (the same in the embedded backend; see ``tests/integration/search``):
the text becomes clauses (:func:`search.matching.text_query`): phrases
matched as written, words as written or by their stems (the ``stems``
fields, filled by :mod:`search.analysis` in Python, since this
distribution has no stemmers).  A document holds a clause if it occurs in
its own fields (title, summary, body) or on a page of one of its PDFs; it
is a candidate when the clauses it holds weigh enough
(:func:`search.matching.clause_weights`, from one counting request per
search); candidates rank by BM25 plus the coordination and proximity
bonuses of :mod:`search.matching`.  Pages holding a clause are reported as
page hits.  Visibility is always filtered here, never left to callers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
from dataclasses import fields as dataclass_fields
from itertools import islice
from typing import Any, Iterable, Iterator

from django.core.exceptions import ImproperlyConfigured
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError

from search.backends.base import MAX_SUGGESTIONS, SearchUnavailable, TitleSuggestion, suggestion_words
from search.documents import SearchDocument
from search.facets import FACETS, FACETS_BY_NAME, SUBJECT_FACETS
from search.analysis import stems_text
from search.index_settings import (DOCUMENT_TEXT_FIELDS, LANGUAGE_ANALYZERS, PAGE_STEMS_FIELD, PAGE_TEXT_FIELD,
                                   PAGES_STEMS_FIELD, PAGES_WORDS_FIELD, STEMS_FIELD, index_settings)
from search.matching import (CHOSEN_TAG_BONUS, COORDINATION_BONUS, ENTRY_WEIGHTS, LABEL_BONUS, PHRASE_BONUS,
                             PROXIMITY_BONUS, PROXIMITY_WINDOW, Clause, TextQuery, Weights, clause_weights, text_query)
from search.query import (FACET_SIZE, MAX_PAGE_HITS, FacetCount, Hit, PageHit, SearchQuery, SearchResults,
                          facet_counts, text_clauses)
from search.spelling import MAX_CANDIDATES, MIN_WORD_LENGTH, correctable, rank_candidates, spelling_words

logger = logging.getLogger(__name__)

DEFAULT_INDEX = "portal"
DEFAULT_TIMEOUT = 10
BULK_CHUNK_SIZE = 200  # documents per bulk request (PDF text makes them large)
CLEAR_BATCH_SIZE = 1000
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's index.max_result_window default
MARK = ("<mark>", "</mark>")
_PASSWORD_IN_URL = re.compile(r"(//[^/@:]*:)[^/]*@")
_HIT_FACET_FIELDS = {f.name for f in dataclass_fields(Hit)} & {facet.field for facet in FACETS}


class ElasticsearchBackend:
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

    # --- the index and its versions ------------------------------------

    def index_name(self, version: int) -> str:
        """Name of a concrete index version: ``portal-v3``."""
        return f"{self.alias}-v{version}"

    def index_versions(self) -> list[int]:
        """Versions of the concrete indices that exist, ascending."""
        pattern = re.compile(rf"^{re.escape(self.alias)}-v(\d+)$")
        with self._errors("list the indices"):
            names = self.client.indices.get(index=f"{self.alias}-v*", expand_wildcards="all")
        return sorted(int(match.group(1)) for name in names if (match := pattern.match(name)))

    def create_index(self, version: int, with_alias: bool) -> str:
        """Create index version ``version`` (optionally already behind the alias)."""
        name = self.index_name(version)
        body = index_settings()
        aliases = {self.alias: {}} if with_alias else None
        with self._errors(f"create the index {name}"):
            self.client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"],
                                       aliases=aliases)
        return name

    def setup(self) -> None:
        """Create ``<INDEX>-v<next>`` behind the alias ``<INDEX>`` unless the alias exists."""
        with self._errors("check the index alias"):
            if self.client.indices.exists_alias(name=self.alias):
                self._add_new_fields()
                self._ready = True
                return
            if self.client.indices.exists(index=self.alias):
                raise SearchUnavailable(
                    f"Elasticsearch at {self._safe_url} has an index named {self.alias!r} where the portal "
                    f"expects an alias. It was probably created by writing to it before setup; delete it "
                    f"and reindex."
                )
        version = max(self.index_versions(), default=0) + 1
        try:
            self.create_index(version, with_alias=True)
        except SearchUnavailable:
            # Another process may have won the race; then the alias exists now.
            with self._errors("check the index alias"):
                if not self.client.indices.exists_alias(name=self.alias):
                    raise
        self._ready = True

    def _add_new_fields(self) -> None:
        """Give the live index the fields added to the mapping since it was created.

        Adding fields is allowed on an existing index, so a deployment that
        adds a facet keeps searching; the entries get the new values as
        reconciliation rewrites them (their fingerprints changed).  A change
        to an existing field is refused by Elasticsearch: then a reindex is
        needed, and the error says so.
        """
        properties = index_settings()["mappings"]["properties"]
        try:
            self.client.indices.put_mapping(index=self.alias, properties=properties)
            return
        except ApiError as exc:
            refused = exc
        # An existing field changed in a way Elasticsearch cannot apply in place (``pages.text`` became
        # stored): the old layout still answers every query, so add the new fields only and say that a
        # reindex brings the rest.
        try:
            with self._errors("read the index mapping"):
                current = self.client.indices.get_mapping(index=self.alias)
            existing = set().union(*(body["mappings"].get("properties", {}) for body in current.values()))
            added = {name: field for name, field in properties.items() if name not in existing}
            if added:
                self.client.indices.put_mapping(index=self.alias, properties=added)
        except ApiError as exc:
            raise SearchUnavailable(
                f"The mapping of the index {self.alias!r} at {self._safe_url} differs from this version's in an "
                f"incompatible way ({exc}); run `manage.py reindex` to build a new index version."
            ) from exc
        logger.warning(
            "The index %r keeps an older layout (%s); searches work, but `manage.py reindex` builds the current "
            "one (faster page hits).", self.alias, refused.message if hasattr(refused, "message") else refused)

    def _ensure_ready(self) -> None:
        if not self._ready:
            self.setup()

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

    # --- full rebuilds (search.rebuild) ----------------------------------
    #
    # The new version is a concrete index outside the alias; live writes keep
    # going through the alias to the old one until finish_rebuild swaps the
    # alias in one _aliases request (remove + add: no moment without an index).

    def live_version(self) -> str:
        """The concrete index behind the alias (``portal-v3``)."""
        self._ensure_ready()
        return ",".join(self._alias_holders())

    def stored_versions(self) -> list[str]:
        return [self.index_name(version) for version in self.index_versions()]

    def begin_rebuild(self) -> str:
        """Create ``<INDEX>-v<next>`` without the alias, refreshing only when finished."""
        self.setup()  # live writes need the alias while we build
        name = self.create_index(max(self.index_versions(), default=0) + 1, with_alias=False)
        with self._errors(f"prepare {name} for the rebuild"):
            # No refreshes while filling it: nobody searches it yet.
            self.client.indices.put_settings(index=name, settings={"index": {"refresh_interval": "-1"}})
        return name

    def index_into(self, target: str, documents: Iterable[SearchDocument]) -> None:
        self._check_rebuild_target(target)
        what = f"index documents into {target}"
        for chunk in _chunks((action for document in documents for action in _index_actions(document)),
                             2 * BULK_CHUNK_SIZE):
            with self._errors(what):
                response = self.client.bulk(index=target, operations=chunk, refresh=False)
            for item in response["items"] if response.get("errors") else ():
                (_action, result), = item.items()
                if "error" in result:
                    error = result["error"]
                    raise SearchUnavailable(
                        f"Elasticsearch at {self._safe_url} refused to {what} (id {result.get('_id')!r}): "
                        f"{error.get('type')}: {error.get('reason')}"
                    )

    def finish_rebuild(self, target: str) -> list[str]:
        self._check_rebuild_target(target)
        with self._errors(f"make {target} searchable"):
            self.client.indices.put_settings(index=target, settings={"index": {"refresh_interval": None}})
            self.client.indices.refresh(index=target)
        previous = [name for name in self._alias_holders() if name != target]
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in previous]
        actions.append({"add": {"index": target, "alias": self.alias}})
        # One request: searches and writes see the old index or the new one, never none.
        # If another rebuild switched meanwhile, "remove" fails and nothing changes.
        with self._errors(f"switch the alias to {target}"):
            self.client.indices.update_aliases(actions=actions)
        self._ready = True
        for name in previous:
            try:
                with self._errors(f"delete the previous version {name}"):
                    self.client.indices.delete(index=name)
            except SearchUnavailable as exc:
                logger.warning("%s The new version %s is live; delete %s by hand: curl -X DELETE %s/%s",
                               exc, target, name, self._safe_url, name)
        return previous

    def abort_rebuild(self, target: str) -> None:
        self._check_rebuild_target(target)
        if target in self._alias_holders():
            raise SearchUnavailable(f"{target} is live behind the alias {self.alias!r}; it is not deleted.")
        with self._errors(f"delete the unfinished {target}"):
            with contextlib.suppress(NotFoundError):
                self.client.indices.delete(index=target)

    def _alias_holders(self) -> list[str]:
        """The concrete indices the alias points to (one, unless something went wrong)."""
        with self._errors("find the index behind the alias"):
            try:
                return sorted(self.client.indices.get_alias(name=self.alias))
            except NotFoundError:
                return []

    def _check_rebuild_target(self, target: str) -> None:
        if not re.fullmatch(rf"{re.escape(self.alias)}-v\d+", target):
            raise ValueError(f"{target!r} is not a version of the index {self.alias!r}")

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


# --- documents -> bulk actions -------------------------------------------------


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


# --- query -> request body -----------------------------------------------------


def search_body(query: SearchQuery, page: int, page_size: int, text: TextQuery | None = None,
                weights: Weights | None = None) -> dict[str, Any]:
    """The body of the search request for ``query`` (keyword arguments of ``client.search``).

    ``weights`` are the required clauses' (:meth:`ElasticsearchBackend._weights`);
    without them every clause weighs the same (benchmarks build bodies so).
    """
    text = text_query(query.text, filters=query.filters) if text is None else text
    # who may see an item, and the scope searched in: filters, so they decide membership and not the score
    membership = [{"terms": {"visibility": list(query.viewer_groups)}}, *_scope_filters(query)]
    if text:
        if weights is None:
            weights = clause_weights(text, [0] * len(text.required), 1)
        main = {"bool": {"filter": membership,
                         "must": [_candidates(text, weights)],
                         "should": [_own_fields_query(text), _pages_query(text), *_proximity(text), *_labels(text),
                                    *_chosen_tags(text)]}}
        main = _weighted_by_type(main)
        sort: list[Any] = ["_score"] if query.sort != "date" else []
    else:
        main = {"bool": {"filter": membership}}
        sort = []
    sort += [{"date": {"order": "desc", "missing": "_last"}}, {"title.sort": "asc"}, {"id": "asc"}]

    start = (page - 1) * page_size
    if start + page_size > MAX_RESULT_WINDOW:  # beyond what the engine pages through: no hits
        start, page_size = 0, 0
    filters = _facet_filters(query)
    body: dict[str, Any] = {
        "query": main,
        "from": start,
        "size": page_size,
        "sort": sort,
        "track_total_hits": True,
        "_source": {"excludes": ["body", "pages", "stems"]},
        "aggs": _facet_aggregations(query, filters),
    }
    if filters:
        body["post_filter"] = {"bool": {"filter": list(filters.values())}}
    if text:
        body["highlight"] = _highlight({
            "title": {"number_of_fragments": 0},
            "summary": {"number_of_fragments": 0},
            "body": {"fragment_size": 160, "number_of_fragments": 2},
        }, _highlight_query(text, list(DOCUMENT_TEXT_FIELDS)))
    return body


def _text_query(text: str, fields: dict[str, float], operator: str = "and") -> dict[str, Any]:
    """simple_query_string with only phrases: the clauses are already quoted, nothing else is syntax."""
    return {"simple_query_string": {
        "query": text,
        "fields": [f"{name}^{boost:g}" for name, boost in fields.items()],
        "default_operator": operator,
        "flags": "PHRASE|WHITESPACE",
        "lenient": True,
    }}


def _phrase(text: str) -> str:
    return f'"{text}"'  # clauses hold no double quotes (search.query.quoted_clauses)


def _clause_query(clause: Clause, fields: dict[str, float], stems_field: str) -> dict[str, Any]:
    """True where ``clause`` (or a synonym) occurs as written in ``fields``, or (a word) by its stems in ``stems_field``."""
    exact = _text_query(" ".join(_phrase(form) for form in clause.written_forms), fields, "or")
    if not clause.alternatives:
        return exact
    options: list[dict[str, Any]] = [exact] if clause.written_forms else []
    for group in clause.alternatives:  # every stem of a group anywhere in the item (a compound's parts)
        options.append({"term": {stems_field: group[0]}} if len(group) == 1 else
                       {"bool": {"must": [{"term": {stems_field: stem}} for stem in group]}})
    return {"bool": {"should": options, "minimum_should_match": 1}}


def clause_anywhere(clause: Clause) -> dict[str, Any]:
    """True for an item that holds ``clause`` in its own fields, on any page of its PDFs, or as a tag (a filter).

    Whether some page holds a single word or stem is looked up in the item's
    presence fields (every page's words and stems, once); what must stand
    together on one page (a written form of several words, a group of stems
    such as a compound's parts) is looked for page by page.
    """
    single = tuple(form for form in clause.written_forms if _ONE_WORD.fullmatch(form))
    several = tuple(form for form in clause.written_forms if form not in single)
    options: list[dict[str, Any]] = [_clause_query(clause, DOCUMENT_TEXT_FIELDS, STEMS_FIELD)]
    if single:
        options.append(_text_query(" ".join(_phrase(form) for form in single), {PAGES_WORDS_FIELD: 1.0}, "or"))
    options += [{"term": {PAGES_STEMS_FIELD: group[0]}} for group in clause.alternatives if len(group) == 1]
    together: list[dict[str, Any]] = []
    if several:
        together.append(_text_query(" ".join(_phrase(form) for form in several), {PAGE_TEXT_FIELD: 1.0}, "or"))
    together += [{"bool": {"must": [{"term": {PAGE_STEMS_FIELD: stem}} for stem in group]}}
                 for group in clause.alternatives if len(group) > 1]
    if together:
        options.append({"nested": {"path": "pages", "score_mode": "none",
                                   "query": {"bool": {"should": together, "minimum_should_match": 1}}}})
    return {"bool": {"should": [*options, *_tags_queries(clause)], "minimum_should_match": 1}}


# A written form the standard tokenizer surely keeps as one word (letters of Latin scripts and digits): a term
# lookup in the presence field finds it.  Anything else (two words, "3.5", ideographs) needs the page's positions.
_ONE_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+")


def _tags_queries(clause: Clause) -> list[dict[str, Any]]:
    """``term`` queries on the facet fields for the facet values ``clause`` names."""
    return [{"term": {FACETS_BY_NAME[facet].field: slug}} for facet, slug in clause.tags if facet in FACETS_BY_NAME]


def _weighted_by_type(query: dict[str, Any]) -> dict[str, Any]:
    """``query`` with each item's score multiplied by ``ENTRY_WEIGHTS`` of its content type (others: 1)."""
    return {"function_score": {"query": query, "score_mode": "multiply", "boost_mode": "multiply", "functions": [
        {"filter": {"term": {"content_type": content_type}}, "weight": weight}
        for content_type, weight in ENTRY_WEIGHTS.items()]}}


def _chosen_tags(text: TextQuery) -> list[dict[str, Any]]:
    """Scoring clauses: ``CHOSEN_TAG_BONUS`` per selected metal or process an editor (not ingestion) gave the item."""
    clauses = []
    for facet_name, slug in text.chosen_tags:
        field = FACETS_BY_NAME[facet_name].field
        clauses.append({"constant_score": {"boost": CHOSEN_TAG_BONUS, "filter": {"bool": {
            "filter": [{"term": {field: slug}}], "must_not": [{"term": {"detected": f"{field}:{slug}"}}]}}}})
    return clauses


def _labels(text: TextQuery) -> list[dict[str, Any]]:
    """Scoring clauses: ``LABEL_BONUS`` per required clause whose facet value an item carries."""
    return [{"constant_score": {"boost": LABEL_BONUS, "filter": {"bool": {"should": queries,
                                                                          "minimum_should_match": 1}}}}
            for clause in text.required if (queries := _tags_queries(clause))]


def _candidates(text: TextQuery, weights: Weights) -> dict[str, Any]:
    """Items whose clauses weigh at least ``weights.threshold``, scored by the coordination bonus.

    The clauses an item holds add up their weights (constant scores);
    ``min_score`` cuts what stays below the threshold (scores are 32-bit
    floats, hence the small allowance), and the sum, times
    ``COORDINATION_BONUS / total``, is the item's share of the bonus
    (:meth:`search.matching.Weights.coordination`): one pass over the
    clauses both selects and scores.
    """
    should = [{"constant_score": {"filter": clause_anywhere(clause), "boost": weight}}
              for clause, weight in zip(text.required, weights.weights) if weight > 0]
    if not should:
        return {"match_none": {}}
    must = [clause_anywhere(clause) for clause, mandatory in zip(text.required, weights.mandatory) if mandatory]
    held = {"function_score": {"query": {"bool": {"should": should, "filter": must}},
                               "min_score": max(weights.threshold * (1 - 1e-4) - 1e-6, 1e-6),
                               "boost_mode": "replace"}}
    return {"function_score": {"query": held, "functions": [{"weight": COORDINATION_BONUS / weights.total}],
                               "boost_mode": "multiply"}}


def _proximity(text: TextQuery) -> list[dict[str, Any]]:
    """Scoring clauses: ``PROXIMITY_BONUS`` once if the words stand close in the own fields or on a page, and
    ``PHRASE_BONUS`` per quoted phrase held as written."""
    scoring = [{"constant_score": {"boost": PHRASE_BONUS, "filter": _phrase_anywhere(clause.text, slop=0)}}
               for clause in text.exact_phrases]
    words = text.proximity_words
    if words:
        scoring.append({"constant_score": {"boost": PROXIMITY_BONUS,
                                           "filter": _phrase_anywhere(" ".join(words), slop=PROXIMITY_WINDOW)}})
    return scoring


def _phrase_anywhere(phrase: str, slop: int) -> dict[str, Any]:
    """True where the words of ``phrase`` stand within ``slop`` moves of it in the own fields or on a page."""
    return {"bool": {"should": [
        {"multi_match": {"query": phrase, "type": "phrase", "slop": slop, "fields": list(DOCUMENT_TEXT_FIELDS)}},
        {"nested": {"path": "pages", "score_mode": "none", "query": {
            "match_phrase": {PAGE_TEXT_FIELD: {"query": phrase, "slop": slop}}}}},
    ], "minimum_should_match": 1}}


def _relevance(text: TextQuery, fields: dict[str, float], stems_field: str,
               clauses: tuple[Clause, ...] | None = None) -> dict[str, Any]:
    """BM25 of every clause (stop words too) on ``fields``, and of the words on the stop-word-free subfields.

    ``clauses``: the clauses scored one by one (default: all of ``text``'s).
    """
    language_fields = {f"{name}.{language}": boost for name, boost in fields.items() for language in LANGUAGE_ANALYZERS}
    everything = " ".join(_phrase(form) for clause in text.clauses for form in clause.written_forms)
    should = [_clause_query(clause, fields, stems_field) for clause in (text.clauses if clauses is None else clauses)]
    if everything:
        should.append(_text_query(everything, language_fields, "or"))
    return {"bool": {"should": should}}


def _own_fields_query(text: TextQuery) -> dict[str, Any]:
    return _relevance(text, DOCUMENT_TEXT_FIELDS, STEMS_FIELD)


def _pages_query(text: TextQuery) -> dict[str, Any]:
    """The best page's relevance, and the pages that hold a required clause (best first) as inner hits."""
    page_fields = {PAGE_TEXT_FIELD: 1.0}
    holds = [_clause_query(clause, page_fields, PAGE_STEMS_FIELD) for clause in text.required]
    # A page's score is what it holds of the required clauses, counted twice (once for holding them, once as
    # their relevance), and the relevance of the rest; the required clauses are evaluated once, with boost 2.
    return {"nested": {
        "path": "pages",
        "score_mode": "max",
        "query": {"bool": {"must": [{"bool": {"should": holds, "minimum_should_match": 1, "boost": 2.0}}],
                           "should": [_relevance(text, page_fields, PAGE_STEMS_FIELD, clauses=text.optional)]}},
        "inner_hits": {
            "name": "pages",
            "size": MAX_PAGE_HITS,
            # doc values, not _source: reading the item's _source (every page's text) per page hit is what
            # made page hits slow
            "_source": False,
            "docvalue_fields": ["pages.attachment_title", "pages.attachment_url", "pages.number"],
            "highlight": _highlight({PAGE_TEXT_FIELD: {"fragment_size": 160, "number_of_fragments": 1,
                                                       "no_match_size": 160}},
                                    _highlight_query(text, [PAGE_TEXT_FIELD])),
        },
    }}


def _highlight_query(text: TextQuery, fields: list[str]) -> dict[str, Any]:
    """What results mark: every clause as written, and inflected forms by the prefix of each word's stem."""
    should: list[dict[str, Any]] = [_text_query(" ".join(_phrase(form) for clause in text.clauses
                                                         for form in clause.written_forms),
                                                dict.fromkeys(fields, 1.0), "or")]
    should += [{"prefix": {field: clause.highlight_prefix}}
               for clause in text.clauses if clause.highlight_prefix for field in fields]
    return {"bool": {"should": should}}


def _highlight(fields: dict[str, dict], query: dict[str, Any]) -> dict[str, Any]:
    return {"type": "unified", "encoder": "html", "pre_tags": [MARK[0]], "post_tags": [MARK[1]], "fields": fields,
            "highlight_query": query}


def _scope_filters(query: SearchQuery) -> list[dict]:
    """The items of ``query.scope`` only (none: everything); in the main query, so the facets count within it."""
    return [{"term": {"scopes": query.scope}}] if query.scope is not None else []


def _facet_filters(query: SearchQuery) -> dict[str, dict]:
    """A ``terms`` filter per facet with a selection: OR within, AND across."""
    return {facet.name: {"terms": {facet.field: list(values)}}
            for facet in FACETS if (values := query.filters.get(facet.name))}


def _facet_aggregations(query: SearchQuery, filters: dict[str, dict]) -> dict[str, Any]:
    """Per facet: the counts under every other facet's filter, not its own."""
    aggregations = {}
    for facet in FACETS:
        others = [clause for name, clause in filters.items() if name != facet.name]
        values: dict[str, Any] = {"terms": {"field": facet.field, "size": FACET_SIZE}}
        inner = {"values": values}
        selected = list(query.filters.get(facet.name, ()))
        if selected:  # exact counts of selected values, even outside the top values
            inner["selected"] = {"terms": {"field": facet.field, "include": selected, "size": len(selected)}}
        aggregations[facet.name] = {"filter": {"bool": {"filter": others}}, "aggs": inner}
    return aggregations


# --- response -> results -------------------------------------------------------


def _hit(raw: dict[str, Any]) -> Hit:
    source = raw["_source"]
    highlight = raw.get("highlight", {})
    pages = raw.get("inner_hits", {}).get("pages", {}).get("hits", {}).get("hits", [])
    return Hit(
        id=source["id"],
        content_type=source["content_type"],
        title=source["title"],
        url=source["url"],
        summary=source.get("summary", ""),
        date=dt.date.fromisoformat(source["date"]) if source.get("date") else None,
        score=float(raw.get("_score") or 0.0),
        highlights=tuple(fragment for name in DOCUMENT_TEXT_FIELDS for fragment in highlight.get(name, ())),
        page_hits=tuple(_page_hit(page) for page in pages),
        detected=tuple(source.get("detected") or ()),
        roles=tuple(source.get("roles") or ()),
        readiness=source.get("readiness"),
        **{name: tuple(source.get(name) or ()) for name in _HIT_FACET_FIELDS},
    )


def _page_hit(raw: dict[str, Any]) -> PageHit:
    values = raw.get("fields", {})
    fragments = raw.get("highlight", {}).get(PAGE_TEXT_FIELD, [""])
    return PageHit(
        attachment_title=values["pages.attachment_title"][0],
        attachment_url=values["pages.attachment_url"][0],
        number=int(values["pages.number"][0]),
        highlight=fragments[0],
    )


def _facets(aggregations: dict[str, Any], query: SearchQuery) -> dict[str, tuple[FacetCount, ...]]:
    facets = {}
    for facet in FACETS:
        aggregation = aggregations.get(facet.name, {})
        counts = {bucket["key"]: bucket["doc_count"] for bucket in aggregation.get("values", {}).get("buckets", [])}
        counts |= {bucket["key"]: bucket["doc_count"]
                   for bucket in aggregation.get("selected", {}).get("buckets", [])}
        facets[facet.name] = facet_counts(counts, query.filters.get(facet.name, ()))
    return facets


# --- autocomplete, "did you mean" and related content ---------------------------

#: fields whose terms the spelling suggester draws from (every indexed word)
SPELLING_FIELDS = (*DOCUMENT_TEXT_FIELDS, PAGE_TEXT_FIELD)
#: fields more_like_this compares: the stop-word-free variants, so "die" or "the" make nothing alike
RELATED_TEXT_FIELDS = [f"{name}.{language}" for name in DOCUMENT_TEXT_FIELDS for language in LANGUAGE_ANALYZERS]


def _visibility(viewer_groups: Iterable[str]) -> dict[str, Any]:
    return {"terms": {"visibility": list(viewer_groups)}}

