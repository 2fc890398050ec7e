"""What the search stores in the database: how often each query was searched, per day.

The search index itself lives in the backend (``search.backends``); this is
only the query log behind the "Search queries" report (``search.query_log``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH


class QueryDay(models.Model):
    """One normalised query text on one day: how often it was searched, and how often it found nothing.

    Nothing about who searched is kept: no user, no address, no time of day.
    """

    text = models.CharField(_("query"), max_length=MAX_QUERY_STRING_LENGTH)
    date = models.DateField(_("date"))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    searches_without_results = models.PositiveIntegerField(_("searches without results"), default=0)

    class Meta:
        verbose_name = _("search query per day")
        verbose_name_plural = _("search queries per day")
        constraints = [models.UniqueConstraint(fields=["text", "date"], name="unique_query_per_day")]
        indexes = [models.Index(fields=["date"], name="query_day_date")]

    def __str__(self) -> str:
        return f"{self.text} ({self.date:%Y-%m-%d})"


class SourceVersion(models.Model):
    """How often the portal changed one source the search layer keeps in memory (``search.sources``).

    One row per source ("vocabulary", "labels"), incremented in the editor's
    transaction; every process compares it with the version it holds, so an
    edit in one web process reaches the others.
    """

    name = models.CharField(max_length=40, primary_key=True)
    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("search source version")
        verbose_name_plural = _("search source versions")

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"
