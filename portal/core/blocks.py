"""StreamField blocks shared by the content apps.

``BODY_BLOCKS`` is the body of an article-like page::

    body = StreamField(BODY_BLOCKS, blank=True, use_json_field=True)

* ``paragraph``: rich text from the editor. Headings start at h2 (the page
  title is the h1). No ``image`` and no ``embed`` feature: images go in their
  own block, and embeds would load third-party content in visitors' browsers.
* ``markdown``: Markdown as pasted from an author (symposium abstracts),
  rendered and sanitised by ``portal.core.markdown.render_markdown``.
* ``quote``: a quotation (plain text, escaped).
* ``image``: an image from the Wagtail library, with alt text (or marked
  decorative). Wagtail's ``ImageBlock``: its value is an ``Image`` like that of
  ``ImageChooserBlock``, so ``{% image block.value width-800 %}`` works, and it
  asks the editor for alt text, which a public portal needs.
* ``document``: a link to a document from the library (PDF reports).

Blocks render without templates of their own (``render_basic``), so
``{% include_block %}`` works before any page template styles them.
"""

from __future__ import annotations

from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from portal.core.markdown import markdown_to_text, render_markdown

__all__ = ["BODY_BLOCKS", "RICH_TEXT_FEATURES", "MarkdownBlock"]

# Superscript and subscript for formulas and units (H₂SO₄, m², 10⁻³).
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "superscript", "subscript", "link", "ol", "ul", "document-link"]


class MarkdownBlock(blocks.TextBlock):
    """Markdown source, stored as typed; shown as sanitised HTML.

    The stored value stays the editor's Markdown (so it can be edited again);
    the page, the API and the search index get what a reader sees.
    """

    def __init__(self, required: bool = True, help_text: str | None = None, rows: int = 12, **kwargs) -> None:
        if help_text is None:
            help_text = _(
                "Markdown: **bold**, *italic*, [link](https://…), lists, tables, footnotes [^1]. "
                "A '# Title' becomes the first subheading. HTML is limited to simple text markup "
                "such as sub and sup; scripts, styles and images are removed "
                "(add images with an image block)."
            )
        super().__init__(required=required, help_text=help_text, rows=rows, **kwargs)

    def render_basic(self, value: str, context: dict | None = None) -> SafeString:
        return render_markdown(value)

    def get_api_representation(self, value: str, context: dict | None = None) -> str:
        # Like RichTextBlock: API clients get display-ready, sanitised HTML.
        return str(render_markdown(value))

    def get_searchable_content(self, value: str) -> list[str]:
        # Index the words a reader sees, not Markdown syntax or link targets.
        return [markdown_to_text(value)] if self.search_index and value else []

    class Meta:
        icon = "code"
        label = _("Markdown")


BODY_BLOCKS = [
    ("paragraph", blocks.RichTextBlock(features=RICH_TEXT_FEATURES)),
    ("markdown", MarkdownBlock()),
    ("quote", blocks.BlockQuoteBlock(label=_("Quote"))),
    ("image", ImageBlock(label=_("Image"))),
    ("document", DocumentChooserBlock(label=_("Document"))),
]
