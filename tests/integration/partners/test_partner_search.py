"""The partner search page and API on the seeded demo site (embedded backend, in-process indexing)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import Page

from portal.taxonomy.models import Institution
from search.partners import INSTITUTION_KINDS
from tests.integration.demo_site import seeded_demo

pytestmark = pytest.mark.django_db
GERMAN = {"Accept-Language": "de"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), seeded_demo():
        yield


def api(client, **params) -> dict:
    response = client.get("/api/v1/partners", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_page_is_in_the_main_navigation_and_speaks_german(client, demo):
    home = client.get("/", headers=GERMAN).content.decode()
    assert 'href="/partner/"' in home and "Partnersuche" in home
    page = client.get("/partner/", headers=GERMAN)
    assert page.status_code == 200
    assert "<h1>Partnersuche</h1>" in page.content.decode()


def test_a_need_finds_institutions_with_their_evidence(client, demo):
    body = api(client, q="Indium aus LCD-Glas zurückgewinnen")
    assert body["total"] >= 2
    best = body["results"][0]
    assert best["slug"] == "hochschule-oberharz"  # coordinated InRec
    assert any(item["role"] == "coordinator" and "Indium-Rückgewinnung" in item["title"] for item in best["evidence"])
    assert all("<mark>" in item["highlight"] for item in best["evidence"])
    assert all(item["year"] for item in best["evidence"] if item["role"] != "profile")  # a profile has no date
    assert best["url"] == "/members/hochschule-oberharz/"
    scores = [result["score"] for result in body["results"]]
    assert scores == sorted(scores, reverse=True)


def test_the_page_shows_the_evidence_and_links_each_item(client, demo):
    body = client.get("/partner/", {"q": "Indium aus LCD-Glas"}, headers=GERMAN).content.decode()
    first = re.search(r'<li class="partner card">.*?</li>\s*</ul>', body, re.S).group(0)
    assert "Hochschule Oberharz" in first
    assert "<mark>" in first and "(Koordinator" in first


def test_filters_by_type_place_and_readiness(client, demo):
    assert {r["kind"] for r in api(client, q="Recycling", kind="company")["results"]} == {"company"}
    near = api(client, q="Recycling", near="goslar", radius_km="15")
    assert near["query"]["near"] == "Goslar" and near["results"]
    assert all(r["distance_km"] is not None and r["distance_km"] <= 15 for r in near["results"])
    assert all(r["readiness"] >= 7 for r in api(client, q="Recycling", min_trl="7")["results"])
    unknown = api(client, q="Recycling", near="Atlantis")
    assert (unknown["total"], unknown["results"]) == (0, []) and "Atlantis" in unknown["notice"]


def test_a_metal_filter_keeps_the_evidence_about_that_metal(client, demo):
    everything = {r["slug"] for r in api(client, q="Rückgewinnung")["results"]}
    neodymium = api(client, q="Rückgewinnung", metal="nd")["results"]
    assert neodymium and {r["slug"] for r in neodymium} <= everything | {r["slug"] for r in neodymium}
    assert all("nd" in r["metals"] for r in neodymium)


@pytest.mark.parametrize("params, says", [
    ({"min_trl": "12"}, "min_trl"), ({"radius_km": "0"}, "radius"), ({"kind": "castle"}, "kind"),
    ({"metal": "Not a slug!"}, "metal"), ({"q": "x" * 501}, "too long"), ({"limit": "abc"}, "limit"),
])
def test_bad_parameters_get_a_clear_400_never_a_server_error(client, demo, params, says):
    response = client.get("/api/v1/partners", params)
    assert response.status_code == 400 and says in response.json()["error"]
    page = client.get("/partner/", params, headers=GERMAN)
    assert page.status_code == 400 and 'class="error"' in page.content.decode()


def test_members_see_the_contact_person_and_visitors_do_not(client, demo):
    contact = Institution.objects.get(slug="hochschule-oberharz").contact_email
    assert contact
    anonymous = client.get("/partner/", {"q": "Indium"}, headers=GERMAN).content.decode()
    assert contact not in anonymous and "/partner/contact/" not in anonymous
    user = User.objects.create_user("mitglied-p", password="pw")
    user.groups.add(Group.objects.get_or_create(name="Members")[0])
    client.force_login(user)
    member = client.get("/partner/", {"q": "Indium"}, headers=GERMAN).content.decode()
    assert contact in member and "/partner/contact/hochschule-oberharz/?q=Indium" in member


def test_project_and_institution_pages_lead_to_the_partner_search(client, demo):
    project = Page.objects.get(slug="inrec").specific
    assert "/partner/?q=" in client.get(project.url).content.decode()
    assert 'href="/partner/"' in client.get("/members/hochschule-oberharz/").content.decode()


def test_the_kinds_of_the_api_are_the_institution_types():
    assert set(INSTITUTION_KINDS) == set(Institution.Kind.values)
