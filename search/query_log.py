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

Cost: a search writes nothing.  :func:`record_query` adds to a buffer of
this process (one counter per text and day), and the buffer is written in
one statement (an upsert that adds to the day's row):

* by a background thread every :data:`FLUSH_SECONDS` (setting
  ``PORTAL_QUERY_LOG_FLUSH_SECONDS``; ``0``: no thread, as in the tests),
* by the request that brings it to :data:`MAX_PENDING` searches (setting
  ``PORTAL_QUERY_LOG_MAX_PENDING``), so it never grows without bound,
* when the process exits normally (``atexit``: gunicorn's graceful stop and
  its ``max_requests`` restarts), and
* when asked: :func:`flush` (the report flushes this process's buffer
  before it reads; tests call it).

A killed process (``SIGKILL``, a gunicorn timeout) loses at most the
searches of its last ``FLUSH_SECONDS``; the report shows another process's
searches within that time.  A forked child starts with an empty buffer.

Failure policy: the log is a statistic.  A database error while writing
is logged and the counts are kept for the next attempt (up to
``MAX_PENDING`` texts, then dropped with a warning); it never fails a
request.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import os
import threading
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Max, Sum
from django.utils import timezone

from search.models import QueryDay
from search.promotions import normalise_query_text
from search.query import SearchQuery

logger = logging.getLogger(__name__)

#: the periods the report offers, in days (today included)
PERIODS = (7, 30, 365)
#: how long a day's counts are kept; a little more than the longest period
RETENTION_DAYS = 400
#: seconds between two writes of the buffer by the background thread (``PORTAL_QUERY_LOG_FLUSH_SECONDS``)
FLUSH_SECONDS = 10.0
#: searches held before the request that adds the last one writes them (``PORTAL_QUERY_LOG_MAX_PENDING``)
MAX_PENDING = 500


def is_fresh_search(query: SearchQuery) -> bool:
    """Page 1 of a text search without facet filters or a scope: logged, and shown its promotions."""
    return query.page == 1 and not query.filters and query.scope is None and bool(query.text.strip())


class _Buffer:
    """The searches of this process not yet written: (text, day) -> [searches, searches without results]."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: dict[tuple[str, dt.date], list[int]] = {}
        self.searches = 0
        self.thread: threading.Thread | None = None
        self.stop = threading.Event()

    def add(self, key: tuple[str, dt.date], searches: int, empty: int) -> int:
        with self.lock:
            entry = self.counts.get(key)
            if entry is None:
                self.counts[key] = [searches, empty]
            else:
                entry[0] += searches
                entry[1] += empty
            self.searches += searches
            return self.searches

    def take(self) -> dict[tuple[str, dt.date], list[int]]:
        with self.lock:
            taken, self.counts, self.searches = self.counts, {}, 0
            return taken


_buffer = _Buffer()


def _setting(name: str, default):
    return getattr(settings, name, default)


def record_query(text: str, total: int) -> None:
    """Count one search for ``text`` today, and whether it found nothing (``total == 0``).

    Empty texts are ignored; texts are normalised (and so cut at 255
    characters) like promoted results'.  The count reaches the database
    later (see the module); never raises a database error.
    """
    key = normalise_query_text(text)
    if not key:
        return
    held = _buffer.add((key, timezone.localdate()), 1, 1 if total == 0 else 0)
    if held >= int(_setting("PORTAL_QUERY_LOG_MAX_PENDING", MAX_PENDING)):
        flush()
    else:
        _ensure_flusher()


def pending() -> int:
    """Searches this process holds that are not written yet."""
    return _buffer.searches


def flush() -> int:
    """Write this process's buffered searches to the database now; return how many searches were written.

    Never raises a database error: the counts are kept for the next attempt
    and the failure is logged.
    """
    taken = _buffer.take()
    if not taken:
        return 0
    rows = [(text, day, counts[0], counts[1]) for (text, day), counts in taken.items()]
    try:
        with transaction.atomic():  # a savepoint: a failure leaves the caller's transaction usable
            _write(rows)
    except DatabaseError:
        limit = int(_setting("PORTAL_QUERY_LOG_MAX_PENDING", MAX_PENDING))
        if len(_buffer.counts) + len(rows) <= limit:
            for text, day, searches, empty in rows:
                _buffer.add((text, day), searches, empty)
            logger.exception("Could not write %d search queries; kept for the next attempt", len(rows))
        else:
            logger.exception("Could not write %d search queries; dropped (more than %d are waiting)",
                             len(rows), limit)
        return 0
    return sum(row[2] for row in rows)


def discard() -> None:
    """Forget the buffered searches without writing them (tests: nothing leaks from one test into another)."""
    _buffer.take()


def _write(rows: list[tuple[str, dt.date, int, int]]) -> None:
    """Add ``rows`` (text, day, searches, without results) to their days' rows, creating those missing.

    One ``INSERT … ON CONFLICT … DO UPDATE`` (PostgreSQL and SQLite alike):
    concurrent writers of the same day add up instead of overwriting each other.
    """
    quote = connection.ops.quote_name
    meta = QueryDay._meta
    table = quote(meta.db_table)
    text, date, searches, empty = (quote(meta.get_field(name).column)
                                   for name in ("text", "date", "searches", "searches_without_results"))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _ROWS_PER_STATEMENT):  # within the databases' limits on parameters
            chunk = rows[start:start + _ROWS_PER_STATEMENT]
            values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
            params: list = []
            for row_text, day, row_searches, row_empty in chunk:
                params += [row_text, connection.ops.adapt_datefield_value(day), row_searches, row_empty]
            cursor.execute(
                f"INSERT INTO {table} ({text}, {date}, {searches}, {empty}) VALUES {values} "
                f"ON CONFLICT ({text}, {date}) DO UPDATE SET {searches} = {table}.{searches} + EXCLUDED.{searches}, "
                f"{empty} = {table}.{empty} + EXCLUDED.{empty}", params)


_ROWS_PER_STATEMENT = 500


def _ensure_flusher() -> None:
    """Start this process's background writer, unless it runs or ``PORTAL_QUERY_LOG_FLUSH_SECONDS`` is 0."""
    if _buffer.thread is not None:
        return
    seconds = float(_setting("PORTAL_QUERY_LOG_FLUSH_SECONDS", FLUSH_SECONDS))
    if seconds <= 0:
        return
    with _buffer.lock:
        if _buffer.thread is not None:
            return
        _buffer.stop.clear()
        _buffer.thread = threading.Thread(target=_flush_every, args=(seconds,), name="query-log-writer", daemon=True)
        _buffer.thread.start()


def _flush_every(seconds: float) -> None:
    from django.db import connections

    while not _buffer.stop.wait(seconds):
        try:
            flush()
        except Exception:  # the writer must outlive any error; flush() itself logs database errors
            logger.exception("The query log writer failed; retrying in %s s", seconds)
        finally:
            connections.close_all()  # this thread's own connection: no request cycle closes it


def _stop_flusher() -> None:
    """Stop the background writer, if it runs, after its current write (exit; tests)."""
    thread = _buffer.thread
    if thread is not None:
        _buffer.stop.set()
        thread.join(timeout=5)
        _buffer.thread = None


def _at_exit() -> None:
    _stop_flusher()
    try:
        flush()
    except Exception:  # the interpreter is going away: say what is lost, never fail the exit
        logger.exception("Could not write the search queries of this process at exit")


def _after_fork() -> None:
    """A forked child neither writes its parent's searches again nor believes the parent's thread is its own."""
    global _buffer
    _buffer = _Buffer()


atexit.register(_at_exit)
os.register_at_fork(after_in_child=_after_fork)


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
    """The texts searched most often since ``since``, most first (ties alphabetically).

    This process's buffered searches are written first (:func:`flush`).
    """
    flush()
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
    """The texts that found nothing since ``since``, most often first, then the most recent (after :func:`flush`)."""
    flush()
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
