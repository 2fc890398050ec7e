"""Measure the search's relevance on two collections: nDCG@10 and recall@10 per collection and backend.

    scripts/relevance                               # demo and archive, the embedded backend
    scripts/relevance --collection archive          # only the archive
    .venv/bin/python -m tests.services run --only elasticsearch -- scripts/relevance
                                                    # embedded and Elasticsearch
    scripts/relevance --json before.json            # also write the figures
    scripts/relevance --compare before.json         # and compare with an earlier run
    scripts/relevance --details                     # what each query returned and missed

The collections (``--collection``, repeatable; default both):

* ``demo``: the demo site, seeded by ``manage.py seed_demo`` (its PDFs
  extracted and indexed by the portal's own tasks, in process), judged by
  :mod:`search.relevance.judgements`.  The search was tuned on it.
* ``archive``: a fresh install (``migrate`` only) into which the archive's
  68 PDFs are imported with ``manage.py import_pdfs DIR --metadata CSV
  --create-missing``, as a new user would; judged by
  :mod:`search.relevance.archive.judgements` (see :mod:`search.relevance.archive`).
* ``holdout`` (only when asked for): the archive again, judged by
  :mod:`search.relevance.archive.holdout`, 30 queries written and graded
  from the texts after the search had been tuned on the archive's own, by
  someone who had not seen the search code or its results.  It shows how
  much of the archive's figures is tuning.
* ``holdout2`` (only when asked for): the archive with 30 more such
  queries (:mod:`search.relevance.archive.holdout2`), written after the
  search had been changed on ``holdout``'s failures, so held out from
  those changes too.

Each collection is measured in a throwaway environment of its own: a
temporary directory with a SQLite database, test settings, tasks in process,
the media files and the embedded index, removed afterwards (with two
collections, each runs in a child process of this one).  ``var/``, the
developer's database and ``MEDIA_ROOT`` are never touched; an Elasticsearch
run uses an alias of its own (``relevance-<random>``) and deletes its index
at the end.

Each backend gets a fresh index filled with every entry the site indexes,
then every judged query goes through ``search.service.parse_query`` (``q``
and the query's facet filters as request parameters) and ``run_search``, as
on the website.  Elasticsearch is measured when ``ELASTICSEARCH_URL`` is set
(the test-services harness above starts one and sets it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

from search.relevance import report
from search.relevance.children import REPO, measure_in_children
from search.relevance.archive import holdout, holdout2
from search.relevance.archive import judgements as archive_judgements
from search.relevance.archive.documents import archive_keys
from search.relevance.demo import demo_keys
from search.relevance.judgements import QUERIES, JudgedQuery, problems
from search.relevance.metrics import RECALL_MIN_GRADE

BACKENDS = ("embedded", "elasticsearch")
HARNESS = ".venv/bin/python -m tests.services run --only elasticsearch -- scripts/relevance"


COLLECTIONS = ("demo", "archive")
#: measured only when asked for (``--collection holdout``): the archive's documents with queries written after
#: the search was tuned on the archive's own (search.relevance.archive.holdout)
EXTRA_COLLECTIONS = ("holdout", "holdout2")
HELD_OUT = {"holdout": holdout.QUERIES, "holdout2": holdout2.QUERIES}


def judged(collection: str) -> tuple[tuple[JudgedQuery, ...], list[str]]:
    """A collection's judged queries and what is wrong with them (empty if nothing)."""
    if collection == "demo":
        return QUERIES, problems(QUERIES, demo_keys(), RECALL_MIN_GRADE)
    queries = HELD_OUT.get(collection, archive_judgements.QUERIES)
    return queries, problems(queries, archive_keys(), RECALL_MIN_GRADE, archive_judgements.GROUPS, "archive")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    elasticsearch_url = os.environ.get("ELASTICSEARCH_URL", "")
    names = args.backend or [name for name in BACKENDS if name == "embedded" or elasticsearch_url]
    if "elasticsearch" in names and not elasticsearch_url:
        _say(f"ELASTICSEARCH_URL is not set: start Elasticsearch and set it, or run `{HARNESS}`.")
        return 2
    collections = list(dict.fromkeys(args.collection or COLLECTIONS))
    selected: dict[str, list[JudgedQuery]] = {}
    for collection in collections:
        queries, found = judged(collection)
        if found:
            _say(f"The judged set of the {collection} collection has problems:\n  " + "\n  ".join(found))
            return 2
        selected[collection] = [q for q in queries if not args.only or q.id in args.only]
    unknown = sorted((args.only or set()) - {q.id for queries in selected.values() for q in queries})
    if unknown:
        _say(f"No judged queries of {', '.join(collections)} are called {', '.join(unknown)}.")
        return 2
    for collection in [c for c in collections if not selected[c]]:
        _say(f"{collection}: none of the queries asked for is judged on it; skipped.")
        collections.remove(collection)
    before = _load(args.compare) if args.compare else None
    provenance = _provenance()  # before Django is set up, which sets TZ: one clock for every run

    if args.child_json:  # one collection, for a parent process measuring several
        data = measure(collections[0], names, selected[collections[0]], args.k, elasticsearch_url, args.keep,
                       args.profiles)
        Path(args.child_json).write_text(json.dumps(data, ensure_ascii=False))
        return 0
    if len(collections) == 1:
        results = {collections[0]: measure(collections[0], names, selected[collections[0]], args.k,
                                           elasticsearch_url, args.keep, args.profiles)}
    else:
        results = measure_in_children("search.relevance.run", collections, args, _say,
                                      extra=["--profiles"] if args.profiles else [])
        if results is None:
            return 1

    data = report.figures(results, args.k, RECALL_MIN_GRADE, provenance)
    print(report.table(data))
    if args.details:
        print()
        print(report.details(data, {collection: {q.id: q.grades for q in selected[collection]}
                                    for collection in results}))
    if before is not None:
        print()
        print(report.compare(before, data))
    if args.json:
        Path(args.json).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        _say(f"figures written to {args.json}")
    return 0


