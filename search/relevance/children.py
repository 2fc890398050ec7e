"""Measuring several collections, each in a child process: a fresh Django, database and settings each."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Sequence

REPO = Path(__file__).resolve().parents[2]


def measure_in_children(module: str, collections: Sequence[str], args: argparse.Namespace,
                        say: Callable[[str], None], extra: Sequence[str] = ()) -> dict[str, Any] | None:
    """Run ``python -m module --collection C --child-json FILE`` per collection; their figures, or None on failure.

    Passes on ``-k``, ``--backend``, ``--only`` and ``--keep`` from ``args``, and ``extra`` as given.
    """
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="portal-relevance-") as scratch:
        for collection in collections:
            out = Path(scratch) / f"{collection}.json"
            command = [sys.executable, "-m", module, "--collection", collection, "--child-json", str(out),
                       "-k", str(args.k)]
            for name in args.backend or ():
                command += ["--backend", name]
            if args.only:
                command += ["--only", ",".join(sorted(args.only))]
            if args.keep:
                command.append("--keep")
            command += list(extra)
            finished = subprocess.run(command, cwd=REPO, check=False)
            if finished.returncode != 0:
                say(f"measuring the {collection} collection failed (exit {finished.returncode}); see above.")
                return None
            results[collection] = json.loads(out.read_text())
    return results
