"""Technology profiles: what members can do, and how mature it is."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.api import APIField
from wagtail.models import Page

from portal.content import TRL_CHOICES, ContentLanguageMixin, filtered_listing, visible_pages
from portal.core.blocks import BODY_BLOCKS
from portal.searchable import SearchablePage, stream_text


class TechnologyIndexPage(Page):
    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["technologies.TechnologyProfilePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("technology index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        technologies = TechnologyProfilePage.objects.child_of(self).live().order_by("title")
        context.update(filtered_listing(request, technologies))
        return context


class TechnologyProfilePage(SearchablePage, ContentLanguageMixin, Page):
    """A technology a member offers: what it does, for which metals, how ready."""

    search_content_type = "technology"

    summary = models.TextField(_("what it does"), help_text=_("Two or three sentences: the problem it solves and how."))
    description = StreamField(BODY_BLOCKS, blank=True, use_json_field=True, verbose_name=_("description"))
    readiness_level = models.PositiveSmallIntegerField(_("technology readiness level"), choices=TRL_CHOICES)
    applications = StreamField(
        [("application", blocks.CharBlock(label=_("Application"), max_length=200))],
        blank=True,
        use_json_field=True,
        verbose_name=_("applications"),
        help_text=_("Where it is used or could be, one per entry."),
    )
    metals = ParentalManyToManyField("taxonomy.Metal", blank=True, related_name="technologies", verbose_name=_("metals"))
    processes = ParentalManyToManyField(
        "taxonomy.Process", blank=True, related_name="technologies", verbose_name=_("processes")
    )
    providers = ParentalManyToManyField(
        "taxonomy.Institution", related_name="technologies", verbose_name=_("providing institutions")
    )
    related_projects = ParentalManyToManyField(
        "projects.ProjectPage", blank=True, related_name="technologies", verbose_name=_("related projects")
    )
    brochure = models.ForeignKey(
        "ingest.PortalDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("brochure (PDF)"),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("readiness_level"), FieldPanel("language")]),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("applications"),
        MultiFieldPanel([FieldPanel("metals"), FieldPanel("processes")], heading=_("Tags")),
        MultiFieldPanel(
            [FieldPanel("providers"), FieldPanel("related_projects"), FieldPanel("brochure")],
            heading=_("Who offers it"),
        ),
    ]
    api_fields = [APIField("summary"), APIField("readiness_level"), APIField("language"), APIField("description")]
    parent_page_types = ["technologies.TechnologyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("technology profile")
        verbose_name_plural = _("technology profiles")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Only the related projects this visitor may open are listed.
        context["related_projects"] = visible_pages(self.related_projects.live(), request)
        return context

    def search_summary(self) -> str:
        return self.summary

    def search_body(self) -> str:
        return f"{stream_text(self.description)} {stream_text(self.applications)}"

    def search_facets(self):
        return {
            "metals": [metal.slug for metal in self.metals.all()],
            "processes": [process.slug for process in self.processes.all()],
            "institutions": [institution.slug for institution in self.providers.all()],
        }

    def search_roles(self):
        return [f"provider:{institution.slug}" for institution in self.providers.all()]

    def search_readiness(self):
        return self.readiness_level

    def attached_documents(self):
        return [self.brochure] if self.brochure else []
