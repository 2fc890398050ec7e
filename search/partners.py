"""Partner finding: the institutions that can meet a need, ranked by the evidence of what they did.

Expert finding in the document-centred model: the need is searched like any
query, on whichever backend runs, and every item found is evidence for the
institutions linked to it — projects they coordinated or took part in,
papers their authors wrote, technologies they provide, documents tagged with
them, their own profile.  An institution's score adds up its evidence:

    evidence weight = relevance × role weight × recency × readiness

where *relevance* is the item's score relative to the best item found (so
the two backends' score scales do not matter), the *role weight* says how
much the item tells about the institution (:data:`ROLE_WEIGHTS`: the
coordinator of a project did more of it than a partner; a profile that
names a word is the weakest evidence), *recency* halves over
:data:`RECENCY_HALF_LIFE_YEARS` down to :data:`MIN_RECENCY`, and
*readiness* rewards items that reached a higher technology readiness level.
The institution's score is its strongest evidence plus the next ones at a
falling rate (:data:`EVIDENCE_DECAY`), so three strong projects on the need
rank above a profile that merely names it, and fifty weak mentions do not
outweigh them.

Only what the caller may see is evidence: the search runs with the caller's
``viewer_groups``, so a members-only project counts for members alone.

Pure aggregation over :class:`search.query.Hit` objects plus one call of the
backend's ``search``; no content model, no Django.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from search.backends import get_backend
from search.backends.base import SearchBackend
from search.query import Hit, SearchQuery

#: how much an item tells about an institution, by the institution's role in it
ROLE_WEIGHTS: Mapping[str, float] = {
    "coordinator": 1.0,  # led the project
    "provider": 1.0,  # offers the technology
    "author": 0.85,  # its people wrote the paper
    "partner": 0.75,  # took part in the project
    "subcontractor": 0.5,
    "associated": 0.4,
    "tagged": 0.6,  # a document an editor tagged with it
    "profile": 0.45,  # its own description and expertise
}
#: the role of an institution an item names without saying what it did
DEFAULT_ROLE = "tagged"
#: how many items found by the need are weighed (the best ones)
EVIDENCE_DEPTH = 100
#: each further piece of evidence counts this much less than the one before it
EVIDENCE_DECAY = 0.6
#: pieces of evidence shown with each institution
EVIDENCE_SHOWN = 3
#: evidence loses half its weight over this many years, down to MIN_RECENCY
RECENCY_HALF_LIFE_YEARS = 8.0
MIN_RECENCY = 0.5
#: what each readiness level adds (TRL 9: +36 %)
READINESS_STEP = 0.04
MAX_PARTNERS = 50
#: the bounds of the partner search's parameters (its page and /api/v1/partners; see search.openapi)
MAX_PARTNERS_LISTED = 30
MAX_RADIUS_KM = 500
#: the values of the partner search's ``kind`` (the institution types of ``portal.taxonomy``; a test keeps them equal)
INSTITUTION_KINDS = ("company", "university", "institute", "municipality", "association")


@dataclass(frozen=True)
class PartnerQuery:
    """A need in words, with the filters of the search (``metal``, ``process``, ... as in SearchQuery).

    ``min_readiness`` keeps institutions whose evidence reached at least that
    technology readiness level; ``among`` (institution slugs), if given,
    keeps only those (the caller's filters by type or place).
    """

    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    viewer_groups: tuple[str, ...] = ("public",)
    min_readiness: int | None = None
    among: frozenset[str] | None = None
    limit: int = 10
    today: dt.date | None = None  # for recency; default: today


@dataclass(frozen=True)
class Evidence:
    """One item that earned an institution its rank."""

    hit: Hit
    role: str
    weight: float

    @property
    def year(self) -> int | None:
        return self.hit.date.year if self.hit.date else None

    @property
    def highlight(self) -> str:
        """The passage that matched (HTML-escaped, with <mark>), from the item or its best PDF page."""
        if self.hit.highlights:  # title, summary, then body fragments: the last says most
            return self.hit.highlights[-1]
        return self.hit.page_hits[0].highlight if self.hit.page_hits else ""


@dataclass(frozen=True)
class Partner:
    """An institution that can meet the need, with what shows it."""

    institution: str  # slug
    score: float
    evidence: tuple[Evidence, ...]  # the strongest, at most EVIDENCE_SHOWN
    evidence_count: int  # every item that counted
    metals: tuple[str, ...]  # slugs on its evidence, most frequent first
    processes: tuple[str, ...]
    readiness: int | None  # the highest level its evidence reached


@dataclass(frozen=True)
class PartnerRanking:
    total: int  # institutions with evidence that pass the filters
    partners: tuple[Partner, ...]


def rank_partners(query: PartnerQuery, backend: SearchBackend | None = None) -> PartnerRanking:
    """The institutions whose visible work meets ``query``, best first (see the module's docstring)."""
    backend = backend or get_backend()
    results = backend.search(SearchQuery(text=query.text, filters=dict(query.filters), page=1,
                                         page_size=EVIDENCE_DEPTH, viewer_groups=query.viewer_groups))
    return aggregate(results.hits, query, has_text=bool(query.text.strip()))


def aggregate(hits: Iterable[Hit], query: PartnerQuery, has_text: bool = True) -> PartnerRanking:
    """Rank institutions by the evidence in ``hits`` (best first, as a search returned them)."""
    hits = list(hits)
    today = query.today or dt.date.today()
    top = max((hit.score for hit in hits), default=0.0)
    found: dict[str, list[Evidence]] = defaultdict(list)
    for hit in hits:
        relevance = hit.score / top if has_text and top > 0 else 1.0
        for slug, role in roles_of(hit).items():
            if query.among is not None and slug not in query.among:
                continue
            weight = relevance * ROLE_WEIGHTS.get(role, ROLE_WEIGHTS[DEFAULT_ROLE]) * recency(hit.date, today)
            weight *= 1.0 + READINESS_STEP * (hit.readiness or 0)
            found[slug].append(Evidence(hit, role, weight))
    partners = []
    for slug, evidence in found.items():
        evidence.sort(key=lambda item: -item.weight)
        readiness = max((item.hit.readiness for item in evidence if item.hit.readiness), default=None)
        if query.min_readiness and (readiness is None or readiness < query.min_readiness):
            continue
        score = sum(item.weight * EVIDENCE_DECAY ** position for position, item in enumerate(evidence))
        partners.append(Partner(
            institution=slug, score=score, evidence=tuple(evidence[:EVIDENCE_SHOWN]), evidence_count=len(evidence),
            metals=_most_frequent(value for item in evidence for value in item.hit.metals),
            processes=_most_frequent(value for item in evidence for value in item.hit.processes),
            readiness=readiness,
        ))
    partners.sort(key=lambda partner: (-partner.score, partner.institution))
    limit = max(1, min(query.limit, MAX_PARTNERS))
    return PartnerRanking(total=len(partners), partners=tuple(partners[:limit]))


def roles_of(hit: Hit) -> dict[str, str]:
    """Each institution ``hit`` names, with its role in it (its own entry: "profile")."""
    if hit.content_type == "institution":
        return dict.fromkeys(hit.institutions, "profile")
    stated: dict[str, str] = {}
    for value in hit.roles:
        role, _, slug = value.partition(":")
        if slug and slug not in stated:
            stated[slug] = role
    return {slug: stated.get(slug, DEFAULT_ROLE) for slug in dict.fromkeys((*hit.institutions, *stated))}


def recency(date: dt.date | None, today: dt.date) -> float:
    """Evidence of ``date`` weighs this much (1 for this year's; undated items as of MIN_RECENCY's age)."""
    if date is None:
        return MIN_RECENCY
    years = max(0.0, (today - date).days / 365.25)
    return max(MIN_RECENCY, 0.5 ** (years / RECENCY_HALF_LIFE_YEARS))


def _most_frequent(values: Iterable[str]) -> tuple[str, ...]:
    counts = Counter(values)
    return tuple(value for value, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


__all__ = ["DEFAULT_ROLE", "EVIDENCE_DEPTH", "Evidence", "Partner", "PartnerQuery", "PartnerRanking", "ROLE_WEIGHTS",
           "aggregate", "rank_partners", "recency", "roles_of"]
