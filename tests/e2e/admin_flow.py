"""An editor's path through the Wagtail admin, driven over HTTP.

The forms are read from the admin's own HTML and posted back, so the tests
go through the same views, validation and publish action an editor uses.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from ingest.models import PortalDocument
from portal.projects.models import ProjectIndexPage, ProjectPage


def moderator(username: str = "redakteurin") -> User:
    """A member of Wagtail's Moderators group: may upload and publish."""
    user = User.objects.create_user(username, f"{username}@example.org", "not-a-real-password-123")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def upload_document(client: Client, title: str, pdf: bytes, filename: str) -> PortalDocument:
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": title, "file": SimpleUploadedFile(filename, pdf, content_type="application/pdf"), "collection": 1},
    )
    assert response.status_code in (200, 302), response.content[:2000]
    return PortalDocument.objects.get(title=title)


def publish_project(
    client: Client,
    index: ProjectIndexPage,
    *,
    title: str,
    slug: str,
    summary: str,
    results_html: str,
    metal_ids: list[int],
    process_ids: list[int],
    institution_ids: list[int],
    document: PortalDocument,
) -> ProjectPage:
    add_url = reverse("wagtailadmin_pages:add", args=("projects", "projectpage", index.pk))
    form_page = client.get(add_url)
    assert form_page.status_code == 200, form_page.content[:2000]
    data = querydict_from_html(form_page.content.decode(), form_id="page-edit-form", exclude_csrf=False)
    data["title"] = title
    data["slug"] = slug
    data["summary"] = summary
    data["results"] = rich_text(results_html)
    data.setlist("metals", [str(pk) for pk in metal_ids])
    data.setlist("processes", [str(pk) for pk in process_ids])
    data.setlist("institutions", [str(pk) for pk in institution_ids])
    data["reports-TOTAL_FORMS"] = "1"
    data["reports-0-document"] = str(document.pk)
    data["reports-0-ORDER"] = "1"
    data["reports-0-id"] = ""
    data["reports-0-DELETE"] = ""
    data["action-publish"] = "action-publish"
    response = client.post(add_url, data)
    assert response.status_code == 302, _form_errors(response)
    page = ProjectPage.objects.get(slug=slug)
    assert page.live, "the page was saved but not published"
    return page


def _form_errors(response) -> str:
    context = response.context or {}
    form = context.get("form") if hasattr(context, "get") else None
    if form is not None:
        return f"form errors: {form.errors.as_json()}"
    return response.content.decode(errors="replace")[:3000]
