"""``manage.py load_vocabulary``: add the reference metals, groups and processes that are missing.

Rows that exist are never changed, so an editor's corrections survive; a
reference row an editor deleted is created again (the data migrations do not
do that, see ``portal.taxonomy.loading``).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from portal.taxonomy.loading import load_reference_vocabulary
from portal.taxonomy.models import Metal, Process


class Command(BaseCommand):
    help = (
        "Create the reference metals, groups and processes whose slugs are missing "
        "(portal/taxonomy/reference.py). Existing rows are left exactly as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be created; change nothing.")

    def handle(self, *args, dry_run: bool = False, verbosity: int = 1, **options):
        result = load_reference_vocabulary(Metal, Process, dry_run=dry_run)
        if dry_run or verbosity >= 2:
            prefix = "would create" if dry_run else "created"
            for slug in result.created_metals:
                self.stdout.write(f"  {prefix} metal {slug}")
            for slug in result.created_processes:
                self.stdout.write(f"  {prefix} process {slug}")
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(result.summary()) if not dry_run else result.summary())
