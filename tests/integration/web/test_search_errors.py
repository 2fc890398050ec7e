"""Bad requests and an unavailable engine never produce a server error page."""

from __future__ import annotations

import socket

import pytest

from search.backends import reset_backend_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_backend():
    reset_backend_cache()
    yield
    reset_backend_cache()


@pytest.mark.parametrize(
    "params",
    [{"page": "zwei"}, {"page": "0"}, {"page": "100000"}, {"metal": "<script>alert(1)</script>"}, {"q": "x" * 600}],
)
def test_bad_parameters_get_a_400_with_a_reason(client, params):
    api = client.get("/api/v1/search", params)
    assert api.status_code == 400
    assert api.json()["error"]
    page = client.get("/search/", params)
    assert page.status_code == 400
    assert b'role="alert"' in page.content
    assert b"<script>alert(1)" not in page.content


@pytest.mark.parametrize("text", ['"unbalanced', "((", "AND OR NOT", "*", "-", "NEAR(", "Kupfer:", "🔋 Akku"])
def test_malformed_query_syntax_is_searched_as_words(client, text):
    assert client.get("/api/v1/search", {"q": text}).status_code == 200
    assert client.get("/search/", {"q": text}).status_code == 200


def test_an_unreachable_search_engine_gives_a_503_and_a_clear_message(client, settings):
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.PORTAL_SEARCH = {
        "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
        "URL": f"http://127.0.0.1:{closed_port}",
        "INDEX": "portal-unreachable",
        "TIMEOUT": 2,
    }
    reset_backend_cache()
    api = client.get("/api/v1/search", {"q": "Indium"})
    assert api.status_code == 503
    assert "unavailable" in api.json()["error"]
    page = client.get("/search/", {"q": "Indium"}, headers={"Accept-Language": "en"})
    assert page.status_code == 503
    assert b"Search is unavailable" in page.content
    page = client.get("/search/", {"q": "Indium"})  # the default interface language is German
    assert page.status_code == 503
    assert "Die Suche ist im Moment nicht verfügbar" in page.content.decode()
