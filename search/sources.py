"""Data the portal hands the search layer, kept in each process and read again only when it changed.

The search layer imports no content model, so the portal registers one
function per source that reads it (:meth:`CachedSource.set_source`, called
when Django starts): the vocabulary (:mod:`search.vocabulary`) and the
names of facet values (:mod:`search.labels`).  Reading a source costs
queries, so a search must not: each process keeps the value and reads it
again only when

* this process changed it: the portal's signal handlers call
  :meth:`CachedSource.changed` on save and delete, which forgets the value
  at once (so the request sees its own edit) and again after the commit;
* another process changed it: :meth:`CachedSource.changed` also increments
  the source's row of :class:`search.models.SourceVersion` in the editor's
  transaction, and each process looks at the versions at most every
  :data:`CHECK_SECONDS` (one query for all sources, not one per search), so
  a second gunicorn worker shows an edited label within that time;
* :data:`MAX_AGE` has passed: a bulk ``update()`` sends no signal.

The database, not the cache, carries the versions: it is the one store
every web process shares in every deployment (the default cache is
per-process unless ``CACHE_URL`` is set).  If the versions cannot be read
(the database is down), a process keeps what it has until ``MAX_AGE``.

Only data whose staleness is harmless belongs here: names and synonyms.
Who may see what (viewer groups, page visibility) is never cached here.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable, Generic, Iterator, TypeVar

from django.db import DatabaseError, connections, transaction

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: seconds between two looks at the versions, per process (how long another process's edit may take to show)
CHECK_SECONDS = 2.0
#: seconds a value is kept at most, changed or not (edits that send no signal)
MAX_AGE = 300.0

_versions_lock = threading.Lock()
_versions: tuple[float, dict[str, int] | None] | None = None  # (when read, name -> version; None: unreadable)


def shared_versions(max_age: float | None = None) -> dict[str, int] | None:
    """The versions of every source as the database holds them, read at most every ``max_age`` seconds.

    None when they cannot be read (then each process relies on :data:`MAX_AGE`).
    """
    global _versions
    max_age = CHECK_SECONDS if max_age is None else max_age
    now = time.monotonic()
    seen = _versions
    if seen is not None and now - seen[0] < max_age:
        return seen[1]
    with _versions_lock:
        seen = _versions
        if seen is not None and now - seen[0] < max_age:
            return seen[1]
        from search.models import SourceVersion

        try:
            versions: dict[str, int] | None = dict(SourceVersion.objects.values_list("name", "version"))
        except Exception:  # as a failing source: search on with what is held (the database is down, or barred)
            logger.warning("The versions of the search sources could not be read; keeping what this process holds",
                           exc_info=True)
            versions = None
        _versions = (now, versions)
        return versions


def forget_shared_versions() -> None:
    """Read the versions again at the next look (tests, and after this process bumped one)."""
    global _versions
    _versions = None


def bump(name: str, using: str = "default") -> None:
    """Increment the version of source ``name`` in the current transaction; a failure is logged, never raised."""
    from search.models import SourceVersion

    connection = connections[using]
    quote = connection.ops.quote_name
    table, key, version = quote(SourceVersion._meta.db_table), quote("name"), quote("version")
    sql = (f"INSERT INTO {table} ({key}, {version}) VALUES (%s, 1) "
           f"ON CONFLICT ({key}) DO UPDATE SET {version} = {table}.{version} + 1")
    try:
        with transaction.atomic(using=using):  # a savepoint: a failure leaves the editor's transaction usable
            with connection.cursor() as cursor:
                cursor.execute(sql, [name])
    except DatabaseError:
        logger.exception("Could not record that the search source %r changed; other processes will see it "
                         "within %s seconds", name, int(MAX_AGE))
    forget_shared_versions()


@dataclass(frozen=True)
class _Held(Generic[T]):
    value: T
    version: int | None  # the source's shared version when read (None: unknown)
    read_at: float
    checked_at: float


class CachedSource(Generic[T]):
    """One source: its registered reader, and the value this process holds."""

    def __init__(self, name: str, empty: T, what: str) -> None:
        self.name = name
        self.empty = empty
        self.what = what  # for the log: "the search vocabulary"
        self._read: Callable[[], T] | None = None
        self._held: _Held[T] | None = None
        self._pinned: tuple[T] | None = None
        self._lock = threading.Lock()

    def set_source(self, read: Callable[[], T] | None) -> None:
        """Register the function that reads the value (None: none); forgets the value held."""
        self._read = read
        self.forget()

    def forget(self) -> None:
        """Forget the value held by this process: the next :meth:`current` reads the source."""
        self._held = None

    def changed(self, using: str = "default") -> None:
        """The source changed in this transaction: tell this process at once and after the commit, and others."""
        self.forget()
        bump(self.name, using)
        transaction.on_commit(self.forget, using=using)

    def current(self) -> T:
        """The value to use now: the one held, unless it changed or got old (see the module)."""
        if self._pinned is not None:
            return self._pinned[0]
        held = self._held
        now = time.monotonic()
        if held is not None and now - held.read_at < MAX_AGE:
            if now - held.checked_at < CHECK_SECONDS:
                return held.value
            versions = shared_versions()
            version = None if versions is None else versions.get(self.name, 0)
            if version is None or version == held.version:
                self._held = _Held(held.value, held.version, held.read_at, now)
                return held.value
        return self._reload(held, now)

    def _reload(self, held: _Held[T] | None, now: float) -> T:
        with self._lock:
            if self._held is not None and self._held is not held:  # another thread read it meanwhile
                return self._held.value
            if self._read is None:
                return self.empty
            versions = shared_versions()  # before the value: a change in between is seen at the next look
            try:
                value = self._read()
            except Exception:  # a broken source must not break search: search without it, and say so
                logger.exception("%s could not be read; searching with what this process held before.",
                                 self.what.capitalize())
                value = held.value if held is not None else self.empty
            self._held = _Held(value, None if versions is None else versions.get(self.name, 0), now, now)
            return value

    @contextlib.contextmanager
    def override(self, value: T) -> Iterator[None]:
        """Use ``value`` inside the block, whatever the source holds (tests, measurements)."""
        previous = self._pinned
        self._pinned = (value,)
        try:
            yield
        finally:
            self._pinned = previous
