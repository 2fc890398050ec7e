"""nDCG@k and recall@k on hand-computed examples, and the judged query set's integrity.

Grades: 3 the answer, 2 relevant, 1 marginal; gains 2**grade - 1 = 7, 3, 1;
discount log2(rank + 1) = 1, log2 3 = 1.585, 2, ... for ranks 1, 2, 3, ...
"""

from types import SimpleNamespace

import pytest

from portal.demo import content
from search.relevance.demo import demo_keys, paper_slug
from search.relevance.judgements import LANGUAGES, PROBES, QUERIES, JudgedQuery, problems
from search.relevance.metrics import DEFAULT_K, RECALL_MIN_GRADE, dcg, mean, ndcg_at_k, recall_at_k
from search.relevance.report import collection_figures, compare, figures

GRADED = {"a": 3, "b": 2, "c": 1}


# --- nDCG ------------------------------------------------------------------------


def test_dcg_uses_exponential_gain_and_log2_discount():
    # 7/1 + 3/log2(3) + 1/2 = 7 + 1.8928 + 0.5
    assert dcg([3, 2, 1]) == pytest.approx(9.3928, abs=1e-4)


def test_the_ideal_order_scores_one():
    assert ndcg_at_k(["a", "b", "c"], GRADED) == pytest.approx(1.0)


def test_the_reversed_order_is_discounted():
    # DCG (1/1 + 3/log2 3 + 7/2) = 6.3928 over the ideal 9.3928
    assert ndcg_at_k(["c", "b", "a"], GRADED) == pytest.approx(0.6806, abs=1e-4)


def test_the_ideal_comes_from_the_judgements_not_from_what_was_retrieved():
    # only one of two answers found, at rank 1: 7 / (7 + 7/log2 3)
    assert ndcg_at_k(["a"], {"a": 3, "b": 3}) == pytest.approx(0.6131, abs=1e-4)


def test_unjudged_results_count_zero_but_push_relevant_ones_down():
    # the answer at rank 2: (7/log2 3) / 7
    assert ndcg_at_k(["unjudged", "a"], {"a": 3}) == pytest.approx(0.6309, abs=1e-4)


def test_results_beyond_k_do_not_count():
    ranking = [f"x{i}" for i in range(10)] + ["a"]
    assert ndcg_at_k(ranking, {"a": 3}, k=10) == 0.0
    # at rank 11 with k = 11: (7/log2 12) / 7
    assert ndcg_at_k(ranking, {"a": 3}, k=11) == pytest.approx(0.2789, abs=1e-4)


def test_the_ideal_is_cut_at_k_too():
    judgements = {f"m{i}": 1 for i in range(12)}  # twelve marginal items, ten fit
    assert ndcg_at_k([f"m{i}" for i in range(10)], judgements, k=10) == pytest.approx(1.0)


def test_a_repeated_result_gains_nothing_but_takes_its_rank():
    # a at 1 (7), a again at 2 (0), b at 3 (7/2) over 7 + 7/log2 3
    assert ndcg_at_k(["a", "a", "b"], {"a": 3, "b": 3}) == pytest.approx(0.9197, abs=1e-4)


def test_no_results_score_zero():
    assert ndcg_at_k([], GRADED) == 0.0
    assert recall_at_k([], GRADED) == 0.0


@pytest.mark.parametrize("judgements", [{}, {"a": 0}])
def test_a_query_without_relevant_items_is_an_error_not_a_score(judgements):
    with pytest.raises(ValueError, match="undefined"):
        ndcg_at_k(["a"], judgements)


def test_k_must_be_positive():
    with pytest.raises(ValueError, match="k must be at least 1"):
        ndcg_at_k(["a"], GRADED, k=0)


# --- recall ----------------------------------------------------------------------


def test_recall_counts_relevant_and_answers_but_not_marginal_items_by_default():
    assert RECALL_MIN_GRADE == 2
    # relevant: a (3), b (2); c (1) is marginal; found: a
    assert recall_at_k(["c", "a"], GRADED) == pytest.approx(1 / 2)


def test_recall_can_count_marginal_items_too():
    assert recall_at_k(["c", "a"], GRADED, min_grade=1) == pytest.approx(2 / 3)


def test_recall_ignores_results_beyond_k_and_repeats():
    assert recall_at_k(["x", "y", "a"], GRADED, k=2) == 0.0
    assert recall_at_k(["a", "a"], GRADED) == pytest.approx(1 / 2)


def test_recall_is_undefined_when_only_marginal_items_are_judged():
    with pytest.raises(ValueError, match="no item is graded 2"):
        recall_at_k(["c"], {"c": 1})
    assert recall_at_k(["c"], {"c": 1}, min_grade=1) == 1.0


