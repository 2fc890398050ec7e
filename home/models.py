"""The home page of the portal."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.projects.models import ProjectPage


class HomePage(Page):
    intro = RichTextField(blank=True, help_text="What the cluster is and does, in a few sentences.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_projects"] = ProjectPage.objects.live().order_by("-first_published_at")[:4]
        return context
