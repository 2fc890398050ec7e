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


def test_a_misspelt_query_that_finds_nothing_is_searched_corrected(client, backend, monkeypatch, db):
    serve_from(monkeypatch, backend)
    body = client.get("/api/v1/search", {"q": "Indum"}).json()
    assert body["corrected_from"] == "Indum" and body["query"]["q"] == "indium"
    assert body["total"] == client.get("/api/v1/search", {"q": "indium"}).json()["total"] > 0
    assert body["did_you_mean"] is None
    assert client.get("/api/v1/search", {"q": "Indium"}).json()["corrected_from"] is None
    # a word only members' content holds is never the correction of a public search
    tantalum = client.get("/api/v1/search", {"q": "Tantel"}).json()
    assert (tantalum["total"], tantalum["corrected_from"], tantalum["did_you_mean"]) == (0, None, None)


def test_the_search_as_typed_is_one_click_away(client, backend, monkeypatch, db):
    serve_from(monkeypatch, backend)
    html = client.get("/search/", {"q": "Indum"}).content.decode()
    assert 'class="corrected"' in html and "/search/?q=Indum&amp;correct=0" in html
    as_typed = client.get("/api/v1/search", {"q": "Indum", "correct": "0"}).json()
    assert (as_typed["total"], as_typed["corrected_from"], as_typed["did_you_mean"]) == (0, None, "indium")


def test_a_word_no_item_holds_is_left_out_when_the_whole_text_finds_nothing(client, backend, monkeypatch, db):
    serve_from(monkeypatch, backend)
    assert client.get("/api/v1/search", {"q": "Indium Xylophonkonzert", "correct": "0"}).json()["total"] == 0
    body = client.get("/api/v1/search", {"q": "Indium Xylophonkonzert"}).json()
    assert (body["missing"], body["query"]["q"], body["corrected_from"]) == (["Xylophonkonzert"], "Indium", None)
    assert body["total"] == client.get("/api/v1/search", {"q": "Indium"}).json()["total"] > 0
    assert client.get("/api/v1/search", {"q": "Indium"}).json()["missing"] == []


def test_the_page_says_which_words_were_left_out_and_offers_the_text_as_typed(client, backend, monkeypatch, db):
    serve_from(monkeypatch, backend)
    html = client.get("/search/", {"q": "Indium Xylophonkonzert"}).content.decode()
    assert 'class="missing"' in html and "Xylophonkonzert" in html
    assert "/search/?q=Indium%20Xylophonkonzert&amp;correct=0" in html
    as_typed = client.get("/api/v1/search", {"q": "Indium Xylophonkonzert", "correct": "0"}).json()
    assert (as_typed["total"], as_typed["missing"]) == (0, [])


def test_a_word_only_restricted_content_holds_is_missing_for_those_who_may_not_see_it(client, backend,
                                                                                      monkeypatch, db):
    # to the public, "Kondensatorschrott" is a word no item holds: the members-only tantalum project never shows
    serve_from(monkeypatch, backend)
    body = client.get("/api/v1/search", {"q": "Indium Kondensatorschrott"}).json()
    assert body["missing"] == ["Kondensatorschrott"]
    assert all("Tantal" not in hit["title"] for hit in body["results"])


def test_nothing_is_left_out_of_a_text_whose_every_word_is_missing(client, backend, monkeypatch, db):
    serve_from(monkeypatch, backend)
    body = client.get("/api/v1/search", {"q": "Xylophonkonzert Quarkstrudel"}).json()
    assert (body["total"], body["missing"]) == (0, [])
