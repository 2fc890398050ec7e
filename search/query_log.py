"""The query log: which texts visitors search for, and which find nothing.

:func:`record_query` is called by the search page and the JSON API for every
*fresh* search (:func:`is_fresh_search`): page 1 of a text without facet
filters.  Paging through results or narrowing them with filters is the same
search continued, so it is not counted again, and "without results" means
that the portal holds nothing the visitor may see for the text itself, not
that a filter excluded everything.

Privacy: a row is a normalised text, a day and two counters
(:class:`search.models.QueryDay`); nothing identifies the visitor (no user,
no IP address, no session, no time of day).  Rows older than
:data:`RETENTION_DAYS` are deleted by :func:`prune` (a daily Celery beat task,
``portal.core.prune_search_queries``).

Failure policy: the log is a statistic.  A database error while recording
is logged and the search is answered as usual; it never fails the request.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Max, Sum
from django.utils import timezone

from search.models import QueryDay
from search.promotions import normalise_query_text
from search.query import SearchQuery

logger = logging.getLogger(__name__)

#: the periods the report offers, in days (today included)
PERIODS = (7, 30, 365)
#: how long a day's counts are kept; a little more than the longest period
RETENTION_DAYS = 400


def is_fresh_search(query: SearchQuery) -> bool:
    """Page 1 of a text search without facet filters or a scope: logged, and shown its promotions."""
    return query.page == 1 and not query.filters and query.scope is None and bool(query.text.strip())


def record_query(text: str, total: int) -> None:
    """Count one search for ``text`` today, and whether it found nothing (``total == 0``).

    Empty texts are ignored; texts are normalised (and so cut at 255
    characters) like promoted results'.  Never raises a database error.
    """
    key = normalise_query_text(text)
    if not key:
        return
    today = timezone.localdate()
    empty = 1 if total == 0 else 0
    try:
        with transaction.atomic():  # a savepoint: a failure leaves the request's transaction usable
            if not _increment(key, today, empty):
                try:
                    with transaction.atomic():
                        QueryDay.objects.create(text=key, date=today, searches=1, searches_without_results=empty)
                except IntegrityError:  # another request created today's row first
                    _increment(key, today, empty)
    except DatabaseError:
        logger.exception("Could not record a search query; the search itself was answered")


def _increment(text: str, day: dt.date, empty: int) -> int:
    return QueryDay.objects.filter(text=text, date=day).update(
        searches=F("searches") + 1, searches_without_results=F("searches_without_results") + empty
    )


# --- the report -------------------------------------------------------------------


@dataclass(frozen=True)
class FrequentQuery:
    text: str
    searches: int
    searches_without_results: int


@dataclass(frozen=True)
class QueryWithoutResults:
    text: str
    times: int
    last_searched: dt.date


def period_start(days: int, today: dt.date | None = None) -> dt.date:
    """The first day of the last ``days`` days, today included."""
    return (today or timezone.localdate()) - dt.timedelta(days=days - 1)


def most_frequent(since: dt.date, limit: int | None = 50) -> list[FrequentQuery]:
    """The texts searched most often since ``since``, most first (ties alphabetically)."""
    rows = (
        QueryDay.objects.filter(date__gte=since)
        .values("text")
        .annotate(total=Sum("searches"), empty=Sum("searches_without_results"))
        .order_by("-total", "text")
    )
    if limit is not None:
        rows = rows[:limit]
    return [FrequentQuery(row["text"], row["total"], row["empty"]) for row in rows]


def without_results(since: dt.date, limit: int | None = 50) -> list[QueryWithoutResults]:
    """The texts that found nothing since ``since``, most often first, then the most recent."""
    rows = (
        QueryDay.objects.filter(date__gte=since, searches_without_results__gt=0)
        .values("text")
        .annotate(times=Sum("searches_without_results"), last=Max("date"))
        .order_by("-times", "-last", "text")
    )
    if limit is not None:
        rows = rows[:limit]
    return [QueryWithoutResults(row["text"], row["times"], row["last"]) for row in rows]


def prune(days: int = RETENTION_DAYS) -> int:
    """Delete the counts of days more than ``days`` ago; return how many rows went."""
    deleted, _ = QueryDay.objects.filter(date__lt=period_start(days)).delete()
    return deleted
