"""The document form of the Wagtail admin, with what ingestion found in the text.

``WAGTAILDOCS_DOCUMENT_FORM_BASE`` points here, so Wagtail builds its add,
edit and multiple-upload forms for documents on :class:`PortalDocumentForm`.
On a document that has been extracted, the form offers the tags ingestion
detected but the editor has not chosen yet; ticking them and saving adds them
to the document's metals, processes and institutions. Saving the tags queues
a reindex (``ingest.signals`` listens to the document and its tags).

The form also carries, for the edit template, a summary of the extraction:
the first characters of the text with page numbers.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from ingest.extractors import ExtractionError
from ingest.models import TAG_KINDS, PortalDocument
from ingest.pipeline import check_content
from ingest.tagging import load_vocabulary, suggest

#: how much extracted text the edit view shows
PREVIEW_CHARACTERS = 1500


# --- what the edit view shows -----------------------------------------------------


@dataclass(frozen=True)
class SuggestedTag:
    """A detected tag the editor has not chosen, with its evidence from the text."""

    kind: str
    slug: str
    label: str
    mentions: int = 0
    example: str = ""
    page: int | None = None

    @property
    def value(self) -> str:
        return f"{self.kind}:{self.slug}"


@dataclass(frozen=True)
class PreviewPage:
    number: int
    text: str
    ocr: bool


@dataclass(frozen=True)
class TextPreview:
    pages: tuple[PreviewPage, ...]
    truncated: bool  # there is more text than shown


def tag_model(kind: str):
    """The taxonomy model behind a kind of tag ("metals" -> Metal)."""
    return PortalDocument._meta.get_field(kind).related_model


def suggested_tags(document: PortalDocument) -> list[SuggestedTag]:
    """Tags ingestion detected in ``document`` that the editor has not chosen yet.

    The detected slugs are those stored by the pipeline; their evidence
    (mentions, an example and its page) is looked up in the stored text.
    Slugs no longer in the taxonomy are left out.
    """
    if document.pk is None:
        return []
    detected = document.detected_tags or {}
    wanted: dict[str, list[str]] = {}
    for kind in TAG_KINDS:
        chosen = set(getattr(document, kind).values_list("slug", flat=True))
        wanted[kind] = [slug for slug in detected.get(kind, []) if slug not in chosen]
    if not any(wanted.values()):
        return []

    numbers, texts = [], []
    for number, text in document.text_pages.order_by("number").values_list("number", "text"):
        numbers.append(number)
        texts.append(text)
    text = "\n".join(texts)  # joined as the pipeline joins them
    starts = []
    offset = 0
    for page_text in texts:
        starts.append(offset)
        offset += len(page_text) + 1
    evidence = {(s.kind, s.slug): s for s in suggest(text, load_vocabulary())}

    tags = []
    for kind in TAG_KINDS:
        if not wanted[kind]:
            continue
        objects = {obj.slug: obj for obj in tag_model(kind).objects.filter(slug__in=wanted[kind])}
        for slug in wanted[kind]:
            if slug not in objects:
                continue
            found = evidence.get((kind, slug))
            page = numbers[bisect.bisect_right(starts, found.position) - 1] if found and numbers else None
            tags.append(SuggestedTag(
                kind=kind, slug=slug, label=objects[slug].label,
                mentions=found.mentions if found else 0, example=found.example if found else "", page=page,
            ))
    order = {kind: index for index, kind in enumerate(TAG_KINDS)}
    return sorted(tags, key=lambda tag: (order[tag.kind], -tag.mentions, tag.label.lower()))


def text_preview(document: PortalDocument, limit: int = PREVIEW_CHARACTERS) -> TextPreview:
    """The first ``limit`` characters of the extracted text, page by page."""
    pages: list[PreviewPage] = []
    used = 0
    if document.pk is None:
        return TextPreview((), False)
    for page in document.text_pages.order_by("number").only("number", "text", "ocr").iterator():
        if used >= limit:
            return TextPreview(tuple(pages), True)
        text = page.text.strip()
        if used + len(text) > limit:
            cut = text[: limit - used]
            cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
            pages.append(PreviewPage(page.number, cut + " …", page.ocr))
            return TextPreview(tuple(pages), True)
        pages.append(PreviewPage(page.number, text, page.ocr))
        used += len(text)
    return TextPreview(tuple(pages), False)


# --- the form ---------------------------------------------------------------------


class SuggestedTagsWidget(forms.CheckboxSelectMultiple):
    """Checkboxes for suggested tags, grouped by kind, each with its evidence."""

    template_name = "ingest/admin/suggested_tags_widget.html"

    def __init__(self, suggestions: list[SuggestedTag], attrs=None):
        super().__init__(attrs)
        self.suggestions = suggestions
        self.choices = [(tag.value, tag.label) for tag in suggestions]

    def render(self, name, value, attrs=None, renderer=None):
        # Rendered with the project's template engine: Django's default form
        # renderer only looks into the apps' template folders.
        selected = {str(v) for v in (value or [])}
        base_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        groups = []
        for kind in TAG_KINDS:
            options = [
                {"tag": tag, "id": f"{base_id}_{index}", "checked": tag.value in selected}
                for index, tag in enumerate(self.suggestions)
                if tag.kind == kind
            ]
            if options:
                label = capfirst(PortalDocument._meta.get_field(kind).verbose_name)
                groups.append({"label": label, "options": options})
        return mark_safe(render_to_string(self.template_name, {"name": name, "groups": groups}))


class PortalDocumentForm(BaseDocumentForm):
    """Wagtail's document form, offering the tags detected in the text."""

    class Meta(BaseDocumentForm.Meta):
        # A dozen metals or processes are easier to tick than to pick from a
        # multiple select with the Ctrl key.
        widgets = {
            **BaseDocumentForm.Meta.widgets,
            "metals": forms.CheckboxSelectMultiple,
            "processes": forms.CheckboxSelectMultiple,
            "institutions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tags = suggested_tags(self.instance) if any(kind in self.fields for kind in TAG_KINDS) else []
        self.suggested_tags = [tag for tag in tags if tag.kind in self.fields]
        if self.suggested_tags:
            self.fields["accept_suggestions"] = forms.MultipleChoiceField(
                label=_("Suggested tags"),
                required=False,
                choices=[(tag.value, tag.label) for tag in self.suggested_tags],
                widget=SuggestedTagsWidget(self.suggested_tags),
                help_text=_(
                    "Found in the text of the document. Tick the ones that fit and save: "
                    "they are added to the metals, processes and institutions above."
                ),
            )

    def clean_file(self):
        # Checked by content, not by name, before anything is stored: an
        # editor learns at once that the upload is not a usable PDF.
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # not on edits that keep the stored file
            try:
                check_content(upload, upload.size)
            except ExtractionError as error:
                raise forms.ValidationError(error.message, code=error.code) from error
        return upload

    @cached_property
    def text_preview(self) -> TextPreview:
        return text_preview(self.instance)

    def clean(self):
        cleaned = super().clean()
        accepted = cleaned.get("accept_suggestions") or []
        for kind in TAG_KINDS:
            slugs = [value.split(":", 1)[1] for value in accepted if value.startswith(f"{kind}:")]
            if not slugs or kind not in cleaned:
                continue  # nothing accepted, or the field itself is invalid
            current = list(cleaned[kind])
            added = tag_model(kind).objects.filter(slug__in=slugs).exclude(pk__in=[obj.pk for obj in current])
            cleaned[kind] = current + list(added)
        return cleaned
