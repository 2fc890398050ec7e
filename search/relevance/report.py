"""Tables and JSON of relevance figures, and the comparison of two runs (pure, no Django).

The JSON written by ``--json`` is the input of ``--compare``::

    {"k": 10, "recall_min_grade": 2, "commit": "...", "dirty": true, "created": "...",
     "queries": {"de-01": {"language": "de", "text": "...", "probes": [...]}},
     "backends": {"embedded": {"engine": "...", "documents": 35,
                               "means": {"all": {"ndcg": 0.41, "recall": 0.38, "queries": 56}, "de": ..., "en": ...},
                               "queries": {"de-01": {"ndcg": 0.0, "recall": 0.0, "total": 0, "top": [...]}}}}}
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from search.relevance.judgements import LANGUAGES, JudgedQuery
from search.relevance.metrics import mean

QUERY_WIDTH = 44
CELL = 17  # width of a backend's column


def figures(runs: Iterable, queries: Sequence[JudgedQuery], k: int, recall_min_grade: int,
            provenance: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON-ready figures of ``runs`` (``evaluate.BackendRun``)."""
    return {
        "k": k,
        "recall_min_grade": recall_min_grade,
        **provenance,
        "queries": {q.id: {"language": q.language, "text": q.text, "probes": list(q.probes)} for q in queries},
        "backends": {
            run.name: {
                "engine": run.engine,
                "documents": run.documents,
                "means": _means({o.query.id: {"ndcg": o.ndcg, "recall": o.recall} for o in run.outcomes}, queries),
                "queries": {o.query.id: {"ndcg": round(o.ndcg, 4), "recall": round(o.recall, 4), "total": o.total,
                                         "top": list(o.top)} for o in run.outcomes},
            }
            for run in runs
        },
    }


def _means(per_query: Mapping[str, Mapping[str, float]], queries: Sequence[JudgedQuery]) -> dict[str, Any]:
    groups = {"all": [q.id for q in queries], **{lang: [q.id for q in queries if q.language == lang]
                                                  for lang in LANGUAGES}}
    return {
        group: {"ndcg": round(mean(per_query[id_]["ndcg"] for id_ in ids), 4),
                "recall": round(mean(per_query[id_]["recall"] for id_ in ids), 4),
                "queries": len(ids)}
        for group, ids in groups.items() if ids
    }


def table(data: Mapping[str, Any]) -> str:
    """Per query nDCG@k and recall@k per backend, then the means per backend and language."""
    backends = list(data["backends"])
    k = data["k"]
    lines = [f"Relevance on the demo corpus: {len(data['queries'])} queries, nDCG@{k} and recall@{k} "
             f"(recall counts grades >= {data['recall_min_grade']})."]
    for name, backend in data["backends"].items():
        lines.append(f"  {name}: {backend['engine']}, {backend['documents']} documents")
    lines.append("")
    header = f"{'query':<6} {'':<{QUERY_WIDTH}}" + "".join(_cell(name[:CELL]) for name in backends)
    lines += [header, f"{'':<6} {'':<{QUERY_WIDTH}}" + _cell("nDCG recall hits") * len(backends),
              "-" * len(header)]
    for id_, query in data["queries"].items():
        cells = "".join(_cell(f"{q['ndcg']:.3f}  {q['recall']:.2f} {q['total']:>4}")
                        for q in (data["backends"][name]["queries"][id_] for name in backends))
        lines.append(f"{id_:<6} {_cut(query['text'], QUERY_WIDTH):<{QUERY_WIDTH}}{cells}")
    lines += ["", means_table(data)]
    return "\n".join(lines)


def means_table(data: Mapping[str, Any]) -> str:
    lines = [f"{'means':<14}" + "".join(_cell(name[:CELL]) for name in data["backends"]),
             f"{'':<14}" + _cell("nDCG   recall") * len(data["backends"])]
    first = next(iter(data["backends"].values()))
    for group, numbers in first["means"].items():
        label = f"{group} ({numbers['queries']})"
        cells = "".join(_cell(f"{m['ndcg']:.3f}   {m['recall']:.3f}")
                        for m in (b["means"][group] for b in data["backends"].values()))
        lines.append(f"{label:<14}{cells}")
    zero = ", ".join(f"{name} {sum(1 for q in b['queries'].values() if q['total'] == 0)}"
                     for name, b in data["backends"].items())
    lines.append(f"queries without any result: {zero}")
    return "\n".join(lines)


def details(data: Mapping[str, Any], grades: Mapping[str, Mapping[str, int]], top: int = 5) -> str:
    """Per query and backend: the first ``top`` results with their grades, and the relevant items missed."""
    lines = []
    for id_, query in data["queries"].items():
        lines.append(f"{id_} {query['text']}  [{', '.join(query['probes'])}]")
        judged = grades[id_]
        for name, backend in data["backends"].items():
            outcome = backend["queries"][id_]
            shown = " ".join(f"{key}[{judged.get(key, 0)}]" for key in outcome["top"][:top]) or "-"
            missed = [f"{key}[{grade}]" for key, grade in sorted(judged.items(), key=lambda item: -item[1])
                      if key not in outcome["top"]]
            lines.append(f"  {name:<14} nDCG {outcome['ndcg']:.3f} of {outcome['total']} hits: {shown}")
            if missed:
                lines.append(f"  {'':<14} missed: {' '.join(missed)}")
    return "\n".join(lines)


def compare(before: Mapping[str, Any], after: Mapping[str, Any], threshold: float = 0.005) -> str:
    """Means before -> after per backend and language, and the queries whose nDCG moved."""
    lines = [f"before: {before.get('commit', '?')[:12]} {before.get('created', '')}   "
             f"after: {after.get('commit', '?')[:12]} {after.get('created', '')}"]
    if (before["k"], before["recall_min_grade"]) != (after["k"], after["recall_min_grade"]):
        lines.append("warning: the runs used different k or recall grades; the figures are not comparable")
    for name in after["backends"]:
        if name not in before["backends"]:
            lines.append(f"{name}: not in the earlier run")
            continue
        old, new = before["backends"][name], after["backends"][name]
        lines.append(f"{name}:")
        for group, numbers in new["means"].items():
            if group in old["means"]:
                was = old["means"][group]
                lines.append(f"  {group:<4} nDCG {was['ndcg']:.3f} -> {numbers['ndcg']:.3f} "
                             f"({numbers['ndcg'] - was['ndcg']:+.3f})   recall {was['recall']:.3f} -> "
                             f"{numbers['recall']:.3f} ({numbers['recall'] - was['recall']:+.3f})")
        moved = [(id_, old["queries"][id_]["ndcg"], q["ndcg"]) for id_, q in new["queries"].items()
                 if id_ in old["queries"] and abs(q["ndcg"] - old["queries"][id_]["ndcg"]) >= threshold]
        for id_, was, now in sorted(moved, key=lambda item: item[2] - item[1]):
            lines.append(f"    {id_:<6} {_cut(after['queries'][id_]['text'], QUERY_WIDTH):<{QUERY_WIDTH}} "
                         f"{was:.3f} -> {now:.3f} ({now - was:+.3f})")
        new_ids = set(new["queries"]) - set(old["queries"])
        if new_ids:
            lines.append(f"    queries not in the earlier run (means differ for that reason too): "
                         f"{', '.join(sorted(new_ids))}")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return f" | {text:^{CELL}}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
