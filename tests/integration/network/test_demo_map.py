"""The map and the profiles of the seeded demo site: the Harz, its ten institutions, their shared projects."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from portal.demo.content import INSTITUTIONS, PROJECTS
from tests.integration.demo_site import seeded_demo

NS = {"svg": "http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), seeded_demo(index=False):  # the map needs no index
        yield


def the_map(body: str) -> ET.Element:
    return ET.fromstring(re.search(r'<svg xmlns="http://www.w3.org/2000/svg" class="network-map".*?</svg>',
                                   body, re.S).group(0))


@pytest.mark.django_db
def test_the_demo_map_shows_every_institution_the_state_border_and_the_towns(client, demo):
    response = client.get("/partner/karte/", headers={"Accept-Language": "de"})
    assert response.status_code == 200
    root = the_map(response.content.decode())
    assert len(root.findall(".//svg:g[@class='map-markers']/svg:a", NS)) == len(INSTITUTIONS)
    # Lower Saxony / Saxony-Anhalt runs between Bad Harzburg and Wernigerode
    assert root.findall(".//svg:g[@class='map-outline map-outline-states']/svg:path", NS)
    towns = {text.text for text in root.findall(".//svg:g[@class='map-towns']/svg:text", NS)}
    assert {"Goslar", "Wernigerode", "Seesen", "Halberstadt"} <= towns
    # every pair of partners of a (public) demo project is joined by a line
    pairs = {frozenset(slug for slug, _role in project["partners"]) for project in PROJECTS
             if len(project["partners"]) == 2}
    assert len(root.findall(".//svg:g[@class='map-links']/svg:line", NS)) >= len(pairs)


@pytest.mark.django_db
def test_the_demo_profile_names_its_partners_and_its_years(client, demo):
    body = client.get("/members/hochschule-oberharz/", headers={"Accept-Language": "de"}).content.decode()
    section = re.search(r'<ul class="plain worked-with">.*?</ul>', body, re.S).group(0)
    assert "/members/elektroschrott-nordharz/" in section  # InRec
    assert re.search(r'<tr><th scope="row">2019</th><td>[1-9]', body)  # InRec started in 2019
