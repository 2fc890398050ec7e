"""A small portal with restricted content marked by canary words, on both search backends.

``leak_site`` builds it once per backend (the ``backend`` parameter, as in
tests/integration/search/conftest.py: the Elasticsearch run is marked
``elasticsearch`` and runs in the second session of ``make test``).  Every
canary is a made-up word that stands only in content the probing viewer may
not see; ``PUBLIC_CANARIES`` stand in public content, so the probes are shown
to find what they look for.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from portal.demo.pdf import make_pdf

# Where each canary stands; each stands nowhere else.
MEMBERS_TITLE = "Kobaltmondstaub"      # title of a members-only project (the likeliest leak)
MEMBERS_SUMMARY = "Zwergquarzit"       # its summary
MEMBERS_BODY = "Nebelsilberlauge"      # its results
MEMBERS_PDF = "Schattengallat"         # page 2 of its PDF report, only there
GROUP_PAGE = "Glimmerzinnplan"         # a project restricted to the group "Vorstand"
PASSWORD_PAGE = "Irrlichtniob"         # a password-protected project
PRIVATE_DOCUMENT = "Hinterhofwolfram"  # a PDF in a private collection, held by no page
MEMBERS_NEWS = "Nachtbismutbrief"      # a members-only news article (feeds)
MEMBERS_EVENT = "Moorkobaltforum"      # a members-only event
MEMBERS_TECHNOLOGY = "Rauchtantalit"   # a members-only technology profile
TAG = "Unobtanium"                     # label of metal "uo", carried by the members-only project only
TAG_SLUG = "uo"

PUBLIC_TITLE = "Sonnenkupferprobe"     # a public project, for positive controls
PUBLIC_PDF = "Lichtgallat"             # only in the public project's PDF

MEMBERS_ONLY = (MEMBERS_TITLE, MEMBERS_SUMMARY, MEMBERS_BODY, MEMBERS_PDF, PRIVATE_DOCUMENT, MEMBERS_NEWS,
                MEMBERS_EVENT, MEMBERS_TECHNOLOGY, TAG)
NOT_FOR_MEMBERS = (GROUP_PAGE, PASSWORD_PAGE)  # hidden from a member outside "Vorstand" too
RESTRICTED = MEMBERS_ONLY + NOT_FOR_MEMBERS
PUBLIC_CANARIES = (PUBLIC_TITLE, PUBLIC_PDF)

#: surface -> viewer -> number of probes (a request checked for every canary hidden from the viewer)
PROBES: Counter = Counter()


@dataclass
class LeakSite:
    backend: str
    pages: dict[str, Page] = field(default_factory=dict)
    documents: dict[str, object] = field(default_factory=dict)
    institution_slug: str = ""
    public_documents: int = 0


@pytest.fixture(scope="module", params=[
    pytest.param("embedded"),
    pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
])
def leak_site(request, django_db_setup, django_db_blocker, tmp_path_factory):
    if request.param == "embedded":
        config = {"BACKEND": "search.backends.embedded.EmbeddedBackend",
                  "PATH": str(tmp_path_factory.mktemp("leaks") / "search.sqlite3")}
    else:
        config = {"BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
                  "URL": request.getfixturevalue("elasticsearch_url"),
                  "INDEX": f"portal-test-leaks-{uuid.uuid4().hex[:8]}", "TIMEOUT": 30}
    from search.backends import get_backend, reset_backend_cache

    with django_db_blocker.unblock(), override_settings(PORTAL_SEARCH=config), pytest.MonkeyPatch.context() as mp:
        reset_backend_cache()
        backend = get_backend()
        backend.setup()
        backend.clear()
        # Index by hand below: no task may go to a broker that no worker reads.
        mp.setattr("ingest.signals.queue", lambda task, *args: None)
        try:
            site = _build(request.param)
            mp.undo()
            yield site
        finally:
            _tear_down()
            if request.param == "elasticsearch":
                client = backend.client
                names = list(client.indices.get(index=f"{config['INDEX']}*", expand_wildcards="all"))
                if names:
                    client.indices.delete(index=",".join(names))
            reset_backend_cache()


def _document(title: str, pages: list[str], name: str, collection: Collection | None = None):
    from ingest.models import PortalDocument

    document = PortalDocument(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save(f"{name}.pdf", ContentFile(make_pdf(pages, title=title)), save=False)
    document.save()
    return document


def _build(backend: str) -> LeakSite:
    from home.models import HomeFeaturedProject, HomePage
    from ingest.indexing import index_document, index_institution, index_page
    from portal.events.models import EventIndexPage, EventPage
    from portal.news.models import NewsArticlePage, NewsIndexPage
    from portal.projects.models import ProjectIndexPage, ProjectPage, ProjectPartner, ProjectReport
    from portal.taxonomy.models import Institution, Metal, Process
    from portal.technologies.models import TechnologyIndexPage, TechnologyProfilePage

    site = LeakSite(backend)
    gallium = Metal.objects.get(slug="ga")  # the reference vocabulary, as migrate loads it
    secret_metal = Metal.objects.create(slug=TAG_SLUG, name_de=TAG, name_en=TAG, symbol="Uo")
    leaching = Process.objects.get(slug="leaching")
    institute = Institution.objects.create(slug="institut-sekundaerrohstoffe", name="Institut für Sekundärrohstoffe",
                                           kind=Institution.Kind.RESEARCH_INSTITUTE, town="Clausthal-Zellerfeld")
    site.institution_slug = institute.slug
    vorstand = Group.objects.get_or_create(name="Vorstand")[0]

    home = HomePage.objects.get()

    def child(parent, page):
        parent.add_child(instance=page)
        return page

    projects = child(home, ProjectIndexPage(title="Projekte", slug="projekte"))
    technologies = child(home, TechnologyIndexPage(title="Technologien", slug="technologien"))
    events = child(home, EventIndexPage(title="Veranstaltungen", slug="veranstaltungen"))
    news = child(home, NewsIndexPage(title="Aktuelles", slug="aktuelles"))

    def project(slug, title, summary, results, report=None, metals=(gallium,)):
        page = child(projects, ProjectPage(
            title=title, slug=slug, summary=summary, results=f"<p>{results}</p>", status="running",
            start_date=dt.date(2024, 1, 1), language="de"))
        page.metals.set(metals)
        page.processes.set([leaching])
        page.partners = [ProjectPartner(institution=institute, role="partner")]
        if report:
            page.reports = [ProjectReport(document=report)]
        page.save_revision().publish()
        site.pages[slug] = page
        return page

    public_report = _document("Zwischenbericht Leiterplatten", [
        "Zwischenbericht. Gallium und Kupfer aus Leiterplatten werden gelaugt.",
        f"Kapitel 2: Das {PUBLIC_PDF} fiel bei pH 3 aus der Lösung aus."], "public-report")
    members_report = _document("Vertraulicher Abschlussbericht", [
        "Abschlussbericht. Gallium aus Schlämmen der Halbleiterfertigung wird gelaugt.",
        f"Kapitel 2: Das {MEMBERS_PDF} wurde mit Natronlauge bei 80 Grad gefällt."], "members-report")
    public = project("sonnenkupfer", f"{PUBLIC_TITLE}: Gallium aus Leiterplatten",
                     "Gallium und Kupfer werden aus Leiterplatten gelaugt.",
                     "Die Laugung mit Salzsäure löst das Gallium.", public_report)
    members = project("mondstaub", f"{MEMBERS_TITLE}: Gallium aus Schlämmen",
                      f"Gallium wird aus Schlämmen gelaugt; das {MEMBERS_SUMMARY} bleibt zurück.",
                      f"Die Laugung mit Salzsäure löst das Gallium; {MEMBERS_BODY} bleibt übrig.",
                      members_report, metals=(gallium, secret_metal))
    group = project("vorstand", f"{GROUP_PAGE} für Gallium", f"Der {GROUP_PAGE}: Gallium aus Schlämmen laugen.",
                    "Beschlossen im Vorstand.")
    password = project("irrlicht", f"{PASSWORD_PAGE}-Studie", f"Die {PASSWORD_PAGE}-Studie laugt Gallium.",
                       "Nur mit Passwort.")

    brochure = _document("Broschüre Laugung", ["Broschüre. Laugung von Gallium aus Reststoffen."], "brochure")
    technology = child(technologies, TechnologyProfilePage(
        title="Laugung im Rührreaktor", slug="ruehrreaktor", summary="Gallium wird im Rührreaktor gelaugt.",
        readiness_level=6, language="de", brochure=brochure))
    technology.metals.set([gallium])
    technology.providers.set([institute])
    technology.related_projects.set([public, members, group, password])
    technology.save_revision().publish()
    secret_technology = child(technologies, TechnologyProfilePage(
        title=f"{MEMBERS_TECHNOLOGY}-Verfahren", slug="rauch", summary=f"Das {MEMBERS_TECHNOLOGY}-Verfahren.",
        readiness_level=3, language="de"))
    secret_technology.metals.set([gallium])
    secret_technology.providers.set([institute])
    secret_technology.save_revision().publish()

    upcoming = dt.date.today() + dt.timedelta(days=30)
    for slug, title in (("symposium", "Symposium Gallium"), ("moor", f"{MEMBERS_EVENT} der Mitglieder")):
        page = child(events, EventPage(title=title, slug=slug, kind="symposium", summary=f"{title}: Vorträge.",
                                       start_date=upcoming, place="Aula, Clausthal-Zellerfeld", language="de"))
        page.save_revision().publish()
        site.pages[slug] = page
    for slug, title in (("workshop", "Workshop Gallium"), ("brief", f"{MEMBERS_NEWS} an die Mitglieder")):
        page = child(news, NewsArticlePage(title=title, slug=slug, date=dt.date.today(), language="de",
                                           teaser=f"{title}: Neues vom Gallium.",
                                           body=[("markdown", f"{title}. Gallium wird gelaugt.")]))
        page.metals.set([gallium])
        page.save_revision().publish()
        site.pages[slug] = page
    site.pages["technology"], site.pages["secret-technology"] = technology, secret_technology

    home.featured = [HomeFeaturedProject(project=public), HomeFeaturedProject(project=members)]
    home.save_revision().publish()

    for page in (members, secret_technology, site.pages["moor"], site.pages["brief"]):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=group, restriction_type=PageViewRestriction.GROUPS).groups.set([vorstand])
    PageViewRestriction.objects.create(page=password, restriction_type=PageViewRestriction.PASSWORD,
                                       password="nur-fuer-eingeweihte")

    private = Collection.get_first_root_node().add_child(name="Vorstandsablage")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    private_document = _document("Protokoll der Klausur", [
        "Protokoll der Klausurtagung. Gallium.", f"Punkt 2: {PRIVATE_DOCUMENT} bleibt vertraulich."],
        "protokoll", collection=private)

    for page in Page.objects.live().type(*[ProjectPage, TechnologyProfilePage, EventPage, NewsArticlePage]):
        index_page(page.pk)
    index_document(private_document.pk)
    index_institution(institute.pk)
    site.documents = {"public": public_report, "members": members_report, "private": private_document,
                      "brochure": brochure}
    site.public_documents = 2  # the public report and the brochure
    return site


def _tear_down() -> None:
    from ingest.models import PortalDocument
    from portal.taxonomy.models import Institution, Metal

    for page in Page.objects.filter(depth=3):
        page.delete()
    PortalDocument.objects.all().delete()
    Collection.objects.filter(name="Vorstandsablage").delete()
    Institution.objects.all().delete()
    Metal.objects.filter(slug=TAG_SLUG).delete()  # the reference vocabulary stays, as migrate left it
    Group.objects.filter(name="Vorstand").delete()
    from home.models import HomePage
    home = HomePage.objects.get()
    home.featured = []
    home.save_revision().publish()


def pytest_terminal_summary(terminalreporter):
    if not PROBES:
        return
    terminalreporter.section("leak probes")
    for (surface, viewer), count in sorted(PROBES.items()):
        terminalreporter.write_line(f"{surface:<22} {viewer:<14} {count:>5}")
    surfaces = sorted({surface for surface, _ in PROBES})
    terminalreporter.write_line(f"{sum(PROBES.values())} probes on {len(surfaces)} surfaces")
