"""Ranking metrics over graded judgements: pure functions, no Django.

``ranked_ids`` is what an engine returned, best first; ``judgements`` maps
ids to grades (3 the answer, 2 relevant, 1 marginal); ids not in it count 0.
An id repeated in a ranking gains nothing at its later positions, which it
still takes up (a member sees the duplicate there).

**nDCG@k** uses the graded gain ``2**grade - 1`` and the discount
``log2(rank + 1)``; the ideal DCG is that of the judged items sorted by
grade, so an engine is compared with the best possible top k, not with what
it happened to retrieve.

**Recall@k** counts an item as relevant when its grade is at least
``min_grade``, by default **2** ("relevant" or "the answer"): missing a
marginal item is no failure a member would notice, and nDCG already rewards
marginal items a little.  Pass ``min_grade=1`` to count them too.
"""

from __future__ import annotations

import math
from typing import Iterable, Mapping, Sequence

DEFAULT_K = 10
RECALL_MIN_GRADE = 2


def gain(grade: int) -> float:
    """The gain of an item of ``grade``: 0, 1, 3, 7 for grades 0..3."""
    return float(2**grade - 1)


def dcg(grades: Iterable[int]) -> float:
    """Discounted cumulative gain of grades in rank order (rank 1 first)."""
    return sum(gain(grade) / math.log2(rank + 1) for rank, grade in enumerate(grades, start=1))


def ndcg_at_k(ranked_ids: Sequence[str], judgements: Mapping[str, int], k: int = DEFAULT_K) -> float:
    """nDCG of the first ``k`` of ``ranked_ids`` against ``judgements`` (0.0 to 1.0)."""
    _check(judgements, k, min_grade=1)
    ideal = dcg(sorted((grade for grade in judgements.values() if grade > 0), reverse=True)[:k])
    actual = dcg(0 if id_ is None else judgements.get(id_, 0) for id_ in _first_k(ranked_ids, k))
    return actual / ideal


def recall_at_k(ranked_ids: Sequence[str], judgements: Mapping[str, int], k: int = DEFAULT_K,
                min_grade: int = RECALL_MIN_GRADE) -> float:
    """Share of the items graded ``min_grade`` or more that are among the first ``k`` (0.0 to 1.0).

    With more relevant items than ``k``, 1.0 cannot be reached; the judged
    set keeps every query below that (see the unit tests).
    """
    _check(judgements, k, min_grade)
    relevant = {id_ for id_, grade in judgements.items() if grade >= min_grade}
    return len(relevant.intersection(_first_k(ranked_ids, k))) / len(relevant)


def mean(values: Iterable[float]) -> float:
    values = list(values)
    if not values:
        raise ValueError("the mean of no values is undefined")
    return sum(values) / len(values)


def _first_k(ranked_ids: Sequence[str], k: int) -> list[str | None]:
    """The first ``k`` ranks, with None where an id repeats an earlier one."""
    seen: set[str] = set()
    ranks: list[str | None] = []
    for id_ in ranked_ids[:k]:
        ranks.append(None if id_ in seen else id_)
        seen.add(id_)
    return ranks


def _check(judgements: Mapping[str, int], k: int, min_grade: int) -> None:
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    if min_grade < 1:
        raise ValueError(f"min_grade must be at least 1, not {min_grade}: grade 0 means not relevant")
    if any(grade < 0 for grade in judgements.values()):
        raise ValueError("grades must not be negative")
    if not any(grade >= min_grade for grade in judgements.values()):
        raise ValueError(f"no item is graded {min_grade} or more: the metric is undefined for this query")
