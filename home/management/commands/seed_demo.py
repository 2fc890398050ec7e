"""Build the demo site: taxonomy, projects and their PDF reports.

Idempotent: running it again updates what it created and adds nothing twice.
Pages are published through Wagtail's normal path, so their PDFs are
extracted and indexed exactly as an editor's would be.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from wagtail.models import Page

from home.models import HomePage
from ingest.models import PortalDocument
from portal.demo import content
from portal.demo.pdf import make_pdf
from portal.projects.models import ProjectIndexPage, ProjectPage, ProjectReport
from portal.taxonomy.models import Institution, Metal, Process

ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = "Create or update the demo content (idempotent) and a demo admin account."

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create the demo admin account.")

    def handle(self, *args, no_admin: bool = False, **options):
        self._seed_taxonomy()
        home = self._home()
        index = self._project_index(home)
        for number, data in enumerate(content.PROJECTS, start=1):
            self.stdout.write(f"[{number}/{len(content.PROJECTS)}] project {data['acronym']}")
            self._project(index, data)
        if not no_admin:
            self._admin()
        self.stdout.write(self.style.SUCCESS("Demo content ready."))

    def _seed_taxonomy(self) -> None:
        for slug, name_de, name_en, symbol, _group, critical in content.METALS:
            Metal.objects.update_or_create(
                slug=slug,
                defaults={"name_de": name_de, "name_en": name_en, "symbol": symbol, "critical_raw_material": critical},
            )
        for slug, *_rest, group in ((m[0], m[4]) for m in content.METALS):
            if group:
                Metal.objects.filter(slug=slug).update(group=Metal.objects.get(slug=group))
        for slug, name_de, name_en, _parent in content.PROCESSES:
            Process.objects.update_or_create(slug=slug, defaults={"name_de": name_de, "name_en": name_en})
        for slug, *_rest, parent in content.PROCESSES:
            if parent:
                Process.objects.filter(slug=slug).update(parent=Process.objects.get(slug=parent))
        for slug, name, kind, town, website in content.INSTITUTIONS:
            Institution.objects.update_or_create(
                slug=slug, defaults={"name": name, "kind": kind, "town": town, "website": website}
            )
        self.stdout.write(
            f"taxonomy: {Metal.objects.count()} metals, {Process.objects.count()} processes, "
            f"{Institution.objects.count()} institutions"
        )

    def _home(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            raise SystemExit("No home page found: run `python manage.py migrate` first.")
        home.intro = (
            "<p>Das Netzwerk verbindet Recyclingunternehmen, Hochschulen und Kommunen der Harzregion, "
            "die strategische Metalle aus Abfällen zurückgewinnen.</p>"
        )
        home.save_revision().publish()
        return home

    def _project_index(self, home: HomePage) -> ProjectIndexPage:
        index = ProjectIndexPage.objects.filter(slug="projects").first()
        if index is None:
            index = ProjectIndexPage(title="Projekte", slug="projects", intro="<p>Gemeinsame Forschungsprojekte.</p>")
            home.add_child(instance=index)
        index.save_revision().publish()
        return index

    def _project(self, index: ProjectIndexPage, data: dict) -> None:
        page = ProjectPage.objects.filter(slug=data["slug"]).first()
        if page is None:
            page = ProjectPage(slug=data["slug"], title=data["title"], summary=data["summary"])
            index.add_child(instance=page)
            page = ProjectPage.objects.get(pk=page.pk)
        page.title = data["title"]
        page.acronym = data["acronym"]
        page.summary = data["summary"]
        page.results = data["results"]
        page.start_date = dt.date.fromisoformat(data["start"])
        page.end_date = dt.date.fromisoformat(data["end"]) if data["end"] else None
        page.metals.set(Metal.objects.filter(slug__in=data["metals"]))
        page.processes.set(Process.objects.filter(slug__in=data["processes"]))
        page.institutions.set(Institution.objects.filter(slug__in=data["institutions"]))
        report_title, report_pages = data["report"]
        document = self._document(report_title, report_pages, data["slug"])
        if not page.reports.filter(document=document).exists():
            page.reports.add(ProjectReport(document=document))
        # Publishing queues extraction and indexing after the commit.
        page.save_revision().publish()

    def _document(self, title: str, pages: list[str], slug: str) -> PortalDocument:
        document = PortalDocument.objects.filter(title=title).first()
        if document is None:
            pdf = make_pdf(pages, title=title, author="Metals Recycling Cluster (demo)")
            document = PortalDocument(title=title)
            document.file.save(f"{slug}-report.pdf", ContentFile(pdf), save=False)
            document.save()
        return document

    def _admin(self) -> None:
        User = get_user_model()
        password_file = Path(settings.VAR_DIR) / "demo-admin-password.txt"
        if User.objects.filter(username=ADMIN_USERNAME).exists() and password_file.exists():
            password = password_file.read_text().strip()
        else:
            password = secrets.token_urlsafe(12)
            user, _ = User.objects.get_or_create(username=ADMIN_USERNAME, defaults={"email": "admin@example.org"})
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        self.stdout.write(f"Admin: http://127.0.0.1:8000/admin/  user '{ADMIN_USERNAME}'  password '{password}'")
