"""``manage.py reconcile``: compare the database with the search index and repair the difference."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ingest.reconcile import reconcile
from search.backends import SearchUnavailable


class Command(BaseCommand):
    help = "Extract unfinished documents, then index missing and stale entries and remove orphaned ones."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="report the differences, change nothing")

    def handle(self, *args, dry_run: bool, verbosity: int, **options):
        say = self.stdout.write if verbosity > 0 else None
        try:
            report = reconcile(dry_run=dry_run, progress=say)
        except SearchUnavailable as exc:
            raise CommandError(f"{exc} Nothing was changed in the index; run reconcile again once it is back.") from exc
        verb = "would be " if dry_run else ""
        self.stdout.write(
            f"{report.expected} expected entries; {len(report.missing)} missing, {len(report.stale)} stale "
            f"{verb}indexed; {len(report.orphaned)} orphaned {verb}removed; {report.extracted} document(s) extracted."
        )
        if verbosity > 1:
            for name in ("missing", "stale", "orphaned"):
                for id_ in getattr(report, name):
                    self.stdout.write(f"  {name}: {id_}")
