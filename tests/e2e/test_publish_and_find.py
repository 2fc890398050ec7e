"""The portal's vertical slice, end to end.

An editor uploads a PDF in the Wagtail admin, attaches it to a project
tagged with a metal, a process and an institution, and publishes it.  After
the commit a task extracts the PDF page by page and indexes the project.  A
visitor then finds the project at /search/ by a word that stands only in
the PDF, sees the metal's count in the facet list, and filters by it; the
JSON API at /api/v1/search answers the same.

The slice runs twice: on the embedded default (SQLite, in-process tasks,
SQLite FTS5) and on the real stack (PostgreSQL, a Celery worker process
consuming from Redis, Elasticsearch).
"""

from __future__ import annotations

import html
import re
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from ingest.models import ExtractionStatus, PortalDocument
from portal.demo.pdf import make_pdf
from portal.projects.models import ProjectIndexPage, ProjectPage
from ingest.indexing import document_entry_id
from portal.searchable import search_document_id
from search.backends import get_backend, reset_backend_cache
from tests.e2e.admin_flow import create_page, inline_formset, moderator, rich_text, upload_document
from tests.support.content import PDF_ONLY_WORD, REPORT_PAGES, make_taxonomy
from home.models import HomePage

TITLE = "Gallium aus LED-Produktionsabfällen"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_slice_on_embedded_default():
    assert connection.vendor == "sqlite"
    assert settings.CELERY_TASK_ALWAYS_EAGER
    assert settings.PORTAL_SEARCH["BACKEND"].endswith("EmbeddedBackend")
    _run_slice(wait_seconds=0)


@pytest.mark.stack
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_slice_on_real_stack(celery_worker):
    assert connection.vendor == "postgresql"
    assert not settings.CELERY_TASK_ALWAYS_EAGER, "tasks must go through Redis to the worker process"
    assert settings.PORTAL_SEARCH["BACKEND"].endswith("ElasticsearchBackend")
    _run_slice(wait_seconds=90)


def _run_slice(wait_seconds: float) -> None:
    reset_backend_cache()
    backend = get_backend()
    backend.setup()
    backend.clear()
    tags = make_taxonomy()
    home = HomePage.objects.get()
    index = home.add_child(instance=ProjectIndexPage(title="Projekte", slug="projekte"))

    editor = Client()
    editor.force_login(moderator())
    document = upload_document(editor, "GaLED Abschlussbericht", make_pdf(REPORT_PAGES), "galed-bericht.pdf")
    page = create_page(
        editor,
        index,
        ProjectPage,
        {
            "title": TITLE,
            "slug": "galed",
            "summary": "Rückgewinnung von Gallium aus den Reststoffen der LED-Fertigung.",
            "results": rich_text("<p>Eine alkalische Laugung löst den größten Teil des Galliums.</p>"),
            "metals": [tags["gallium"].pk],
            "processes": [tags["leaching"].pk],
            "partners": inline_formset([{"institution": tags["institute"].pk, "role": "coordinator"}]),
            "reports": inline_formset([{"document": document.pk}]),
        },
    )
    assert PDF_ONLY_WORD.lower() not in (page.title + page.summary + page.results).lower()

    visitor = Client(headers={"Accept-Language": "en"})  # the assertions below read the English interface
    _wait_until_indexed(backend, page, document, wait_seconds)
    body = visitor.get(f"/search/?q={PDF_ONLY_WORD}").content.decode()

    # The project is found by a word that occurs only inside its PDF, and
    # the hit names the PDF page where the word stands.
    assert html.escape(TITLE) in body
    assert f"#page=3" in body
    assert "<mark>" in body
    # The metal facet lists Gallium with a count of one.
    assert re.search(r'value="ga"[^>]*>\s*Gallium\s*<span[^>]*>\(1\)</span>', body), body

    # Filtering by the metal keeps the project; another metal excludes it.
    assert html.escape(TITLE) in visitor.get(f"/search/?q={PDF_ONLY_WORD}&metal=ga").content.decode()
    excluded = visitor.get(f"/search/?q={PDF_ONLY_WORD}&metal=cu").content.decode()
    assert html.escape(TITLE) not in excluded
    assert "0 results" in excluded

    # The JSON API says the same.
    api = visitor.get("/api/v1/search", {"q": PDF_ONLY_WORD, "metal": "ga", "process": "leaching",
                                          "institution": "institut-sekundaerrohstoffe", "page": 1}).json()
    assert api["total"] == 1
    assert api["results"][0]["title"] == TITLE
    assert api["results"][0]["pages"][0]["number"] == 3
    assert api["results"][0]["pages"][0]["url"].endswith("#page=3")
    metal_counts = {f["value"]: (f["count"], f["selected"]) for f in api["facets"]["metal"]}
    assert metal_counts["ga"] == (1, True)

    # Ingestion recorded what it did with the file.
    document = PortalDocument.objects.get(pk=document.pk)
    assert document.extraction_status == ExtractionStatus.INDEXED
    assert document.page_count == 3
    assert len(document.content_hash) == 64
    assert [p.number for p in document.text_pages.all()] == [1, 2, 3]


def _wait_until_indexed(backend, page, document, wait_seconds: float) -> None:
    """Wait until the worker has indexed the page, and with it dropped the report's own entry.

    Until the page is indexed, the uploaded report is an entry of its own (a
    document no page holds yet), so a search may briefly find both.
    """
    deadline = time.monotonic() + wait_seconds
    while True:
        indexed = backend.fingerprints()
        if search_document_id(page.pk) in indexed and document_entry_id(document.pk) not in indexed:
            return
        assert time.monotonic() < deadline, f"not indexed within {wait_seconds} s: {sorted(indexed)}"
        time.sleep(0.5)
