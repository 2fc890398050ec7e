"""What a search costs the database: after warm-up, nothing but what only the database can answer.

A search reads no taxonomy name, vocabulary or edition title from the
database (each process holds them, see ``search.sources``) and writes no
query log row (``search.query_log`` buffers them); a fresh search still
asks for its promoted results.  An editor's change of a name shows at the
next search, in this process at once and in the others by the version the
change increments.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.taxonomy.models import Metal, Process
from search import labels, sources
from tests.integration.search.test_suggest import serve_from

pytestmark = pytest.mark.django_db

PROMOTIONS_TABLE = "wagtailsearchpromotions"


@pytest.fixture
def warm(client, backend, monkeypatch):
    """A client of the portal served from ``backend``, after one request of each kind."""
    serve_from(monkeypatch, backend)
    monkeypatch.setattr(sources, "CHECK_SECONDS", 3600.0)  # no look at the versions in the middle of a test
    for path, params in (("/api/v1/search", {"q": "Indium"}), ("/search/", {"q": "Indium"}),
                         ("/api/v1/suggest", {"q": "ind"})):
        assert client.get(path, params).status_code == 200
    return client


def sql_of(client, path: str, **params) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, params).status_code == 200
    return [query["sql"] for query in queries]


def metal_labels(client, language: str = "de", **params) -> dict[str, str]:
    body = client.get("/api/v1/search", params, headers={"Accept-Language": language}).json()
    return {value["value"]: value["label"] for value in body["facets"]["metal"]}


def test_a_fresh_search_asks_the_database_only_for_its_promoted_results(warm):
    for path in ("/api/v1/search", "/search/"):
        queries = sql_of(warm, path, q="Indium Gallium")
        assert len(queries) <= 1 and all(PROMOTIONS_TABLE in sql for sql in queries), queries


def test_paging_filtering_and_suggesting_ask_the_database_nothing(warm):
    assert sql_of(warm, "/api/v1/search", q="Indium", page="2") == []
    assert sql_of(warm, "/api/v1/search", q="Indium", metal="in", process="leaching") == []
    assert sql_of(warm, "/search/", metal="cu") == []
    assert sql_of(warm, "/api/v1/suggest", q="kup") == []
    assert sql_of(warm, "/api/v1/suggest", q="Laug") == []


def test_a_saved_name_shows_at_the_next_search_and_suggestion(warm):
    indium = Metal.objects.get(slug="in")
    assert metal_labels(warm, q="Indium")["in"] == indium.name_de
    indium.name_de, indium.name_en = "Indium (Element 49)", "Indium (element 49)"
    indium.save()
    assert metal_labels(warm, q="Indium")["in"] == "Indium (Element 49)"
    assert metal_labels(warm, "en", q="Indium")["in"] == "Indium (element 49)"
    suggested = warm.get("/api/v1/suggest", {"q": "element 49"}, headers={"Accept-Language": "en"}).json()
    assert [(s["text"], s["kind"]) for s in suggested["suggestions"]] == [("Indium (element 49)", "metal")]


def test_a_deleted_process_is_no_longer_suggested(warm):
    leaching = Process.objects.get(slug="bioleaching")
    assert "bioleaching" in {s["value"] for s in warm.get("/api/v1/suggest", {"q": "biolaug"}).json()["suggestions"]}
    leaching.delete()
    assert "bioleaching" not in {s["value"] for s in warm.get("/api/v1/suggest", {"q": "biolaug"}).json()["suggestions"]}


def test_another_process_edit_shows_once_its_version_is_seen(warm, monkeypatch):
    before = metal_labels(warm, q="Indium")["in"]
    Metal.objects.filter(slug="in").update(name_de="Indium (anderswo geändert)")  # no signal in this process
    assert metal_labels(warm, q="Indium")["in"] == before  # held: the search read no name
    sources.bump("labels")  # what the other process's save did in its transaction
    monkeypatch.setattr(sources, "CHECK_SECONDS", 0.0)  # the next look at the versions is due
    assert metal_labels(warm, q="Indium")["in"] == "Indium (anderswo geändert)"
    with CaptureQueriesContext(connection) as queries:
        metal_labels(warm, q="Indium", page="2")
    # with no pause between looks, each use of a source looks at the versions; nothing is read again
    assert queries and all("search_sourceversion" in query["sql"] for query in queries)


def test_without_a_source_values_are_shown_by_their_slugs(warm):
    with labels.override(labels.EMPTY):
        assert metal_labels(warm, q="Indium")["in"] == "in"
