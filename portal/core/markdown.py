"""Markdown written or pasted by editors, rendered to HTML that is safe to show.

Two steps, and the second one is the security boundary:

1. ``markdown`` (Python-Markdown, only extensions shipped inside the package)
   turns the text into HTML. Raw HTML inside the Markdown passes through this
   step untouched, and Markdown links may name any URL.
2. ``nh3`` (the Rust sanitiser ammonia) parses that HTML as a browser would and
   keeps only the allow-list below. Everything else is removed: tags not on the
   list lose their markup but keep their text; the content of ``script``,
   ``style`` and other non-text elements (``CLEAN_CONTENT_TAGS``) goes entirely.

The policy, and why:

* **Tags**: text structure only (``ALLOWED_TAGS``). No ``h1``: the page title is
  the one ``h1``; Markdown headings are demoted so that the highest level used
  becomes ``h2`` (``# Title`` / ``## Part`` render as ``h2`` / ``h3``; a text
  that starts at ``##`` is left alone). A raw ``<h1>`` keeps its text only.
* **No images.** An image URL in editor text would be fetched by every visitor's
  browser from wherever it points (tracking, mixed content, a third party
  seeing our visitors), and nothing on the portal is to be fetched from outside
  at run time. Images belong in the image block of the page body, which serves
  renditions from our own media and asks for alt text. A Markdown image
  ``![alt](src)`` therefore renders as its alt text; a raw ``<img>`` is removed.
* **Attributes**: ``href`` and ``title`` on links, ``title`` on ``abbr``,
  ``align`` (left/center/right) on table cells, ``start`` on ordered lists,
  numeric ``colspan``/``rowspan``; the classes and ids the ``fenced_code`` and
  ``footnotes`` extensions produce, and nothing else. No ``style``, no ``on*``
  event handlers, no ``id`` or ``class`` of the editor's choosing.
* **URLs**: ``http``, ``https``, ``mailto`` and relative URLs. ``javascript:``,
  ``vbscript:``, ``data:`` and every other scheme are dropped, however they are
  written (entities, case, control characters): ammonia decodes the attribute
  and parses the URL the way a browser does before it checks the scheme.
* **Links** get ``rel="noopener nofollow ugc"``; no ``target``.
* **Comments, CDATA, ``iframe``, ``object``, ``embed``, ``form``, ``svg``,
  ``math``, ``base``, ``meta``, ``link``** never survive.

``parse_front_matter`` splits YAML front matter off a Markdown file (used when
importing papers and news written as files).
"""

from __future__ import annotations

import hashlib
import re
import typing
import xml.etree.ElementTree as etree
from html.parser import HTMLParser
from typing import Any

import markdown
import nh3
import yaml
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

__all__ = [
    "ALLOWED_TAGS",
    "ALLOWED_URL_SCHEMES",
    "LINK_REL",
    "markdown_to_text",
    "parse_front_matter",
    "render_markdown",
    "sanitise_html",
]

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        # text blocks
        "p", "br", "hr", "blockquote", "pre", "div",
        "h2", "h3", "h4", "h5", "h6",
        # inline
        "a", "abbr", "b", "code", "del", "em", "i", "ins", "kbd", "strong", "sub", "sup",
        # lists
        "ul", "ol", "li", "dl", "dt", "dd",
        # tables
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    }
)  # fmt: skip

# Elements removed together with everything inside them. Without this list
# ammonia would keep the *text* of a disallowed element, which for these is
# code, markup or a fallback meant for other readers, not prose.
CLEAN_CONTENT_TAGS: frozenset[str] = frozenset(
    {
        "script", "style", "template", "noscript", "noembed", "noframes", "xmp",
        "iframe", "frame", "frameset", "object", "embed", "applet",
        "svg", "math", "title", "textarea", "select", "option",
    }
)  # fmt: skip

ALLOWED_URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener nofollow ugc"

_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title", "class"},
    "abbr": {"title"},
    "code": {"class"},
    "div": {"class"},
    "li": {"id"},
    "sup": {"id"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
_ATTRIBUTE_VALUES: dict[str, dict[str, set[str]]] = {
    "th": {"align": {"left", "center", "right"}},
    "td": {"align": {"left", "center", "right"}},
}

# Values the markup extensions produce; anything else is dropped.
_CODE_CLASS = re.compile(r"language-[A-Za-z0-9_+#.-]{1,40}")
_LINK_CLASSES = frozenset({"footnote-ref", "footnote-backref"})
_DIV_CLASSES = frozenset({"footnote"})
_FOOTNOTE_ID = re.compile(r"fn(?:ref)?-[0-9a-f]{8}-[A-Za-z0-9_.:-]{1,80}")
_NUMBER = re.compile(r"[1-9][0-9]{0,3}")

# ``# Title`` becomes h2 (see the module docstring).
_TOP_HEADING_LEVEL = 2


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    """Second gate after the allow-list: restrict values ammonia does not check."""
    if name == "class":
        allowed = {"a": _LINK_CLASSES.__contains__, "div": _DIV_CLASSES.__contains__, "code": _CODE_CLASS.fullmatch}
        kept = [cls for cls in value.split() if allowed[tag](cls)]
        return " ".join(kept) or None
    if name == "id":
        return value if _FOOTNOTE_ID.fullmatch(value) else None
    if name in {"start", "colspan", "rowspan"}:
        return value if _NUMBER.fullmatch(value.strip()) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(CLEAN_CONTENT_TAGS),
    attributes=_ATTRIBUTES,
    tag_attribute_values=_ATTRIBUTE_VALUES,
    attribute_filter=_filter_attribute,
    url_schemes=set(ALLOWED_URL_SCHEMES),
    link_rel=LINK_REL,
    strip_comments=True,
)


