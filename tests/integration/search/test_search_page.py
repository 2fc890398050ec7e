"""The /search/ page without JavaScript: a GET form with facets, sort, pages and clear errors, on both backends.

What JavaScript adds (filters applied at once, autocomplete) is tested in
headless Chromium: tests/e2e/browser/test_search.py.
"""

from __future__ import annotations


import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from search.query import MAX_PAGE, SearchQuery, SearchResults, empty_facets
from search.service import SearchPage
from tests.integration.search.conftest import LCD_REPORT_URL, PDF_ONLY_WORD
from tests.integration.search.test_suggest import serve_from, taxonomy  # noqa: F401 -- a fixture

# Public metals of the corpus, most frequent first (ties by slug): the first five are shown.
METALS_BY_COUNT = ["in", "cu", "ga", "ree", "ag", "au", "dy", "nd", "sn", "zn"]


@pytest.fixture
def visitor(client, backend, monkeypatch, taxonomy):  # noqa: F811 -- taxonomy is the imported fixture
    serve_from(monkeypatch, backend)

    def get(params=None, language="de", status=200) -> BeautifulSoup:
        response = client.get("/search/", params or {}, headers={"Accept-Language": language})
        assert response.status_code == status, response.content[:2000]
        return BeautifulSoup(response.content, "html.parser")

    return get


def facet_values(page: BeautifulSoup, name: str) -> tuple[list[str], list[str]]:
    """The values of facet ``name`` shown at once, and those behind "show more"."""
    boxes = page.select(f"#search-facets input[type=checkbox][name={name}]")
    more = [box["value"] for box in boxes if box.find_parent("details", class_="facet-more")]
    return [box["value"] for box in boxes if box["value"] not in more], more


def test_the_form_works_without_javascript_and_loads_its_script_deferred(visitor):
    page = visitor({"q": "Indium"})
    form = page.find("form", id="search-form")
    assert (form["method"], form["action"]) == ("get", "/search/")
    assert form.find("input", id="q")["value"] == "Indium"
    assert form.find("button", class_="apply-filters").get_text(strip=True) == "Filter anwenden"
    script, = page.select("script[src$='js/search.js']")
    assert script.has_attr("defer")
    # Every control is labelled: checkboxes by their label, the field and the sort by <label for>.
    for box in form.select("input[type=checkbox]"):
        assert box.find_parent("label").get_text(strip=True)
    for control_id in ("q", "sort"):
        assert form.find("label", attrs={"for": control_id}).get_text(strip=True)
    count = page.find(id="result-count")
    assert (count["role"], count["aria-live"]) == ("status", "polite")


def test_a_facet_lists_five_values_and_the_rest_behind_show_more(visitor):
    shown, more = facet_values(visitor(), "metal")
    assert shown == METALS_BY_COUNT[:5]
    assert more == METALS_BY_COUNT[5:]
    summary = visitor().select_one("details.facet-more[data-facet=metal] > summary").get_text(strip=True)
    assert summary == "5 weitere Werte anzeigen"
    assert visitor(language="en").select_one("details.facet-more[data-facet=metal] > summary").get_text(
        strip=True) == "Show 5 more values"


def test_a_selected_value_is_always_shown_and_ticked(visitor):
    page = visitor({"metal": "zn"})
    shown, more = facet_values(page, "metal")
    assert shown == METALS_BY_COUNT[:5] + ["zn"]
    assert more == METALS_BY_COUNT[5:-1]
    assert page.find(id="facet-metal-zn").has_attr("checked")
    assert page.select_one("details.facet-more[data-facet=metal] > summary").get_text(strip=True) == (
        "4 weitere Werte anzeigen")


def test_a_facet_with_few_values_has_no_show_more(visitor):
    page = visitor()
    shown, more = facet_values(page, "language")
    assert sorted(shown) == ["de", "en"] and more == []
    assert not page.select("details.facet-more[data-facet=language]")


def test_facet_labels_and_the_sort_speak_the_interface_language(visitor):
    for language, legends, options in (
        ("de", ["Inhaltsart", "Metall", "Verfahren"], ["Relevanz", "Neueste zuerst"]),
        ("en", ["Content type", "Metal", "Process"], ["Relevance", "Newest first"]),
    ):
        page = visitor({"q": "Indium"}, language=language)
        assert [legend.get_text(strip=True) for legend in page.select("#search-facets legend")][:3] == legends
        assert [option.get_text(strip=True) for option in page.select("#sort option")] == options


