"""A small cluster in the Harz: institutions with and without coordinates, public and restricted work.

========================  =====================================================================
``Öffentlich A`` (2021)    public; Hochschule + Schmelze; copper, leaching
``Öffentlich B`` (2023)    public; Hochschule + Schmelze + Landkreis
``Geheimprojekt`` (2019)   members only; Hochschule + Magnettechnik; gallium (tagged nowhere else)
``Vorstandsplan`` (2018)   group "Vorstand" only; Hochschule + Fernwerk (Hannover)
paper (2022)               public; an author of the Hochschule
technology profile         public; provided by the Hochschule; published this year
========================  =====================================================================
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import PageViewRestriction

from home.models import HomePage
from portal.events.models import EventIndexPage, EventPage, PaperAuthor, PaperPage
from portal.projects.models import ProjectIndexPage, ProjectPage, ProjectPartner
from portal.taxonomy.models import Institution, Metal, Process
from portal.technologies.models import TechnologyIndexPage, TechnologyProfilePage

SECRET_TITLE = "Geheimprojekt Mondgallium"
GROUP_TITLE = "Vorstandsplan Fernwerk"

# slug: name, kind, town, latitude, longitude
INSTITUTIONS = {
    "hochschule": ("Hochschule Oberharz", "university", "Clausthal-Zellerfeld", 51.805, 10.335),
    "schmelze": ("Harzer Schmelze GmbH", "company", "Goslar", 51.906, 10.429),
    "landkreis": ("Landkreis Goslar, Abfallwirtschaft", "municipality", "Goslar", 51.905, 10.428),
    "magnet": ("Magnettechnik Wernigerode GmbH", "company", "Wernigerode", 51.835, 10.785),
    "fernwerk": ("Fernwerk Hannover", "institute", "Hannover", 52.375, 9.732),
    "ohne-ort": ("Verein ohne Ort", "association", "", None, None),
}


@dataclass
class Network:
    institutions: dict[str, Institution] = field(default_factory=dict)
    pages: dict[str, object] = field(default_factory=dict)


@pytest.fixture
def network(db, monkeypatch) -> Network:
    monkeypatch.setattr("ingest.signals.queue", lambda task, *args: None)  # no index, no worker
    net = Network()
    for slug, (name, kind, town, lat, lon) in INSTITUTIONS.items():
        net.institutions[slug] = Institution.objects.create(slug=slug, name=name, kind=kind, town=town,
                                                            latitude=lat, longitude=lon)
    net.institutions["schmelze"].expertise_metals.set([Metal.objects.get(slug="cu")])
    home = HomePage.objects.get()
    projects = home.add_child(instance=ProjectIndexPage(title="Projekte", slug="projekte"))

    def project(key, title, year, partners, metals=(), processes=()):
        page = projects.add_child(instance=ProjectPage(title=title, slug=key, summary=f"{title}.",
                                                       start_date=dt.date(year, 3, 1), language="de"))
        page.partners = [ProjectPartner(institution=net.institutions[slug]) for slug in partners]
        page.metals.set([Metal.objects.get(slug=slug) for slug in metals])
        page.processes.set([Process.objects.get(slug=slug) for slug in processes])
        page.save_revision().publish()
        net.pages[key] = page
        return page

    project("a", "Öffentlich A", 2021, ["hochschule", "schmelze"], metals=["cu"], processes=["leaching"])
    project("b", "Öffentlich B", 2023, ["hochschule", "schmelze", "landkreis"])
    secret = project("geheim", SECRET_TITLE, 2019, ["hochschule", "magnet"], metals=["ga"])
    group = project("vorstand", GROUP_TITLE, 2018, ["hochschule", "fernwerk"])
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=group, restriction_type=PageViewRestriction.GROUPS).groups.set(
        [Group.objects.get_or_create(name="Vorstand")[0]])

    events = home.add_child(instance=EventIndexPage(title="Veranstaltungen", slug="veranstaltungen"))
    symposium = events.add_child(instance=EventPage(title="Symposium 2022", slug="symposium-2022", kind="symposium",
                                                    summary="Vorträge.", start_date=dt.date(2022, 9, 14), place="Aula, Clausthal",
                                                    language="de"))
    symposium.save_revision().publish()
    paper = symposium.add_child(instance=PaperPage(title="Laugung im Technikum", slug="laugung", language="de",
                                                   abstract=[("markdown", "Laugung.")]))
    paper.authors = [PaperAuthor(name="A. Autorin", institution=net.institutions["hochschule"])]
    paper.save_revision().publish()
    net.pages["paper"] = paper

    technologies = home.add_child(instance=TechnologyIndexPage(title="Technologien", slug="technologien"))
    technology = technologies.add_child(instance=TechnologyProfilePage(
        title="Rührreaktor", slug="ruehrreaktor", summary="Laugt.", readiness_level=5, language="de"))
    technology.providers.set([net.institutions["hochschule"]])
    technology.save_revision().publish()
    net.pages["technology"] = technology
    return net


def login(client, username: str, *groups: str):
    user = User.objects.create_user(username, password="pw")
    for name in ("Members", *groups):
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    client.force_login(user)
    return client


@pytest.fixture
def member(db, client):
    """A logged-in member outside the group "Vorstand"."""
    return login(client, "mitglied")


@pytest.fixture
def vorstand(db, client):
    return login(client, "vorstand", "Vorstand")
