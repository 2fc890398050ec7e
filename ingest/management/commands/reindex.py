"""``manage.py reindex [--batch-size N]``: rebuild the whole search index from the database.

The entries are built from stored page text (``ingest.indexing.expected_entries``;
nothing is extracted) into a new version of the index, which replaces the
live one atomically once it is complete; changes made while it was built are
caught up afterwards.  Searches keep working throughout.  See
:mod:`search.rebuild` for how, and why the previous version is deleted.

It lives in ``ingest/`` because it composes the two: ingestion knows what
belongs in the index, ``search.rebuild`` knows how to swap it in.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ingest.indexing import expected_entries
from portal.progress import Progress, format_duration
from search.backends import SearchUnavailable, get_backend
from search.rebuild import DEFAULT_BATCH_SIZE, CatchUpFailed, RebuildFailed, rebuild


class Command(BaseCommand):
    help = "Rebuild the whole search index from the database into a new version, then switch to it."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                            help=f"entries per write to the index (default {DEFAULT_BATCH_SIZE})")

    def handle(self, *args, batch_size: int, verbosity: int, **options):
        if batch_size < 1:
            raise CommandError(f"--batch-size must be at least 1, not {batch_size}.")
        backend = get_backend()
        try:
            estimate = backend.count() or None  # the last build's size: a good guess for the bar
        except SearchUnavailable as exc:
            raise CommandError(f"{exc} Nothing was changed; run the reindex again once it is reachable.") from exc
        if verbosity > 0:
            self.stdout.write(f"Rebuilding the search index ({type(backend).__name__}) from the database; "
                              f"searches keep using the current version until the new one is complete.")
        bar = Progress(self.stdout, estimate, unit="entries", verbosity=verbosity)
        try:
            with bar:
                report = rebuild(expected_entries(), backend, bar, catch_up=expected_entries, batch_size=batch_size)
                bar.update(report.indexed, total=report.indexed)
        except RebuildFailed as exc:
            raise CommandError(f"{exc} Fix the cause and run `manage.py reindex` again.") from exc
        except CatchUpFailed as exc:
            raise CommandError(
                f"{exc} Run `manage.py reconcile` once the cause is fixed: it repairs what the catch-up missed."
            ) from exc
        if verbosity == 0:
            return
        self.stdout.write(
            f"Rebuilt the search index: {report.indexed} entries in {report.version}, which replaced "
            f"{', '.join(report.replaced) or 'nothing'}, in {format_duration(report.seconds)}."
        )
        self.stdout.write(
            f"Catch-up of changes made during the rebuild: {len(report.caught_up)} entries re-indexed, "
            f"{len(report.removed)} removed."
        )
        if verbosity > 1:
            for id_ in report.caught_up:
                self.stdout.write(f"  re-indexed: {id_}")
            for id_ in report.removed:
                self.stdout.write(f"  removed: {id_}")
        if report.leftovers:
            self.stderr.write(
                f"Other versions are still stored: {', '.join(report.leftovers)} (a previous version that could "
                f"not be deleted, or a rebuild that was interrupted or is running elsewhere). Nothing reads them; "
                f"once no reindex is running, delete them (Elasticsearch: curl -X DELETE $ELASTICSEARCH_URL/<name>)."
            )
