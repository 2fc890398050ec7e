"""What only the Elasticsearch backend has: versioned indices, analyzers, errors.

The conformance suite says what both backends do; this file checks the
Elasticsearch specifics on the real server: the alias over ``-v1``, that
every analyzer of ``search.index_settings`` exists on the server and does
what it should, and that an unreachable server is a clear SearchUnavailable.
"""

from __future__ import annotations

import socket
import uuid

import pytest

from search.backends.base import SearchUnavailable
from search.backends.elasticsearch import ElasticsearchBackend
from search.documents import Attachment, AttachmentPage, SearchDocument
from search.index_settings import LANGUAGE_ANALYZERS, SORT_NORMALIZER, TEXT_ANALYZER, index_settings
from search.query import SearchQuery


@pytest.fixture
def make_backend(elasticsearch_url, session_tag):
    """Build backends on fresh index names; delete their indices afterwards."""
    built: list[ElasticsearchBackend] = []

    def make(alias: str | None = None) -> ElasticsearchBackend:
        alias = alias or f"portal-test-{session_tag}-{uuid.uuid4().hex[:6]}"
        backend = ElasticsearchBackend({"URL": elasticsearch_url, "INDEX": alias, "TIMEOUT": 30})
        built.append(backend)
        return backend

    yield make
    for backend in built:
        names = list(backend.client.indices.get(index=f"{backend.alias}*", expand_wildcards="all"))
        if names:
            backend.client.indices.delete(index=",".join(names))


def _aliases(backend: ElasticsearchBackend) -> dict[str, list[str]]:
    response = backend.client.indices.get_alias(index=f"{backend.alias}-v*")
    return {name: sorted(entry["aliases"]) for name, entry in response.items()}


@pytest.mark.elasticsearch
def test_setup_creates_version_one_behind_the_alias(make_backend):
    backend = make_backend()
    backend.setup()
    backend.setup()
    assert _aliases(backend) == {f"{backend.alias}-v1": [backend.alias]}
    assert backend.index_versions() == [1]


@pytest.mark.elasticsearch
def test_setup_takes_the_next_version_if_one_is_left_over(make_backend):
    backend = make_backend()
    backend.create_index(1, with_alias=False)  # e.g. an aborted rebuild
    backend.setup()
    assert _aliases(backend) == {f"{backend.alias}-v1": [], f"{backend.alias}-v2": [backend.alias]}


@pytest.mark.elasticsearch
def test_writing_before_setup_sets_up_first(make_backend):
    backend = make_backend()
    backend.index([SearchDocument(id="page:1", content_type="project", title="Indium", url="/i/")])
    assert backend.count() == 1
    assert _aliases(backend) == {f"{backend.alias}-v1": [backend.alias]}


@pytest.mark.elasticsearch
def test_an_index_where_the_alias_belongs_is_reported(make_backend):
    backend = make_backend()
    backend.client.indices.create(index=backend.alias)
    with pytest.raises(SearchUnavailable, match="expects an alias"):
        backend.setup()


@pytest.mark.elasticsearch
def test_the_server_has_the_mapping_of_index_settings(make_backend):
    backend = make_backend()
    backend.setup()
    (mapping,) = backend.client.indices.get_mapping(index=backend.alias).values()
    assert mapping["mappings"]["properties"].keys() == index_settings()["mappings"]["properties"].keys()


@pytest.mark.elasticsearch
@pytest.mark.parametrize(
    ("analyzer", "text", "tokens"),
    [
        (TEXT_ANALYZER, "Die Rückgewinnung von Indium aus LCD-Glas", ["die", "rückgewinnung", "von", "indium", "aus",
                                                                      "lcd", "glas"]),
        (LANGUAGE_ANALYZERS["de"], "Die Rückgewinnung von Indium aus dem Glas", ["rückgewinnung", "indium", "glas"]),
        (LANGUAGE_ANALYZERS["en"], "The recovery of indium and gallium", ["recovery", "indium", "gallium"]),
    ],
)
def test_every_analyzer_works_on_the_server(make_backend, analyzer, text, tokens):
    backend = make_backend()
    backend.setup()
    response = backend.client.indices.analyze(index=backend.alias, analyzer=analyzer, text=text)
    assert [token["token"] for token in response["tokens"]] == tokens


