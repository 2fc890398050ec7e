"""Editors see what ingestion did with a document, accept the tags it found, and retry failures.

Real PDFs go through the real pipeline; the admin is driven over HTTP with
the forms read from its own HTML. Tasks run in-process once the request's
transaction commits, as they do in the embedded setup.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

from ingest.indexing import document_entry_id, index_document, standalone_entry
from ingest.models import ExtractionStatus, PortalDocument
from ingest.pipeline import extract_document
from portal.demo.pdf import make_pdf
from portal.taxonomy.models import Institution, Metal, Process
from search.backends import get_backend, reset_backend_cache
from tests.e2e.admin_flow import editor

pytestmark = pytest.mark.django_db

REPORT = [
    "Zwischenbericht InRec. Die Laugung des zerkleinerten Displayglases mit verdünnter Schwefelsäure löst "
    "über 90 % des Indiums aus dem Indiumoxid (In2O3).",
    "Anschließend trennt eine Solventextraktion das Indium von Zinn. Die Versuche liefen an der Hochschule Oberharz.",
]


@pytest.fixture
def backend():
    reset_backend_cache()
    backend = get_backend()
    backend.setup()
    backend.clear()
    return backend


@pytest.fixture
def taxonomy():
    """Metals and processes from the reference vocabulary (``migrate`` loads it), and an institution."""
    return {
        **{slug: Metal.objects.get(slug=slug) for slug in ("in", "sn", "cu")},
        **{slug: Process.objects.get(slug=slug) for slug in ("leaching", "solvent-extraction")},
        "hochschule-oberharz": Institution.objects.create(
            slug="hochschule-oberharz", name="Hochschule Oberharz", kind="university"
        ),
    }


def in_english(user: User) -> Client:
    """A logged-in client whose admin speaks English (the source language of our strings)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client_en():
    return in_english(User.objects.create_superuser("admin", "admin@example.org", "not-a-real-password-123"))


def document_with(data: bytes, title: str) -> PortalDocument:
    document = PortalDocument(title=title)
    document.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(data), save=False)
    document.save()
    return document


def extracted(pages: list[str], title: str = "InRec Zwischenbericht", author: str = "") -> PortalDocument:
    document = document_with(make_pdf(pages, title=title, author=author), title)
    extract_document(document)
    document.refresh_from_db()
    return document


