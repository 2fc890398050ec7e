"""News for the public, with an Atom and an RSS feed."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.api import APIField
from wagtail.models import Page

from portal.content import ContentLanguageMixin, filtered_listing
from portal.core.blocks import BODY_BLOCKS
from portal.searchable import SearchablePage, stream_text


class NewsIndexPage(Page):
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["news.NewsArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def articles(self):
        return NewsArticlePage.objects.child_of(self).live().order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(filtered_listing(request, self.articles(), date_field="date"))
        return context


class NewsArticlePage(SearchablePage, ContentLanguageMixin, Page):
    search_content_type = "news"

    date = models.DateField(_("date"), default=timezone.localdate)
    teaser = models.TextField(_("teaser"), max_length=400, help_text=_("One or two sentences for lists and the feed."))
    body = StreamField(BODY_BLOCKS, use_json_field=True, verbose_name=_("body"))
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("image"),
    )
    metals = ParentalManyToManyField("taxonomy.Metal", blank=True, related_name="news", verbose_name=_("metals"))
    processes = ParentalManyToManyField("taxonomy.Process", blank=True, related_name="news", verbose_name=_("processes"))

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("language")]),
        FieldPanel("teaser"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("metals"), FieldPanel("processes")], heading=_("Tags")),
    ]
    api_fields = [APIField("date"), APIField("teaser"), APIField("language"), APIField("body")]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def search_summary(self) -> str:
        return self.teaser

    def search_body(self) -> str:
        return stream_text(self.body)

    def search_date(self):
        return self.date

    def search_facets(self):
        return {
            "metals": [metal.slug for metal in self.metals.all()],
            "processes": [process.slug for process in self.processes.all()],
        }
