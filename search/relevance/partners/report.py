"""Figures of partner finding as JSON and tables (pure, no Django).

One entry per collection::

    {"k": 5, "goal": 0.15, "commit": "...", "dirty": false, "created": "...",
     "collections": {
       "demo": {
         "needs": {"demo-de-01": {"text": "...", "language": "de", "group": "keyword",
                                  "filters": {"metals": ["co"]}, "min_readiness": null}},
         "backends": {"embedded": {
             "engine": "SQLite 3.45.1 FTS5", "documents": 63, "partner_error": "",
             "means": {"all": {"baseline": 0.52, "partner": 0.81, "difference": 0.29, "needs": 39}, "de": ...,
                       "keyword": ...},
             "needs": {"demo-de-01": {"baseline": 0.61, "partner": 0.93, "grades": {"slug": 3},
                                      "baseline_top": [...], "partner_top": [...]}}}}}}}

``partner`` is null where the partner ranking was not available.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from search.relevance.metrics import mean
from search.relevance.partners.needs import GROUPS, LANGUAGES, Need

TEXT_WIDTH = 46
NOT_AVAILABLE = "partner ranking not available yet"  # how the partner column says search.partners is missing
GOAL = 0.15  # the issue: the partner ranking beats the baseline by at least this much nDCG@5 on both collections


def collection_figures(runs: Iterable, needs: Sequence[Need]) -> dict[str, Any]:
    """The JSON-ready figures of one collection's ``runs`` (``partners.evaluate.BackendRun``)."""
    data: dict[str, Any] = {
        "needs": {need.id: {"text": need.text, "language": need.language, "group": need.group,
                            "filters": {name: list(values) for name, values in need.filters.items()},
                            "min_readiness": need.min_readiness} for need in needs},
        "backends": {},
    }
    for run in runs:
        per_need = {o.need.id: {"baseline": round(o.baseline, 4),
                                "partner": None if o.partner is None else round(o.partner, 4),
                                "grades": dict(o.grades), "baseline_top": list(o.baseline_top),
                                "partner_top": list(o.partner_top)} for o in run.outcomes}
        groups = {"all": [need.id for need in needs]}
        groups.update({language: [need.id for need in needs if need.language == language] for language in LANGUAGES})
        groups.update({group: [need.id for need in needs if need.group == group] for group in GROUPS})
        data["backends"][run.name] = {"engine": run.engine, "documents": run.documents,
                                      "partner_error": run.partner_error,
                                      "means": _means(per_need, groups), "needs": per_need}
    return data


def figures(collections: Mapping[str, Mapping[str, Any]], k: int, provenance: Mapping[str, Any]) -> dict[str, Any]:
    return {"k": k, "goal": GOAL, **provenance, "collections": dict(collections)}


