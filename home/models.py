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
from portal.content import visible_pages
from portal.taxonomy.models import Institution


def public_document_count() -> int:
    """Indexed PDFs anyone may find: held by a live public page, or held by no page and in a public collection."""
    from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex

    references = ReferenceIndex.objects.filter(
        to_content_type=ReferenceIndex._get_base_content_type(PortalDocument),
        base_content_type=ReferenceIndex._get_base_content_type(Page),
    )
    public_pages = [str(pk) for pk in Page.objects.live().public().values_list("pk", flat=True)]
    held = set(references.values_list("to_object_id", flat=True))
    held_publicly = set(references.filter(object_id__in=public_pages).values_list("to_object_id", flat=True))
    private = set()
    for restricted in Collection.objects.filter(
            pk__in=CollectionViewRestriction.objects.values("collection")):
        private.update(restricted.get_descendants(inclusive=True).values_list("pk", flat=True))
    documents = PortalDocument.objects.filter(extraction_status=ExtractionStatus.INDEXED)
    return sum(1 for pk, collection in documents.values_list("pk", "collection_id")
               if str(pk) in held_publicly or (str(pk) not in held and collection not in private))


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
        featured_ids = [item.project_id for item in self.featured.all()]
        featured = visible_pages(ProjectPage.objects.live().filter(pk__in=featured_ids), request)
        featured = sorted(featured, key=lambda project: featured_ids.index(project.pk))
        context["featured_projects"] = featured or ProjectPage.objects.live().public().order_by("-end_date")[:3]
        context["latest_news"] = NewsArticlePage.objects.live().public().order_by("-date")[:3]
        context["upcoming_events"] = (
            EventPage.objects.live().public().filter(start_date__gte=timezone.localdate()).order_by("start_date")[:3]
        )
        # Figures count public content only: restricted items are not even counted.
        context["figures"] = {
            "members": Institution.objects.count(),
            "projects": ProjectPage.objects.live().public().count(),
            "documents": public_document_count(),
        }
        return context


class HomeFeaturedProject(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured")
    project = models.ForeignKey("projects.ProjectPage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("project")]