def sanitise_html(html: str) -> SafeString:
    """Reduce any HTML to the allow-list of this module; the result is safe to output."""
    return mark_safe(_CLEANER.clean(html))  # noqa: S308 - sanitised on this line


class _PortalMarkup(Treeprocessor):
    """Fit Markdown's tree into a portal page: demote headings, images to alt text."""

    def run(self, root: etree.Element) -> None:
        self._demote_headings(root)
        self._replace_images_by_alt_text(root)

    @staticmethod
    def _demote_headings(root: etree.Element) -> None:
        headings = [el for el in root.iter() if re.fullmatch(r"h[1-6]", el.tag)]
        if not headings:
            return
        shift = max(0, _TOP_HEADING_LEVEL - min(int(el.tag[1]) for el in headings))
        for el in headings:
            el.tag = f"h{min(6, int(el.tag[1]) + shift)}"

    @staticmethod
    def _replace_images_by_alt_text(root: etree.Element) -> None:
        found = [(parent, child) for parent in root.iter() for child in parent if child.tag == "img"]
        for parent, image in found:
            text = (image.get("alt") or "") + (image.tail or "")
            index = list(parent).index(image)
            if index == 0:
                parent.text = (parent.text or "") + text
            else:
                previous = parent[index - 1]
                previous.tail = (previous.tail or "") + text
            parent.remove(image)


class _PortalMarkupExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        # After "inline" (20), which creates the <img> elements, before "prettify" (10).
        md.treeprocessors.register(_PortalMarkup(md), "portal_markup", 15)


def _markdown(text: str) -> markdown.Markdown:
    # A new converter per call: Markdown instances keep state and are not thread-safe.
    # Footnote ids carry a digest of the text, so two Markdown blocks on one page
    # do not both define "fn-1" and send the reader to the wrong footnote.
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return markdown.Markdown(
        extensions=[
            "markdown.extensions.abbr",
            "markdown.extensions.def_list",
            "markdown.extensions.fenced_code",
            "markdown.extensions.footnotes",
            "markdown.extensions.sane_lists",
            "markdown.extensions.tables",
            _PortalMarkupExtension(),
        ],
        extension_configs={
            "markdown.extensions.footnotes": {"SEPARATOR": f"-{digest}-", "BACKLINK_TITLE": "↩ %d"},
            "markdown.extensions.tables": {"use_align_attribute": True},
        },
        output_format="html",
    )


def render_markdown(text: str | None) -> SafeString:
    """Markdown as sanitised HTML (see the module docstring for what survives)."""
    if not text:
        return mark_safe("")
    html = _markdown(str(text)).convert(str(text))
    return sanitise_html(html)


class _TextExtractor(HTMLParser):
    _BLOCKS = frozenset(
        {"p", "br", "hr", "div", "blockquote", "pre", "li", "dt", "dd", "tr", "th", "td", "caption"}
        | {f"h{level}" for level in range(1, 7)}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0  # inside a footnote back-link ("↩")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCKS:
            self.parts.append(" ")
        if tag == "a" and "footnote-backref" in (dict(attrs).get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCKS:
            self.parts.append(" ")
        if tag == "a" and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def markdown_to_text(text: str | None) -> str:
    """What a reader sees of rendered Markdown, as plain text (for the search index)."""
    extractor = _TextExtractor()
    extractor.feed(render_markdown(text))
    extractor.close()
    return " ".join("".join(extractor.parts).split())


# --- front matter --------------------------------------------------------------------------

_FENCE = "---"
_CLOSING_FENCES = ("---", "...")


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe subset (no Python objects); a key given twice is an error, not "last one wins"."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen = set()
        for key_node, _value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, typing.Hashable):
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key {key!r} is given twice", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def parse_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter off a Markdown document: ``(metadata, body)``.

    Front matter is a YAML mapping between a first line ``---`` and the next line
    that is ``---`` (or YAML's ``...``). A document without it returns ``({}, text)``.
    A byte order mark is dropped and line endings become ``\\n`` in the body.
    Malformed front matter raises ``ValueError`` naming the problem and its line,
    counted from 1 in the whole file, so an editor can find it.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        return {}, text
    closing = next((number for number, line in enumerate(lines) if number and line.rstrip() in _CLOSING_FENCES), None)
    if closing is None:
        raise ValueError(
            "Front matter opened with '---' on line 1 is never closed: "
            "add a line containing only '---' after the last metadata line."
        )
    where = "line 2" if closing == 2 else f"lines 2-{closing}"
    try:
        data = yaml.load("\n".join(lines[1:closing]), Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader
    except yaml.MarkedYAMLError as error:
        raise ValueError(f"Front matter is not valid YAML {_yaml_error_position(error)}.") from error
    except yaml.YAMLError as error:
        raise ValueError(f"Front matter ({where}) is not valid YAML: {error}.") from error
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ValueError(
            f"Front matter ({where}) must be a mapping of keys to values such as 'title: …', "
            f"not a {_yaml_kind(data)}."
        )
    for key in data:
        if not isinstance(key, str):
            raise ValueError(f"Front matter key {key!r} is not text: write it in quotes, e.g. '\"{key}\": …'.")
    return data, "\n".join(lines[closing + 1 :])


def _yaml_error_position(error: yaml.MarkedYAMLError) -> str:
    """'at line N: problem (context on line M)', lines counted in the whole file."""
    # The front matter starts on line 2 of the file; YAML marks count lines from 0.
    problem = error.problem or error.context or "invalid YAML"
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return f": {problem}"
    text = f"at line {mark.line + 2}: {problem}"
    if error.problem and error.context and error.context_mark is not None:
        text += f" ({error.context} on line {error.context_mark.line + 2})"
    return text


def _yaml_kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "single text value"
    return type(value).__name__