def edit_page(client: Client, document: PortalDocument) -> str:
    response = client.get(reverse("wagtaildocs:edit", args=(document.pk,)))
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    """The visible words of ``html``, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def edit_form_data(client: Client, document: PortalDocument, **values: list) -> dict[str, list[str]]:
    """The edit form as the browser would post it, with ``values`` changed."""
    data = querydict_from_html(edit_page(client, document), form_id="w-editor-form", exclude_csrf=False)
    # A multiple select with nothing selected sends nothing (the helper picks
    # its first option, as for a single select).
    for kind in ("metals", "processes", "institutions"):
        data.setlist(kind, [str(pk) for pk in getattr(document, kind).values_list("pk", flat=True)])
    for name, value in values.items():
        data.setlist(name, [str(v) for v in value])
    return {name: data.getlist(name) for name in data}  # every value, not only the last of each name


def offered(html: str) -> list[str]:
    return re.findall(r'name="accept_suggestions" value="([^"]+)"', html)


# --- the edit view -----------------------------------------------------------------


def test_the_edit_view_shows_the_extraction_the_text_and_the_suggested_tags(taxonomy, admin_client_en):
    document = extracted(REPORT, title="InRec Zwischenbericht", author="Hochschule Oberharz")
    document.metals.add(taxonomy["sn"])  # already chosen: not suggested again
    html = edit_page(admin_client_en, document)
    text = text_of(html)

    assert "Text extraction" in text
    assert "Pending" in text  # extracted, waiting for the index
    assert "Pages 2" in text
    assert "Language German" in text
    assert "OCR used no" in text
    assert "Title in the PDF InRec Zwischenbericht" in text
    assert "Author in the PDF Hochschule Oberharz" in text
    assert f"Extractor version {document.extractor_version}" in text
    assert "Attempts 1" in text

    # The text, page by page.
    assert "Page 1 Zwischenbericht InRec. Die Laugung" in text
    assert "Page 2 Anschließend trennt eine Solventextraktion" in text

    # Suggested: what was detected and not chosen, with its evidence ("zerkleinerten": comminution).
    assert offered(html) == [
        "metals:in", "processes:comminution", "processes:leaching", "processes:solvent-extraction",
        "institutions:hochschule-oberharz",
    ]
    assert "Indium (4 mentions, first on page 1)" in text
    assert "des Indiums aus dem Indiumoxid" in text


def test_the_preview_shows_only_the_beginning_of_a_long_text(taxonomy, admin_client_en):
    pages = [f"Seite {n}: " + " ".join(["Schlackenaufbereitung"] * 60) for n in (1, 2, 3)]
    document = extracted(pages, title="Langer Bericht")
    text = text_of(edit_page(admin_client_en, document))
    assert "Page 1 Seite 1:" in text
    assert "Page 2 Seite 2:" in text
    assert "Seite 3:" not in text  # beyond the first 1,500 characters
    assert "Only the beginning is shown; the document has 3 pages." in text


def test_a_failed_document_says_why_and_offers_a_retry(admin_client_en):
    document = document_with(b"PK\x03\x04 a zip archive renamed to .pdf", "Bericht.zip")
    extract_document(document)
    html = edit_page(admin_client_en, document)
    text = text_of(html)
    assert "Failed" in text
    assert "Extraction failed: The file is not a PDF, whatever its name says. Upload a PDF. not_pdf" in text
    assert reverse("ingest_admin:retry", args=(document.pk,)) in html
    assert "No text has been extracted yet." in text
    assert offered(html) == []


def test_an_editor_accepts_suggested_tags_and_the_index_follows(
    taxonomy, backend, django_capture_on_commit_callbacks
):
    document = extracted(REPORT)
    index_document(document.pk)  # a standalone document, already searchable
    document.refresh_from_db()
    before = backend.fingerprints()[document_entry_id(document.pk)]
    assert document.extraction_status == ExtractionStatus.INDEXED
    assert "metals:in" in standalone_entry(document).detected

    client = in_english(editor())  # a member of Wagtail's Editors group
    edit_url = reverse("wagtaildocs:edit", args=(document.pk,))
    data = edit_form_data(client, document, accept_suggestions=["metals:in", "processes:leaching"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert callbacks, "saving the tags queues a reindex"

    document.refresh_from_db()
    assert list(document.metals.values_list("slug", flat=True)) == ["in"]
    assert list(document.processes.values_list("slug", flat=True)) == ["leaching"]
    assert document.institutions.count() == 0  # not ticked, not added
    # The index entry was rebuilt: indium is now chosen, no longer merely detected.
    entry = standalone_entry(document)
    assert "metals:in" not in entry.detected and "in" in entry.metals
    after = backend.fingerprints()[document_entry_id(document.pk)]
    assert after == entry.fingerprint != before
    # Accepted tags are no longer offered; the rest still are.
    assert offered(edit_page(client, document)) == [
        "metals:sn", "processes:comminution", "processes:solvent-extraction", "institutions:hochschule-oberharz",
    ]


def test_suggestions_can_be_accepted_alongside_tags_chosen_by_hand(taxonomy, admin_client_en):
    document = extracted(REPORT)
    data = edit_form_data(admin_client_en, document, metals=[taxonomy["cu"].pk],
                          accept_suggestions=["metals:in", "institutions:hochschule-oberharz"])
    response = admin_client_en.post(reverse("wagtaildocs:edit", args=(document.pk,)), data)
    assert response.status_code == 302
    assert sorted(document.metals.values_list("slug", flat=True)) == ["cu", "in"]
    assert list(document.institutions.values_list("slug", flat=True)) == ["hochschule-oberharz"]


def test_a_value_that_was_not_suggested_is_refused(taxonomy, admin_client_en):
    document = extracted(REPORT)
    data = edit_form_data(admin_client_en, document, accept_suggestions=["metals:cu"])  # copper is not in the text
    response = admin_client_en.post(reverse("wagtaildocs:edit", args=(document.pk,)), data)
    assert response.status_code == 200  # the form again, with an error
    assert "metals:cu is not one of the available choices" in response.content.decode()
    assert document.metals.count() == 0


# --- the report ----------------------------------------------------------------------


@pytest.fixture
def mixed_documents(settings, taxonomy):
    indexed = extracted(REPORT, title="InRec Zwischenbericht")
    index_document(indexed.pk)
    empty = document_with(b"", "Leerer Upload")
    zipped = document_with(b"PK\x03\x04 a zip archive renamed to .pdf", "Umbenanntes Archiv")
    for document in (empty, zipped):
        extract_document(document)
    return {"indexed": indexed, "empty": empty, "zipped": zipped}


def report(client: Client, **params) -> str:
    response = client.get(reverse("ingest_admin:report"), params)
    assert response.status_code == 200
    return response.content.decode()


def status_count(html: str, status: str) -> int:
    return int(re.search(rf'data-status-count="{status}">(\d+)<', html).group(1))


def test_the_report_lists_documents_with_status_and_reason_and_counts_them(mixed_documents, admin_client_en):
    html = report(admin_client_en)
    text = text_of(html)
    for title in ("InRec Zwischenbericht", "Leerer Upload", "Umbenanntes Archiv"):
        assert title in text
    assert "The file is empty (0 bytes). Upload the complete file." in text
    assert "The file is not a PDF, whatever its name says. Upload a PDF." in text
    assert (status_count(html, "all"), status_count(html, "failed"), status_count(html, "indexed")) == (3, 2, 1)
    assert status_count(html, "pending") == 0
    assert "Retry all 2 failed documents" in text
    edit_url = reverse("wagtaildocs:edit", args=(mixed_documents["empty"].pk,))
    assert f'href="{edit_url}"' in html
    # Failures come first, each with a retry button; the indexed document needs none.
    assert text.index("Umbenanntes Archiv") < text.index("InRec Zwischenbericht")
    assert text.index("Leerer Upload") < text.index("InRec Zwischenbericht")
    retry_urls = re.findall(r'<form action="(/[^"]+/retry/\d+/)"', html)
    assert sorted(retry_urls) == sorted(
        reverse("ingest_admin:retry", args=(mixed_documents[name].pk,)) for name in ("empty", "zipped")
    )


def test_the_report_filters_by_status(mixed_documents, admin_client_en):
    text = text_of(report(admin_client_en, extraction_status="failed"))
    assert "Leerer Upload" in text and "Umbenanntes Archiv" in text
    assert "InRec Zwischenbericht" not in text
    text = text_of(report(admin_client_en, extraction_status="indexed"))
    assert "InRec Zwischenbericht" in text and "Leerer Upload" not in text


def test_the_report_is_in_the_reports_menu_for_those_who_may_change_documents(mixed_documents, reader):
    report_url = reverse("ingest_admin:report")
    client = in_english(editor())
    assert report_url in client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Leerer Upload" in text_of(report(client))

    client = in_english(reader)
    assert report_url not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_retry_resets_the_document_and_extracts_it_again(settings, taxonomy, backend, admin_client_en,
                                                         django_capture_on_commit_callbacks):
    settings.PORTAL_MAX_UPLOAD_BYTES = 100  # an upload limit set too low ...
    document = document_with(make_pdf(REPORT), "InRec Zwischenbericht")
    extract_document(document)
    document.refresh_from_db()
    assert document.failure_code == "too_large"
    queued_before = document.queued_at
    settings.PORTAL_MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # ... and raised by the administrator

    retry_url = reverse("ingest_admin:retry", args=(document.pk,))
    next_url = reverse("ingest_admin:report") + "?extraction_status=failed"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin_client_en.post(retry_url, {"next": next_url})
    assert response.status_code == 302 and response["Location"] == next_url
    document.refresh_from_db()
    # Reset and queued; the task runs once the request's transaction commits.
    assert (document.extraction_status, document.status_reason, document.failure_code) == ("pending", "", "")
    assert document.queued_at > queued_before
    assert len(callbacks) == 1

    callbacks[0]()  # the commit: index_document runs (in-process)
    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.INDEXED
    assert document.page_count == 2
    assert document.attempts == 1  # refused before, now read
    assert document.detected_tags["metals"] == ["in", "sn"]
    assert document_entry_id(document.pk) in backend.fingerprints()


def test_retry_all_failed_documents(settings, taxonomy, backend, admin_client_en, django_capture_on_commit_callbacks):
    settings.PORTAL_MAX_UPLOAD_BYTES = 100
    failed = [document_with(make_pdf([text]), f"Bericht {n}") for n, text in enumerate(REPORT)]
    broken = document_with(b"", "Leerer Upload")
    for document in (*failed, broken):
        extract_document(document)
    settings.PORTAL_MAX_UPLOAD_BYTES = 50 * 1024 * 1024

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_en.post(reverse("ingest_admin:retry_failed"))
    assert response.status_code == 302
    statuses = {d.title: d.extraction_status for d in PortalDocument.objects.all()}
    assert statuses == {"Bericht 0": "indexed", "Bericht 1": "indexed", "Leerer Upload": "failed"}
    broken.refresh_from_db()
    assert broken.attempts == 0 and "empty" in broken.status_reason  # failed again, for the same reason
    # The report shows what is left.
    html = report(admin_client_en)
    assert (status_count(html, "failed"), status_count(html, "indexed")) == (1, 2)


def test_retry_needs_a_post_with_a_csrf_token(mixed_documents, reader):
    document = mixed_documents["empty"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_superuser("chef", "chef@example.org", "not-a-real-password-123"))
    retry_url = reverse("ingest_admin:retry", args=(document.pk,))
    assert client.get(retry_url).status_code == 405
    assert client.post(retry_url).status_code == 403
    assert client.post(reverse("ingest_admin:retry_failed")).status_code == 403
    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.FAILED


def test_without_permission_on_documents_there_is_no_report_and_no_retry(mixed_documents, reader):
    document = mixed_documents["empty"]
    reason = document.status_reason
    client = in_english(reader)
    response = client.get(reverse("ingest_admin:report"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert "Leerer Upload" not in client.get(response["Location"]).content.decode()
    assert client.post(reverse("ingest_admin:retry", args=(document.pk,))).status_code == 302
    assert client.post(reverse("ingest_admin:retry_failed")).status_code == 302
    # Asked from a script, the refusal is a plain 403.
    xhr = client.get(reverse("ingest_admin:report"), headers={"x-requested-with": "XMLHttpRequest"})
    assert xhr.status_code == 403
    document.refresh_from_db()
    assert (document.extraction_status, document.status_reason) == (ExtractionStatus.FAILED, reason)

    anonymous = Client().get(reverse("ingest_admin:report"))
    assert anonymous.status_code == 302 and reverse("wagtailadmin_login") in anonymous["Location"]
