"""Who worked with whom, and what an institution did when: counted from what the viewer may open.

Every count starts from :class:`VisibleWork`, the live projects, papers and
technology profiles that the request may view by the portal's rules
(:func:`portal.content.visible_pages`, which applies :mod:`portal.access`),
so a members-only project adds no partner, no line on the map and no bar to
a year for a visitor who may not open it.  Partnerships come from shared
projects (two institutions among one project's partners).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations
from typing import Iterable

from django.db.models import Count, QuerySet

from portal.content import visible_pages
from portal.events.models import PaperPage
from portal.projects.models import ProjectPage, ProjectPartner
from portal.taxonomy.models import Institution
from portal.technologies.models import TechnologyProfilePage

#: the kinds of work counted per year, in the chart's order
WORK_KINDS = ("projects", "papers", "technologies")


class VisibleWork:
    """The live projects, papers and technology profiles ``request`` may open (each queryset built once)."""

    def __init__(self, request) -> None:
        self.request = request

    @cached_property
    def projects(self) -> QuerySet:
        return visible_pages(ProjectPage.objects.live(), self.request)

    @cached_property
    def papers(self) -> QuerySet:
        return visible_pages(PaperPage.objects.live(), self.request)

    @cached_property
    def technologies(self) -> QuerySet:
        return visible_pages(TechnologyProfilePage.objects.live(), self.request)

    def of(self, institution: Institution) -> dict[str, QuerySet]:
        """What ``institution`` took part in: projects as a partner, papers by its authors, profiles it provides."""
        return {
            "projects": self.projects.filter(partners__institution=institution).distinct().order_by("-start_date",
                                                                                                   "title"),
            "papers": self.papers.filter(authors__institution=institution).distinct().order_by("title"),
            "technologies": self.technologies.filter(providers=institution).distinct().order_by("title"),
        }


@dataclass(frozen=True)
class Partner:
    institution: Institution
    shared: int  # projects shared with the institution in question


def worked_with(institution: Institution, work: VisibleWork) -> list[Partner]:
    """The institutions that share visible projects with ``institution``, most shared first, then by name."""
    shared_projects = work.projects.filter(partners__institution=institution).values("pk")
    rows = (ProjectPartner.objects.filter(page__in=shared_projects).exclude(institution=institution)
            .values("institution").annotate(shared=Count("page", distinct=True)))
    counts = {row["institution"]: row["shared"] for row in rows}
    partners = [Partner(other, counts[other.pk]) for other in Institution.objects.filter(pk__in=counts)]
    return sorted(partners, key=lambda partner: (-partner.shared, partner.institution.name))


def shared_projects(institution_ids: Iterable[int], work: VisibleWork) -> dict[tuple[int, int], int]:
    """For each pair of ``institution_ids`` (lower id first) that share visible projects: how many."""
    ids = set(institution_ids)
    partners_of: dict[int, set[int]] = defaultdict(set)
    rows = ProjectPartner.objects.filter(page__in=work.projects.values("pk"), institution_id__in=ids)
    for page_id, institution_id in rows.values_list("page_id", "institution_id"):
        partners_of[page_id].add(institution_id)
    pairs: Counter = Counter()
    for members in partners_of.values():
        pairs.update(combinations(sorted(members), 2))
    return dict(pairs)


@dataclass(frozen=True)
class YearRow:
    year: int | None  # None: undated
    projects: int = 0
    papers: int = 0
    technologies: int = 0

    @property
    def counts(self) -> tuple[int, ...]:
        return tuple(getattr(self, kind) for kind in WORK_KINDS)

    @property
    def total(self) -> int:
        return sum(self.counts)


def _year(page) -> int | None:
    """The year a page counts in: the date search files it under (a project's start, a paper's event)."""
    date = page.search_date()
    return date.year if isinstance(date, dt.date) else None


#: years without work between the first and the last get a row of zeros, up to this span (a longer one: none)
MAX_FILLED_SPAN = 30


def works_by_year(items: dict[str, Iterable]) -> list[YearRow]:
    """``items`` (kind -> pages, as :meth:`VisibleWork.of` returns them) counted per year, oldest first, the
    years between without work as rows of zeros (so that the chart's time axis is even), and undated items last
    in a row of their own."""
    counts: dict[int | None, Counter] = defaultdict(Counter)
    for kind in WORK_KINDS:
        for page in items.get(kind, ()):
            counts[_year(page)][kind] += 1
    dated = sorted(year for year in counts if year is not None)
    if dated and dated[-1] - dated[0] <= MAX_FILLED_SPAN:
        dated = list(range(dated[0], dated[-1] + 1))
    years = dated + ([None] if None in counts else [])
    return [YearRow(year, **{kind: counts[year][kind] for kind in WORK_KINDS}) for year in years]