def measure(collection: str, names: Sequence[str], queries: Sequence[JudgedQuery], k: int,
            elasticsearch_url: str, keep: bool, profiles: bool = False) -> dict[str, Any]:
    """Build ``collection`` in a throwaway environment, measure it on each backend; its figures (report)."""
    directory = Path(tempfile.mkdtemp(prefix=f"portal-relevance-{collection}-"))
    try:
        _isolate(directory)
        import django

        django.setup()
        from search.relevance import evaluate  # imports models: only after setup

        began = time.monotonic()
        imported = None
        if collection == "demo":
            corpus = evaluate.seed()
            _say(f"demo: seeded {len(corpus.entries)} entries in {time.monotonic() - began:.1f} s")
        else:
            from search.relevance.archive.install import install

            corpus, import_report = install(directory, profiles=profiles)
            imported = import_report.as_dict()
            if not import_report.create_missing:
                _say("warning: import_pdfs has no --create-missing yet; the archive was imported without it, "
                     "so institutions named in the metadata were not created.")
            _say(f"archive: imported {len(corpus.ids)} PDFs ({len(corpus.entries)} index entries) "
                 f"in {time.monotonic() - began:.1f} s")
        runs = []
        for name in names:
            began = time.monotonic()
            config = (evaluate.embedded_config(directory) if name == "embedded"
                      else evaluate.elasticsearch_config(elasticsearch_url))
            runs.append(evaluate.evaluate_backend(name, config, corpus, queries, k))
            _say(f"{collection} {name}: {len(queries)} queries in {time.monotonic() - began:.1f} s")
        return report.collection_figures(runs, queries, evaluate.facet_counts(corpus), imported)
    finally:
        if keep:
            _say(f"kept {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scripts/relevance", description=__doc__.split("\n\n")[0])
    parser.add_argument("--collection", action="append", choices=COLLECTIONS + EXTRA_COLLECTIONS,
                        help="measure only this collection (repeatable; default: demo and archive; holdout, "
                             "holdout2: the archive with queries written after the search was tuned)")
    parser.add_argument("--backend", action="append", choices=BACKENDS,
                        help="measure only this backend (repeatable; default: embedded, and Elasticsearch "
                             "when ELASTICSEARCH_URL is set)")
    parser.add_argument("--json", metavar="FILE", help="write the figures to FILE as JSON")
    parser.add_argument("--compare", metavar="FILE", help="compare with figures written earlier by --json")
    parser.add_argument("--details", action="store_true", help="show what each query returned and missed")
    parser.add_argument("--only", type=lambda text: set(text.split(",")), metavar="ID,ID",
                        help="run only these queries (de-01,en-03), in every collection that has them")
    parser.add_argument("-k", type=int, default=10, help="cut-off rank (default 10)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory, for inspection")
    parser.add_argument("--profiles", action="store_true",
                        help="archive: give the imported institutions their profiles (their entries then compete "
                             "with the documents, which the judgements alone grade)")
    parser.add_argument("--child-json", metavar="FILE", help=argparse.SUPPRESS)  # see search.relevance.children
    return parser


def _isolate(directory: Path) -> None:
    """Point every setting that writes somewhere at ``directory``, before Django reads them.

    Test settings (fast hashing, media and the embedded index in
    ``PORTAL_TEST_VAR_DIR``); a SQLite database of its own even if
    ``DATABASE_URL`` names another; tasks in process even if a broker is
    configured.  Seeding and importing index into the embedded backend;
    Elasticsearch is given its own alias later.
    """
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "PORTAL_VAR_DIR": str(directory),
        "PORTAL_TEST_VAR_DIR": str(directory),
        "MEDIA_ROOT": str(directory / "media"),
        "STATIC_ROOT": str(directory / "static"),
        "DATABASE_URL": f"sqlite:///{directory / 'portal.sqlite3'}",
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
    })
    for name in ("CELERY_BROKER_URL", "ELASTICSEARCH_URL", "PORTAL_SEARCH_PATH", "PORTAL_SEARCH_INDEX"):
        os.environ.pop(name, None)


def _provenance() -> dict[str, Any]:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
            "created": dt.datetime.now().isoformat(timespec="seconds")}


def _load(path: str) -> dict[str, Any]:
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError) as exc:
        raise SystemExit(f"Cannot read earlier figures from {path}: {exc}") from exc


def _say(message: str) -> None:
    print(f"relevance: {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
