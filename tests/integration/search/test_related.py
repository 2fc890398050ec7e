"""Related content: items sharing metals, processes, institutions and words, on both backends."""

from __future__ import annotations

import dataclasses

import pytest

from search.backends.base import SearchUnavailable
from tests.integration.search.conftest import (BIOLEACHING_HARZ, COPPER_PCB, GALLIUM_LED, INDIUM_LCD, MAGNETS_REE,
                                               TANTALUM_MEMBERS)
from tests.integration.search.test_suggest import serve_from

MEMBERS = ("public", "members")


def related(backend, id: str, viewer_groups=("public",), limit: int = 5) -> list[str]:
    return [hit.id for hit in backend.related(id, viewer_groups, limit)]


def test_items_sharing_metals_and_processes_are_related_the_item_itself_never(backend):
    found = related(backend, INDIUM_LCD.id)
    assert INDIUM_LCD.id not in found
    assert {GALLIUM_LED.id, BIOLEACHING_HARZ.id} <= set(found)
    assert len(found) <= 5 and len(found) == len(set(found))
    hit = backend.related(INDIUM_LCD.id, ("public",))[found.index(GALLIUM_LED.id)]
    assert (hit.title, hit.url, hit.content_type) == (GALLIUM_LED.title, GALLIUM_LED.url, "project")


def test_the_most_similar_comes_first(backend):
    # magnets share hydrometallurgy only; gallium shares indium, leaching and hydrometallurgy
    found = related(backend, INDIUM_LCD.id)
    assert MAGNETS_REE.id not in found or found.index(GALLIUM_LED.id) < found.index(MAGNETS_REE.id)
    assert related(backend, COPPER_PCB.id)[0] == MAGNETS_REE.id  # same institution, English, "recovered"


def test_the_limit_is_honoured(backend):
    assert len(related(backend, INDIUM_LCD.id, limit=2)) == 2


def test_a_restricted_item_is_never_related_for_the_public(backend):
    for item in (INDIUM_LCD, COPPER_PCB, BIOLEACHING_HARZ):
        assert TANTALUM_MEMBERS.id not in related(backend, item.id)
    assert TANTALUM_MEMBERS.id in related(backend, COPPER_PCB.id, MEMBERS)  # pyrometallurgy


def test_nothing_for_an_unknown_or_invisible_item(backend):
    assert related(backend, "page:999") == []
    assert related(backend, TANTALUM_MEMBERS.id) == []
    assert related(backend, TANTALUM_MEMBERS.id, MEMBERS)


# --- on the page --------------------------------------------------------------------------


@pytest.fixture
def project_page(db):
    from home.models import HomePage
    from portal.projects.models import ProjectIndexPage, ProjectPage

    index = HomePage.objects.get().add_child(instance=ProjectIndexPage(title="Projekte", slug="projekte-related"))
    page = index.add_child(instance=ProjectPage(title="Indium aus Displayglas", slug="indium-display", acronym="InDis",
                                                summary="Indium wird aus dem Glas von LCD-Bildschirmen gelaugt."))
    page.save_revision().publish()
    return page


def test_a_project_page_lists_related_items_for_its_visitor(client, project_page, empty_backend, monkeypatch):
    own = dataclasses.replace(project_page.search_document(), metals=("in",), processes=("leaching",))
    empty_backend.index([own, INDIUM_LCD, GALLIUM_LED, COPPER_PCB,
                         dataclasses.replace(TANTALUM_MEMBERS, metals=("in",), processes=("leaching",))])
    serve_from(monkeypatch, empty_backend)
    html = client.get(project_page.url).content.decode()
    assert 'aria-labelledby="related-content-heading"' in html
    assert f'<a href="{INDIUM_LCD.url}">{INDIUM_LCD.title}</a>' in html
    assert f'<a href="{GALLIUM_LED.url}">{GALLIUM_LED.title}</a>' in html
    assert TANTALUM_MEMBERS.title not in html


def test_the_page_is_shown_without_the_list_when_search_is_down(client, project_page, monkeypatch):
    class Down:
        def related(self, *args, **kwargs):
            raise SearchUnavailable("down")

    monkeypatch.setattr("search.related.get_backend", lambda: Down())
    response = client.get(project_page.url)
    assert response.status_code == 200
    assert "related-content-heading" not in response.content.decode()
