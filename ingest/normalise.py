"""Text normalisation for search: pure functions, no I/O."""

from __future__ import annotations

import re
import unicodedata

# Hyphen at a line end followed by a lower-case continuation: "Rück-\ngewinnung".
_HYPHENATED_BREAK = re.compile(r"(\w)[-\u00ad]\s*\n\s*(?=[a-zäöüß])")
_SOFT_HYPHEN = "\u00ad"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """Return ``text`` cleaned for indexing.

    NFKC folds ligatures ("ﬁ" -> "fi") and compatibility forms; words split
    across a line break by a hyphen are joined; control characters and
    runs of spaces are removed.
    """
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _HYPHENATED_BREAK.sub(r"\1", text)
    text = text.replace(_SOFT_HYPHEN, "")
    text = _CONTROL.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()
