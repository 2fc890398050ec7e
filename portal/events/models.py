"""Events of the cluster and the papers presented at its Symposium and Innovation Forum.

An event edition (say, Symposium 2023) is a page; its papers are its
children, so "the papers of an edition" is simply the edition's subtree.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.api import APIField
from wagtail.models import Orderable, Page

from portal.content import ContentLanguageMixin, visible_pages
from portal.core.blocks import BODY_BLOCKS, MarkdownBlock
from portal.searchable import SearchablePage, stream_text
from search.scopes import scope_value

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")

# Abstracts are text only: written in the editor or pasted as Markdown.
ABSTRACT_BLOCKS = [
    ("paragraph", blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul", "superscript", "subscript"])),
    ("markdown", MarkdownBlock()),
]


class EventIndexPage(Page):
    """Upcoming events first, then past ones; filterable by kind."""

    intro = StreamField(BODY_BLOCKS, blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = visible_pages(EventPage.objects.child_of(self).live(), request)
        kind = request.GET.get("kind", "")
        if kind in EventPage.Kind.values:
            events = events.filter(kind=kind)
        today = timezone.localdate()
        context["upcoming"] = events.filter(start_date__gte=today).order_by("start_date")
        context["past"] = events.filter(start_date__lt=today).order_by("-start_date")
        context["kinds"] = EventPage.Kind.choices
        context["selected_kind"] = kind
        return context


class EventPage(SearchablePage, ContentLanguageMixin, Page):
    """A Symposium or Innovation Forum edition, an excursion or a school visit."""

    search_content_type = "event"

    class Kind(models.TextChoices):
        SYMPOSIUM = "symposium", _("Symposium")
        INNOVATION_FORUM = "innovation_forum", _("Innovation Forum")
        EXCURSION = "excursion", _("Company excursion")
        SCHOOL_OUTREACH = "school_outreach", _("School outreach")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.TextField(_("summary"), help_text=_("What the event is about, in two or three sentences."))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Leave empty for one-day events."))
    place = models.CharField(_("place"), max_length=200, help_text=_("Venue and town, e.g. 'Aula, Clausthal-Zellerfeld'."))
    programme = StreamField(BODY_BLOCKS, blank=True, use_json_field=True, verbose_name=_("programme"))

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("language")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]), FieldPanel("place")],
            heading=_("Date and place"),
        ),
        FieldPanel("programme"),
    ]
    api_fields = [APIField("kind"), APIField("summary"), APIField("start_date"), APIField("end_date"), APIField("place"), APIField("language"), APIField("programme")]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.PaperPage"]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date must not be before the start date.")})

    @property
    def papers(self):
        return PaperPage.objects.child_of(self).live().order_by("session", "title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["papers"] = visible_pages(self.papers, request)
        return context

    def search_summary(self) -> str:
        return self.summary

    def search_body(self) -> str:
        return stream_text(self.programme)

    def search_date(self):
        return self.start_date

    @property
    def is_edition(self) -> bool:
        """Symposia and Innovation Forums are editions with papers; excursions and school visits are not."""
        return self.kind in (self.Kind.SYMPOSIUM, self.Kind.INNOVATION_FORUM)

    def search_facets(self):
        return {"editions": [self.slug] if self.is_edition else []}

    @property
    def search_scope(self) -> str:
        """An edition's search box searches the edition and its papers."""
        return scope_value("edition", self.slug) if self.is_edition else ""


class PaperTag(TaggedItemBase):
    content_object = ParentalKey("events.PaperPage", on_delete=models.CASCADE, related_name="tagged_items")


class PaperPage(SearchablePage, ContentLanguageMixin, Page):
    """A paper presented at a Symposium or Innovation Forum edition."""

    search_content_type = "paper"

    abstract = StreamField(
        ABSTRACT_BLOCKS,
        use_json_field=True,
        verbose_name=_("abstract"),
        help_text=_("Paste Markdown into a Markdown block if the abstract arrived that way."),
    )
    keywords = ClusterTaggableManager(through=PaperTag, blank=True, verbose_name=_("keywords"))
    session = models.CharField(_("session"), max_length=200, blank=True, help_text=_("e.g. 'Session 3: Hydrometallurgy'"))
    doi = models.CharField(_("DOI"), max_length=200, blank=True, help_text=_("e.g. 10.1234/abcd.2023.17"))
    paper_pdf = models.ForeignKey(
        "ingest.PortalDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("paper (PDF)"),
    )
    slides_pdf = models.ForeignKey(
        "ingest.PortalDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("slides (PDF)"),
    )
    metals = ParentalManyToManyField("taxonomy.Metal", blank=True, related_name="papers", verbose_name=_("metals"))
    processes = ParentalManyToManyField(
        "taxonomy.Process", blank=True, related_name="papers", verbose_name=_("processes")
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("session"), FieldPanel("language")]),
        InlinePanel("authors", label=_("Authors"), heading=_("Authors"), min_num=1),
        FieldPanel("abstract"),
        FieldPanel("keywords"),
        MultiFieldPanel([FieldPanel("metals"), FieldPanel("processes")], heading=_("Tags")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("paper_pdf"), FieldPanel("slides_pdf")]), FieldPanel("doi")],
            heading=_("Files and DOI"),
        ),
    ]
    api_fields = [APIField("session"), APIField("doi"), APIField("language"), APIField("abstract")]
    parent_page_types = ["events.EventPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("symposium paper")
        verbose_name_plural = _("symposium papers")

    def clean(self) -> None:
        super().clean()
        self.doi = self.doi.strip().removeprefix("https://doi.org/").removeprefix("doi:")
        if self.doi and not DOI_PATTERN.match(self.doi):
            raise ValidationError({"doi": _("A DOI looks like 10.1234/something, without spaces.")})

    @property
    def edition(self):
        return self.get_parent().specific

    def search_summary(self) -> str:
        return stream_text(self.abstract)[:400]

    def search_body(self) -> str:
        return " ".join([stream_text(self.abstract), " ".join(tag.name for tag in self.keywords.all())])

    def search_date(self):
        parent = self.get_parent()
        return getattr(parent.specific, "start_date", None) if parent else super().search_date()

    def search_facets(self):
        institutions = {a.institution.slug for a in self.authors.select_related("institution") if a.institution}
        return {
            "metals": [metal.slug for metal in self.metals.all()],
            "processes": [process.slug for process in self.processes.all()],
            "institutions": sorted(institutions),
            "editions": [self.edition.slug] if isinstance(self.edition, EventPage) else [],
        }

    def search_roles(self):
        return [f"author:{author.institution.slug}" for author in self.authors.select_related("institution")
                if author.institution]

    def attached_documents(self):
        return [document for document in (self.paper_pdf, self.slides_pdf) if document]

    def search_scopes(self):
        """A paper is found within its edition's scope."""
        edition = self.edition
        return (edition.search_scope,) if isinstance(edition, EventPage) and edition.search_scope else ()


class PaperAuthor(Orderable):
    """An author of a paper, with the institution they wrote it at."""

    page = ParentalKey(PaperPage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("name"), max_length=120)
    institution = models.ForeignKey(
        "taxonomy.Institution", null=True, blank=True, on_delete=models.SET_NULL, related_name="paper_authors",
        verbose_name=_("affiliation"),
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("institution")])]

    def __str__(self) -> str:
        return self.name
