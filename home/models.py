"""The home page of the portal."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from ingest.models import ExtractionStatus, PortalDocument
from portal.events.models import EventPage
from portal.news.models import NewsArticlePage
from portal.projects.models import ProjectPage
from portal.taxonomy.models import Institution


class HomePage(Page):
    intro = RichTextField(blank=True, help_text=_("What the cluster is and does, in a few sentences."))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("featured", label=_("Featured results"), max_num=4),
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured = [item.project for item in self.featured.select_related("project") if item.project.live]
        context["featured_projects"] = featured or ProjectPage.objects.live().public().order_by("-end_date")[:3]
        context["latest_news"] = NewsArticlePage.objects.live().public().order_by("-date")[:3]
        context["upcoming_events"] = (
            EventPage.objects.live().public().filter(start_date__gte=timezone.localdate()).order_by("start_date")[:3]
        )
        context["figures"] = {
            "members": Institution.objects.count(),
            "projects": ProjectPage.objects.live().count(),
            "documents": PortalDocument.objects.filter(extraction_status=ExtractionStatus.INDEXED).count(),
        }
        return context


class HomeFeaturedProject(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured")
    project = models.ForeignKey("projects.ProjectPage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("project")]
