"""Measure partner finding: nDCG@5 of the partner ranking beside a profile-only baseline, per collection and backend.

    scripts/partner_relevance                         # demo and archive, the embedded backend
    scripts/partner_relevance --collection archive    # one collection
    .venv/bin/python -m tests.services run --only elasticsearch -- scripts/partner_relevance
                                                      # embedded and Elasticsearch
    scripts/partner_relevance --details               # each ranking's top, with grades
    scripts/partner_relevance --json figures.json     # also write the figures

The needs and their grades are :mod:`search.relevance.partners.needs`.
Each collection is installed as :mod:`search.relevance.run` installs it,
in a throwaway environment of its own (a temporary SQLite database, media
and embedded index, removed afterwards; with both collections each runs in
a child process): ``demo`` is ``seed_demo``; ``archive`` is a fresh install
into which ``import_pdfs --metadata --create-missing`` imports the 68 PDFs,
after which the created institutions get the profiles of
``search/relevance/archive/institutions.csv``.  Each backend gets a fresh
index of everything the site indexes; then every need is ranked by
``search.partners.rank_partners`` and by the baseline (the institutions'
own entries only, see :mod:`search.relevance.partners.evaluate`), for a
logged-in member.  When ``search.partners`` cannot be imported yet, the
script says so and prints the baseline.  The goal (issue 11): the partner
ranking beats the baseline by at least 0.15 nDCG@5 on both collections.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

from search.relevance.children import measure_in_children
from search.relevance.partners import report
from search.relevance.partners.needs import COLLECTIONS, NEEDS, Need, problems
from search.relevance.run import BACKENDS, _isolate, _provenance  # the same environment as the search's runner

HARNESS = ".venv/bin/python -m tests.services run --only elasticsearch -- scripts/partner_relevance"
DEFAULT_K = 5


def known_institutions(collection: str) -> set[str]:
    """The names grades may use: demo slugs, or archive names that metadata.csv writes and institutions.csv profiles."""
    if collection == "demo":
        from portal.demo import content

        return {institution[0] for institution in content.INSTITUTIONS}
    from search.relevance.archive.documents import METADATA
    from search.relevance.archive.institutions import profiles

    with METADATA.open(encoding="utf-8-sig", newline="") as handle:
        cells = [row["institution"] or "" for row in csv.DictReader(handle, delimiter=";")]
    named = {name.strip() for cell in cells for part in cell.replace("|", ";").split(";") for name in part.split(",")}
    return (named - {""}) & {profile.name for profile in profiles()}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    elasticsearch_url = os.environ.get("ELASTICSEARCH_URL", "")
    names = args.backend or [name for name in BACKENDS if name == "embedded" or elasticsearch_url]
    if "elasticsearch" in names and not elasticsearch_url:
        _say(f"ELASTICSEARCH_URL is not set: start Elasticsearch and set it, or run `{HARNESS}`.")
        return 2
    collections = list(COLLECTIONS) if args.collection in (None, "all") else [args.collection]
    selected: dict[str, list[Need]] = {}
    for collection in collections:
        found = problems(NEEDS[collection], known_institutions(collection), collection)
        if found:
            _say(f"The needs of the {collection} collection have problems:\n  " + "\n  ".join(found))
            return 2
        selected[collection] = [need for need in NEEDS[collection] if not args.only or need.id in args.only]
    # a child measures one collection: the ids of the others are the other children's
    everywhere = {need.id for needs in (NEEDS.values() if args.child_json else selected.values()) for need in needs}
    unknown = sorted((args.only or set()) - everywhere)
    if unknown:
        _say(f"No needs of {', '.join(collections)} are called {', '.join(unknown)}.")
        return 2
    collections = [collection for collection in collections if selected[collection]]
    provenance = _provenance()

    if args.child_json:
        data = measure(collections[0], names, selected[collections[0]], args.k, elasticsearch_url, args.keep)
        Path(args.child_json).write_text(json.dumps(data, ensure_ascii=False))
        return 0
    if len(collections) == 1:
        results = {collections[0]: measure(collections[0], names, selected[collections[0]], args.k,
                                           elasticsearch_url, args.keep)}
    else:
        results = measure_in_children("search.relevance.partners.run", collections, args, _say)
        if results is None:
            return 1

    data = report.figures(results, args.k, provenance)
    print(report.table(data))
    if args.details:
        print()
        print(report.details(data))
    if args.json:
        Path(args.json).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        _say(f"figures written to {args.json}")
    errors = [backend["partner_error"] for collection in results.values()
              for backend in collection["backends"].values() if backend["partner_error"]]
    for error in dict.fromkeys(errors):
        _say(error)
    return 1 if any(not error.startswith(report.NOT_AVAILABLE) for error in errors) else 0


def measure(collection: str, names: Sequence[str], needs: Sequence[Need], k: int, elasticsearch_url: str,
            keep: bool) -> dict[str, Any]:
    """Install ``collection`` in a throwaway environment, rank its needs on each backend; its figures (report)."""
    directory = Path(tempfile.mkdtemp(prefix=f"portal-partners-{collection}-"))
    try:
        _isolate(directory)
        import django

        django.setup()
        from search.relevance import evaluate as search_evaluate
        from search.relevance.partners import evaluate

        began = time.monotonic()
        corpus = evaluate.install(collection, directory)
        grades = evaluate.resolve(collection, needs)
        _say(f"{collection}: {len(corpus.entries)} index entries in {time.monotonic() - began:.1f} s")
        runs = []
        for name in names:
            began = time.monotonic()
            config = (search_evaluate.embedded_config(directory) if name == "embedded"
                      else search_evaluate.elasticsearch_config(elasticsearch_url))
            runs.append(evaluate.evaluate_backend(name, config, corpus, needs, grades, k))
            _say(f"{collection} {name}: {len(needs)} needs in {time.monotonic() - began:.1f} s")
        return report.collection_figures(runs, needs)
    finally:
        if keep:
            _say(f"kept {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scripts/partner_relevance", description=__doc__.split("\n\n")[0])
    parser.add_argument("--collection", choices=(*COLLECTIONS, "all"), help="measure one collection (default: all)")
    parser.add_argument("--backend", action="append", choices=BACKENDS,
                        help="measure only this backend (repeatable; default: embedded, and Elasticsearch "
                             "when ELASTICSEARCH_URL is set)")
    parser.add_argument("--only", type=lambda text: set(text.split(",")), metavar="ID,ID",
                        help="rank only these needs (demo-de-01,archive-en-03)")
    parser.add_argument("--details", action="store_true", help="show each ranking's top with grades")
    parser.add_argument("--json", metavar="FILE", help="write the figures to FILE as JSON")
    parser.add_argument("-k", type=int, default=DEFAULT_K, help=f"cut-off rank (default {DEFAULT_K})")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory, for inspection")
    parser.add_argument("--child-json", metavar="FILE", help=argparse.SUPPRESS)
    return parser


def _say(message: str) -> None:
    print(f"partner relevance: {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
