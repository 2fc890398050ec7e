"""Tables and JSON of relevance figures, and the comparison of two runs (pure, no Django).

The JSON written by ``--json`` is the input of ``--compare``; one entry per
collection (``demo``, ``archive``)::

    {"k": 10, "recall_min_grade": 2, "commit": "...", "dirty": true, "created": "...",
     "collections": {
       "archive": {
         "queries": {"de-01": {"language": "de", "text": "...", "probes": [...], "group": "question",
                               "filters": {"metal": ["co"]}}},
         "backends": {"embedded": {"engine": "...", "documents": 75,
                                   "means": {"all": {"ndcg": 0.41, "recall": 0.38, "queries": 78}, "de": ...},
                                   "groups": {"question": {"ndcg": ..., "recall": ..., "queries": 6}, ...},
                                   "queries": {"de-01": {"ndcg": 0.0, "recall": 0.0, "total": 0, "top": [...]}}}},
         "facets": {"metal": {"co": {"documents": 12, "detected_only": 3}}, "process": {...}},
         "import": {"rows": 65, "placed": {"metals": {"written": 140, "placed": 0}}, "warnings": [...], ...}}}}

Files written before collections existed (``queries`` and ``backends`` at
the top level) are read as the demo collection by :func:`collections_of`.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from search.relevance.judgements import LANGUAGES, JudgedQuery
from search.relevance.metrics import mean

QUERY_WIDTH = 44
CELL = 17  # width of a backend's column
FEW = 1  # queries with at most this many results are listed
FACET_VALUES_SHOWN = 12


def collection_figures(runs: Iterable, queries: Sequence[JudgedQuery], facets: Mapping[str, Any] | None = None,
                       imported: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The JSON-ready figures of one collection's ``runs`` (``evaluate.BackendRun``)."""
    data: dict[str, Any] = {
        "queries": {q.id: {"language": q.language, "text": q.text, "probes": list(q.probes), "group": q.group,
                           "filters": {name: list(values) for name, values in q.filters.items()}}
                    for q in queries},
        "backends": {},
    }
    for run in runs:
        per_query = {o.query.id: {"ndcg": o.ndcg, "recall": o.recall} for o in run.outcomes}
        data["backends"][run.name] = {
            "engine": run.engine,
            "documents": run.documents,
            "means": _means(per_query, {"all": [q.id for q in queries],
                                        **{lang: [q.id for q in queries if q.language == lang] for lang in LANGUAGES}}),
            "groups": _means(per_query, _by_group(queries)),
            "queries": {o.query.id: {"ndcg": round(o.ndcg, 4), "recall": round(o.recall, 4), "total": o.total,
                                     "top": list(o.top)} for o in run.outcomes},
        }
    if facets is not None:
        data["facets"] = dict(facets)
    if imported is not None:
        data["import"] = dict(imported)
    return data


def figures(collections: Mapping[str, Mapping[str, Any]], k: int, recall_min_grade: int,
            provenance: Mapping[str, Any]) -> dict[str, Any]:
    """The whole JSON: ``collections`` (name -> :func:`collection_figures`) with the run's settings."""
    return {"k": k, "recall_min_grade": recall_min_grade, **provenance, "collections": dict(collections)}


