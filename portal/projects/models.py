"""Joint research projects of the cluster and their results."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from portal.searchable import SearchablePage


class ProjectIndexPage(Page):
    """Lists the projects below it, newest first."""

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["projects.ProjectPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["projects"] = ProjectPage.objects.child_of(self).live().order_by("-start_date", "title")
        return context


class ProjectPage(SearchablePage, Page):
    """A research project: what it set out to do, who did it, what came out."""

    search_content_type = "project"

    acronym = models.CharField(max_length=40, blank=True, help_text="Short name, e.g. 'InRec'.")
    summary = models.TextField(help_text="Two or three sentences for result lists and search.")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    results = RichTextField(blank=True, help_text="What the project found out.")
    metals = ParentalManyToManyField("taxonomy.Metal", blank=True, related_name="projects")
    processes = ParentalManyToManyField("taxonomy.Process", blank=True, related_name="projects")
    institutions = ParentalManyToManyField("taxonomy.Institution", blank=True, related_name="projects")

    content_panels = Page.content_panels + [
        FieldPanel("acronym"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading="Duration"),
        FieldPanel("results"),
        MultiFieldPanel(
            [FieldPanel("metals"), FieldPanel("processes"), FieldPanel("institutions")],
            heading="Tags",
        ),
        InlinePanel("reports", label="Reports and deliverables (PDF)"),
    ]
    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types: list[str] = []

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must not be before the start date."})

    # --- SearchablePage ---------------------------------------------------
    def search_summary(self) -> str:
        return self.summary

    def search_body(self) -> str:
        return self.results

    def search_date(self):
        return self.start_date or super().search_date()

    def search_facets(self):
        return {
            "metals": [metal.slug for metal in self.metals.all()],
            "processes": [process.slug for process in self.processes.all()],
            "institutions": [institution.slug for institution in self.institutions.all()],
        }

    def attached_documents(self):
        return [report.document for report in self.reports.select_related("document") if report.document]


class ProjectReport(Orderable):
    """A PDF report or deliverable attached to a project."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="reports")
    document = models.ForeignKey("ingest.PortalDocument", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("document")]
