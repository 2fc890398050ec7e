"""The cluster's vocabulary: metals, processes and institutions.

Content is tagged with these; search facets count and filter by their
``slug``, which therefore never changes once published.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class BilingualNameMixin(models.Model):
    """A German and an English name; ``label`` picks the active language."""

    name_de = models.CharField("Name (Deutsch)", max_length=120)
    name_en = models.CharField("Name (English)", max_length=120)

    class Meta:
        abstract = True

    @property
    def label(self) -> str:
        language = (get_language() or "de")[:2]
        return self.name_en if language == "en" else self.name_de

    def __str__(self) -> str:
        return self.name_de


class Metal(BilingualNameMixin, index.Indexed):
    slug = models.SlugField(
        unique=True,
        max_length=20,
        help_text="Stable identifier: the lower-case chemical symbol ('cu', 'in') or a short group name ('ree').",
    )
    symbol = models.CharField(max_length=8, blank=True, help_text="Chemical symbol, empty for groups.")
    group = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text="The group this metal belongs to, such as rare earth elements.",
    )
    critical_raw_material = models.BooleanField(
        default=False, help_text="On the EU list of critical raw materials."
    )

    panels = [
        FieldPanel("name_de"),
        FieldPanel("name_en"),
        FieldPanel("symbol"),
        FieldPanel("slug"),
        FieldPanel("group"),
        FieldPanel("critical_raw_material"),
    ]
    search_fields = [index.SearchField("name_de"), index.SearchField("name_en"), index.SearchField("symbol")]

    class Meta:
        ordering = ["name_de"]


class Process(BilingualNameMixin, index.Indexed):
    slug = models.SlugField(unique=True, max_length=60)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="Broader process, e.g. hydrometallurgy for leaching.",
    )

    panels = [FieldPanel("name_de"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("parent")]
    search_fields = [index.SearchField("name_de"), index.SearchField("name_en")]

    class Meta:
        ordering = ["name_de"]
        verbose_name_plural = "processes"


class Institution(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        COMPANY = "company", "Company"
        UNIVERSITY = "university", "University"
        RESEARCH_INSTITUTE = "institute", "Research institute"
        MUNICIPALITY = "municipality", "Municipality"
        ASSOCIATION = "association", "Association"

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True, max_length=80)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    town = models.CharField(max_length=120, blank=True)
    website = models.URLField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("town"), FieldPanel("website")]
    search_fields = [index.SearchField("name"), index.SearchField("town")]

    class Meta:
        ordering = ["name"]

    @property
    def label(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.name
