"""Searching within a project or a symposium edition, on the seeded demo site: the boxes, the page and the API.

The project page and an edition's page have a search box that searches
only their scope (``scope=project:<slug>``, ``scope=edition:<slug>``); the
search page keeps the scope in its form and says what it searches in.
What the backends do with a scope is specified in test_conformance_scope.py.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, User
from wagtail.models import PageViewRestriction

from ingest.indexing import index_page
from portal.events.models import EventPage, PaperPage
from portal.projects.models import ProjectPage
from search import query_log
from search.models import QueryDay
from tests.integration.demo_site import seeded_demo

pytestmark = pytest.mark.django_db
GERMAN = {"Accept-Language": "de"}
ENGLISH = {"Accept-Language": "en"}
INREC = "project:inrec"
SYMPOSIUM = "edition:symposium-2023"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), seeded_demo():
        yield


def html(client, path: str, params=None, headers=GERMAN, status: int = 200) -> BeautifulSoup:
    response = client.get(path, params or {}, headers=headers)
    assert response.status_code == status, response.content[:2000]
    return BeautifulSoup(response.content, "html.parser")


def api(client, status: int = 200, **params) -> dict:
    response = client.get("/api/v1/search", params)
    assert response.status_code == status, response.content
    return response.json()


def titles(body: dict) -> list[str]:
    return [hit["title"] for hit in body["results"]]


# --- the search boxes ------------------------------------------------------------------


def test_the_project_page_has_a_box_that_searches_its_documents(client, demo):
    project = ProjectPage.objects.get(slug="inrec")
    page = html(client, project.url)
    form = page.select_one("form.scoped-search")
    assert (form["method"], form["action"], form["role"]) == ("get", "/search/", "search")
    assert form.find("input", type="hidden", attrs={"name": "scope"})["value"] == INREC
    field = form.find("input", type="search")
    assert field["name"] == "q"
    assert form.find("label", attrs={"for": field["id"]}).get_text(strip=True) == (
        "Dokumente dieses Projekts durchsuchen")
    assert html(client, project.url, headers=ENGLISH).select_one("form.scoped-search label").get_text(
        strip=True) == "Search this project's documents"


def test_an_edition_page_has_a_box_that_searches_its_papers_and_an_excursion_none(client, demo):
    edition = EventPage.objects.get(slug="symposium-2023")
    form = html(client, edition.url).select_one("form.scoped-search")
    assert form.find("input", type="hidden", attrs={"name": "scope"})["value"] == SYMPOSIUM
    assert form.find("label").get_text(strip=True) == "Beiträge dieser Ausgabe durchsuchen"
    assert html(client, edition.url, headers=ENGLISH).select_one("form.scoped-search label").get_text(
        strip=True) == "Search this edition's papers"
    excursion = EventPage.objects.get(slug="exkursion-rammelsberg-2027")
    assert not html(client, excursion.url).select("form.scoped-search")


def test_the_pages_index_entries_name_their_scopes(demo):
    assert ProjectPage.objects.get(slug="inrec").search_document().scopes == (INREC,)
    assert EventPage.objects.get(slug="symposium-2023").search_document().scopes == (SYMPOSIUM,)
    assert EventPage.objects.get(slug="exkursion-rammelsberg-2027").search_document().scopes == ()
    paper = PaperPage.objects.get(title="Solventextraktion von Gallium")
    assert paper.search_document().scopes == (SYMPOSIUM,)


# --- the search page -----------------------------------------------------------------------


def test_a_search_in_a_project_finds_its_own_entry_with_the_report_pages(client, demo):
    everywhere = api(client, q="Laugung")
    assert everywhere["total"] > 1
    body = api(client, q="Laugung", scope=INREC)
    assert titles(body) == ["Indium-Rückgewinnung aus LCD-Altgeräten"]
    assert [page["number"] for page in body["results"][0]["pages"]] == [2]
    assert body["query"]["scope"] == INREC
    project = ProjectPage.objects.get(slug="inrec")
    assert body["scope"] == {"value": INREC, "kind": "project", "label": project.title, "url": project.url}


def test_a_search_in_an_edition_finds_its_papers_only_and_counts_within_it(client, demo):
    body = api(client, q="Laugung", scope=SYMPOSIUM)
    assert body["total"] >= 1
    edition = EventPage.objects.get(slug="symposium-2023")
    in_edition = {paper.title for paper in PaperPage.objects.child_of(edition)} | {edition.title}
    assert set(titles(body)) <= in_edition
    assert "Black mass leaching at pilot scale" in titles(api(client, q="Laugung"))  # the other edition's
    everything = api(client, scope=SYMPOSIUM)
    assert everything["total"] == 7  # the edition and its six papers
    assert {v["value"]: v["count"] for v in everything["facets"]["type"]} == {"event": 1, "paper": 6}
    assert {v["value"]: v["count"] for v in everything["facets"]["edition"]} == {"symposium-2023": 7}
    filtered = api(client, scope=SYMPOSIUM, metal="ga")
    assert titles(filtered) == ["Solventextraktion von Gallium"]


def test_the_page_keeps_the_scope_in_its_form_and_says_what_it_searches(client, demo):
    project = ProjectPage.objects.get(slug="inrec")
    page = html(client, "/search/", {"q": "Laugung", "scope": INREC, "metal": "in"})
    form = page.find("form", id="search-form")
    assert form.find("input", type="hidden", attrs={"name": "scope"})["value"] == INREC
    notice = form.select_one(".search-scope")
    assert notice.get_text(" ", strip=True).startswith(f"Suche nur in: {project.title}")
    back, everything = notice.find_all("a")
    assert back["href"] == project.url
    assert everything.get_text(strip=True) == "im ganzen Portal suchen"
    assert everything["href"] == "/search/?q=Laugung&metal=in"
    assert [hit.get_text(strip=True) for hit in page.select(".hit h2")] == [project.title]
    english = html(client, "/search/", {"q": "Laugung", "scope": INREC}, headers=ENGLISH)
    assert english.select_one(".search-scope").get_text(" ", strip=True) == (
        f"Searching only in: {project.title} — search everything")
    assert not html(client, "/search/", {"q": "Laugung"}).select(".search-scope, input[name=scope]")


def test_a_scoped_search_is_not_logged_and_shows_no_promotions(client, demo):
    api(client, q="Zinnoxid", scope=INREC)
    query_log.flush()
    assert not QueryDay.objects.filter(text__icontains="zinnoxid").exists()
    assert api(client, q="Zinnoxid", scope=INREC)["promoted"] == []
    api(client, q="Zinnoxid")
    query_log.flush()
    assert QueryDay.objects.filter(text__icontains="zinnoxid").exists()


# --- scopes that name nothing, or something the viewer may not see -------------------------------


def test_a_scope_that_names_nothing_finds_nothing_and_is_named_by_its_slug(client, demo):
    for scope in ("project:gibt-es-nicht", "edition:inrec", "edition:exkursion-rammelsberg-2027"):
        body = api(client, scope=scope)
        assert (body["total"], body["results"]) == (0, []), scope
        assert body["scope"] == {"value": scope, "kind": scope.split(":")[0], "label": scope.split(":")[1],
                                 "url": ""}
    notice = html(client, "/search/", {"scope": "project:gibt-es-nicht"}).select_one(".search-scope")
    assert notice.find("strong").get_text() == "gibt-es-nicht"


def test_a_restricted_project_is_named_only_to_who_may_see_it(client, demo):
    project = ProjectPage.objects.get(slug="cuprint")
    restriction = PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.LOGIN)
    index_page(project.pk)
    try:
        visitor = api(client, scope="project:cuprint")
        assert (visitor["total"], visitor["scope"]["label"], visitor["scope"]["url"]) == (0, "cuprint", "")
        assert visitor == {**api(client, scope="project:gibt-es-nicht"), "query": visitor["query"],
                           "scope": visitor["scope"]}
        member = User.objects.create_user("mitglied", password="pw")
        member.groups.add(Group.objects.get_or_create(name="Members")[0])
        client.force_login(member)
        body = api(client, scope="project:cuprint")
        assert (body["total"], body["scope"]["label"]) == (1, project.title)
    finally:
        restriction.delete()
        index_page(project.pk)


def test_bad_scopes_are_refused_with_a_sentence(client, demo):
    for scope, message in (("inrec", "'scope' must be project:<slug> or edition:<slug>"),
                           ("institution:tu-harz", "'scope' must be project:<slug> or edition:<slug>"),
                           ("project:<b>", "'scope' must be")):
        assert message in api(client, status=400, scope=scope)["error"]
    assert "once" in api(client, status=400, scope=[INREC, SYMPOSIUM])["error"]
    alert = html(client, "/search/", {"scope": "project:<b>"}, status=400).find(role="alert")
    assert "„project:<b>“ ist kein Projekt und keine Ausgabe, in denen gesucht werden kann." in alert.get_text()
    assert not alert.find("b")
    assert api(client, scope="Project:InRec")["query"]["scope"] == INREC  # case does not matter
    assert api(client, scope="")["scope"] is None  # blank: everything
