"""Install a collection, fill a backend, and rank institutions for every need two ways (needs Django set up).

:mod:`search.relevance.partners.run` prepares the throwaway environment
(as :mod:`search.relevance.run` does) and calls :func:`install` once, then
:func:`evaluate_backend` per backend.  For each need:

* the **partner ranking**: ``search.partners.rank_partners`` with the
  need's text, filters and minimum TRL, as a member asks it;
* the **baseline**: the backend's own search over institution entries only
  (``type=institution``, with the need's metal and process filters), so each
  institution ranks by the score of its own entry: its profile.  There is no
  facet for readiness, so the baseline cannot apply ``min_readiness``.

Both rank for a member (viewer groups ``public``, ``members`` and the
Members group), so members-only evidence counts as it would for them.
"""

from __future__ import annotations

import dataclasses
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence


from portal.access import MEMBERS, PUBLIC, group_value
from portal.accounts.roles import MEMBERS as MEMBERS_GROUP
from portal.taxonomy.models import Institution
from search.backends import get_backend
from search.query import SearchQuery
from search.relevance import evaluate as search_evaluate
from search.relevance.evaluate import Corpus, SeedFailed
from search.relevance.metrics import ndcg_at_k
from search.relevance.partners.needs import Need
from search.relevance.partners.report import NOT_AVAILABLE

#: who is asking: a logged-in member of the Members group
MEMBER_VIEWER = (PUBLIC, MEMBERS, group_value(MEMBERS_GROUP))


@dataclass(frozen=True)
class Outcome:
    need: Need
    grades: dict[str, int]  # institution slug -> grade (archive names resolved)
    baseline: float
    baseline_top: tuple[str, ...]
    partner: float | None  # None: the partner ranking is not available (or failed)
    partner_top: tuple[str, ...]


@dataclass(frozen=True)
class BackendRun:
    name: str
    engine: str
    documents: int
    outcomes: tuple[Outcome, ...]
    partner_error: str = ""  # why the partner column is empty, if it is


def install(collection: str, directory: Path) -> Corpus:
    """Seed the demo or import the archive (with its institutions' profiles) into the throwaway database."""
    if collection == "demo":
        return search_evaluate.seed()
    from search.relevance.archive.install import install as install_archive

    corpus, report = install_archive(directory, profiles=True)
    if not report.create_missing:
        raise SeedFailed("import_pdfs has no --create-missing: the archive's institutions would not exist, "
                         "so partners cannot be measured on it.")
    return corpus


def resolve(collection: str, needs: Sequence[Need]) -> dict[str, dict[str, int]]:
    """need id -> {institution slug: grade}: demo grades name slugs, archive grades names (slugs made at import)."""
    graded = {name for need in needs for name in need.grades}
    field = "slug" if collection == "demo" else "name"
    found = dict(Institution.objects.filter(**{f"{field}__in": graded}).values_list(field, "slug"))
    missing = sorted(graded - set(found))
    if missing:
        raise SeedFailed(f"The {collection} collection has no institution with the {field} "
                         f"{', '.join(repr(name) for name in missing)}; the needs and the installed content disagree.")
    return {need.id: {found[name]: grade for name, grade in need.grades.items()} for need in needs}


def partner_ranking() -> tuple[Callable[[Need, int], list[str]] | None, str]:
    """The partner ranking as a function of a need and k, or None and why it cannot be used."""
    try:
        from search.partners import PartnerQuery, rank_partners
    except ModuleNotFoundError as exc:
        if exc.name != "search.partners":
            raise  # search.partners exists but imports something missing: a bug to see, not a gap
        return None, f"{NOT_AVAILABLE} (there is no search.partners)"
    except ImportError as exc:
        return None, f"{NOT_AVAILABLE} ({exc})"

    def rank(need: Need, k: int) -> list[str]:
        ranking = rank_partners(PartnerQuery(text=need.text, filters=need.filters, viewer_groups=MEMBER_VIEWER,
                                             min_readiness=need.min_readiness, limit=k))
        return [partner.institution for partner in ranking.partners]

    return rank, ""


def baseline_ranking(need: Need, k: int) -> list[str]:
    """Institutions ranked by their own index entry alone (its profile), with the need's metal and process filters."""
    filters = {"type": ("institution",)}
    if need.metals:
        filters["metal"] = need.metals
    if need.processes:
        filters["process"] = need.processes
    results = get_backend().search(SearchQuery(text=need.text, filters=filters, page_size=k,
                                               viewer_groups=MEMBER_VIEWER))
    ranked = []
    for hit in results.hits:
        if hit.content_type != "institution" or len(hit.institutions) != 1:
            raise SeedFailed(f"{need.id}: the type filter returned {hit.id} ({hit.content_type}, institutions "
                             f"{hit.institutions}); an institution entry names exactly its own institution.")
        ranked.append(hit.institutions[0])
    return ranked


def evaluate_backend(name: str, config: dict[str, Any], corpus: Corpus, needs: Sequence[Need],
                     grades: dict[str, dict[str, int]], k: int) -> BackendRun:
    """Fill a fresh index of backend ``config`` with the corpus and rank every need both ways."""
    with search_evaluate.filled_backend(name, config, corpus) as (backend, documents):
        rank, error = partner_ranking()
        outcomes = []
        for need in needs:
            judged = grades[need.id]
            base = baseline_ranking(need, k)
            partner, partner_top = None, ()
            if rank is not None:
                try:
                    partner_top = tuple(rank(need, k))
                except Exception:  # reported with its traceback below the figures, never hidden
                    error = f"the partner ranking failed on {need.id}:\n{traceback.format_exc(limit=6)}"
                    rank = None
                else:
                    partner = ndcg_at_k(partner_top, judged, k)
            outcomes.append(Outcome(need=need, grades=judged, baseline=ndcg_at_k(base, judged, k),
                                    baseline_top=tuple(base), partner=partner, partner_top=partner_top))
        if error and rank is None and any(outcome.partner is not None for outcome in outcomes):
            # failed part-way: figures over some needs only would not compare with the baseline's
            outcomes = [dataclasses.replace(outcome, partner=None, partner_top=()) for outcome in outcomes]
        return BackendRun(name=name, engine=search_evaluate._engine(backend), documents=documents,
                          outcomes=tuple(outcomes), partner_error=error)

