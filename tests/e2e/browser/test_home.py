"""A visitor on the home page: what is new, what is coming, in German or English, by keyboard."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from home.models import HomePage
from portal.demo import content
from tests.e2e.browser.support import news_newest_first, short_date, translated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_home_page_shows_featured_projects_latest_news_and_upcoming_events(
    page, live_server, outside_requests, screenshot
):
    home_title = HomePage.objects.get().title
    featured = content.PROJECTS[:3]  # seed_demo features the first three projects
    news = news_newest_first()[:3]
    today = timezone.localdate()
    upcoming = sorted(
        (dt.date.fromisoformat(event["start"]), event["title"])
        for event in content.EVENTS
        if dt.date.fromisoformat(event["start"]) >= today
    )[:3]

    page.goto("/")
    screenshot(page, "home")

    # One banner, one main region, one footer, one main heading.
    expect(page.get_by_role("banner")).to_have_count(1)
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("contentinfo")).to_have_count(1)
    expect(page.get_by_role("navigation", name=translated("Main", "de"))).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_text(home_title)

    featured_section = page.get_by_role("region", name=translated("Featured results", "de"))
    expect(featured_section.get_by_role("link")).to_have_text(
        [f"{project['acronym']}: {project['title']}" for project in featured]
    )
    news_section = page.get_by_role("region", name=translated("Latest news", "de"))
    expect(news_section.get_by_role("link")).to_have_text([title for _slug, title, _date in news])
    expect(news_section.locator("time")).to_have_text([short_date(date, "de") for *_, date in news])

    events_section = page.get_by_role("region", name=translated("Upcoming events", "de"))
    # Past events (the 2023 symposium, the 2024 forum) never show; the demo's
    # future events do until their day has passed.
    expect(events_section.get_by_role("link")).to_have_text([title for _date, title in upcoming])
    if not upcoming:
        expect(events_section).to_contain_text(translated("No upcoming events.", "de"))

    # The headline links lead to the pages.
    featured_section.get_by_role("link").first.click()
    expect(page).to_have_url(f"{live_server.url}/projects/{featured[0]['slug']}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(featured[0]["title"])

    # Visitors are not handed to third parties: no fonts, scripts or images from elsewhere.
    assert outside_requests == []


def test_a_visitor_switches_between_german_and_english(page, live_server, screenshot):
    newest_slug, newest_title, newest_date = news_newest_first()[0]
    page.goto("/")

    # A first visit is in German, the portal's default language.
    expect(page.locator("html")).to_have_attribute("lang", "de")
    news_heading = translated("Latest news", "de")
    assert news_heading != "Latest news", "the German catalogue must translate the home page"
    expect(page.get_by_role("heading", name=news_heading)).to_be_visible()
    expect(page.get_by_role("link", name=translated("Members", "de"), exact=True)).to_be_visible()
    expect(page.locator(f"time[datetime='{newest_date:%Y-%m-%d}']")).to_have_text(short_date(newest_date, "de"))

    page.get_by_label(translated("Language", "de")).select_option("en")
    page.get_by_role("button", name=translated("Switch", "de")).click()

    # Same address, now in English: words, and the way dates are written.
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Latest news")).to_be_visible()
    expect(page.get_by_role("link", name="Members", exact=True)).to_be_visible()
    expect(page.locator(f"time[datetime='{newest_date:%Y-%m-%d}']")).to_have_text(short_date(newest_date, "en"))
    expect(page.get_by_label("Language")).to_have_value("en")
    screenshot(page, "home-en")

    # The choice sticks while the visitor moves on ...
    page.get_by_role("link", name=newest_title).click()
    expect(page).to_have_url(f"{live_server.url}/news/{newest_slug}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # ... and switching back returns to German on the page the visitor is on.
    page.get_by_label("Language").select_option("de")
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page).to_have_url(f"{live_server.url}/news/{newest_slug}/")
    expect(page.get_by_label(translated("Language", "de"))).to_have_value("de")


def test_the_first_tab_reaches_a_skip_link_that_moves_focus_to_the_content(page, live_server):
    page.goto("/")
    skip = page.get_by_role("link", name=translated("Skip to content", "de"))
    box = skip.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 0, "the skip link is off-screen until focused"

    page.keyboard.press("Tab")

    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, "the focused skip link is visible"

    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/#main")
    expect(page.get_by_role("main")).to_be_focused()
