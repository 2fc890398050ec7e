"""An editor's path through the Wagtail admin, driven over HTTP.

The forms are read from the admin's own HTML and posted back with the
editor's values, so the tests go through the same views, validation and
publish action an editor uses.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html, rich_text, streamfield

from ingest.models import PortalDocument

__all__ = ["editor", "moderator", "upload_document", "create_page", "rich_text", "streamfield", "inline_formset"]


def moderator(username: str = "redakteurin") -> User:
    """A member of Wagtail's Moderators group: may upload and publish."""
    return _member_of("Moderators", username)


def editor(username: str = "autor") -> User:
    """A member of Wagtail's Editors group: may write and submit for moderation, not publish."""
    return _member_of("Editors", username)


def _member_of(group: str, username: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", "not-a-real-password-123")
    user.groups.add(Group.objects.get(name=group))
    return user


def upload_document(client: Client, title: str, pdf: bytes, filename: str) -> PortalDocument:
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": title, "file": SimpleUploadedFile(filename, pdf, content_type="application/pdf"), "collection": 1},
    )
    assert response.status_code in (200, 302), response.content[:2000]
    return PortalDocument.objects.get(title=title)


def create_page(
    client: Client,
    parent: Page,
    model: type[Page],
    values: dict[str, Any],
    *,
    action: str = "action-publish",
    expect_live: bool | None = None,
) -> Page:
    """Fill the admin's "add page" form for ``model`` under ``parent`` and submit it.

    ``values`` holds plain fields (lists for multiple choices) and nested
    structures for ``streamfield(...)`` and ``inline_formset(...)``.
    """
    app_label, model_name = model._meta.app_label, model._meta.model_name
    add_url = reverse("wagtailadmin_pages:add", args=(app_label, model_name, parent.pk))
    form_page = client.get(add_url)
    assert form_page.status_code == 200, form_page.content[:2000]
    data = querydict_from_html(form_page.content.decode(), form_id="page-edit-form", exclude_csrf=False)
    # StreamFields are drawn by JavaScript, so their inputs are not in the HTML;
    # post an empty stream for those the test leaves alone, as the browser would.
    values = {
        **{f.name: streamfield([]) for f in model._meta.get_fields() if isinstance(f, StreamField)},
        **values,
    }
    for key, value in nested_form_data(values).items():
        if isinstance(value, (list, tuple)):
            data.setlist(key, [str(v) for v in value])
        else:
            data[key] = str(value)
    # nested_form_data flattens lists of scalars into "name-0", "name-1"; put multi-selects back.
    for name, value in values.items():
        if isinstance(value, (list, tuple)) and all(not isinstance(v, (dict, list, tuple)) for v in value):
            for index in range(len(value)):
                data.pop(f"{name}-{index}", None)
            data.setlist(name, [str(v) for v in value])
    data[action] = action
    response = client.post(add_url, data)
    assert response.status_code == 302, _form_errors(response)
    page = model.objects.get(slug=values["slug"])
    assert page.live == (action == "action-publish" if expect_live is None else expect_live)
    return page


def _form_errors(response) -> str:
    form = response.context.get("form") if response.context else None
    if form is not None:
        errors = dict(form.errors)
        for name, formset in getattr(form, "formsets", {}).items():
            errors[name] = [f.errors for f in formset.forms] + [formset.non_form_errors()]
        return f"form errors: {errors}"
    return response.content.decode(errors="replace")[:3000]
