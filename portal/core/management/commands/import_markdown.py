"""``manage.py import_markdown DIR``: Markdown files with front matter become pages.

Each ``*.md`` file under DIR becomes a news article or a symposium paper (see
``portal.core.markdown_import`` for the front matter). A file that cannot be
imported is reported with the reason and skipped; the others are imported,
each in its own transaction, so one bad file loses nothing else. Importing the
same folder again updates the pages instead of duplicating them.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.core.markdown_import import PAGE_TYPES, Entry, EntryError, read_entry
from portal.events.models import EventPage, PaperAuthor, PaperPage
from portal.news.models import NewsArticlePage, NewsIndexPage
from portal.taxonomy.models import Institution, Metal, Process


class Command(BaseCommand):
    help = "Import a folder of Markdown files with front matter as news articles or symposium papers."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="folder with *.md files (searched recursively)")
        parser.add_argument("--type", choices=PAGE_TYPES, help="page type for files whose front matter has no 'type'")
        parser.add_argument("--draft", action="store_true", help="save drafts for review instead of publishing")
        parser.add_argument("--dry-run", action="store_true", help="check every file, change nothing")

    def handle(self, *args, directory: Path, type: str | None, draft: bool, dry_run: bool, **options):
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a folder: give the folder that holds the Markdown files")
        files = sorted(directory.rglob("*.md"))
        if not files:
            raise CommandError(f"no *.md files in {directory}")
        counts = {"created": 0, "updated": 0, "failed": 0}
        for number, path in enumerate(files, start=1):
            name = path.relative_to(directory)
            try:
                entry = read_entry(path, default_type=type)
                with transaction.atomic():
                    outcome = self._save(entry, publish=not draft)
                    if dry_run:
                        transaction.set_rollback(True)
            except (EntryError, ValidationError) as error:
                counts["failed"] += 1
                self.stderr.write(f"[{number}/{len(files)}] {name}: skipped: {_reason(error)}")
                continue
            counts[outcome] += 1
            self.stdout.write(f"[{number}/{len(files)}] {name}: {outcome} {entry.kind} '{entry.title}'")
        verb = "would be " if dry_run else ""
        self.stdout.write(
            f"{len(files)} file(s): {counts['created']} {verb}created, {counts['updated']} {verb}updated, "
            f"{counts['failed']} skipped" + (" (dry run: nothing saved)" if dry_run else "")
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) were not imported; see the reasons above, fix them and run again")

    def _save(self, entry: Entry, *, publish: bool) -> str:
        parent, model = self._parent(entry)
        page = model.objects.child_of(parent).filter(slug=entry.slug).first()
        outcome = "updated" if page else "created"
        fields = {"title": entry.title, "language": entry.language}
        if entry.kind == "news":
            fields.update(date=entry.date, teaser=entry.teaser, body=[("markdown", entry.body)])
        else:
            fields.update(session=entry.session, doi=entry.doi, abstract=[("markdown", entry.body)])
        if page is None:
            # A draft import of a new page must not go live before a moderator publishes it.
            page = model(slug=entry.slug, live=publish, **fields)
            parent.add_child(instance=page)
            page = model.objects.get(pk=page.pk)
        for name, value in fields.items():
            setattr(page, name, value)
        page.metals.set(_lookup(Metal, entry.metals, "metal"))
        page.processes.set(_lookup(Process, entry.processes, "process"))
        if entry.kind == "paper":
            page.keywords.set(entry.keywords)
            institutions = {i.slug: i for i in _lookup(Institution, [a.affiliation for a in entry.authors if a.affiliation], "institution")}
            page.authors = [PaperAuthor(name=a.name, institution=institutions.get(a.affiliation)) for a in entry.authors]
        page.full_clean()  # a failure rolls back the transaction, so no half-made page stays
        revision = page.save_revision()
        if publish:
            revision.publish()
        return outcome

    def _parent(self, entry: Entry):
        if entry.kind == "news":
            parent = NewsIndexPage.objects.first()
            if parent is None:
                raise EntryError("there is no news index page to put news under; create one in the admin first")
            return parent, NewsArticlePage
        parent = EventPage.objects.filter(slug=entry.event).first()
        if parent is None:
            known = ", ".join(EventPage.objects.order_by("-start_date").values_list("slug", flat=True)[:10])
            raise EntryError(f"no event edition with slug '{entry.event}' (known: {known or 'none'})")
        return parent, PaperPage


def _lookup(model, slugs: list[str], what: str) -> list:
    found = list(model.objects.filter(slug__in=slugs))
    missing = sorted(set(slugs) - {item.slug for item in found})
    if missing:
        raise EntryError(f"unknown {what} slug(s): {', '.join(missing)}; see the taxonomy in the admin for valid slugs")
    return found


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError) and hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
