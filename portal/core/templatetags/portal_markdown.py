"""``{% load portal_markdown %}{{ value|markdown }}``: Markdown as sanitised HTML."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from portal.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(value: object) -> SafeString:
    """Render Markdown; the output passed the sanitiser, so it needs no escaping.

    ``None`` and empty values give an empty string. The value is read as
    Markdown even if it is already marked safe: HTML in it is sanitised too.
    """
    if value is None:
        return render_markdown("")
    return render_markdown(str(value))
