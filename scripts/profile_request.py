"""Profile what one search request costs inside the portal's own process, and which SQL it sends.

    PORTAL_VAR_DIR=/tmp/demo DJANGO_SETTINGS_MODULE=portal.settings.dev \\
        .venv/bin/python scripts/profile_request.py [--requests 50] [--top 25]

Runs against whatever the settings name (the embedded backend and SQLite by
default; ``DATABASE_URL``/``ELASTICSEARCH_URL`` for the real services), on
content that is already there (``manage.py seed_demo``).  For each of the
search page, ``/api/v1/search`` and ``/api/v1/suggest`` it warms up, prints
the SQL queries of one request after warm-up, then profiles ``--requests``
requests with cProfile and prints the top lines by own time and by
cumulative time.  A measurement tool, not a benchmark: the figures of
issue 12 come from ``scripts/benchmark_search.py``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

ENDPOINTS = (
    ("page", "/search/", {"q": "Indium Recycling"}),
    ("api", "/api/v1/search", {"q": "Kupfer Laugung"}),
    ("suggest", "/api/v1/suggest", {"q": "kup"}),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--only", choices=[name for name, _p, _q in ENDPOINTS])
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    for name, path, params in ENDPOINTS:
        if args.only and name != args.only:
            continue
        for _ in range(3):
            assert client.get(path, params).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(path, params)
        print(f"\n=== {name} {path} {params}: {len(queries)} SQL queries after warm-up")
        for query in queries.captured_queries:
            print(f"  {query['time']}s  {query['sql'][:160]}")
        profile = cProfile.Profile()
        started = time.process_time()
        profile.enable()
        for _ in range(args.requests):
            client.get(path, params)
        profile.disable()
        cpu = (time.process_time() - started) / args.requests * 1000
        print(f"--- {args.requests} requests: {cpu:.1f} ms CPU per request in this process (profiled)")
        for order in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(profile, stream=out).strip_dirs().sort_stats(order).print_stats(args.top)
            print(f"--- top {args.top} by {order}")
            print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))


if __name__ == "__main__":
    main()
