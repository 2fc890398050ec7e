"""The network map at /partner/karte/: markers, lines of shared projects, filters, and their errors.

The map does not use search (it asks the database through the portal's
visibility rules), so it behaves the same whichever search backend runs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from tests.integration.network.conftest import GROUP_TITLE, SECRET_TITLE

NS = {"svg": "http://www.w3.org/2000/svg"}
URL = "/partner/karte/"


def page(client, **params):
    response = client.get(URL, params, headers={"Accept-Language": "de"})
    return response, response.content.decode()


def svg_of(body: str) -> ET.Element | None:
    match = re.search(r'<svg xmlns="http://www.w3.org/2000/svg" class="network-map".*?</svg>', body, re.S)
    return ET.fromstring(match.group(0)) if match else None


def markers(body: str) -> list[str]:
    """The profile slugs the map's markers link to."""
    root = svg_of(body)
    if root is None:
        return []
    return [a.get("href").strip("/").split("/")[-1] for a in root.findall(".//svg:g[@class='map-markers']/svg:a", NS)]


def table(body: str) -> list[str]:
    """The slugs of the institutions in the table below the map."""
    section = re.search(r'<table class="network-table">.*?</table>', body, re.S).group(0)
    return re.findall(r'<th scope="row"><a href="/members/([^/]+)/">', section)


def link_titles(body: str) -> list[str]:
    root = svg_of(body)
    return [] if root is None else [line.find("svg:title", NS).text for line in root.iter(f"{{{NS['svg']}}}line")]


def test_the_map_is_mounted_under_partner_karte(network):
    assert reverse("network-map") == URL


def test_every_located_institution_has_one_marker_and_every_institution_a_row(client, network):
    response, body = page(client)
    assert response.status_code == 200
    located = sorted(slug for slug, i in network.institutions.items() if i.latitude is not None)
    assert sorted(markers(body)) == located
    assert sorted(table(body)) == sorted(network.institutions)
    assert "kein Ort gespeichert" in body or "no location stored" in body
    # the towns are named on the map (without overlap: each once)
    towns = [t.text for t in svg_of(body).findall(".//svg:g[@class='map-towns']/svg:text", NS)]
    assert len(towns) == len(set(towns)) and "Goslar" in towns


def test_the_region_is_drawn_from_stored_data_and_nothing_comes_from_elsewhere(client, network):
    _, body = page(client)
    root = svg_of(body)
    assert root.find(".//svg:g[@class='map-outline map-outline-states']/svg:path", NS) is not None
    addresses = re.findall(r'(?:src|href|xlink:href|action)="([^"]*)"', body) + re.findall(r"url\(([^)]*)\)", body)
    assert addresses and not [a for a in addresses if re.match(r"(https?:)?//", a)]
    assert " style=" not in body  # the Content Security Policy allows no inline style


def test_lines_join_institutions_that_share_public_projects(client, network):
    _, body = page(client)
    titles = link_titles(body)
    assert any(t.startswith("Harzer Schmelze GmbH – Hochschule Oberharz: 2") or
               t.startswith("Hochschule Oberharz – Harzer Schmelze GmbH: 2") for t in titles), titles
    assert len(titles) == 3  # Hochschule–Schmelze (2), Hochschule–Landkreis, Schmelze–Landkreis
    assert not any("Magnettechnik" in t or "Fernwerk" in t for t in titles)
    collaborations = re.search(r'<ul class="plain collaborations">.*?</ul>', body, re.S).group(0)
    assert "Magnettechnik" not in collaborations and collaborations.count("<li>") == 3


def test_a_member_sees_the_line_of_a_members_only_project_but_not_of_a_group_project(member, network):
    _, body = page(member)
    titles = link_titles(body)
    assert any("Magnettechnik" in t for t in titles) and not any("Fernwerk" in t for t in titles)
    assert SECRET_TITLE not in body and GROUP_TITLE not in body  # the map names no project


def test_the_group_sees_its_project_line_too(vorstand, network):
    titles = link_titles(page(vorstand)[1])
    assert any("Fernwerk" in t for t in titles) and any("Magnettechnik" in t for t in titles)


def test_filter_by_kind(client, network):
    _, body = page(client, kind="company")
    assert sorted(markers(body)) == ["magnet", "schmelze"]
    assert sorted(table(body)) == ["magnet", "schmelze"]


def test_filter_by_metal_finds_expertise_and_visible_work(client, network):
    _, body = page(client, metal="cu")
    # Schmelze states copper; the Hochschule took part in the public copper project
    assert sorted(table(body)) == ["hochschule", "schmelze"]


