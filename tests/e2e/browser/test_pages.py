"""A visitor reads a project and a member's profile, following the portal's own links."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.demo import content
from tests.e2e.browser.support import demo_project, institution_name, role_label, translated, translated_plural

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_project_page_shows_acronym_partners_and_its_pdf_report(page, live_server, screenshot):
    project = demo_project("inrec")
    report_title, report_pages = project["report"]

    page.goto("/")
    page.get_by_role("navigation", name=translated("Main", "de")).get_by_role(
        "link", name=translated("Projects", "de"), exact=True
    ).click()
    expect(page).to_have_url(f"{live_server.url}/projects/")
    page.get_by_role("link", name=f"{project['acronym']}: {project['title']}").click()
    expect(page).to_have_url(f"{live_server.url}/projects/inrec/")
    screenshot(page, "project")

    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(f"{project['acronym']} {project['title']}")
    expect(heading.locator(".acronym")).to_have_text(project["acronym"])
    expect(page.get_by_text(project["summary"])).to_be_visible()

    # Every partner is named with its role and links to its member profile.
    partners = page.locator("dl.facts li")
    expect(partners).to_have_text(
        [f"{institution_name(slug)} ({role_label(role, 'de')})" for slug, role in project["partners"]]
    )
    for index, (slug, _role) in enumerate(project["partners"]):
        expect(partners.nth(index).get_by_role("link")).to_have_attribute("href", f"/members/{slug}/")

    # The report is a real PDF, served to this visitor.
    reports = page.get_by_role("region", name=translated("Reports and deliverables", "de"))
    link = reports.get_by_role("link", name=report_title)
    expect(link).to_be_visible()
    pages = translated_plural("%(pages)s page", "%(pages)s pages", len(report_pages), "de")
    expect(reports).to_contain_text(f"{report_title} (PDF, {pages % {'pages': len(report_pages)}})")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")


def test_a_member_profile_lists_its_projects_papers_and_technologies(page, live_server, screenshot):
    slug = "hochschule-oberharz"
    name = institution_name(slug)
    projects = [p["title"] for p in content.PROJECTS if slug in {partner for partner, _role in p["partners"]}]
    papers = [paper[1] for paper in content.PAPERS if slug in {institution for _name, institution in paper[4]}]
    technologies = [tech[1] for tech in content.TECHNOLOGIES if slug in tech[8]]
    assert projects and papers and technologies, "the demo gives this member something in every list"

    page.goto("/")
    page.get_by_role("navigation", name=translated("Main", "de")).get_by_role(
        "link", name=translated("Members", "de"), exact=True
    ).click()
    expect(page).to_have_url(f"{live_server.url}/members/")
    expect(page.get_by_role("heading", level=2)).to_have_count(len(content.INSTITUTIONS))
    page.get_by_role("link", name=name, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/members/{slug}/")
    screenshot(page, "institution")

    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    for heading, titles in (("Projects", projects), ("Papers", papers), ("Technologies", technologies)):
        section = page.get_by_role("region", name=translated(heading, "de"), exact=True)
        # Order follows the database; what matters is that exactly these are listed.
        assert sorted(section.get_by_role("link").all_inner_texts()) == sorted(titles), heading

    # The lists lead on to the pages themselves.
    page.get_by_role("region", name=translated("Technologies", "de"), exact=True).get_by_role(
        "link", name=technologies[0]
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(technologies[0])