def test_the_sort_is_part_of_the_form_and_newest_first_orders_by_date(visitor):
    page = visitor({"q": "Indium", "sort": "date"})
    assert page.select_one("#sort option[selected]")["value"] == "date"
    assert page.find(id="sort").find_parent("form")["id"] == "search-form"
    dates = [time["datetime"] for time in page.select(".hit .meta time")]
    assert dates and dates == sorted(dates, reverse=True)
    assert visitor({"q": "Indium"}).select_one("#sort option[selected]")["value"] == "relevance"


def test_a_hit_shows_its_type_and_date_and_links_to_its_pdf_pages(visitor):
    page = visitor({"q": PDF_ONLY_WORD})
    hit, = page.select(".hit")
    assert hit.select_one(".meta").get_text(" ", strip=True) == "Projekt · 2023"
    assert hit.select_one(".meta time")["datetime"] == "2023-05-10"
    link, = hit.select(".page-hits a")
    assert link["href"] == f"{LCD_REPORT_URL}#page=3"
    assert link.get_text(strip=True) == "Abschlussbericht InLCD, Seite 3"


def test_a_page_beyond_the_bound_says_so_and_leads_back_to_the_first_page(visitor):
    params = {"q": "Indium", "metal": "in", "sort": "date", "page": str(MAX_PAGE + 1)}
    page = visitor(params, status=400)
    alert = page.find(role="alert")
    assert f"Ergebnisse werden bis Seite {MAX_PAGE} angezeigt." in alert.get_text(" ", strip=True)
    first = alert.find("a")
    assert first.get_text(strip=True) == "Zur ersten Ergebnisseite"
    assert first["href"] == "/search/?q=Indium&metal=in&sort=date"
    assert page.find("input", id="q")["value"] == "Indium"  # the form is still there
    english = visitor(params, language="en", status=400).find(role="alert").get_text(" ", strip=True)
    assert f"Results are listed up to page {MAX_PAGE}. Add words or filters" in english


def test_other_bad_parameters_are_explained_in_the_interface_language(visitor):
    assert "Die Seitenzahl muss eine ganze Zahl sein." in visitor({"page": "zwei"}, status=400).find(
        role="alert").get_text()
    assert "Results can be sorted by relevance or by date only." in visitor(
        {"sort": "popularity"}, language="en", status=400).find(role="alert").get_text()
    alert = visitor({"metal": "<b>"}, status=400).find(role="alert")
    assert "„<b>“ ist kein gültiger Filterwert." in alert.get_text()
    assert not alert.find("b") and not alert.find("a")  # escaped; no page parameter, no link


def test_the_last_page_served_explains_the_bound():
    request = RequestFactory().get("/search/", {"page": str(MAX_PAGE)})
    results = SearchResults(total=MAX_PAGE * 10 + 5, hits=(), facets=empty_facets(), page=MAX_PAGE, page_size=10)
    page = SearchPage(query=SearchQuery(page=MAX_PAGE), results=results, facets=())
    with translation.override("en"):
        html = BeautifulSoup(render_to_string("search/search.html", {"page": page, "q": ""}, request), "html.parser")
    pagination = html.select_one("nav.pagination")
    assert [button["value"] for button in pagination.select("button[name=page]")] == [str(MAX_PAGE - 1)]
    assert f"Page {MAX_PAGE} of {MAX_PAGE + 1}" in pagination.get_text()
    assert f"Results are listed up to page {MAX_PAGE}." in html.select_one(".notice").get_text()


@pytest.mark.django_db
def test_an_unavailable_engine_leaves_the_form_usable_with_a_clear_message(client, unreachable_engine):
    response = client.get("/search/", {"q": "Indium", "page": "2"})
    assert response.status_code == 503
    page = BeautifulSoup(response.content, "html.parser")
    alert = page.find(role="alert")
    assert "Die Suche ist im Moment nicht verfügbar" in alert.get_text()
    assert not alert.find("a")  # no "first page": that would fail just the same
    assert page.find("input", id="q")["value"] == "Indium"
    assert not page.select("#search-facets")