def test_mean_of_nothing_is_an_error():
    assert mean([0.5, 1.0]) == 0.75
    with pytest.raises(ValueError):
        mean([])


# --- the judged set --------------------------------------------------------------


def test_the_demo_keys_are_every_searchable_demo_item():
    keys = demo_keys()
    expected = (len(content.PROJECTS) + len(content.EVENTS) + len(content.PAPERS) + len(content.TECHNOLOGIES)
                + len(content.NEWS))
    assert len(keys) == expected
    assert keys["project/inrec"] == "Indium-Rückgewinnung aus LCD-Altgeräten"
    assert keys[f"paper/{paper_slug(3)}"] == "Solventextraktion von Gallium"
    assert keys["technology/schwarzmasse-laugung"] == "Schwarzmasse-Laugung"


def test_the_judged_set_is_consistent_with_the_demo_corpus():
    assert problems(QUERIES, demo_keys(), RECALL_MIN_GRADE) == []


def test_the_judged_set_is_large_and_bilingual():
    assert len(QUERIES) >= 40
    for language in LANGUAGES:
        share = sum(1 for query in QUERIES if query.language == language) / len(QUERIES)
        assert 0.4 <= share <= 0.6, (language, share)
    texts = {query.text for query in QUERIES}
    for text in ("Indium aus LCD-Glas", "indium recovery from LCD glass", "Kupferrecycling",
                 "Metalle aus Schlacke", "Galium", "Laugungsversuche"):
        assert text in texts
    demo_probes = {probe for query in QUERIES for probe in query.probes}
    assert demo_probes == PROBES - {"symbol", "abbreviation", "multi-word-synonym", "filter", "late-page",
                                    "near-duplicate"}  # the archive's judgements use these


def test_every_query_can_reach_full_recall_within_k():
    for query in QUERIES:
        relevant = [key for key, grade in query.grades.items() if grade >= RECALL_MIN_GRADE]
        assert 1 <= len(relevant) <= DEFAULT_K, query.id


def test_problems_names_what_is_wrong():
    bad = [
        JudgedQuery("de-01", "de", "Kupfer", ("exact",), {"project/nonexistent": 3}),
        JudgedQuery("de-01", "de", "kupfer", ("guess",), {"project/inrec": 4}),
        JudgedQuery("fr-01", "fr", "cuivre", ("exact",), {"project/cuprint": 1}),
    ]
    found = "\n".join(problems(bad, demo_keys()))
    assert "'project/nonexistent' is no demo item" in found
    assert "grade 4" in found
    assert "the id is used twice" in found and "the text is judged twice" in found
    assert "probes ['guess'] are unknown" in found
    assert "language 'fr'" in found
    assert "fr-01 ('cuivre'): no item is graded 2 or more" in found


# --- figures ----------------------------------------------------------------------


def _run(name, scores):
    queries = {query.id: query for query in _QUERIES}
    outcomes = tuple(SimpleNamespace(query=queries[id_], ndcg=ndcg, recall=recall, total=1, top=("x",))
                     for id_, (ndcg, recall) in scores.items())
    return SimpleNamespace(name=name, engine="test", documents=3, outcomes=outcomes)


_QUERIES = [
    JudgedQuery("de-01", "de", "Kupfer", ("exact",), {"project/cuprint": 3}),
    JudgedQuery("de-02", "de", "Zinn", ("exact",), {"project/inrec": 3}),
    JudgedQuery("en-01", "en", "copper", ("exact",), {"project/cuprint": 3}),
]


def _figures(scores, commit):
    return figures({"demo": collection_figures([_run("embedded", scores)], _QUERIES)}, 10, 2, {"commit": commit})


def test_means_are_per_backend_and_per_language():
    data = _figures({"de-01": (1.0, 1.0), "de-02": (0.5, 0.0), "en-01": (0.0, 0.0)}, "abc")
    means = data["collections"]["demo"]["backends"]["embedded"]["means"]
    assert means["all"] == {"ndcg": 0.5, "recall": pytest.approx(1 / 3, abs=1e-4), "queries": 3}
    assert means["de"] == {"ndcg": 0.75, "recall": 0.5, "queries": 2}
    assert means["en"] == {"ndcg": 0.0, "recall": 0.0, "queries": 1}


def test_compare_shows_the_change_of_means_and_of_each_query_that_moved():
    before = _figures({"de-01": (1.0, 1.0), "de-02": (0.5, 0.0), "en-01": (0.0, 0.0)}, "before")
    after = _figures({"de-01": (1.0, 1.0), "de-02": (0.5, 0.0), "en-01": (0.6, 1.0)}, "after")
    text = compare(before, after)
    assert "en                   nDCG 0.000 -> 0.600 (+0.600)   recall 0.000 -> 1.000 (+1.000)" in text
    assert "en-01" in text and "de-01 " not in text
