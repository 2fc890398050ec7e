"""Reconciliation repairs whatever the index missed: missing, stale and orphaned entries, unfinished documents."""

from __future__ import annotations

import dataclasses
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from home.models import HomePage
from ingest.indexing import document_entry_id, expected_entries
from ingest.models import ExtractionStatus, PortalDocument
from ingest.reconcile import reconcile
from portal.demo.pdf import make_pdf
from portal.projects.models import ProjectIndexPage, ProjectPage, ProjectReport
from portal.searchable import search_document_id
from search.analysis import ANALYSIS_VERSION
from search.backends import get_backend, reset_backend_cache
from search.documents import SearchDocument
from tests.support.content import REPORT_PAGES

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    reset_backend_cache()
    backend = get_backend()
    backend.setup()
    backend.clear()
    return backend


def pdf_document(title: str, pages: list[str]) -> PortalDocument:
    document = PortalDocument(title=title)
    document.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(make_pdf(pages, title=title)), save=False)
    document.save()
    return document


@pytest.fixture
def site(backend, django_capture_on_commit_callbacks):
    """Two published projects with reports and one archived document no page holds, all indexed."""
    with django_capture_on_commit_callbacks(execute=True):
        index = HomePage.objects.get().add_child(instance=ProjectIndexPage(title="Projekte", slug="projekte"))
        pages = []
        for acronym, text in (("GaLED", REPORT_PAGES), ("InRec", ["Indium aus LCD-Glas: Laugung mit Salzsäure."])):
            page = index.add_child(instance=ProjectPage(title=f"Projekt {acronym}", slug=acronym.lower(),
                                                        acronym=acronym, summary=f"Das Projekt {acronym}."))
            page.reports = [ProjectReport(document=pdf_document(f"{acronym} Bericht", text))]
            page.save_revision().publish()
            pages.append(page)
        archived = pdf_document("Tagungsband 2011", ["Schlackenaufbereitung in der Zinnhütte, Beitrag von 2011."])
    return {"pages": pages, "archived": archived}


def test_an_index_in_step_needs_nothing(site, backend):
    assert set(backend.fingerprints()) == {e.id for e in expected_entries()}
    report = reconcile()
    assert report.counts() == {"expected": 3, "extracted": 0, "missing": 0, "stale": 0, "orphaned": 0}


def test_missing_stale_and_orphaned_entries_are_repaired(site, backend):
    galed, inrec = site["pages"]
    backend.delete([search_document_id(galed.pk)])  # a lost task
    backend.index([dataclasses.replace(inrec.search_document(), title="veralteter Titel")])  # a missed update
    backend.index([SearchDocument(id="page:99999", content_type="project", title="Gelöschtes Projekt", url="/x/")])

    dry = reconcile(dry_run=True)
    assert (dry.missing, dry.stale, dry.orphaned) == (
        [search_document_id(galed.pk)], [search_document_id(inrec.pk)], ["page:99999"]
    )
    assert "page:99999" in backend.fingerprints()  # a dry run changes nothing

    report = reconcile()
    assert report.counts()["missing"] == 1 and report.counts()["stale"] == 1 and report.counts()["orphaned"] == 1
    expected = {entry.id: entry.fingerprint for entry in expected_entries()}
    assert backend.fingerprints() == expected
    assert reconcile().counts()["missing"] == 0  # and it stays repaired


def test_entries_whose_stems_another_analysis_made_are_rewritten(site, backend, monkeypatch):
    # search.analysis changed (ANALYSIS_VERSION bumped): the stems in the index no longer match the queries'
    monkeypatch.setattr("search.documents.ANALYSIS_VERSION", ANALYSIS_VERSION + 1)
    assert sorted(reconcile(dry_run=True).stale) == sorted(entry.id for entry in expected_entries())
    reconcile()
    assert backend.fingerprints() == {entry.id: entry.fingerprint for entry in expected_entries()}
    assert reconcile(dry_run=True).counts()["stale"] == 0


def test_unfinished_documents_are_extracted_and_indexed(site, backend):
    # A document uploaded while the worker was down: never extracted, never indexed.
    stuck = PortalDocument(title="Haldenkataster Harz")
    stuck.file.save("kataster.pdf", ContentFile(make_pdf(["Kataster der Althalden im Oberharz."])), save=False)
    PortalDocument.objects.bulk_create([stuck])  # bulk_create sends no signal: the task was never queued
    stuck = PortalDocument.objects.get(title="Haldenkataster Harz")
    assert stuck.extraction_status == ExtractionStatus.PENDING and not stuck.text_pages.exists()

    report = reconcile()
    stuck.refresh_from_db()
    assert report.extracted == 1
    assert stuck.extraction_status == ExtractionStatus.INDEXED
    assert document_entry_id(stuck.pk) in backend.fingerprints()


def test_every_document_ends_indexed(site):
    reconcile()
    assert set(PortalDocument.objects.values_list("extraction_status", flat=True)) == {ExtractionStatus.INDEXED}


def test_the_command_reports_what_it_did(site, backend):
    backend.delete([document_entry_id(site["archived"].pk)])
    out = StringIO()
    call_command("reconcile", stdout=out)
    assert "3 expected entries; 1 missing, 0 stale indexed; 0 orphaned removed" in out.getvalue()
