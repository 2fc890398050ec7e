"""Autocomplete: titles of visible items and taxonomy labels, on both backends.

Titles match when every typed word starts a word of the title, whatever
the case; umlauts are typed as they are.  Nothing of an item the caller may
not see is ever suggested.
"""

from __future__ import annotations

import pytest

from search.backends.base import MAX_SUGGESTIONS
from tests.integration.search.conftest import (CABLE_UNDATED, GALLIUM_LED, INDIUM_LCD, TANTALUM_MEMBERS,
                                               WORKSHOP_NEWS)

MEMBERS = ("public", "members")


def titles(backend, text: str, viewer_groups=("public",), limit: int = MAX_SUGGESTIONS) -> list[str]:
    return [item.title for item in backend.suggest_titles(text, viewer_groups, limit)]


def serve_from(monkeypatch, backend) -> None:
    """Make the views' search layer use ``backend`` (the parametrized fixture)."""
    for module in ("search.service", "search.suggest", "search.spelling", "search.related"):
        monkeypatch.setattr(f"{module}.get_backend", lambda: backend)


# --- the backend contract -----------------------------------------------------------------


def test_a_word_start_suggests_the_title(backend):
    assert titles(backend, "Kabel") == [CABLE_UNDATED.title]
    suggestion, = backend.suggest_titles("kabel", ("public",))
    assert (suggestion.id, suggestion.url, suggestion.content_type) == (CABLE_UNDATED.id, CABLE_UNDATED.url, "project")


def test_case_does_not_matter_and_any_word_of_the_title_may_start(backend):
    assert titles(backend, "STRATEG") == [WORKSHOP_NEWS.title]
    assert titles(backend, "kreis") == [WORKSHOP_NEWS.title]


def test_umlauts_are_typed_as_they_are(backend):
    assert titles(backend, "Rückgew") == [INDIUM_LCD.title]
    assert titles(backend, "produktionsabf") == [GALLIUM_LED.title]  # "Produktionsabfällen"


def test_every_word_must_start_a_title_word(backend):
    assert titles(backend, "lcd alt") == [INDIUM_LCD.title]
    assert titles(backend, "LCD-Alt") == [INDIUM_LCD.title]
    assert titles(backend, "lcd kupfer") == []


def test_the_middle_of_a_word_is_no_match(backend):
    assert titles(backend, "gewinnung") == []


def test_titles_come_in_alphabetical_order_up_to_the_limit(backend):
    every = titles(backend, "aus")
    assert every == sorted(every, key=str.lower)
    assert every == ["Gallium aus Produktionsabfällen der LED-Fertigung", "Indium-Rückgewinnung aus LCD-Altglas",
                     "Kupfer aus Kabelschrott"]
    assert titles(backend, "aus", limit=2) == every[:2]


def test_a_restricted_title_is_never_suggested_to_the_public(backend):
    assert titles(backend, "Tantal") == []
    assert titles(backend, "kondensator") == []
    assert titles(backend, "aus", limit=10) == titles(backend, "aus", limit=10)  # stable
    assert TANTALUM_MEMBERS.title not in titles(backend, "aus")
    assert titles(backend, "Tantal", MEMBERS) == [TANTALUM_MEMBERS.title]


@pytest.mark.parametrize("text", ["", "   ", '"', "((", "*", "-", "NEAR(", "title:", "AND OR", "🔋", "½", "x" * 300,
                                  'ind" OR "1"="1', "\x00ind"])
def test_no_input_is_an_error(backend, text):
    assert isinstance(backend.suggest_titles(text, ("public",)), tuple)


# --- the API ------------------------------------------------------------------------------


@pytest.fixture
def taxonomy(db):
    """Institutions; metals and processes are the reference vocabulary ``migrate`` loads (Indium, Kupfer, ...)."""
    from portal.taxonomy.models import Institution

    Institution.objects.create(slug="tu-clausthal", name="Technische Universität Clausthal",
                               kind=Institution.Kind.UNIVERSITY)
    Institution.objects.create(slug="lbeg", name="Landesamt für Bergbau, Energie und Geologie",
                               kind=Institution.Kind.MUNICIPALITY)
    Institution.objects.create(slug="nowhere", name="Kupferhütte ohne Projekte", kind=Institution.Kind.COMPANY)


