"""Build the demo site: taxonomy, projects, events and papers, technologies, news.

The metals and processes are the reference vocabulary (loaded like
``manage.py load_vocabulary`` does: missing rows only, existing ones kept);
the demo adds its institutions and pages.

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
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from home.models import HomeFeaturedProject, HomePage
from ingest.models import PortalDocument
from portal.demo import content
from portal.demo.pdf import make_pdf
from portal.events.models import EventIndexPage, EventPage, PaperAuthor, PaperPage
from portal.news.models import NewsArticlePage, NewsIndexPage
from portal.projects.models import ProjectIndexPage, ProjectPage, ProjectPartner, ProjectReport
from portal.taxonomy import reference
from portal.taxonomy.loading import load_reference_vocabulary
from portal.taxonomy.models import Institution, Metal, Process
from portal.technologies.models import TechnologyIndexPage, TechnologyProfilePage

ADMIN_USERNAME = "admin"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class Command(BaseCommand):
    help = "Create or update the demo content (idempotent) and a demo admin account."

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create the demo admin account.")

    def handle(self, *args, no_admin: bool = False, **options):
        self._seed_taxonomy()
        home = self._home()
        projects = self._projects(self._index(home, ProjectIndexPage, "projects", "Projekte"))
        self._events(self._index(home, EventIndexPage, "events", "Veranstaltungen"))
        self._technologies(self._index(home, TechnologyIndexPage, "technologies", "Technologien"))
        self._news(self._index(home, NewsIndexPage, "news", "Aktuelles"))
        if not home.featured.exists():
            for project in projects[:3]:
                home.featured.add(HomeFeaturedProject(project=project))
            home.save_revision().publish()
        if not no_admin:
            self._admin()
        self.stdout.write(self.style.SUCCESS("Demo content ready."))

    # --- taxonomy ---------------------------------------------------------

    def _seed_taxonomy(self) -> None:
        unknown = sorted(content.metal_slugs() - {metal.slug for metal in reference.METALS})
        unknown += sorted(content.process_slugs() - {process.slug for process in reference.PROCESSES})
        if unknown:
            raise CommandError(
                f"portal/demo/content.py tags content with {', '.join(unknown)}, which the reference vocabulary "
                "lacks: use a slug from portal/taxonomy/reference.py or add the entry there."
            )
        # The reference vocabulary, as `manage.py load_vocabulary` loads it: missing rows only.
        loaded = load_reference_vocabulary(Metal, Process)
        for slug, name, kind, town, lat, lon, since, metals, processes, description in content.INSTITUTIONS:
            contact_name, contact_email = content.INSTITUTION_CONTACTS.get(slug, ("", ""))
            institution, _ = Institution.objects.update_or_create(
                slug=slug,
                defaults={"name": name, "kind": kind, "town": town, "latitude": lat, "longitude": lon,
                          "member_since": _date(since), "description": description,
                          "contact_name": contact_name, "contact_email": contact_email},
            )
            institution.expertise_metals.set(Metal.objects.filter(slug__in=metals))
            institution.expertise_processes.set(Process.objects.filter(slug__in=processes))
        self.stdout.write(
            f"taxonomy: {Metal.objects.count()} metals, {Process.objects.count()} processes "
            f"({loaded.created} reference rows created), {Institution.objects.count()} institutions"
        )

    # --- pages ------------------------------------------------------------

    def _home(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            raise SystemExit("No home page found: run `python manage.py migrate` first.")
        home.title = "Recycling strategischer Metalle im Harz"
        home.intro = (
            "<p>Das Netzwerk verbindet Recyclingunternehmen, Hochschulen und Kommunen der Harzregion, "
            "die strategische Metalle aus Abfällen zurückgewinnen.</p>"
        )
        home.save_revision().publish()
        return home

    def _index(self, home: HomePage, model, slug: str, title: str):
        index = model.objects.filter(slug=slug).first()
        if index is None:
            index = model(title=title, slug=slug)
            home.add_child(instance=index)
            index.save_revision().publish()
        return index

    def _child(self, parent: Page, model, slug: str, **fields):
        """Get or create the child page ``slug`` and set ``fields`` on it (unsaved)."""
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = model(slug=slug, **fields)
            parent.add_child(instance=page)
            page = model.objects.get(pk=page.pk)
        for name, value in fields.items():
            setattr(page, name, value)
        return page

    def _projects(self, index: ProjectIndexPage) -> list[ProjectPage]:
        pages = []
        for number, data in enumerate(content.PROJECTS, start=1):
            self.stdout.write(f"[{number}/{len(content.PROJECTS)}] project {data['acronym']}")
            funding_body, funding_programme = data["funding"]
            page = self._child(
                index, ProjectPage, data["slug"],
                title=data["title"], acronym=data["acronym"], summary=data["summary"], results=data["results"],
                language=data["language"], status=data["status"], start_date=_date(data["start"]),
                end_date=_date(data["end"]), trl_reached=data["trl"], funding_body=funding_body,
                funding_programme=funding_programme,
                key_findings=[("finding", finding) for finding in data["findings"]],
                contact_name="Geschäftsstelle des Netzwerks", contact_email="kontakt@example.org",
            )
            page.metals.set(Metal.objects.filter(slug__in=data["metals"]))
            page.processes.set(Process.objects.filter(slug__in=data["processes"]))
            page.partners = [
                ProjectPartner(institution=Institution.objects.get(slug=slug), role=role)
                for slug, role in data["partners"]
            ]
            title, pages_text = data["report"]
            page.reports = [ProjectReport(document=self._document(title, pages_text, f"{data['slug']}-report"))]
            page.save_revision().publish()  # queues extraction and indexing after the commit
            pages.append(page)
        return pages

    def _events(self, index: EventIndexPage) -> None:
        editions = {}
        for data in content.EVENTS:
            page = self._child(
                index, EventPage, data["slug"], title=data["title"], kind=data["kind"], language=data["language"],
                summary=data["summary"], start_date=_date(data["start"]), end_date=_date(data["end"]),
                place=data["place"],
            )
            page.save_revision().publish()
            editions[data["slug"]] = page
        for number, paper in enumerate(content.PAPERS, start=1):
            event_slug, title, language, session, authors, abstract, keywords, metals, processes = paper
            self.stdout.write(f"[{number}/{len(content.PAPERS)}] paper {title}")
            slug = f"paper-{number:02d}"
            page = self._child(
                editions[event_slug], PaperPage, slug, title=title, language=language, session=session,
                abstract=[("markdown", abstract)],
            )
            page.keywords.set(keywords)
            page.metals.set(Metal.objects.filter(slug__in=metals))
            page.processes.set(Process.objects.filter(slug__in=processes))
            page.authors = [
                PaperAuthor(name=name, institution=Institution.objects.filter(slug=institution).first())
                for name, institution in authors
            ]
            page.paper_pdf = self._document(
                f"{title} (Paper)",
                [f"{title}. " + abstract.replace("*", "").replace("|", " "),
                 "Literatur: Berger, A. et al. (2022): Rückgewinnung von Metallen aus Reststoffen. Clausthal."],
                f"{event_slug}-{slug}",
            )
            page.save_revision().publish()

    def _technologies(self, index: TechnologyIndexPage) -> None:
        for slug, title, language, trl, summary, applications, metals, processes, providers, projects in content.TECHNOLOGIES:
            page = self._child(
                index, TechnologyProfilePage, slug, title=title, language=language, readiness_level=trl,
                summary=summary, applications=[("application", text) for text in applications],
            )
            page.metals.set(Metal.objects.filter(slug__in=metals))
            page.processes.set(Process.objects.filter(slug__in=processes))
            page.providers.set(Institution.objects.filter(slug__in=providers))
            page.related_projects.set(ProjectPage.objects.filter(slug__in=projects))
            page.brochure = self._document(
                f"{title} (Broschüre)", [f"{title}. {summary}", "Anwendungen: " + ", ".join(applications)], f"{slug}-brochure"
            )
            page.save_revision().publish()
        self.stdout.write(f"technologies: {len(content.TECHNOLOGIES)}")

    def _news(self, index: NewsIndexPage) -> None:
        for slug, title, language, date, teaser, body, metals, processes in content.NEWS:
            page = self._child(
                index, NewsArticlePage, slug, title=title, language=language, date=_date(date), teaser=teaser,
                body=[("markdown", body)],
            )
            page.metals.set(Metal.objects.filter(slug__in=metals))
            page.processes.set(Process.objects.filter(slug__in=processes))
            page.save_revision().publish()
        self.stdout.write(f"news: {len(content.NEWS)}")

    # --- files and accounts ----------------------------------------------

    def _document(self, title: str, pages: list[str], name: str) -> PortalDocument:
        document = PortalDocument.objects.filter(title=title).first()
        if document is None:
            pdf = make_pdf(pages, title=title, author="Metals Recycling Cluster (demo)")
            document = PortalDocument(title=title)
            document.file.save(f"{name}.pdf", ContentFile(pdf), save=False)
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
