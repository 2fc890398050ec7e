"""The network map, its filters and the institution profile leak nothing restricted (issue 11, part 5).

The canaries and viewers are those of ``test_leaks.py``; besides, three
institutions take part in one project each: the members-only one, the
one of the group "Vorstand" and the public one.  A partnership known only
from a project the viewer may not open must not show on the map (no line,
no entry among the shared projects, no count), in any filter, nor on either
partner's profile; neither may the project's title or its year count.

These surfaces do not use search: they ask the database through the
portal's visibility rules (``portal.content.visible_pages``).  They run on
both backends all the same, since ``leak_site`` is built once per backend,
so the whole leak suite probes one site twice.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

import pytest

from portal.projects.models import ProjectPartner
from portal.taxonomy.models import Institution
from tests.integration.security.conftest import GROUP_PAGE, MEMBERS_TITLE, PROBES, PUBLIC_TITLE, TAG, TAG_SLUG
from tests.integration.security.test_leaks import assert_no_canary, client_for, hidden_from

pytestmark = pytest.mark.django_db

MAP = "/partner/karte/"
MEMBERS_PARTNER = "Nebelhütte Schattenwerk"  # a partner of the members-only project only
GROUP_PARTNER = "Irrlichtwerk Vorstandshütte"  # a partner of the group's project only
PUBLIC_PARTNER = "Sonnenhütte Lichtwerk"  # a partner of the public project (positive control)
THIS_YEAR = dt.date.today().year  # the technology profiles were published today; the projects start in 2024


@pytest.fixture(scope="module")
def network_site(leak_site, django_db_blocker):
    """``leak_site`` with coordinates for its institute and the three partners above."""
    with django_db_blocker.unblock():
        institute = Institution.objects.get(slug=leak_site.institution_slug)
        institute.latitude, institute.longitude = 51.805, 10.335
        institute.save()
        added = []
        for slug, name, project, town, lat, lon in (
                ("nebelhuette", MEMBERS_PARTNER, "mondstaub", "Goslar", 51.906, 10.429),
                ("irrlichtwerk", GROUP_PARTNER, "vorstand", "Wernigerode", 51.835, 10.785),
                ("sonnenhuette", PUBLIC_PARTNER, "sonnenkupfer", "Seesen", 51.891, 10.178)):
            partner = Institution.objects.create(slug=slug, name=name, kind="company", town=town, latitude=lat,
                                                 longitude=lon)
            ProjectPartner.objects.create(page=leak_site.pages[project], institution=partner)
            added.append(partner)
        try:
            yield leak_site
        finally:
            for partner in added:
                partner.delete()  # and its project roles


def hidden_partners(viewer: str) -> tuple[str, ...]:
    return (MEMBERS_PARTNER, GROUP_PARTNER) if viewer == "anonymous" else (GROUP_PARTNER,)


def relations(body: str) -> str:
    """What tells who worked with whom: the map's lines, the list of shared projects, the "worked with" list."""
    parts = re.findall(r'<g class="map-links".*?</g>', body, re.S)
    parts += re.findall(r'<ul class="plain (?:collaborations|worked-with)">.*?</ul>', body, re.S)
    return "\n".join(parts)


def table_slugs(body: str) -> list[str]:
    section = re.search(r'<table class="network-table">.*?</table>', body, re.S).group(0)
    return re.findall(r'<th scope="row"><a href="/members/([^/]+)/">', section)


def partner_counts(body: str) -> dict[str, int]:
    section = re.search(r'<table class="network-table">.*?</table>', body, re.S).group(0)
    return {slug: int(count) for slug, count in
            re.findall(r'<a href="/members/([^/]+)/">.*?<td>(\d+)</td></tr>', section, re.S)}


def years(body: str) -> dict[str, tuple[int, ...]]:
    section = re.search(r'<table class="works-table">.*?</table>', body, re.S)
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td>',
                      section.group(0) if section else "")
    return {year: tuple(int(n) for n in counts) for year, *counts in rows}


def chart_titles(body: str) -> list[str]:
    chart = re.search(r'<svg xmlns="http://www.w3.org/2000/svg" class="works-chart".*?</svg>', body, re.S)
    return re.findall(r"<title>([^<]*)</title>", chart.group(0)) if chart else []


