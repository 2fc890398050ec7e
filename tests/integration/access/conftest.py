"""A small site: public, members-only, group-only and password-protected projects with their PDF reports."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.models import HomePage
from ingest.models import PortalDocument
from portal.demo.pdf import make_pdf
from portal.projects.models import ProjectIndexPage, ProjectPage, ProjectReport
from search.backends import get_backend, reset_backend_cache


@pytest.fixture
def backend():
    reset_backend_cache()
    backend = get_backend()
    backend.setup()
    backend.clear()
    return backend


def pdf_document(title: str, text: str, collection: Collection | None = None) -> PortalDocument:
    document = PortalDocument(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(make_pdf([text], title=title)), save=False)
    document.save()
    return document


def restrict(page, kind: str, groups=(), password: str = "") -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, password=password)
    restriction.groups.set(groups)
    return restriction


@pytest.fixture
def groups():
    return {"hydro": Group.objects.create(name="AG Hydrometallurgie"),
            "slag": Group.objects.create(name="AG Schlacken")}


@pytest.fixture
def site(backend, groups, django_capture_on_commit_callbacks):
    """Projects with reports, restricted as their names say; a private collection holding an archived PDF."""
    with django_capture_on_commit_callbacks(execute=True):
        index = HomePage.objects.get().add_child(instance=ProjectIndexPage(title="Projekte", slug="projekte"))
        pages = {}
        for key, acronym in (("public", "GaLED"), ("members", "InRec"), ("group", "HydroMet"), ("password", "SlagX")):
            page = index.add_child(instance=ProjectPage(title=f"Projekt {acronym}", slug=acronym.lower(),
                                                        acronym=acronym, summary=f"Das Projekt {acronym}."))
            page.reports = [ProjectReport(document=pdf_document(f"{acronym} Bericht", f"Bericht {acronym}."))]
            page.save_revision().publish()
            pages[key] = page
        restrict(pages["members"], PageViewRestriction.LOGIN)
        restrict(pages["group"], PageViewRestriction.GROUPS, [groups["hydro"]])
        restrict(pages["password"], PageViewRestriction.PASSWORD, password="geheim")
        private = Collection.get_first_root_node().add_child(name="Interne Tagungsbände")
        CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
        archived = pdf_document("Tagungsband 2011", "Schlackenaufbereitung in der Zinnhütte.", private)
    return {"pages": pages, "archived": archived, "private": private}


def report(page) -> PortalDocument:
    return page.reports.first().document


@pytest.fixture
def member(client, groups):
    """A logged-in member of the slag group (not of the hydrometallurgy group)."""
    user = User.objects.create_user("mitglied", email="mitglied@example.org", password="Schlacke-2024!")
    user.groups.add(groups["slag"])
    client.force_login(user)
    return client
