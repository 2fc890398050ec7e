"""Promoted results: pages editors recommend for a query come first, never beyond what the visitor may see.

Editors keep them with Wagtail's "Promoted search results"
(``wagtail.contrib.search_promotions``); the search page and the API show
them above the hits on page 1 of a search without filters.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import querydict_from_html

from search.promotions import Promotion, normalise_query_text, promoted_for
from tests.e2e.admin_flow import editor
from tests.integration.search.test_suggest import serve_from

pytestmark = pytest.mark.django_db

PUBLIC = ("public",)
MEMBERS = ("public", "members")


@pytest.fixture
def projects():
    from home.models import HomePage
    from portal.projects.models import ProjectIndexPage, ProjectPage

    index = HomePage.objects.get().add_child(instance=ProjectIndexPage(title="Projekte", slug="projekte-promoted"))

    def project(slug: str, title: str, **fields) -> ProjectPage:
        page = index.add_child(instance=ProjectPage(title=title, slug=slug, summary=f"{title}: Zusammenfassung.",
                                                    **fields))
        page.save_revision().publish()
        return page

    pages = {
        "guide": project("indium-leitfaden", "Leitfaden Indium-Recycling", search_description="Der Einstieg."),
        "pilot": project("indium-pilotanlage", "Pilotanlage Indium"),
        "draft": project("indium-entwurf", "Entwurf: Indium aus Solarmodulen"),
        "members": project("indium-vertraulich", "Vertrauliche Indium-Studie"),
    }
    pages["draft"].unpublish()
    PageViewRestriction.objects.create(page=pages["members"], restriction_type=PageViewRestriction.LOGIN)
    return pages


def promote(text: str, *picks) -> Query:
    """Promotions as the admin saves them: the query normalised by Wagtail, picks in order."""
    query = Query.get(text)
    for order, pick in enumerate(picks):
        fields = pick if isinstance(pick, dict) else {"page": pick}
        SearchPromotion.objects.create(query=query, sort_order=order, **fields)
    return query


@pytest.fixture
def site(client, backend, monkeypatch, projects):
    """The public search answering from the shared corpus, with promotions for "Indium"."""
    serve_from(monkeypatch, backend)
    promote("Indium", {"page": projects["guide"], "description": "Alles Wichtige zum Indium-Recycling."},
            projects["pilot"])
    return projects


def api(client: Client, **params) -> dict:
    response = client.get("/api/v1/search", params)
    assert response.status_code == 200, response.content
    return response.json()


def promoted_titles(html: str) -> list[str]:
    section = re.search(r'<section class="promoted".*?</section>', html, re.S)
    return re.findall(r"<h3><a href=\"[^\"]*\">([^<]*)</a></h3>", section.group(0)) if section else []


# --- on the page and in the API -----------------------------------------------------------


def test_a_promoted_page_comes_first_on_the_search_page(client, site):
    response = client.get("/search/", {"q": "Indium"})
    html = response.content.decode()
    assert response.status_code == 200
    assert promoted_titles(html) == ["Leitfaden Indium-Recycling", "Pilotanlage Indium"]
    assert 'aria-labelledby="promoted-heading"' in html and ">Empfohlen</h2>" in html
    assert f'<a href="{site["guide"].url}">Leitfaden Indium-Recycling</a>' in html
    assert "Alles Wichtige zum Indium-Recycling." in html
    # above the hits
    assert html.index('class="promoted"') < html.index('class="hit"')


def test_the_api_lists_the_promotions_in_the_editors_order(client, site):
    body = api(client, q="Indium")
    assert body["promoted"] == [
        {"title": "Leitfaden Indium-Recycling", "url": site["guide"].url,
         "description": "Alles Wichtige zum Indium-Recycling.", "type": "project"},
        {"title": "Pilotanlage Indium", "url": site["pilot"].url, "description": "", "type": "project"},
    ]
    assert body["total"] > 0  # the hits are unchanged


def test_the_section_speaks_english_to_an_english_browser(site):
    html = Client(headers={"Accept-Language": "en"}).get("/search/", {"q": "Indium"}).content.decode()
    assert ">Recommended</h2>" in html and ">Project</p>" in html


@pytest.mark.parametrize("typed", ["indium", "INDIUM", "  Indium  ", "indium\t", "Indium\n"])
def test_case_and_whitespace_do_not_matter(client, site, typed):
    assert [item["title"] for item in api(client, q=typed)["promoted"]] == ["Leitfaden Indium-Recycling",
                                                                            "Pilotanlage Indium"]


def test_a_phrase_matches_with_any_spacing_but_only_as_a_whole(client, site):
    promote("Indium   Recycling", site["guide"])  # the editor's stray spaces are normalised away
    assert [item["title"] for item in api(client, q="indium recycling")["promoted"]] == ["Leitfaden Indium-Recycling"]
    assert api(client, q="INDIUM \t RECYCLING")["promoted"]
    assert api(client, q="recycling indium")["promoted"] == []
    assert api(client, q="indium recycling aus glas")["promoted"] == []


@pytest.mark.parametrize("other", ["Kupfer", "Indium?", "Indiu", "Gallium Indium", ""])
def test_nothing_is_promoted_for_another_query(client, site, other):
    assert api(client, q=other)["promoted"] == []
    assert 'class="promoted"' not in client.get("/search/", {"q": other}).content.decode()


def test_not_on_page_2_and_not_when_filters_narrow_the_search(client, site):
    assert api(client, q="Indium", page="2")["promoted"] == []
    assert 'class="promoted"' not in client.get("/search/", {"q": "Indium", "page": "2"}).content.decode()
    assert api(client, q="Indium", metal="in")["promoted"] == []
    assert 'class="promoted"' not in client.get("/search/", {"q": "Indium", "metal": "in"}).content.decode()


# --- never more than the visitor may see --------------------------------------------------


def test_an_unpublished_promoted_page_never_appears(client, site):
    promote("Solarmodule", site["draft"], site["pilot"])
    assert [item["title"] for item in api(client, q="Solarmodule")["promoted"]] == ["Pilotanlage Indium"]
    member = Client()
    member.force_login(User.objects.create_user("mitglied", password="x"))
    assert [item["title"] for item in api(member, q="Solarmodule")["promoted"]] == ["Pilotanlage Indium"]
    html = client.get("/search/", {"q": "Solarmodule"}).content.decode()
    assert "Entwurf" not in html and site["draft"].url_path not in html


def test_a_restricted_promoted_page_is_shown_only_to_those_who_may_see_it(client, site):
    promote("Studie", site["members"])
    assert api(client, q="Studie")["promoted"] == []
    assert "Vertrauliche Indium-Studie" not in client.get("/search/", {"q": "Studie"}).content.decode()
    member = Client()
    member.force_login(User.objects.create_user("mitglied", password="x"))
    assert [item["title"] for item in api(member, q="Studie")["promoted"]] == ["Vertrauliche Indium-Studie"]


def test_a_restriction_on_a_parent_page_counts_too(projects):
    from portal.projects.models import ProjectPage

    hidden = projects["pilot"].add_child(instance=ProjectPage(title="Messdaten", slug="messdaten", summary="Daten."))
    hidden.save_revision().publish()
    restriction = PageViewRestriction.objects.create(page=projects["pilot"], restriction_type=PageViewRestriction.LOGIN)
    promote("Messdaten", hidden)
    assert promoted_for("Messdaten", PUBLIC) == ()
    assert [item.title for item in promoted_for("Messdaten", MEMBERS)] == ["Messdaten"]
    # A shared password is held by no viewer: such a page is never promoted (portal.access).
    restriction.restriction_type, restriction.password = PageViewRestriction.PASSWORD, "geheim"
    restriction.save()
    assert promoted_for("Messdaten", MEMBERS) == ()


def test_a_deleted_page_leaves_no_promotion_behind(projects):
    promote("Pilot", projects["pilot"])
    projects["pilot"].delete()
    assert promoted_for("Pilot", MEMBERS) == ()


# --- the function and the normalisation ---------------------------------------------------


def test_promoted_for_returns_typed_promotions_and_external_links(projects):
    link = {"external_link_url": "https://www.bmbf.de/foerderung", "external_link_text": "BMBF-Förderung",
            "description": "Programme des Bundes."}
    promote("Förderung", link, projects["guide"], projects["guide"])
    assert promoted_for("förderung", PUBLIC) == (
        Promotion("BMBF-Förderung", "https://www.bmbf.de/foerderung", "Programme des Bundes.", "link"),
        Promotion("Leitfaden Indium-Recycling", projects["guide"].url, "Der Einstieg.", "project"),  # once
    )


@pytest.mark.parametrize("typed, normalised", [
    ("  Indium   Recycling ", "indium recycling"),
    ("Indium\tRecycling\r\n", "indium recycling"),
    ("RÜCKGEWINNUNG", "rückgewinnung"),
    ("Ru\u0308ckgewinnung", "rückgewinnung"),  # a decomposed umlaut
    ("ind\x00ium", "indium"),
    ("c++", "c++"),  # punctuation is kept: it is part of what was asked
    ("   ", ""),
])
def test_query_texts_are_normalised_like_wagtails(typed, normalised):
    assert normalise_query_text(typed) == normalised
    assert normalise_query_text("x" * 600) == "x" * 255


# --- editors promote through the Wagtail admin --------------------------------------------


def test_an_editor_promotes_a_page_through_the_admin(projects, client):
    client.force_login(editor())
    form_page = client.get(reverse("search_admin:promote"), {"q": "  Indium  Recycling "})
    assert form_page.status_code == 200
    data = querydict_from_html(form_page.content.decode(), form_id="w-editor-form", exclude_csrf=False)
    assert data["query_string"] == "indium recycling"  # filled in from the report's link
    data.update({
        "editors_picks-TOTAL_FORMS": "1", "editors_picks-INITIAL_FORMS": "0",
        "editors_picks-MIN_NUM_FORMS": "0", "editors_picks-MAX_NUM_FORMS": "1000",
        "editors_picks-0-page": str(projects["guide"].pk), "editors_picks-0-description": "Zum Einstieg.",
        "editors_picks-0-ORDER": "0", "editors_picks-0-DELETE": "",
    })
    response = client.post(reverse("wagtailsearchpromotions:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [(p.title, p.description) for p in promoted_for("Indium Recycling", PUBLIC)] == [
        ("Leitfaden Indium-Recycling", "Zum Einstieg.")]
    # A query that has promotions already opens their edit form.
    again = client.get(reverse("search_admin:promote"), {"q": "INDIUM RECYCLING"})
    assert again.status_code == 302
    assert again["Location"] == reverse("wagtailsearchpromotions:edit", args=(Query.get("indium recycling").pk,))