def get(client, url: str, params=None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200, (url, params, response.status_code)
    return response.content.decode()


def check_map(body: str, viewer: str, where: str) -> None:
    assert_no_canary(body, hidden_from(viewer), where, vocabulary_allowed=True)
    assert_no_canary(relations(body), hidden_partners(viewer), f"{where} (who worked with whom)")
    counts = partner_counts(body)
    for slug, name in (("nebelhuette", MEMBERS_PARTNER), ("irrlichtwerk", GROUP_PARTNER)):
        if name in hidden_partners(viewer) and slug in counts:
            assert counts[slug] == 0, f"{where}: {name} is counted with partners"


# --- the surfaces ------------------------------------------------------------------------------

def probe_map(client, viewer) -> Iterator[str]:
    body = get(client, MAP)
    check_map(body, viewer, MAP)
    assert PUBLIC_PARTNER in relations(body)  # the probe sees what it looks for
    yield MAP


def probe_map_filters(client, viewer) -> Iterator[str]:
    for params in ({"metal": "ga"}, {"process": "leaching"}, {"kind": "institute"}, {"kind": "company"},
                   {"near": "Clausthal-Zellerfeld", "radius_km": "50"}, {"near": "Goslar", "radius_km": "1"},
                   {"metal": "ga", "near": "Seesen", "radius_km": "30"}):
        check_map(get(client, MAP, params), viewer, f"{MAP} {params}")
        yield str(params)
    body = get(client, MAP, {"metal": TAG_SLUG})  # carried only by the members-only project
    check_map(body, viewer, f"{MAP} metal={TAG_SLUG}")
    if TAG in hidden_from(viewer):
        assert table_slugs(body) == [], "an institution is found by a metal only restricted work carries"
        assert 'class="network-map"' not in body
    yield f"metal={TAG_SLUG}"


def probe_profiles(client, viewer, site) -> Iterator[str]:
    url = f"/members/{site.institution_slug}/"
    body = get(client, url)
    assert_no_canary(body, hidden_from(viewer), url)
    assert_no_canary(body, hidden_partners(viewer), f"{url} (worked with)")
    assert PUBLIC_TITLE in body and PUBLIC_PARTNER in relations(body)
    visible_projects = 1 if viewer == "anonymous" else 2  # public; and the members-only one
    visible_technologies = 1 if viewer == "anonymous" else 2
    counted = years(body)
    assert counted["2024"][0] == visible_projects, counted
    assert counted[str(THIS_YEAR)][2] == visible_technologies, counted
    assert f"2024 · Projekte: {visible_projects}" in chart_titles(body)
    yield url
    for slug, name in (("nebelhuette", MEMBERS_PARTNER), ("irrlichtwerk", GROUP_PARTNER)):
        url = f"/members/{slug}/"
        body = get(client, url)
        assert_no_canary(body, hidden_from(viewer), url)
        if name in hidden_partners(viewer):
            assert relations(body).count("<a ") == 0, f"{url}: a partner from a project the viewer may not open"
            assert years(body) == {} and chart_titles(body) == [], f"{url}: restricted work counted"
        yield url


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_the_network_map_leaks_nothing(network_site, viewer):
    client = client_for(viewer)
    for _ in probe_map(client, viewer):
        PROBES[("network_map", viewer)] += 1


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_the_network_map_filters_leak_nothing(network_site, viewer):
    client = client_for(viewer)
    for _ in probe_map_filters(client, viewer):
        PROBES[("network_map_filters", viewer)] += 1


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_institution_profiles_leak_nothing(network_site, viewer):
    client = client_for(viewer)
    for _ in probe_profiles(client, viewer, network_site):
        PROBES[("institution_profile", viewer)] += 1


# --- positive controls: who may see them, sees them ----------------------------------------------

def test_a_member_sees_the_members_only_partnership_its_project_and_its_count(network_site):
    client = client_for("member")
    body = get(client, MAP)
    assert MEMBERS_PARTNER in relations(body) and GROUP_PARTNER not in relations(body)
    assert sorted(table_slugs(get(client, MAP, {"metal": TAG_SLUG}))) == ["institut-sekundaerrohstoffe",
                                                                           "nebelhuette"]
    profile = get(client, f"/members/{network_site.institution_slug}/")
    assert MEMBERS_TITLE in profile and MEMBERS_PARTNER in relations(profile)
    assert years(profile)["2024"][0] == 2
    assert "Institut für Sekundärrohstoffe" in relations(get(client, "/members/nebelhuette/"))


def test_the_group_sees_its_partnership_its_project_and_its_count(network_site):
    client = client_for("vorstand")
    body = get(client, MAP)
    assert GROUP_PARTNER in relations(body) and MEMBERS_PARTNER in relations(body)
    profile = get(client, f"/members/{network_site.institution_slug}/")
    assert GROUP_PAGE in profile and GROUP_PARTNER in relations(profile)
    assert years(profile)["2024"][0] == 3  # public, members-only and the group's; never the password page
    assert "2024 · Projekte: 3" in chart_titles(profile)
