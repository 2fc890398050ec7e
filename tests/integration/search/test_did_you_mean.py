"""“Did you mean”: near words of visible content for queries that find little, on both backends."""

from __future__ import annotations

import pytest

from tests.integration.search.test_suggest import serve_from

MEMBERS = ("public", "members")


def test_a_misspelt_word_is_corrected(backend):
    assert backend.spelling("Indum", ("public",)) == "indium"
    assert backend.spelling("Galium Indum", ("public",)) == "gallium indium"
    assert backend.spelling("Schleifschlam", ("public",)) == "schleifschlamm"


def test_umlauts_are_kept(backend):
    assert backend.spelling("Rückgewinung", ("public",)) == "rückgewinnung"


def test_words_of_attached_pdfs_count(backend):
    assert backend.spelling("Zementatoin", ("public",)) == "zementation"


def test_words_that_occur_are_left_alone(backend):
    assert backend.spelling("Indium", ("public",)) is None
    assert backend.spelling("Indium Laugung", ("public",)) is None
    assert backend.spelling("Indium Zementatoin", ("public",)) == "indium zementation"


def test_a_word_only_restricted_content_holds_is_never_proposed(backend):
    for typo in ("Tantel", "Kondensatorschrot", "Vorstudei"):
        proposal = backend.spelling(typo, ("public",))
        assert proposal is None or not {"tantal", "kondensatorschrott", "vorstudie"} & set(proposal.split())
    assert backend.spelling("Kondensatorschrot", MEMBERS) == "kondensatorschrott"
    assert backend.spelling("Tantel", MEMBERS) == "tantal"


@pytest.mark.parametrize("text", ["", '"', "((", "*", "NEAR(", "🔋", "x" * 600, "a b c", "12345"])
def test_no_input_is_an_error(backend, text):
    assert backend.spelling(text, ("public",)) is None


def test_the_api_and_the_page_propose_the_correction(client, backend, monkeypatch, db):
    serve_from(monkeypatch, backend)
    body = client.get("/api/v1/search", {"q": "Indum"}).json()
    assert body["total"] == 0 and body["did_you_mean"] == "indium"
    assert client.get("/api/v1/search", {"q": "Indium"}).json()["did_you_mean"] is None
    assert client.get("/api/v1/search", {"q": "Tantel"}).json()["did_you_mean"] is None
    html = client.get("/search/", {"q": "Indum"}).content.decode()
    assert 'class="did-you-mean"' in html and '<a href="/search/?q=indium">indium</a>' in html
    assert 'class="did-you-mean"' not in client.get("/search/", {"q": "Indium"}).content.decode()
