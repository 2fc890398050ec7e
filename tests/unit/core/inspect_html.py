"""Read rendered HTML the way a browser would, to check what reached the page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]


@dataclass
class Inspection:
    elements: list[Element] = field(default_factory=list)
    text: str = ""

    @property
    def tags(self) -> set[str]:
        return {element.tag for element in self.elements}

    def attributes(self) -> list[tuple[str, str, str]]:
        return [(el.tag, name, value) for el in self.elements for name, value in el.attrs.items()]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # attribute values and text arrive decoded
        self.result = Inspection()
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.result.elements.append(Element(tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self._text.append(data)

    def close(self):
        super().close()
        self.result.text = " ".join("".join(self._text).split())


def inspect(html: str) -> Inspection:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.result


# What a browser ignores when it reads a URL's scheme: leading C0 controls and
# spaces, and tabs and newlines anywhere (WHATWG URL standard).
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in an attribute value, lower case, or None."""
    match = re.match(r"([a-z][a-z0-9+.-]*):", _IGNORED_IN_URL.sub("", value).lower())
    return match.group(1) if match else None
