"""Joint research projects of the cluster and their results."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.api import APIField
from wagtail.models import Orderable, Page

from portal.content import TRL_CHOICES, ContentLanguageMixin, filtered_listing
from portal.searchable import SearchablePage
from portal.taxonomy.models import Institution
from search.scopes import scope_value


class ProjectIndexPage(Page):
    """Lists the projects below it; filters by metal, process and status."""

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["projects.ProjectPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("project index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        projects = ProjectPage.objects.child_of(self).live()
        status = request.GET.get("status", "")
        if status in ProjectPage.Status.values:
            projects = projects.filter(status=status)
        context.update(filtered_listing(request, projects, date_field="start_date"))
        context["statuses"] = ProjectPage.Status.choices
        context["selected_status"] = status
        return context


class ProjectPage(SearchablePage, ContentLanguageMixin, Page):
    """A research project: what it set out to do, who did it, what came out."""

    search_content_type = "project"

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")

    acronym = models.CharField(_("acronym"), max_length=40, blank=True, help_text=_("Short name, e.g. 'InRec'."))
    summary = models.TextField(_("summary"), help_text=_("Two or three sentences for result lists and search."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RUNNING)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    funding_body = models.CharField(
        _("funding body"), max_length=200, blank=True, help_text=_("e.g. Bundesministerium für Bildung und Forschung")
    )
    funding_programme = models.CharField(_("funding programme"), max_length=200, blank=True)
    results = RichTextField(_("results"), blank=True, help_text=_("What the project found out."))
    key_findings = StreamField(
        [("finding", blocks.CharBlock(label=_("Finding"), max_length=300))],
        blank=True,
        verbose_name=_("key findings"),
        help_text=_("One sentence each; shown as a list at the top of the results."),
    )
    trl_reached = models.PositiveSmallIntegerField(
        _("technology readiness level reached"), choices=TRL_CHOICES, null=True, blank=True
    )
    metals = ParentalManyToManyField("taxonomy.Metal", blank=True, related_name="projects", verbose_name=_("metals"))
    processes = ParentalManyToManyField(
        "taxonomy.Process", blank=True, related_name="projects", verbose_name=_("processes")
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("language")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("funding_body"), FieldPanel("funding_programme")]),
            ],
            heading=_("Duration and funding"),
        ),
        InlinePanel("partners", label=_("Partners"), heading=_("Partners")),
        MultiFieldPanel([FieldPanel("metals"), FieldPanel("processes")], heading=_("Tags")),
        MultiFieldPanel([FieldPanel("contact_name"), FieldPanel("contact_email")], heading=_("Contact")),
    ]
    results_panels = [
        FieldPanel("key_findings"),
        FieldPanel("results"),
        FieldPanel("trl_reached"),
        InlinePanel("reports", label=_("Reports and deliverables (PDF)"), heading=_("Reports and deliverables")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Project")),
            ObjectList(results_panels, heading=_("Results")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    api_fields = [APIField("acronym"), APIField("summary"), APIField("status"), APIField("start_date"), APIField("end_date"), APIField("language"), APIField("funding_body"), APIField("trl_reached"), APIField("results")]
    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date must not be before the start date.")})

    @property
    def institutions(self):
        return Institution.objects.filter(project_roles__page=self).distinct()

    # --- SearchablePage ---------------------------------------------------
    def search_summary(self) -> str:
        return self.summary

    def search_body(self) -> str:
        findings = " ".join(str(block.value) for block in self.key_findings)
        return f"{findings} {self.results}"

    def search_date(self):
        return self.start_date or super().search_date()

    def search_facets(self):
        return {
            "metals": [metal.slug for metal in self.metals.all()],
            "processes": [process.slug for process in self.processes.all()],
            "institutions": [partner.institution.slug for partner in self.partners.select_related("institution")],
        }

    def search_roles(self):
        return [f"{partner.role}:{partner.institution.slug}" for partner in self.partners.select_related("institution")]

    def search_readiness(self):
        return self.trl_reached

    def attached_documents(self):
        return [report.document for report in self.reports.select_related("document") if report.document]

    @property
    def search_scope(self) -> str:
        """Its own entry, which holds the text of its reports (standalone documents name no project)."""
        return scope_value("project", self.slug)


class ProjectPartner(Orderable):
    """An institution taking part in a project, in a role."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        PARTNER = "partner", _("Partner")
        ASSOCIATED = "associated", _("Associated partner")

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="partners")
    institution = models.ForeignKey(
        "taxonomy.Institution", on_delete=models.CASCADE, related_name="project_roles", verbose_name=_("institution")
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.PARTNER)

    panels = [FieldRowPanel([FieldPanel("institution"), FieldPanel("role")])]


class ProjectReport(Orderable):
    """A PDF report or deliverable attached to a project."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="reports")
    document = models.ForeignKey("ingest.PortalDocument", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("document")]