def test_filter_by_metal_only_restricted_work_carries(member, network):
    _, body = page(Client(), metal="ga")  # anonymous
    assert table(body) == [] and markers(body) == []
    assert "Keine Institution mit gespeichertem Ort" in body or "No institution with a stored location" in body
    _, body = page(member, metal="ga")
    assert sorted(table(body)) == ["hochschule", "magnet"]


def test_filter_by_a_broader_process_includes_the_narrower_ones(client, network):
    _, body = page(client, process="hydrometallurgy")  # leaching is narrower
    assert sorted(table(body)) == ["hochschule", "schmelze"]


def test_near_a_town_within_a_radius_by_great_circle_distance(client, network):
    _, body = page(client, near="Goslar", radius_km="5")
    assert table(body) == ["landkreis", "schmelze"] or table(body) == ["schmelze", "landkreis"]
    _, body = page(client, near="Goslar", radius_km="15")  # Clausthal-Zellerfeld is about 13 km away
    assert set(table(body)) == {"landkreis", "schmelze", "hochschule"}
    assert table(body)[-1] == "hochschule"  # nearest first
    assert re.search(r"<td>1[23],\d km</td>", body), "the distance is shown (German decimal comma)"
    _, body = page(client, near="Goslar", radius_km="100")  # Hannover is about 80 km away
    assert set(table(body)) == set(network.institutions) - {"ohne-ort"}
    assert "Verein ohne Ort" not in body.split('<table class="network-table">')[1].split("</table>")[0]


def test_filters_combine(client, network):
    _, body = page(client, kind="company", near="Clausthal-Zellerfeld", radius_km="20")
    assert table(body) == ["schmelze"]


def test_the_town_choices_are_the_institutions_towns(client, network):
    _, body = page(client)
    select = re.search(r'<select id="filter-near" name="near">.*?</select>', body, re.S).group(0)
    assert re.findall(r'<option value="([^"]+)"', select) == [
        "Clausthal-Zellerfeld", "Goslar", "Hannover", "Wernigerode"]


@pytest.mark.parametrize("params, says", [
    ({"kind": "raumschiff"}, "raumschiff"),
    ({"metal": "zz"}, "zz"),
    ({"process": "zaubern"}, "zaubern"),
    ({"near": "Atlantis"}, "Atlantis"),
    ({"near": "Goslar", "radius_km": "abc"}, "1 bis 500"),
    ({"near": "Goslar", "radius_km": "0"}, "1 bis 500"),
    ({"near": "Goslar", "radius_km": "100000"}, "1 bis 500"),
    ({"near": "Goslar", "radius_km": "-3"}, "1 bis 500"),
    ({"near": "Goslar", "radius_km": "1e3"}, "1 bis 500"),
])
def test_invalid_values_are_answered_with_a_sentence_not_an_error_page(client, network, params, says):
    response, body = page(client, **params)
    assert response.status_code == 400
    alert = re.search(r'<div class="search-error" role="alert">.*?</div>', body, re.S).group(0)
    assert says in alert
    assert table(body), "the other filters still apply and the map still shows"


def test_an_echoed_value_is_escaped(client, network):
    response, body = page(client, near="<script>alert(1)</script>", metal='"><img src=x>')
    assert response.status_code == 400
    assert "<script>alert(1)" not in body and '"><img' not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_no_located_institution_no_map_but_the_table(client, network):
    _, body = page(client, kind="association")
    assert svg_of(body) is None and table(body) == ["ohne-ort"]


def test_a_hostile_institution_name_is_escaped_on_the_map(client, network):
    from portal.taxonomy.models import Institution

    Institution.objects.create(slug="boese", name="<script>alert('x')</script>", kind="company", town="<b>Seesen</b>",
                               latitude=51.891, longitude=10.178)
    _, body = page(client)
    assert "<script>alert" not in body and "<b>Seesen" not in body
    root = svg_of(body)
    labels = [a.get("aria-label") for a in root.findall(".//svg:g[@class='map-markers']/svg:a", NS)]
    assert "<script>alert('x')</script>, Unternehmen, <b>Seesen</b>" in labels


def test_the_page_is_translated(client, network):
    _, german = page(client)
    assert "Netzwerkkarte" in german
    english = client.get(URL, headers={"Accept-Language": "en"}).content.decode()
    assert "Network map" in english and "Netzwerkkarte" not in english
