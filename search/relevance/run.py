"""Measure the search's relevance on the demo corpus: nDCG@10 and recall@10 per backend.

    scripts/relevance                               # the embedded backend
    .venv/bin/python -m tests.services run --only elasticsearch -- scripts/relevance
                                                    # embedded and Elasticsearch
    scripts/relevance --json before.json            # also write the figures
    scripts/relevance --compare before.json         # and compare with an earlier run
    scripts/relevance --details                     # what each query returned and missed

Everything happens in a temporary directory that is removed afterwards: a
SQLite database migrated and filled by ``manage.py seed_demo`` (its PDFs
extracted and indexed by the portal's own tasks, in process), the media
files and the embedded index.  ``var/``, the developer's database and
``MEDIA_ROOT`` are never touched; an Elasticsearch run uses an alias of its
own (``relevance-<random>``) and deletes its index at the end.

Each backend gets a fresh index filled with the live pages, then every judged
query (:mod:`search.relevance.judgements`) goes through
``search.service.parse_query`` and ``run_search``, as on the website.
Elasticsearch is measured when ``ELASTICSEARCH_URL`` is set (the test-services
harness above starts one and sets it).
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
from search.relevance.demo import demo_keys
from search.relevance.judgements import QUERIES, problems
from search.relevance.metrics import RECALL_MIN_GRADE

REPO = Path(__file__).resolve().parents[2]
BACKENDS = ("embedded", "elasticsearch")
HARNESS = ".venv/bin/python -m tests.services run --only elasticsearch -- scripts/relevance"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    elasticsearch_url = os.environ.get("ELASTICSEARCH_URL", "")
    names = args.backend or [name for name in BACKENDS if name == "embedded" or elasticsearch_url]
    if "elasticsearch" in names and not elasticsearch_url:
        _say(f"ELASTICSEARCH_URL is not set: start Elasticsearch and set it, or run `{HARNESS}`.")
        return 2
    found = problems(QUERIES, demo_keys(), RECALL_MIN_GRADE)
    if found:
        _say("The judged set has problems:\n  " + "\n  ".join(found))
        return 2
    unknown = sorted((args.only or set()) - {q.id for q in QUERIES})
    if unknown:
        _say(f"No judged queries are called {', '.join(unknown)}.")
        return 2
    queries = [q for q in QUERIES if not args.only or q.id in args.only]
    before = _load(args.compare) if args.compare else None

    directory = Path(tempfile.mkdtemp(prefix="portal-relevance-"))
    try:
        _isolate(directory)
        import django

        django.setup()
        from search.relevance import evaluate  # imports models: only after setup

        began = time.monotonic()
        corpus = evaluate.seed()
        _say(f"seeded {len(corpus.entries)} pages in {time.monotonic() - began:.1f} s")
        runs = []
        for name in names:
            began = time.monotonic()
            config = (evaluate.embedded_config(directory) if name == "embedded"
                      else evaluate.elasticsearch_config(elasticsearch_url))
            runs.append(evaluate.evaluate_backend(name, config, corpus, queries, args.k))
            _say(f"{name}: {len(queries)} queries in {time.monotonic() - began:.1f} s")

        data = report.figures(runs, queries, args.k, RECALL_MIN_GRADE, _provenance())
        print(report.table(data))
        if args.details:
            print()
            print(report.details(data, {q.id: q.grades for q in queries}))
        if before is not None:
            print()
            print(report.compare(before, data))
        if args.json:
            Path(args.json).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
            _say(f"figures written to {args.json}")
        return 0
    finally:
        if args.keep:
            _say(f"kept {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scripts/relevance", description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", action="append", choices=BACKENDS,
                        help="measure only this backend (repeatable; default: embedded, and Elasticsearch "
                             "when ELASTICSEARCH_URL is set)")
    parser.add_argument("--json", metavar="FILE", help="write the figures to FILE as JSON")
    parser.add_argument("--compare", metavar="FILE", help="compare with figures written earlier by --json")
    parser.add_argument("--details", action="store_true", help="show what each query returned and missed")
    parser.add_argument("--only", type=lambda text: set(text.split(",")), metavar="ID,ID",
                        help="run only these queries (de-01,en-03)")
    parser.add_argument("-k", type=int, default=10, help="cut-off rank (default 10)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory, for inspection")
    return parser


def _isolate(directory: Path) -> None:
    """Point every setting that writes somewhere at ``directory``, before Django reads them.

    Test settings (fast hashing, media and the embedded index in
    ``PORTAL_TEST_VAR_DIR``); a SQLite database of its own even if
    ``DATABASE_URL`` names another; tasks in process even if a broker is
    configured.  Seeding indexes into the embedded backend; Elasticsearch is
    given its own alias later.
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
