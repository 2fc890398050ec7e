"""An editor publishes a project in the Wagtail admin; a visitor then reads it.

The editor is a member of Wagtail's Moderators group (not a superuser) and
works in English; the visitor comes fresh, with a German browser.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from home.models import HomePage
from portal.projects.models import ProjectIndexPage
from tests.e2e.admin_flow import moderator
from tests.e2e.browser.support import translated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "not-a-real-password-123"  # set by tests.e2e.admin_flow.moderator
TITLE = "Zinn aus Lötkrätze"
ACRONYM = "ZinnKrätz"
SUMMARY = "Aus der Krätze von Lötbädern wird Zinn elektrolytisch zurückgewonnen."
FINDING = "95 % des Zinns lassen sich aus der Krätze zurückgewinnen."
PARTNER = "Harzer Metallrückgewinnung GmbH"


def test_an_editor_publishes_a_project_that_a_visitor_then_reads(page, new_context, live_server, screenshot):
    # The database is read here, before the browser makes the live server use it.
    user = moderator()
    home_title = HomePage.objects.get().title
    index = ProjectIndexPage.objects.get()
    admin = new_context(locale="en-GB").new_page()

    # Sign in.
    admin.goto("/admin/")
    expect(admin).to_have_url(f"{live_server.url}/admin/login/?next=/admin/")
    admin.get_by_label("Username").fill(user.username)
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    expect(admin).to_have_url(f"{live_server.url}/admin/")
    expect(admin.get_by_role("button", name=user.username, exact=True)).to_be_visible()  # the account menu
    screenshot(admin, "editor-dashboard")

    # Find the project index in the page tree and add a page below it.
    admin.goto("/admin/pages/")
    admin.get_by_role("link", name=f"Explore child pages of '{home_title}'").click()
    admin.get_by_role("link", name=f"Explore child pages of '{index.title}'").click()
    admin.get_by_role("link", name="Add child page").click()
    expect(admin).to_have_url(f"{live_server.url}/admin/pages/add/projects/projectpage/{index.pk}/")

    admin.locator("#id_title").fill(TITLE)
    admin.locator("#id_acronym").fill(ACRONYM)
    admin.locator("#id_summary").fill(SUMMARY)
    # A partner, picked with the institution chooser.
    admin.get_by_role("button", name="Add Partners").click()
    admin.get_by_role("button", name="Choose institution").click()
    admin.get_by_role("dialog").get_by_role("link", name=PARTNER).click()
    expect(admin.get_by_role("dialog")).to_be_hidden()
    admin.locator("#id_partners-0-role").select_option("coordinator")
    # A key finding: the StreamField gets one block.
    admin.get_by_role("tab", name="Results").click()
    key_findings = admin.get_by_role("region", name="Key findings")
    key_findings.get_by_role("button", name="Insert a block").first.click()
    key_findings.get_by_role("textbox").fill(FINDING)
    screenshot(admin, "editor-form")

    admin.get_by_role("button", name="More actions").click()
    admin.get_by_role("button", name="Publish").click()

    message = admin.locator(".messages")
    expect(message).to_contain_text(f"Page '{TITLE}' created and published.")
    screenshot(admin, "editor-published")
    live_url = message.get_by_role("link", name="View live").get_attribute("href")
    assert live_url.startswith("/projects/")

    # A visitor who never signed in reads the published project.
    visitor = page
    visitor.goto(live_url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"{ACRONYM} {TITLE}")
    expect(visitor.get_by_text(SUMMARY)).to_be_visible()
    # the partner in the project itself (the related content below may name the institution again)
    expect(visitor.get_by_role("article").get_by_role("link", name=PARTNER)).to_have_attribute(
        "href", "/members/harzer-metallrueckgewinnung/")
    expect(visitor.get_by_role("region", name=translated("Results", "de"))).to_contain_text(FINDING)
    screenshot(visitor, "visitor-published-project")

    # ... and finds it in the project list.
    visitor.goto("/projects/")
    visitor.get_by_role("link", name=f"{ACRONYM}: {TITLE}").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"{ACRONYM} {TITLE}")
