"""Script-injection payloads in every text the portal shows: they reach the visitor as text, never as markup.

A hostile title, summary, body, PDF page or Markdown block (an editor's
account taken over, a poisoned PDF) is indexed like any other.  Wherever it
comes back (the search page, the JSON APIs, highlights, suggestions, related
content, the news page and its feeds) it must arrive escaped: JSON may
carry the text as it is, but HTML fragments it carries (``highlights``,
``pages[].highlight``) hold no tag except ``<mark>``.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from wagtail.models import Site

from portal.core.markdown import render_markdown
from search.documents import Attachment, AttachmentPage, SearchDocument
from search.related import related_content
from tests.integration.search.conftest import backend, empty_backend, session_tag  # noqa: F401 -- fixtures
from tests.integration.search.test_suggest import serve_from

ATOM = "{http://www.w3.org/2005/Atom}"
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "\"><svg onload=alert(3)>",
    "<a href=\"javascript:alert(4)\">x</a>",
    "'--></style></script><script>alert(5)</script>",
)
ANY_TAG_BUT_MARK = re.compile(r"<(?!/?mark>)[^>]*>", re.IGNORECASE)


def live_markup(html: str) -> list[str]:
    """Elements of ``html`` that would run script: inline scripts, handlers, javascript: links, svg, frames."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if tag.name == "script" and not tag.get("src") or tag.name in ("svg", "iframe", "object", "embed"):
            found.append(str(tag)[:80])
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on") or value.strip().lower().startswith("javascript:"):
                found.append(str(tag)[:80])
        if tag.name == "img" and "alert" in str(tag):
            found.append(str(tag)[:80])
    return found

HOSTILE = SearchDocument(
    id="page:666",
    content_type="project",
    title=f"Zinnschlacke {PAYLOADS[0]}",
    url="/projekte/zinnschlacke/",
    summary=f"Zinnschlacke {PAYLOADS[1]} aus der Hütte",
    body=f"Zinnschlacke wird gelaugt. {PAYLOADS[2]} {PAYLOADS[4]}",
    language="de",
    date=dt.date(2024, 1, 1),
    metals=("sn",),
    processes=("leaching",),
    attachments=(Attachment(title=f"Bericht {PAYLOADS[3]}", url="/documents/66/bericht.pdf",
                            pages=(AttachmentPage(1, f"Seite über Zinnschlacke {PAYLOADS[0]} {PAYLOADS[1]}"),)),),
)
NEIGHBOUR = SearchDocument(
    id="page:667", content_type="project", title="Zinnschlacke aus Kupferhütten", url="/projekte/nachbar/",
    summary="Zinnschlacke und Laugung.", body="Zinnschlacke wird gelaugt.", language="de",
    metals=("sn",), processes=("leaching",),
)


@pytest.fixture
def hostile_index(empty_backend, monkeypatch, db):
    empty_backend.index([HOSTILE, NEIGHBOUR])
    serve_from(monkeypatch, empty_backend)
    return empty_backend


def assert_only_marks(fragment: str) -> None:
    assert not ANY_TAG_BUT_MARK.search(fragment), fragment


def test_search_page_shows_hostile_titles_summaries_and_pdf_pages_as_text(client, hostile_index):
    body = client.get("/search/", {"q": "Zinnschlacke"}).content.decode()
    assert "Zinnschlacke" in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert live_markup(body) == []


def test_json_api_carries_text_and_only_mark_tags_in_highlights(client, hostile_index):
    response = client.get("/api/v1/search", {"q": "Zinnschlacke alert"})
    assert response.status_code == 200
    hit = next(hit for hit in response.json()["results"] if hit["id"] == HOSTILE.id)
    assert hit["title"] == HOSTILE.title  # JSON carries the text; a client must escape it like any text
    assert hit["highlights"] and hit["pages"]
    for fragment in [*hit["highlights"], *(page["highlight"] for page in hit["pages"])]:
        assert_only_marks(fragment)
        assert "<mark>" in fragment


def test_suggestions_carry_hostile_titles_as_plain_json_text(client, hostile_index):
    response = client.get("/api/v1/suggest", {"q": "Zinnschl"})
    assert response.status_code == 200
    titles = [s["text"] for s in response.json()["suggestions"]]
    assert HOSTILE.title in titles


def test_related_content_renders_hostile_titles_escaped(hostile_index):
    hits = related_content(NEIGHBOUR.id, ("public",))
    assert HOSTILE.id in [hit.id for hit in hits]
    html = render_to_string("includes/related.html", {"related_content": hits})
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert live_markup(html) == []


@pytest.mark.parametrize("payload", PAYLOADS + (
    "[klick](javascript:alert(6))", "<iframe src=//evil.example></iframe>", "![x](https://evil.example/x.png)",
    "<div style=\"background:url(javascript:alert(7))\" onclick=\"alert(8)\">x</div>",
))
def test_markdown_keeps_no_script_handler_style_or_external_image(payload):
    html = str(render_markdown(f"Text {payload} mehr"))
    assert not re.search(r"<script|<iframe|<svg|<img|onerror|onload|onclick|style=|javascript:", html, re.I), html


def test_news_page_and_feeds_escape_hostile_titles_teasers_and_markdown(client, db):
    from portal.news.models import NewsArticlePage, NewsIndexPage

    root = Site.objects.get(is_default_site=True).root_page
    index = root.add_child(instance=NewsIndexPage(title="Aktuelles", slug="aktuelles"))
    article = index.add_child(instance=NewsArticlePage(
        title=f"Meldung {PAYLOADS[0]}", slug="meldung", teaser=f"Kurz {PAYLOADS[1]}", language="de",
        body=[("markdown", f"Absatz {PAYLOADS[2]} {PAYLOADS[3]}")],
    ))
    page = client.get(article.url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Meldung &lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert live_markup(body) == []
    for feed, item, element in (("/feeds/news.rss", "item", "description"),
                                ("/feeds/news.atom", ATOM + "entry", ATOM + "summary")):
        tree = ET.fromstring(client.get(feed).content)
        title = next(node.text for node in tree.iter() if node.tag.endswith("title") and "Meldung" in (node.text or ""))
        assert title == article.title  # XML-escaped on the wire, plain text once parsed
        summary, = (entry.find(element).text for entry in tree.iter(item))
        assert live_markup(summary) == [], feed  # readers render it as HTML
        assert BeautifulSoup(summary, "html.parser").get_text() == article.teaser
