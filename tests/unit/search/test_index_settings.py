"""The Elasticsearch index settings: one field per facet, only core analysis.

The minimal Elasticsearch distributions lack the ``analysis-common`` module;
an index that names asciifolding, a stemmer or an n-gram filter cannot be
created there.  These tests fail as soon as someone adds one.
"""

from __future__ import annotations

import json

import pytest

from search.facets import FACETS
from search.index_settings import (DOCUMENT_TEXT_FIELDS, LANGUAGE_ANALYZERS, PAGE_TEXT_FIELD, TEXT_ANALYZER,
                                   index_settings)

# What the core of Elasticsearch provides without analysis-common (and what we allow ourselves).
CORE_TOKENIZERS = {"standard"}
CORE_FILTERS = {"lowercase", "stop", "shingle"}
CORE_STOP_LISTS = {"_german_", "_english_", "_none_"}


@pytest.fixture
def body() -> dict:
    return index_settings()


@pytest.fixture
def analysis(body) -> dict:
    return body["settings"]["analysis"]


@pytest.fixture
def properties(body) -> dict:
    return body["mappings"]["properties"]


def _custom_filters(analysis: dict) -> dict:
    return analysis.get("filter", {})


def _filter_type(name_or_definition, analysis: dict) -> str:
    """The type of a filter named in a chain: a custom one's type, or the built-in name."""
    if isinstance(name_or_definition, dict):
        return name_or_definition["type"]
    custom = _custom_filters(analysis).get(name_or_definition)
    return custom["type"] if custom else name_or_definition


def test_settings_are_a_fresh_json_document_each_time():
    first = index_settings()
    assert json.loads(json.dumps(first)) == first
    first["settings"]["analysis"]["analyzer"].clear()
    first["mappings"]["properties"].clear()
    assert index_settings()["settings"]["analysis"]["analyzer"]
    assert index_settings()["mappings"]["properties"]


def test_every_facet_has_a_keyword_field(properties):
    for facet in FACETS:
        assert properties[facet.field] == {"type": "keyword"}, facet


def test_unknown_fields_are_rejected_not_guessed(body):
    assert body["mappings"]["dynamic"] == "strict"


def non_core_components(analysis: dict) -> list[str]:
    """Every tokenizer, filter, char filter or stop list outside the core list."""
    found = []
    found += [f"custom tokenizer {name}" for name in analysis.get("tokenizer", {})]
    found += [f"custom char_filter {name}" for name in analysis.get("char_filter", {})]
    for name, definition in _custom_filters(analysis).items():
        if definition["type"] not in CORE_FILTERS:
            found.append(f"filter {name}: {definition['type']}")
        if definition["type"] == "stop" and definition.get("stopwords") not in CORE_STOP_LISTS:
            found.append(f"stop list of {name}: {definition.get('stopwords')}")
    chains = {**analysis.get("analyzer", {}), **analysis.get("normalizer", {})}
    for name, chain in chains.items():
        if chain.get("type") != "custom":
            found.append(f"{name}: built-in type {chain.get('type')}")
        if "tokenizer" in chain and chain["tokenizer"] not in CORE_TOKENIZERS:
            found.append(f"{name}: tokenizer {chain['tokenizer']}")
        found += [f"{name}: char_filter {item}" for item in chain.get("char_filter", [])]
        found += [f"{name}: filter {item}" for item in chain.get("filter", [])
                  if _filter_type(item, analysis) not in CORE_FILTERS]
    return found


def test_analysis_uses_only_core_components(analysis):
    assert non_core_components(analysis) == []


@pytest.mark.parametrize(
    "change",
    [
        lambda a: a["analyzer"][TEXT_ANALYZER]["filter"].append("asciifolding"),
        lambda a: a["analyzer"][TEXT_ANALYZER]["filter"].append("german_normalization"),
        lambda a: a["analyzer"][TEXT_ANALYZER].update(tokenizer="whitespace"),
        lambda a: a["analyzer"][TEXT_ANALYZER].update(char_filter=["html_strip"]),
        lambda a: a["filter"].update(stems={"type": "stemmer", "language": "light_german"}),
        lambda a: a["filter"].update(grams={"type": "edge_ngram", "min_gram": 2, "max_gram": 10}),
        lambda a: a["analyzer"].update(snow={"type": "snowball", "language": "German"}),
        lambda a: a["analyzer"].update(de={"type": "german"}),
        lambda a: a["normalizer"]["portal_sort"]["filter"].append("asciifolding"),
    ],
    ids=["asciifolding", "german_normalization", "whitespace", "html_strip", "stemmer", "edge_ngram",
         "snowball", "german", "normalizer-asciifolding"],
)
def test_the_guard_catches_analysis_common_components(analysis, change):
    change(analysis)
    assert non_core_components(analysis) != []


def test_german_and_english_drop_their_stop_words(analysis):
    for language, stop_list in (("de", "_german_"), ("en", "_english_")):
        chain = analysis["analyzer"][LANGUAGE_ANALYZERS[language]]["filter"]
        stops = [_custom_filters(analysis)[item] for item in chain if isinstance(item, str)
                 and _filter_type(item, analysis) == "stop"]
        assert [stop["stopwords"] for stop in stops] == [stop_list]


def _subfields(properties: dict, dotted: str) -> dict:
    field = properties
    *parents, name = dotted.split(".")
    for parent in parents:
        field = field[parent]["properties"]
    return field[name]


@pytest.mark.parametrize("name", [*DOCUMENT_TEXT_FIELDS, PAGE_TEXT_FIELD])
def test_text_fields_are_searchable_plain_and_per_language(properties, name):
    field = _subfields(properties, name)
    assert (field["type"], field["analyzer"]) == ("text", TEXT_ANALYZER)
    for language, analyzer in LANGUAGE_ANALYZERS.items():
        assert field["fields"][language] == {"type": "text", "analyzer": analyzer}


def test_pdf_pages_are_nested_with_their_number_and_link(properties):
    pages = properties["pages"]
    assert pages["type"] == "nested"
    assert set(pages["properties"]) == {"attachment_title", "attachment_url", "number", "text", "stems"}
    assert pages["properties"]["number"]["type"] == "integer"


def test_stems_are_indexed_with_the_plain_analyzer_only(properties):
    # stemming happens in Python (search.analysis): the index needs no stemmer of its own
    for field in (properties["stems"], properties["pages"]["properties"]["stems"]):
        assert field == {"type": "text", "analyzer": "portal_text", "index_options": "freqs"}


def test_fields_for_filters_and_order(properties):
    assert properties["visibility"] == {"type": "keyword"}
    assert properties["date"]["type"] == "date"
    assert properties["title"]["fields"]["sort"]["type"] == "keyword"
    assert properties["id"] == {"type": "keyword"}
