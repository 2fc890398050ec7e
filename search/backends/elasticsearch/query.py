"""Query compilation for the Elasticsearch backend: a SearchQuery as the body of the search request.

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

Here too: highlights, facet filters and aggregations, the visibility filter.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

from search.facets import FACETS, FACETS_BY_NAME
from search.index_settings import (DOCUMENT_TEXT_FIELDS, LANGUAGE_ANALYZERS, PAGE_STEMS_FIELD, PAGE_TEXT_FIELD,
                                   PAGES_STEMS_FIELD, PAGES_WORDS_FIELD, STEMS_FIELD)
from search.matching import (CHOSEN_TAG_BONUS, COORDINATION_BONUS, ENTRY_WEIGHTS, LABEL_BONUS, PHRASE_BONUS,
                             PROXIMITY_BONUS, PROXIMITY_WINDOW, Clause, TextQuery, Weights, clause_weights, text_query)
from search.query import FACET_SIZE, MAX_PAGE_HITS, SearchQuery

MAX_RESULT_WINDOW = 10_000  # Elasticsearch's index.max_result_window default
MARK = ("<mark>", "</mark>")


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
    exact = _as_written(clause.written_forms, fields)
    if not clause.alternatives:
        return exact
    options: list[dict[str, Any]] = [exact] if clause.written_forms else []
    options += [_stems_query(group, stems_field) for group in clause.alternatives]
    return {"bool": {"should": options, "minimum_should_match": 1}}


def _as_written(forms: Iterable[str], fields: dict[str, float]) -> dict[str, Any]:
    """True where any of ``forms`` stands as written (a phrase of several words in order) in ``fields``."""
    return _text_query(" ".join(_phrase(form) for form in forms), fields, "or")


def _written_forms(clauses: Sequence[Clause]) -> list[str]:
    """Every form of every one of ``clauses`` as written (stop words and synonyms too)."""
    return [form for clause in clauses for form in clause.written_forms]


def _stems_query(group: tuple[str, ...], stems_field: str) -> dict[str, Any]:
    """True where every stem of ``group`` stands in ``stems_field`` (a compound's parts: all of them)."""
    if len(group) == 1:
        return {"term": {stems_field: group[0]}}
    return {"bool": {"must": [{"term": {stems_field: stem}} for stem in group]}}


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
        options.append(_as_written(single, {PAGES_WORDS_FIELD: 1.0}))
    options += [_stems_query(group, PAGES_STEMS_FIELD) for group in clause.alternatives if len(group) == 1]
    together: list[dict[str, Any]] = [_as_written(several, {PAGE_TEXT_FIELD: 1.0})] if several else []
    together += [_stems_query(group, PAGE_STEMS_FIELD) for group in clause.alternatives if len(group) > 1]
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
    everything = _written_forms(text.clauses)
    should = [_clause_query(clause, fields, stems_field) for clause in (text.clauses if clauses is None else clauses)]
    if everything:
        should.append(_as_written(everything, language_fields))
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
    """What results mark: every clause as written, and inflected forms by the prefix of each word's stem.

    Optional stop words are not marked (:attr:`TextQuery.highlighted`).
    """
    should: list[dict[str, Any]] = [_as_written(_written_forms(text.highlighted), dict.fromkeys(fields, 1.0))]
    should += [{"prefix": {field: clause.highlight_prefix}}
               for clause in text.highlighted if clause.highlight_prefix for field in fields]
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



def _visibility(viewer_groups: Iterable[str]) -> dict[str, Any]:
    return {"terms": {"visibility": list(viewer_groups)}}