@pytest.mark.elasticsearch
def test_every_declared_analyzer_and_normalizer_is_known_to_the_server(make_backend):
    backend = make_backend()
    backend.setup()
    analysis = index_settings()["settings"]["analysis"]
    for name in analysis["analyzer"]:
        assert backend.client.indices.analyze(index=backend.alias, analyzer=name, text="Indium")["tokens"]
    for name in analysis["normalizer"]:
        response = backend.client.indices.analyze(index=backend.alias, normalizer=name, text="Ärger mit Indium")
        assert [token["token"] for token in response["tokens"]] == ["ärger mit indium"]
    assert SORT_NORMALIZER in analysis["normalizer"]


@pytest.mark.elasticsearch
def test_a_deleted_index_is_reported_then_recreated(make_backend):
    backend = make_backend()
    backend.setup()
    backend.client.indices.delete(index=f"{backend.alias}-v1")
    with pytest.raises(SearchUnavailable, match="404"):
        backend.search(SearchQuery(text="Indium"))
    assert backend.search(SearchQuery(text="Indium")).total == 0
    assert backend.index_versions() == [1]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# No server needed: nothing listens on the port.
@pytest.mark.parametrize(
    "call",
    [
        lambda backend: backend.setup(),
        lambda backend: backend.search(SearchQuery(text="Indium")),
        lambda backend: backend.index([SearchDocument(id="x", content_type="project", title="x", url="/x/")]),
        lambda backend: backend.delete(["x"]),
        lambda backend: backend.count(),
        lambda backend: backend.clear(),
    ],
    ids=["setup", "search", "index", "delete", "count", "clear"],
)
def test_an_unreachable_server_is_search_unavailable_naming_the_url(call):
    url = f"http://portal:s3cret@127.0.0.1:{_closed_port()}"
    backend = ElasticsearchBackend({"URL": url, "INDEX": "portal", "TIMEOUT": 2})
    with pytest.raises(SearchUnavailable) as raised:
        call(backend)
    message = str(raised.value)
    assert "cannot be reached" in message and "ELASTICSEARCH_URL" in message
    assert f"http://portal:***@127.0.0.1:{url.rsplit(':', 1)[1]}" in message
    assert "s3cret" not in message


def _older_layout() -> dict:
    """The index settings as the portal created them before page text was stored and pages had presence fields."""
    body = index_settings()
    mappings = body["mappings"]
    mappings.pop("_source")
    for name in ("page_words", "page_stems"):
        mappings["properties"].pop(name)
    mappings["properties"]["pages"]["properties"]["text"].pop("store")
    return body


@pytest.mark.elasticsearch
def test_an_index_of_an_older_layout_keeps_answering_and_gains_the_new_fields(make_backend, caplog):
    backend = make_backend()
    body = _older_layout()
    backend.client.indices.create(index=f"{backend.alias}-v1", settings=body["settings"],
                                  mappings=body["mappings"], aliases={backend.alias: {}})
    backend.setup()  # pages.text cannot become stored in place: the new fields are added, the rest waits
    assert "manage.py reindex" in caplog.text
    properties = backend.client.indices.get_mapping(index=backend.alias)[f"{backend.alias}-v1"]["mappings"]["properties"]
    assert {"page_words", "page_stems"} <= set(properties)
    backend.index([SearchDocument(
        id="page:1", content_type="project", title="Versuchsbericht", url="/p/1/",
        attachments=(Attachment("Bericht", "/documents/1/bericht.pdf",
                                (AttachmentPage(1, "Einleitung."),
                                 AttachmentPage(2, "Die Haldensickerwässer enthalten Germanium."))),),
    )])
    (hit,) = backend.search(SearchQuery(text="Germanium")).hits
    assert [(page.number, "<mark>Germanium</mark>" in page.highlight) for page in hit.page_hits] == [(2, True)]
