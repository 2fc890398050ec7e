"""An institution's profile: whom it worked with and its works by year, counted from what the viewer may see."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from django.test import Client

from tests.integration.network.conftest import GROUP_TITLE, SECRET_TITLE

NS = {"svg": "http://www.w3.org/2000/svg"}
THIS_YEAR = dt.date.today().year


def profile(client, slug="hochschule", language="de") -> str:
    response = client.get(f"/members/{slug}/", headers={"Accept-Language": language})
    assert response.status_code == 200
    return response.content.decode()


def worked_with(body: str) -> dict[str, str]:
    """slug -> the count's text, from the "worked with" list."""
    section = re.search(r'<ul class="plain worked-with">.*?</ul>', body, re.S).group(0)
    return dict(re.findall(r'<a href="/members/([^/]+)/">[^<]*</a> <span class="meta">([^<]*)</span>', section))


def years(body: str) -> dict[str, tuple[int, int, int, int]]:
    """year -> (projects, papers, technologies, total) from the table under the chart."""
    section = re.search(r'<table class="works-table">.*?</table>', body, re.S)
    if not section:
        return {}
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td></tr>',
                      section.group(0))
    return {year: tuple(int(n) for n in counts) for year, *counts in rows}


def test_worked_with_lists_partners_of_public_projects_with_the_shared_count(client, network):
    body = profile(client)
    assert worked_with(body) == {"schmelze": "2 gemeinsame Projekte", "landkreis": "1 gemeinsames Projekt"}
    assert list(worked_with(body)) == ["schmelze", "landkreis"]  # most shared first


def test_worked_with_as_a_member_and_as_the_group(member, network):
    assert worked_with(profile(member)) == {"schmelze": "2 gemeinsame Projekte",
                                            "landkreis": "1 gemeinsames Projekt",
                                            "magnet": "1 gemeinsames Projekt"}


def test_worked_with_as_the_group(vorstand, network):
    assert set(worked_with(profile(vorstand))) == {"schmelze", "landkreis", "magnet", "fernwerk"}


def test_a_partnership_known_only_from_a_restricted_project_is_not_shown(client, network):
    body = profile(client, "magnet")
    assert worked_with(body) == {}
    assert "Noch keine gemeinsamen Projekte." in body
    assert "Hochschule Oberharz" not in body and SECRET_TITLE not in body


def test_works_by_year_counts_projects_papers_and_technologies(client, network):
    body = profile(client)
    expected = {"2021": (1, 0, 0, 1), "2022": (0, 1, 0, 1), "2023": (1, 0, 0, 1), str(THIS_YEAR): (0, 0, 1, 1)}
    # the years between without work are rows of zeros, so the chart's axis is even
    expected.update({str(year): (0, 0, 0, 0) for year in range(2024, THIS_YEAR)})
    assert years(body) == expected
    assert list(years(body)) == [str(year) for year in range(2021, THIS_YEAR + 1)]
    chart = ET.fromstring(re.search(r'<svg xmlns="http://www.w3.org/2000/svg" class="works-chart".*?</svg>',
                                    body, re.S).group(0))
    bars = [bar.find("svg:title", NS).text for bar in chart.findall(".//svg:rect[@class]", NS)]
    assert bars == ["2021 · Projekte: 1", "2022 · Beiträge: 1", "2023 · Projekte: 1",
                    f"{THIS_YEAR} · Technologien: 1"]
    assert chart.find("svg:title", NS).text == "Arbeiten nach Jahr"


def test_works_by_year_counts_restricted_work_only_for_who_may_see_it(member, network):
    body = profile(member)
    assert years(body)["2019"] == (1, 0, 0, 1) and "2018" not in years(body)
    assert "2019 · Projekte: 1" in body


def test_the_lists_show_restricted_work_to_who_may_open_it(member, network):
    anonymous = profile(Client())
    assert "Öffentlich A" in anonymous and "Laugung im Technikum" in anonymous and "Rührreaktor" in anonymous
    assert SECRET_TITLE not in anonymous and GROUP_TITLE not in anonymous
    as_member = profile(member)
    assert SECRET_TITLE in as_member and GROUP_TITLE not in as_member


def test_an_institution_without_work(client, network):
    body = profile(client, "ohne-ort")
    assert worked_with(body) == {} and years(body) == {}
    assert "works-chart" not in body
    assert "Netzwerkkarte" not in body  # no location: no link to the map


def test_the_profile_links_to_the_map_near_its_town(client, network):
    body = profile(client, "schmelze")
    assert 'href="/partner/karte/?near=Goslar"' in body


def test_the_profile_speaks_english_too(client, network):
    body = profile(client, language="en")
    assert "Worked with" in body and "Works by year" in body and "2 shared projects" in body


def test_a_hostile_partner_name_is_escaped(client, network):
    from portal.projects.models import ProjectPartner
    from portal.taxonomy.models import Institution

    hostile = Institution.objects.create(slug="boese", name="<script>alert(1)</script>", kind="company")
    ProjectPartner.objects.create(page=network.pages["a"], institution=hostile)
    body = profile(client)
    assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
