"""The cluster's vocabulary: metals, processes and institutions.

Content is tagged with these; search facets count and filter by their
``slug``, which therefore never changes once published.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


class BilingualNameMixin(models.Model):
    """A German and an English name; ``label`` picks the active language."""

    name_de = models.CharField(_("name (German)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)

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
        help_text=_("Stable identifier: the lower-case chemical symbol ('cu', 'in') or a short group name ('ree')."),
    )
    symbol = models.CharField(_("chemical symbol"), max_length=3, blank=True, help_text=_("Empty for groups."))
    group = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        limit_choices_to={"symbol": ""},
        help_text=_("The group this metal belongs to, such as rare earth elements."),
    )
    critical_raw_material = models.BooleanField(
        _("critical raw material"),
        default=False,
        help_text=_("Listed in Annex II (critical raw materials) of Regulation (EU) 2024/1252, the Critical Raw "
                    "Materials Act."),
    )
    strategic_raw_material = models.BooleanField(
        _("strategic raw material"),
        default=False,
        help_text=_("Listed in Annex I (strategic raw materials) of Regulation (EU) 2024/1252, the Critical Raw "
                    "Materials Act."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name_de"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("symbol"), FieldPanel("slug")]),
        FieldPanel("group"),
        FieldRowPanel([FieldPanel("critical_raw_material"), FieldPanel("strategic_raw_material")]),
    ]
    search_fields = [index.SearchField("name_de"), index.SearchField("name_en"), index.SearchField("symbol")]

    class Meta:
        ordering = ["name_de"]
        verbose_name = _("metal")
        verbose_name_plural = _("metals")

    def clean(self) -> None:
        errors = {}
        if self.symbol:
            if not self.symbol[0].isupper() or not self.symbol.isalpha():
                errors["symbol"] = _("A chemical symbol starts with a capital letter, e.g. 'Cu' or 'In'.")
            elif self.slug and self.slug != self.symbol.lower():
                errors["slug"] = _("The slug of an element is its symbol in lower case: '%s'.") % self.symbol.lower()
        if self.group_id and self.group_id == self.pk:
            errors["group"] = _("A metal cannot be its own group.")
        elif self.group_id and self.symbol == "":
            errors["group"] = _("Groups cannot belong to other groups.")
        if errors:
            raise ValidationError(errors)


class Process(BilingualNameMixin, index.Indexed):
    slug = models.SlugField(unique=True, max_length=60)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("Broader process, e.g. hydrometallurgy for leaching."),
    )

    panels = [FieldRowPanel([FieldPanel("name_de"), FieldPanel("name_en")]), FieldPanel("slug"), FieldPanel("parent")]
    search_fields = [index.SearchField("name_de"), index.SearchField("name_en")]

    class Meta:
        ordering = ["name_de"]
        verbose_name = _("process")
        verbose_name_plural = _("processes")

    def ancestors(self) -> list["Process"]:
        """Broader processes, nearest first (stops at a cycle)."""
        found: list[Process] = []
        current = self.parent
        while current is not None and current not in found and current != self:
            found.append(current)
            current = current.parent
        return found

    def clean(self) -> None:
        if self.parent_id and (self.parent_id == self.pk or any(p.pk == self.pk for p in self.parent.ancestors())):
            raise ValidationError({"parent": _("A process cannot be broader than itself.")})


class Institution(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        UNIVERSITY = "university", _("University")
        RESEARCH_INSTITUTE = "institute", _("Research institute")
        MUNICIPALITY = "municipality", _("Municipality")
        ASSOCIATION = "association", _("Association")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True, max_length=80, help_text=_("Part of the profile's address; keep it stable."))
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    town = models.CharField(_("town"), max_length=120, blank=True)
    latitude = models.DecimalField(
        max_digits=8, decimal_places=5, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=8, decimal_places=5, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    website = models.URLField(_("website"), blank=True)
    member_since = models.DateField(_("member since"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("What the institution does, for its profile."))
    expertise_metals = models.ManyToManyField(Metal, blank=True, related_name="experts", verbose_name=_("metals"))
    expertise_processes = models.ManyToManyField(
        Process, blank=True, related_name="experts", verbose_name=_("processes")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Shown to members only (portal.contact.membership.is_member); not part of the search index.
    contact_name = models.CharField(
        _("contact person"), max_length=120, blank=True,
        help_text=_("Who answers members' contact requests; shown to logged-in members only."),
    )
    contact_email = models.EmailField(
        _("contact e-mail address"), blank=True,
        help_text=_("Receives the contact requests members send through the portal; shown to logged-in members "
                    "only. Empty: the cluster management forwards the requests."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("kind")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("town"), FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Location"),
        ),
        FieldRowPanel([FieldPanel("website"), FieldPanel("member_since")]),
        MultiFieldPanel([FieldPanel("expertise_metals"), FieldPanel("expertise_processes")], heading=_("Expertise")),
        FieldPanel("logo"),
        MultiFieldPanel([FieldPanel("contact_name"), FieldPanel("contact_email")], heading=_("Contact person")),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("town"), index.SearchField("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    @property
    def label(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("institution-profile", args=[self.slug])

    def clean(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))

    def __str__(self) -> str:
        return self.name
