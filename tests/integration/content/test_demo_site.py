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
from portal.taxonomy import reference
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
        # Metals and processes stay: they are the reference vocabulary, as migrate left them.


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
    # the reference vocabulary, nothing of the demo's own
    assert demo["metals"] == len(reference.METALS)
    assert demo["processes"] == len(reference.PROCESSES)
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
        + demo["institutions"]  # the member directory is searchable too
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


# --- the demo as the search sees it ------------------------------------------------


def _api(client, **params) -> dict:
    response = client.get("/api/v1/search", params)
    assert response.status_code == 200, response.content
    return response.json()


def _result_titles(body: dict) -> set[str]:
    return {hit["title"] for hit in body["results"]}


@pytest.mark.django_db
def test_a_metal_group_finds_what_is_tagged_with_its_members(client, demo):
    # the magnet project is tagged neodymium and dysprosium, never "rare earths" itself
    magnets = ProjectPage.objects.get(metals__slug="nd")
    assert "ree" not in {metal.slug for metal in magnets.metals.all()}
    body = _api(client, metal="ree")
    assert magnets.title in _result_titles(body)
    assert all({"nd", "dy", "ree"} & set(hit["metals"]) for hit in body["results"])
    counts = {value["value"]: value["count"] for value in body["facets"]["metal"]}
    assert counts["ree"] >= counts["nd"] >= 1


@pytest.mark.django_db
def test_a_broader_process_finds_its_narrower_ones(client, demo):
    bioleaching_only = ProjectPage.objects.get(slug="biotail")
    assert {process.slug for process in bioleaching_only.processes.all()} == {"bioleaching"}
    for broader in ("leaching", "hydrometallurgy"):
        assert bioleaching_only.title in _result_titles(_api(client, process=broader, type="project"))
    assert bioleaching_only.title not in _result_titles(_api(client, process="pyrometallurgy", type="project"))


@pytest.mark.django_db
def test_sensor_based_sorting_is_found_under_sorting_and_electrowinning_under_electrometallurgy(client, demo):
    sensor_sorted = {"Sensorgestützte Sortierung von Leiterplatten", "Sensor-based sorting of battery scrap",
                     "Copper and precious metals from printed circuit boards"}
    tagged = {page.title for model in (PaperPage, ProjectPage)
              for page in model.objects.filter(processes__slug="sensor-based-sorting")}
    assert tagged == sensor_sorted
    body = _api(client, process="sorting")
    assert sensor_sorted <= _result_titles(body)
    counts = {value["value"]: value["count"] for value in body["facets"]["process"]}
    assert counts["sorting"] == counts["sensor-based-sorting"]  # nothing is tagged with plain sorting
    gallium = ProjectPage.objects.get(slug="galed")
    assert {process.slug for process in gallium.processes.all()} == {"leaching", "electrowinning"}
    assert gallium.title in _result_titles(_api(client, process="electrometallurgy", type="project"))
    assert gallium.title not in _result_titles(_api(client, process="pyrometallurgy", type="project"))


@pytest.mark.django_db
def test_every_metal_and_process_of_the_demo_is_labelled_from_the_reference_vocabulary(client, demo):
    body = _api(client)
    labels = {value["value"]: value["label"] for value in body["facets"]["metal"] + body["facets"]["process"]}
    assert labels["cu"] == "Kupfer"
    assert labels["sensor-based-sorting"] == "Sensorgestützte Sortierung"
    assert labels["sorting"] == "Sortierung"  # implied by its narrower process


@pytest.mark.django_db
def test_papers_are_found_by_their_event_edition(client, demo):
    edition = next(event for event in EventPage.objects.live() if event.papers.exists())
    body = _api(client, edition=edition.slug, type="paper")
    assert body["total"] == edition.papers.count()
    labels = {value["value"]: value["label"] for value in body["facets"]["edition"]}
    assert labels[edition.slug] == edition.title


@pytest.mark.django_db
def test_content_types_years_and_languages_are_counted_and_labelled(client, demo):
    body = _api(client)
    types = {value["value"]: value for value in body["facets"]["type"]}
    assert types["project"]["count"] == ProjectPage.objects.live().count()
    assert types["paper"]["count"] == PaperPage.objects.live().count()
    languages = {value["value"]: value["label"] for value in body["facets"]["language"]}
    assert languages == {"de": "Deutsch", "en": "English"}
    years = [value["value"] for value in body["facets"]["year"]]
    assert years == sorted(years, reverse=True) and all(year.isdigit() for year in years)


@pytest.mark.django_db
def test_institutions_are_found_by_their_expertise_and_their_work(client, demo):
    coordinator = ProjectPage.objects.get(slug="inrec").partners.first().institution
    body = _api(client, q=coordinator.name, type="institution")
    assert [hit["url"] for hit in body["results"]][:1] == [coordinator.get_absolute_url()]
    # the project's acronym stands in the entry, so "who worked on InRec?" finds the partner
    body = _api(client, q="InRec", type="institution")
    assert coordinator.get_absolute_url() in {hit["url"] for hit in body["results"]}
    hit = next(hit for hit in body["results"] if hit["url"] == coordinator.get_absolute_url())
    assert hit["institutions"] == [coordinator.slug]
