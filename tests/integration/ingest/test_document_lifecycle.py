"""A document's life: upload checked by content, replaced, uploaded twice, deleted; the index follows every step."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from home.models import HomePage
from ingest.indexing import document_entry_id
from ingest.models import ExtractionStatus, PortalDocument
from portal.demo.pdf import make_pdf
from portal.projects.models import ProjectIndexPage, ProjectPage, ProjectReport
from search.backends import get_backend, reset_backend_cache
from search.service import parse_query, run_search
from tests.e2e.admin_flow import moderator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def backend():
    reset_backend_cache()
    backend = get_backend()
    backend.setup()
    backend.clear()
    return backend


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the tasks queued on commit, as the end of a request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def found(text: str) -> list[str]:
    return [hit.title for hit in run_search(parse_query({"q": text})).results.hits]


def stored(title: str, pages: list[str], name: str) -> PortalDocument:
    document = PortalDocument(title=title)
    document.file.save(name, ContentFile(make_pdf(pages, title=title)), save=False)
    document.save()
    return document


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"PK\x03\x04 a zip archive, not a report", "bericht.pdf", "not_pdf"),
        (b"%!PS-Adobe-3.0 a PostScript file", "bericht.pdf", "not_pdf"),
        (b"", "leer.pdf", "empty"),  # Django's own check for empty files says so first
    ],
)
def test_an_upload_is_checked_by_content_and_refused_with_a_reason(content, name, code):
    editor = Client()
    editor.force_login(moderator())
    response = editor.post(reverse("wagtaildocs:add"), {
        "title": "Abschlussbericht", "collection": 1,
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
    })
    assert response.status_code == 200  # the form again, with the reason
    errors = response.context["form"].errors.as_data()["file"]
    assert errors[0].code == code  # (Wagtail adds its own note about the extension of a refused file)
    if code == "not_pdf":
        assert "not a PDF, whatever its name says" in response.content.decode()
    assert not PortalDocument.objects.exists()


def test_an_upload_above_the_size_limit_is_refused(settings):
    settings.PORTAL_MAX_UPLOAD_BYTES = 1000
    editor = Client()
    editor.force_login(moderator())
    pdf = make_pdf(["Zinnrückgewinnung aus Leiterplatten. " * 80])
    assert len(pdf) > 1000
    response = editor.post(reverse("wagtaildocs:add"), {
        "title": "Zu groß", "collection": 1, "file": SimpleUploadedFile("gross.pdf", pdf, "application/pdf"),
    })
    assert "PORTAL_MAX_UPLOAD_BYTES" in response.content.decode()
    assert not PortalDocument.objects.exists()


def test_replacing_the_file_re_extracts_it_and_the_index_follows(commit):
    with commit():
        document = stored("Haldenbericht", ["Die Halde enthält Bleiglanz."], "halde.pdf")
    assert found("Bleiglanz") == ["Haldenbericht"]
    with commit():
        document.file.save("halde-neu.pdf", ContentFile(make_pdf(["Die Halde enthält Zinkblende."])), save=False)
        document.save()
    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.INDEXED
    assert found("Zinkblende") == ["Haldenbericht"]
    assert found("Bleiglanz") == []


def test_the_same_content_uploaded_twice_is_extracted_once(commit):
    pdf = make_pdf(["Germanium aus Flugaschen der Kupferhütte."], title="Germanium")
    with commit():
        first = PortalDocument(title="Germanium (Original)")
        first.file.save("ge.pdf", ContentFile(pdf), save=False)
        first.save()
        second = PortalDocument(title="Germanium (Kopie)")
        second.file.save("ge-kopie.pdf", ContentFile(pdf), save=False)
        second.save()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.attempts == 1 and second.attempts == 0  # the copy's text was copied, not extracted
    assert second.content_hash == first.content_hash
    assert list(second.text_pages.values_list("text", flat=True)) == list(first.text_pages.values_list("text", flat=True))
    assert sorted(found("Flugaschen")) == ["Germanium (Kopie)", "Germanium (Original)"]


def test_deleting_a_document_removes_its_text_from_the_index(commit, backend):
    with commit():
        index = HomePage.objects.get().add_child(instance=ProjectIndexPage(title="Projekte", slug="projekte"))
        report = stored("SchlaRe Bericht", ["Schlackenaufbereitung mit Wirbelstromscheidern."], "schlare.pdf")
        archived = stored("Kolloquium 2009", ["Vortrag über Pyrometallurgie im Oberharz."], "k2009.pdf")
        page = index.add_child(instance=ProjectPage(title="Projekt SchlaRe", slug="schlare", acronym="SchlaRe",
                                                    summary="Metalle aus Schlacken."))
        page.reports = [ProjectReport(document=report)]
        page.save_revision().publish()
    assert found("Wirbelstromscheidern") == ["Projekt SchlaRe"]
    assert found("Oberharz") == ["Kolloquium 2009"]
    with commit():
        report.delete()
        archived.delete()
    assert found("Wirbelstromscheidern") == []
    assert found("Oberharz") == []
    assert document_entry_id(archived.pk) not in backend.fingerprints()
    assert found("Schlacken") == ["Projekt SchlaRe"]  # the page itself stays


def test_unpublishing_a_page_removes_it_and_its_pdf_text(commit):
    with commit():
        index = HomePage.objects.get().add_child(instance=ProjectIndexPage(title="Projekte", slug="projekte"))
        page = index.add_child(instance=ProjectPage(title="Projekt TaLi", slug="tali", acronym="TaLi",
                                                    summary="Tantal aus Kondensatoren."))
        page.reports = [ProjectReport(document=stored("TaLi Bericht", ["Tantalkondensatoren zerlegt."], "t.pdf"))]
        page.save_revision().publish()
    assert found("Tantalkondensatoren") == ["Projekt TaLi"]
    with commit():
        page.unpublish()
    assert found("Tantalkondensatoren") == []