def _means(per_need: Mapping[str, Mapping[str, Any]], groups: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    means = {}
    for label, ids in groups.items():
        ids = [id_ for id_ in ids if id_ in per_need]
        if not ids:
            continue
        baseline = mean(per_need[id_]["baseline"] for id_ in ids)
        partners = [per_need[id_]["partner"] for id_ in ids]
        partner = mean(partners) if all(value is not None for value in partners) else None
        means[label] = {"baseline": round(baseline, 4), "partner": None if partner is None else round(partner, 4),
                        "difference": None if partner is None else round(partner - baseline, 4), "needs": len(ids)}
    return means


# --- tables -----------------------------------------------------------------------


def table(data: Mapping[str, Any]) -> str:
    parts = [collection_table(name, collection, data["k"]) for name, collection in data["collections"].items()]
    return "\n\n".join([*parts, summary(data)])


def collection_table(name: str, collection: Mapping[str, Any], k: int) -> str:
    lines = []
    for backend_name, backend in collection["backends"].items():
        lines += [f"Partner finding on the {name} collection, {backend_name} ({backend['engine']}, "
                  f"{backend['documents']} entries): {len(collection['needs'])} needs, nDCG@{k}",
                  f"{'need':<14} {'':<{TEXT_WIDTH}} {'group':<15} {'baseline':>8} {'partner':>8} {'diff':>7}",
                  "-" * (14 + TEXT_WIDTH + 15 + 28)]
        for id_, need in collection["needs"].items():
            outcome = backend["needs"][id_]
            lines.append(f"{id_:<14} {_cut(_shown(need), TEXT_WIDTH):<{TEXT_WIDTH}} {need['group']:<15} "
                         f"{outcome['baseline']:>8.3f} {_number(outcome['partner']):>8} "
                         f"{_difference(outcome['partner'], outcome['baseline']):>7}")
        lines += ["", f"{'means':<20} {'baseline':>8} {'partner':>8} {'diff':>7}"]
        for label, means in backend["means"].items():
            lines.append(f"{label + ' (' + str(means['needs']) + ')':<20} {means['baseline']:>8.3f} "
                         f"{_number(means['partner']):>8} {_signed(means['difference']):>7}")
        if any(need["min_readiness"] is not None for need in collection["needs"].values()):
            lines.append("(the baseline cannot apply a minimum TRL: no facet holds one)")
        if backend["partner_error"]:
            lines.append(f"partner column: {backend['partner_error']}")
        lines.append("")
    return "\n".join(lines).rstrip()


def summary(data: Mapping[str, Any]) -> str:
    goal = data.get("goal", GOAL)
    lines = [f"Summary: mean nDCG@{data['k']}, partner ranking against the profile-only baseline "
             f"(goal: at least +{goal:.2f} on every collection)",
             f"{'collection':<12} {'backend':<14} {'needs':>5} {'baseline':>8} {'partner':>8} {'diff':>7}  goal"]
    for name, collection in data["collections"].items():
        for backend_name, backend in collection["backends"].items():
            means = backend["means"]["all"]
            difference = means["difference"]
            verdict = "-" if difference is None else ("met" if difference >= goal else "not met")
            lines.append(f"{name:<12} {backend_name:<14} {means['needs']:>5} {means['baseline']:>8.3f} "
                         f"{_number(means['partner']):>8} {_signed(difference):>7}  {verdict}")
    return "\n".join(lines)


def details(data: Mapping[str, Any]) -> str:
    """Per need and backend: the top of each ranking with grades, and the graded institutions neither found."""
    lines = []
    for name, collection in data["collections"].items():
        lines.append(f"== {name}")
        for id_, need in collection["needs"].items():
            lines.append(f"{id_} {_shown(need)}")
            for backend_name, backend in collection["backends"].items():
                outcome = backend["needs"][id_]
                grades = outcome["grades"]
                for label in ("baseline", "partner"):
                    top = outcome[f"{label}_top"]
                    shown = " ".join(f"{slug}[{grades.get(slug, 0)}]" for slug in top) or "-"
                    lines.append(f"  {backend_name:<14} {label:<8} {_number(outcome[label])}: {shown}")
                missed = [f"{slug}[{grade}]" for slug, grade in sorted(grades.items(), key=lambda item: -item[1])
                          if slug not in outcome["partner_top"]]
                if missed and outcome["partner"] is not None:
                    lines.append(f"  {'':<14} partner missed: {' '.join(missed)}")
    return "\n".join(lines)


def _shown(need: Mapping[str, Any]) -> str:
    extras = [f"{name}={','.join(values)}" for name, values in need["filters"].items()]
    if need["min_readiness"] is not None:
        extras.append(f"TRL>={need['min_readiness']}")
    return need["text"] + (f" [{' '.join(extras)}]" if extras else "")


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _signed(value: float | None) -> str:
    return "-" if value is None else f"{value:+.3f}"


def _difference(partner: float | None, baseline: float) -> str:
    return "-" if partner is None else f"{partner - baseline:+.3f}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