@pytest.fixture
def api(client, backend, monkeypatch, taxonomy):
    serve_from(monkeypatch, backend)

    def get(params, language="de", status=200):
        response = client.get("/api/v1/suggest", params, headers={"Accept-Language": language})
        assert response.status_code == status, response.content
        return response.json()

    return get


def test_the_api_suggests_taxonomy_in_the_active_language_and_titles(api):
    body = api({"q": "kup"})
    assert body["query"] == "kup"
    assert body["suggestions"] == [
        {"text": "Kupfer", "kind": "metal", "url": "/search/?metal=cu", "value": "cu"},
        {"text": CABLE_UNDATED.title, "kind": "title", "url": CABLE_UNDATED.url, "value": CABLE_UNDATED.id},
    ]  # "Kupferhütte ohne Projekte" carries no item: not offered
    english = api({"q": "copp"}, language="en")["suggestions"]
    assert {"text": "Copper", "kind": "metal", "url": "/search/?metal=cu", "value": "cu"} in english
    assert "Kupfer" not in [item["text"] for item in english]


def test_processes_and_institutions_are_suggested_by_any_word(api):
    suggestions = api({"q": "laug"})["suggestions"]
    assert [(s["kind"], s["value"]) for s in suggestions if s["kind"] != "title"] == [("process", "leaching")]
    assert suggestions == [{"text": "Laugung", "kind": "process", "url": "/search/?process=leaching",
                            "value": "leaching"}]  # "Biolaugung" does not start with "laug"
    assert api({"q": "bioL"})["suggestions"] == [
        {"text": "Biolaugung", "kind": "process", "url": "/search/?process=bioleaching", "value": "bioleaching"},
        {"text": "Biolaugung von Bergbaurückständen im Harz", "kind": "title", "url": "/projekte/biolaugung-harz/",
         "value": "page:15"},
    ]
    institutions = [s for s in api({"q": "Clausthal"})["suggestions"] if s["kind"] == "institution"]
    assert institutions == [{"text": "Technische Universität Clausthal", "kind": "institution",
                             "url": "/search/?institution=tu-clausthal", "value": "tu-clausthal"}]
    assert [s["value"] for s in api({"q": "Landesamt Berg"})["suggestions"]] == ["lbeg"]
    assert [s["value"] for s in api({"q": "universität"})["suggestions"]] == ["tu-clausthal"]


def test_the_api_never_suggests_what_the_caller_may_not_see(api, client, django_user_model):
    assert api({"q": "tant"})["suggestions"] == []  # neither the title nor the metal only it carries
    client.force_login(django_user_model.objects.create_user("mitglied", password="x"))
    assert [(s["kind"], s["text"]) for s in api({"q": "tant"})["suggestions"]] == [
        ("metal", "Tantal"), ("title", TANTALUM_MEMBERS.title)]


def test_the_api_returns_at_most_ten_or_the_limit(api):
    many = api({"q": "a"})["suggestions"]
    assert 3 <= len(many) <= 10
    assert len(api({"q": "a", "limit": "2"})["suggestions"]) == 2
    assert api({"q": ""}) == {"query": "", "suggestions": []}
    assert api({}) == {"query": "", "suggestions": []}


@pytest.mark.parametrize("params", [{"q": "x" * 101}, {"q": "ind", "limit": "0"}, {"q": "ind", "limit": "11"},
                                    {"q": "ind", "limit": "zehn"}, {"q": "ind", "limit": "-1"}])
def test_bad_parameters_get_a_400_with_a_reason(api, params):
    assert api(params, status=400)["error"]


@pytest.mark.parametrize("text", ['"', "((", "*", "NEAR(", "Kupfer:", "🔋 Akku", "x" * 100, "%", "\\", "<script>"])
def test_malformed_text_is_never_a_server_error(api, text):
    assert isinstance(api({"q": text})["suggestions"], list)