def collections_of(data: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """The collections of figures ``data``; a file from before collections holds the demo collection only."""
    if "collections" in data:
        return dict(data["collections"])
    if "backends" in data:
        return {"demo": {"queries": data.get("queries", {}), "backends": data["backends"]}}
    return {}


def _by_group(queries: Sequence[JudgedQuery]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for query in queries:
        if query.group:
            groups.setdefault(query.group, []).append(query.id)
    return groups


def _means(per_query: Mapping[str, Mapping[str, float]], groups: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    return {
        group: {"ndcg": round(mean(per_query[id_]["ndcg"] for id_ in ids), 4),
                "recall": round(mean(per_query[id_]["recall"] for id_ in ids), 4),
                "queries": len(ids)}
        for group, ids in groups.items() if ids and all(id_ in per_query for id_ in ids)
    }


# --- tables -----------------------------------------------------------------------


def table(data: Mapping[str, Any]) -> str:
    """Per collection: per query nDCG@k and recall@k per backend, the means, the facets; then a summary."""
    parts = [collection_table(name, collection, data["k"], data["recall_min_grade"])
             for name, collection in collections_of(data).items()]
    return "\n\n".join([*parts, summary(data)])


def collection_table(name: str, collection: Mapping[str, Any], k: int, recall_min_grade: int) -> str:
    backends = list(collection["backends"])
    lines = [f"Relevance on the {name} collection: {len(collection['queries'])} queries, nDCG@{k} and recall@{k} "
             f"(recall counts grades >= {recall_min_grade})."]
    for backend_name, backend in collection["backends"].items():
        lines.append(f"  {backend_name}: {backend['engine']}, {backend['documents']} documents in the index")
    lines.append("")
    header = f"{'query':<6} {'':<{QUERY_WIDTH}}" + "".join(_cell(b[:CELL]) for b in backends)
    lines += [header, f"{'':<6} {'':<{QUERY_WIDTH}}" + _cell("nDCG recall hits") * len(backends),
              "-" * len(header)]
    for id_, query in collection["queries"].items():
        cells = "".join(_cell(f"{q['ndcg']:.3f}  {q['recall']:.2f} {q['total']:>4}")
                        for q in (collection["backends"][b]["queries"][id_] for b in backends))
        lines.append(f"{id_:<6} {_cut(_shown(query), QUERY_WIDTH):<{QUERY_WIDTH}}{cells}")
    lines += ["", means_table(collection)]
    if "facets" in collection:
        lines += ["", facets_table(collection)]
    if "import" in collection:
        lines += ["", import_table(collection["import"])]
    return "\n".join(lines)


def means_table(collection: Mapping[str, Any]) -> str:
    """Means per backend: all, per language, per group; and the queries with no or one result."""
    backends = collection["backends"]
    width = 26
    lines = [f"{'means':<{width}}" + "".join(_cell(name[:CELL]) for name in backends),
             f"{'':<{width}}" + _cell("nDCG   recall") * len(backends)]
    first = next(iter(backends.values()))
    for kind in ("means", "groups"):
        for group, numbers in first.get(kind, {}).items():
            label = f"{group} ({numbers['queries']})"
            cells = "".join(_cell(f"{m['ndcg']:.3f}   {m['recall']:.3f}")
                            for m in (b.get(kind, {}).get(group) for b in backends.values()) if m)
            lines.append(f"{label:<{width}}{cells}")
    for name, backend in backends.items():
        none = [id_ for id_, q in backend["queries"].items() if q["total"] == 0]
        few = [id_ for id_, q in backend["queries"].items() if 0 < q["total"] <= FEW]
        lines.append(f"{name}: no result {len(none)}" + (f" ({', '.join(none)})" if none else "")
                     + f"; one result {len(few)}" + (f" ({', '.join(few)})" if few else ""))
    return "\n".join(lines)


def facets_table(collection: Mapping[str, Any]) -> str:
    """How many judged items carry each metal and process value (in brackets: by text detection only)."""
    lines = []
    for name, values in collection["facets"].items():
        if not values:
            lines.append(f"{name}: no item carries a value")
            continue
        shown = [f"{value} {c['documents']}" + (f" ({c['detected_only']})" if c["detected_only"] else "")
                 for value, c in list(values.items())[:FACET_VALUES_SHOWN]]
        rest = len(values) - FACET_VALUES_SHOWN
        lines.append(f"{name}: {len(values)} values: {', '.join(shown)}" + (f", ... {rest} more" if rest > 0 else ""))
    return "facet values per item (in brackets: detected in the text only)\n" + "\n".join(f"  {line}" for line in lines)


def import_table(imported: Mapping[str, Any]) -> str:
    """What import_pdfs made of the metadata sheet."""
    lines = [f"import_pdfs: --create-missing {'used' if imported['create_missing'] else 'NOT AVAILABLE (run without)'};"
             f" {imported['rows']} metadata rows"]
    if imported["rows_without_file"]:
        lines.append(f"  rows naming no file: {', '.join(imported['rows_without_file'])}")
    if imported["files_without_row"]:
        lines.append(f"  files without a row: {', '.join(imported['files_without_row'])}")
    for column, numbers in imported["placed"].items():
        lines.append(f"  {column}: {numbers['written']} values written, {numbers['placed']} placed as tags, "
                     f"{numbers['written'] - numbers['placed']} not placed")
    lines.append(f"  warnings about metadata: {len(imported['warnings'])}")
    lines += [f"    {warning}" for warning in imported["warnings"][:8]]
    if len(imported["warnings"]) > 8:
        lines.append(f"    ... {len(imported['warnings']) - 8} more (--details shows all)")
    if imported.get("failed"):
        lines.append(f"  the command exited with: {imported['failed']}")
    return "\n".join(lines)


def summary(data: Mapping[str, Any]) -> str:
    """nDCG@k and recall@k per collection and backend, all queries and per language."""
    k = data["k"]
    lines = [f"Summary: nDCG@{k} / recall@{k}", f"{'collection':<12} {'backend':<14} "
             + " ".join(f"{group:>15}" for group in ("all", *LANGUAGES))]
    for name, collection in collections_of(data).items():
        for backend_name, backend in collection["backends"].items():
            cells = " ".join(f"{m['ndcg']:.3f} / {m['recall']:.3f}".rjust(15) if m else f"{'-':>15}"
                             for m in (backend["means"].get(group) for group in ("all", *LANGUAGES)))
            lines.append(f"{name:<12} {backend_name:<14} {cells}")
    return "\n".join(lines)


def details(data: Mapping[str, Any], grades: Mapping[str, Mapping[str, Mapping[str, int]]], top: int = 5) -> str:
    """Per collection, query and backend: the first ``top`` results with grades, and the relevant items missed.

    ``grades`` is collection -> query id -> key -> grade.
    """
    lines = []
    for collection_name, collection in collections_of(data).items():
        lines.append(f"== {collection_name}")
        for id_, query in collection["queries"].items():
            lines.append(f"{id_} {_shown(query)}  [{', '.join(query['probes'])}]")
            judged = grades[collection_name][id_]
            for name, backend in collection["backends"].items():
                outcome = backend["queries"][id_]
                shown = " ".join(f"{key}[{judged.get(key, 0)}]" for key in outcome["top"][:top]) or "-"
                missed = [f"{key}[{grade}]" for key, grade in sorted(judged.items(), key=lambda item: -item[1])
                          if key not in outcome["top"]]
                lines.append(f"  {name:<14} nDCG {outcome['ndcg']:.3f} of {outcome['total']} hits: {shown}")
                if missed:
                    lines.append(f"  {'':<14} missed: {' '.join(missed)}")
        if "import" in collection and collection["import"]["warnings"]:
            lines.append("import_pdfs warnings about metadata:")
            lines += [f"  {warning}" for warning in collection["import"]["warnings"]]
    return "\n".join(lines)


def compare(before: Mapping[str, Any], after: Mapping[str, Any], threshold: float = 0.005) -> str:
    """Means before -> after per collection, backend, language and group, and the queries whose nDCG moved.

    Only what both runs have is compared: a collection, backend or query of
    one run only is named as such.
    """
    lines = [f"before: {before.get('commit', '?')[:12]} {before.get('created', '')}   "
             f"after: {after.get('commit', '?')[:12]} {after.get('created', '')}"]
    if (before.get("k"), before.get("recall_min_grade")) != (after.get("k"), after.get("recall_min_grade")):
        lines.append("warning: the runs used different k or recall grades; the figures are not comparable")
    old_collections, new_collections = collections_of(before), collections_of(after)
    for collection_name, collection in new_collections.items():
        if collection_name not in old_collections:
            lines.append(f"{collection_name}: not in the earlier run")
            continue
        old_collection = old_collections[collection_name]
        for name, new in collection["backends"].items():
            if name not in old_collection["backends"]:
                lines.append(f"{collection_name} {name}: not in the earlier run")
                continue
            old = old_collection["backends"][name]
            lines.append(f"{collection_name} {name}:")
            for kind in ("means", "groups"):
                for group, numbers in new.get(kind, {}).items():
                    was = old.get(kind, {}).get(group)
                    if was:
                        lines.append(f"  {group:<20} nDCG {was['ndcg']:.3f} -> {numbers['ndcg']:.3f} "
                                     f"({numbers['ndcg'] - was['ndcg']:+.3f})   recall {was['recall']:.3f} -> "
                                     f"{numbers['recall']:.3f} ({numbers['recall'] - was['recall']:+.3f})")
            moved = [(id_, old["queries"][id_]["ndcg"], q["ndcg"]) for id_, q in new["queries"].items()
                     if id_ in old["queries"] and abs(q["ndcg"] - old["queries"][id_]["ndcg"]) >= threshold]
            for id_, was, now in sorted(moved, key=lambda item: item[2] - item[1]):
                lines.append(f"    {id_:<6} {_cut(_shown(collection['queries'][id_]), QUERY_WIDTH):<{QUERY_WIDTH}} "
                             f"{was:.3f} -> {now:.3f} ({now - was:+.3f})")
            new_ids = set(new["queries"]) - set(old["queries"])
            if new_ids:
                lines.append(f"    queries not in the earlier run (means differ for that reason too): "
                             f"{', '.join(sorted(new_ids))}")
    for collection_name in old_collections.keys() - new_collections.keys():
        lines.append(f"{collection_name}: only in the earlier run")
    return "\n".join(lines)


def _shown(query: Mapping[str, Any]) -> str:
    """A query's text with its filters: ``Laugung [metal=co]``."""
    filters = query.get("filters") or {}
    if not filters:
        return query["text"]
    return f"{query['text']} [" + " ".join(f"{name}={','.join(values)}" for name, values in filters.items()) + "]"


def _cell(text: str) -> str:
    return f" | {text:^{CELL}}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
