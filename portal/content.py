"""Pieces shared by the content page types: language, tagging, listings.

Kept here rather than in one app so that projects, papers, technologies,
news and events tag and list their content the same way.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.taxonomy.models import Metal, Process

LISTING_PAGE_SIZE = 12


class ContentLanguageMixin(models.Model):
    """Records the language a piece of content is written in."""

    language = models.CharField(
        _("language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="de",
        help_text=_("The language this content is written in."),
    )

    class Meta:
        abstract = True


def _trl_label(level: int) -> str:
    return gettext("TRL %(level)s") % {"level": level}


# Lazy, so that each label is translated when it is shown, not at import.
TRL_CHOICES = [(level, lazy(_trl_label, str)(level)) for level in range(1, 10)]


def visible_pages(queryset, request):
    """The pages of ``queryset`` that ``request`` may view: public ones, and restricted ones whose every
    view restriction (login, groups, password given in this session) admits the request.

    Listings, related projects and the home page use it, so a restricted page is
    never listed, linked or counted for a visitor who may not open it.
    """
    public = queryset.public()
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return public
    from portal.access import may_view_restrictions  # models: not at import time of this module

    admitted = [page.pk for page in queryset.not_public()
                if may_view_restrictions(page.get_view_restrictions(), request)]
    return queryset.filter(models.Q(pk__in=public.values("pk")) | models.Q(pk__in=admitted))


def filtered_listing(request, queryset, *, date_field: str | None = None) -> dict:
    """Filter a page queryset by ``?metal=`` and ``?process=`` and paginate it.

    A metal group includes its members and a process includes its narrower
    processes, as in search.  Returns the context an index template needs.
    """
    queryset = visible_pages(queryset, request)
    metal = request.GET.get("metal", "")
    process = request.GET.get("process", "")
    if metal:
        slugs = [metal, *Metal.objects.filter(group__slug=metal).values_list("slug", flat=True)]
        queryset = queryset.filter(metals__slug__in=slugs)
    if process:
        queryset = queryset.filter(processes__slug__in=_process_and_narrower(process))
    queryset = queryset.distinct()
    if date_field:
        queryset = queryset.order_by(f"-{date_field}", "title")
    paginator = Paginator(queryset, LISTING_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return {
        "items": page,
        "metals": Metal.objects.all(),
        "processes": Process.objects.all(),
        "selected_metal": metal,
        "selected_process": process,
    }


def _process_and_narrower(slug: str) -> list[str]:
    slugs, frontier = [slug], [slug]
    while frontier:
        frontier = list(Process.objects.filter(parent__slug__in=frontier).values_list("slug", flat=True))
        frontier = [s for s in frontier if s not in slugs]
        slugs.extend(frontier)
    return slugs
