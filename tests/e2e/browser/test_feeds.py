"""A visitor subscribes to the news: the feeds linked from every page are valid and current."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import expect

from tests.e2e.browser.support import news_newest_first, translated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_atom_feed_linked_from_the_page_lists_the_news_newest_first(page, live_server):
    news = news_newest_first()
    page.goto("/")
    # Feed readers find it in the head; people in the footer.
    discovery = page.locator("head link[rel='alternate'][type='application/atom+xml']")
    expect(discovery).to_have_attribute("href", "/feeds/news.atom")
    feed = _atom_feed_via_footer(page, live_server)

    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{required}") or "").strip(), required
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [title for _slug, title, _date in news]
    for entry, (slug, _title, date) in zip(entries, news):
        assert entry.findtext(f"{ATOM}id")
        assert entry.findtext(f"{ATOM}published").startswith(date.isoformat())
        assert entry.find(f"{ATOM}link").get("href") == f"{live_server.url}/news/{slug}/"

    # An entry's link opens the article.
    newest_slug, newest_title, _date = news[0]
    page.goto(entries[0].find(f"{ATOM}link").get("href"))
    expect(page).to_have_url(f"{live_server.url}/news/{newest_slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(newest_title)


def test_the_atom_feed_has_what_rfc_4287_requires_of_every_entry(page, live_server):
    page.goto("/")
    feed = _atom_feed_via_footer(page, live_server)
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    feed_authors = feed.findall(f"{ATOM}author")
    for entry in entries:
        title = entry.findtext(f"{ATOM}title")
        assert len(entry.findall(f"{ATOM}updated")) == 1, f"{title}: an entry has exactly one atom:updated"
        authors = entry.findall(f"{ATOM}author") or feed_authors
        assert authors, f"{title}: an entry, or the feed, names an atom:author"
        assert all((author.findtext(f"{ATOM}name") or "").strip() for author in authors), f"{title}: author name"


def test_the_rss_feed_lists_the_same_news(page, live_server):
    news = news_newest_first()
    page.goto("/")

    with page.expect_response(f"{live_server.url}/feeds/news.rss") as received:
        page.get_by_role("contentinfo").get_by_role("link", name="RSS", exact=True).click()
    response = received.value

    assert response.status == 200
    assert response.headers["content-type"].split(";")[0] == "application/rss+xml"
    rss = ET.fromstring(response.body())
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    for required in ("title", "link", "description"):
        assert (channel.findtext(required) or "").strip(), required
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [title for _slug, title, _date in news]
    assert [item.findtext("link") for item in items] == [f"{live_server.url}/news/{slug}/" for slug, *_ in news]
    assert all(item.findtext("pubDate") for item in items)


def _atom_feed_via_footer(page, live_server) -> ET.Element:
    """Follow the footer's Atom link and parse what the browser received."""
    footer_link = page.get_by_role("contentinfo").get_by_role("link", name=translated("News feed (Atom)", "de"))
    with page.expect_response(f"{live_server.url}/feeds/news.atom") as received:
        footer_link.click()
    response = received.value
    assert response.status == 200
    assert response.headers["content-type"].split(";")[0] == "application/atom+xml"
    return ET.fromstring(response.body())
