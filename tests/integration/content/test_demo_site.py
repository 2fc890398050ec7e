"""The seeded demo site: realistic, complete, idempotent, and served without errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from wagtail.models import Page

from ingest.models import ExtractionStatus, PortalDocument
from portal.events.models import EventPage, PaperPage
from portal.news.models import NewsArticlePage
from portal.projects.models import ProjectPage
from portal.taxonomy.models import Institution, Metal, Process
from portal.technologies.models import TechnologyProfilePage
from search.backends import get_backend, reset_backend_cache

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Seed once for the module (twice, to prove it is idempotent)."""
    with django_db_blocker.unblock():
        reset_backend_cache()
        get_backend().clear()
        call_command("seed_demo", "--no-admin", verbosity=0)
        counts = _counts()
        call_command("seed_demo", "--no-admin", verbosity=0)
        yield counts
        for page in Page.objects.filter(depth=3):
            page.delete()
        PortalDocument.objects.all().delete()
        Institution.objects.all().delete()
        Metal.objects.all().delete()
        Process.objects.all().delete()


def _counts() -> dict[str, int]:
    return {
        "institutions": Institution.objects.count(),
        "metals": Metal.objects.count(),
        "processes": Process.objects.count(),
        "projects": ProjectPage.objects.live().count(),
        "events": EventPage.objects.live().count(),
        "papers": PaperPage.objects.live().count(),
        "technologies": TechnologyProfilePage.objects.live().count(),
        "news": NewsArticlePage.objects.live().count(),
        "documents": PortalDocument.objects.count(),
    }


@pytest.mark.django_db
def test_the_demo_has_the_promised_size_and_seeding_twice_adds_nothing(demo):
    assert demo == _counts()
    assert demo["institutions"] == 10
    assert demo["metals"] == 12
    assert demo["processes"] == 10
    assert demo["projects"] == 8
    assert demo["papers"] == 12
    assert EventPage.objects.filter(kind__in=["symposium", "innovation_forum"]).count() == 2
    assert demo["technologies"] == 5
    assert demo["news"] == 6


@pytest.mark.django_db
def test_every_demo_pdf_has_real_text_and_is_indexed(demo):
    documents = PortalDocument.objects.all()
    assert documents.count() == demo["documents"] >= 8 + 12 + 5
    for document in documents:
        assert document.extraction_status == ExtractionStatus.INDEXED, (document.title, document.status_reason)
        assert document.text_pages.exclude(text="").exists()
    assert get_backend().count() == (
        demo["projects"] + demo["events"] + demo["papers"] + demo["technologies"] + demo["news"]
    )


@pytest.mark.django_db
def test_content_is_in_german_and_english(demo):
    languages = set(ProjectPage.objects.values_list("language", flat=True))
    languages |= set(PaperPage.objects.values_list("language", flat=True))
    assert languages == {"de", "en"}


@pytest.mark.django_db
def test_every_public_page_renders(client, demo):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    for institution in Institution.objects.all():
        response = client.get(institution.get_absolute_url())
        assert response.status_code == 200
        assert institution.name in response.content.decode()


@pytest.mark.django_db
def test_an_institution_profile_lists_its_projects_papers_and_technologies(client, demo):
    body = client.get("/members/hochschule-oberharz/").content.decode()
    assert "Indium-Rückgewinnung aus LCD-Altgeräten" in body  # project (coordinator)
    assert "Indiumrückgewinnung im Technikumsmaßstab" in body  # paper (author affiliation)
    assert "Indiumlaugung aus Displayglas" in body  # technology (provider)


@pytest.mark.django_db
def test_the_news_feeds_list_the_latest_articles(client, demo):
    atom = ET.fromstring(client.get("/feeds/news.atom").content)
    titles = [entry.find(f"{ATOM}title").text for entry in atom.findall(f"{ATOM}entry")]
    assert titles[0] == "Schultag Rohstoffe: Handys unter der Lupe"  # newest first (2026-03-20)
    assert len(titles) == 6
    link = atom.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link.endswith("/news/schultag-2026/")
    rss = ET.fromstring(client.get("/feeds/news.rss").content)
    assert len(rss.findall("channel/item")) == 6


@pytest.mark.django_db
def test_the_sitemap_lists_every_live_page(client, demo):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = {loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")}
    for page in Page.objects.live().filter(depth__gt=1):
        assert any(url.endswith(page.url) for url in urls), page.url


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, demo):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.django_db
def test_pages_carry_titles_and_descriptions_for_search_engines_and_previews(client, demo):
    project = ProjectPage.objects.get(slug="inrec")
    body = client.get(project.url).content.decode()
    assert f"<title>{project.title} · " in body
    assert f'<meta name="description" content="{project.summary}' in body
    assert '<meta property="og:type" content="article">' in body


@pytest.mark.django_db
def test_the_pages_api_is_read_only_and_lists_live_pages(client, demo):
    listing = client.get("/api/v2/pages/?type=projects.ProjectPage&fields=summary").json()
    assert listing["meta"]["total_count"] == 8
    assert all(item["summary"] for item in listing["items"])
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405
