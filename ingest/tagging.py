"""Tags recognised in a document's text: metals, processes and institutions.

``detect_tags`` is pure: it gets the text and a ``Vocabulary`` (built from
the taxonomy by ``load_vocabulary``) and returns slugs per kind, which
editors see as suggestions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    slug: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    metals: tuple[Term, ...] = ()
    processes: tuple[Term, ...] = ()
    institutions: tuple[Term, ...] = ()
    _patterns: dict = field(default_factory=dict, compare=False, repr=False)


def load_vocabulary() -> Vocabulary:
    """The taxonomy as it stands in the database."""
    from portal.taxonomy.models import Institution, Metal, Process

    return Vocabulary(
        metals=tuple(Term(m.slug, (m.name_de, m.name_en)) for m in Metal.objects.all()),
        processes=tuple(Term(p.slug, (p.name_de, p.name_en)) for p in Process.objects.all()),
        institutions=tuple(Term(i.slug, (i.name,)) for i in Institution.objects.all()),
    )


def detect_tags(text: str, vocabulary: Vocabulary) -> dict[str, list[str]]:
    """Slugs of the terms named in ``text``, per kind, in taxonomy order."""
    return {
        kind: [term.slug for term in getattr(vocabulary, kind) if _named(term, text)]
        for kind in ("metals", "processes", "institutions")
    }


def _named(term: Term, text: str) -> bool:
    return any(
        re.search(rf"(?<!\w){re.escape(name)}", text, flags=re.IGNORECASE) for name in term.names if len(name) >= 3
    )
