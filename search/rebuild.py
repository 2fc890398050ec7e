"""Rebuild the whole index without downtime and without losing live writes.

:func:`rebuild` fills a new version of the index beside the live one
(Elasticsearch: a new concrete index outside the alias; embedded: new tables
in the same file), then makes it live in one atomic step and removes the
version it replaced.  Until the switch, searches answer from the old version
and live indexing keeps writing to it through the alias.

**Catch-up.** Writes that reach the old version during the build would be
lost with it, so after the switch a catch-up pass compares the entries the
database expects *now* (a fresh ``catch_up()`` iteration) with the
fingerprints stored in the new version, indexes what is missing or differs,
and deletes what is no longer expected.  This was chosen over "re-index
whatever changed since the build started" (``last_published_at``,
``finished_at``): timestamps miss deletions, unpublishing, tag and privacy
changes and clock skew between machines, while fingerprints cover every
field of an entry.  Its cost is a second read of the database, without the
bulk writes.  Writes after the switch go through the alias to the new
version directly.

**The previous version is deleted** after the switch, not kept for a
rollback: it stops receiving writes at the switch, so switching back to it
would silently lose every change made since; a rebuild from the database
is the real way back, and keeping it would double the disk used.

**A failure before the switch** (the engine unreachable, the entries raising)
aborts: the half-built version is removed and the alias never moves.

This module knows nothing about Django models: the caller passes the
entries (``ingest.indexing.expected_entries`` in ``manage.py reindex``).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator

from search.backends.base import SearchBackend
from search.documents import SearchDocument

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 200


class RebuildFailed(Exception):
    """The new version could not be built; the live version is unchanged. The message says why."""


class CatchUpFailed(Exception):
    """The new version is live, but the catch-up pass failed: changes made meanwhile may be missing."""

    def __init__(self, report: RebuildReport, message: str) -> None:
        super().__init__(message)
        self.report = report


@dataclass
class RebuildReport:
    previous: str  # the version that served searches before
    version: str  # the version that serves them now
    indexed: int = 0  # distinct entries written into the new version
    caught_up: list[str] = field(default_factory=list)  # ids re-indexed by the catch-up pass
    removed: list[str] = field(default_factory=list)  # ids deleted by the catch-up pass
    replaced: list[str] = field(default_factory=list)  # versions removed after the switch
    leftovers: list[str] = field(default_factory=list)  # other versions still stored (see the log)
    seconds: float = 0.0


def rebuild(
    entries: Iterable[SearchDocument],
    backend: SearchBackend,
    progress: Callable[[int], None] | None = None,
    *,
    catch_up: Callable[[], Iterable[SearchDocument]] | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> RebuildReport:
    """Build a new version from ``entries``, switch to it, catch up, remove the old one.

    ``progress`` is called with the number of entries written after each
    batch (between batches; the live version still serves then).
    ``catch_up`` returns the entries expected now; it runs after the switch.
    Raises :class:`RebuildFailed` if the new version could not be built or
    switched to; then nothing changed for searches.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    started = time.monotonic()
    target = backend.begin_rebuild()
    previous = ""
    ids: set[str] = set()
    try:
        previous = backend.live_version()
        for batch in batches(entries, batch_size):
            backend.index_into(target, batch)
            ids.update(entry.id for entry in batch)
            if progress is not None:
                progress(len(ids))
        replaced = backend.finish_rebuild(target)
    except BaseException as exc:
        _abort(backend, target)
        if isinstance(exc, Exception):
            raise RebuildFailed(
                f"The rebuild stopped after {len(ids)} entries: {_sentence(exc)} The new version {target} was "
                f"removed; searches still use {previous or 'the previous version'}, unchanged."
            ) from exc
        raise  # KeyboardInterrupt, SystemExit: aborted all the same
    report = RebuildReport(previous=previous, version=target, indexed=len(ids), replaced=replaced)
    logger.info("Rebuilt the index: %s entries in %s, which replaced %s", len(ids), target, ", ".join(replaced))
    if catch_up is not None:
        try:
            report.caught_up, report.removed = catch_up_with(catch_up(), backend, batch_size)
        except Exception as exc:
            raise CatchUpFailed(
                report,
                f"The new version {target} is live with {len(ids)} entries, but catching up with the changes "
                f"made during the rebuild failed: {_sentence(exc)}",
            ) from exc
    report.leftovers = [version for version in backend.stored_versions() if version != target]
    report.seconds = time.monotonic() - started
    return report


@dataclass
class Differences:
    """How the index differs from what it should hold (filled while ``differing`` runs)."""

    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    expected: set[str] = field(default_factory=set)

    def orphaned(self, stored: dict[str, str]) -> list[str]:
        """Ids stored but not expected; call once the expected entries are all seen."""
        return sorted(set(stored) - self.expected)


def differing(expected: Iterable[SearchDocument], stored: dict[str, str],
              differences: Differences) -> Iterator[SearchDocument]:
    """Yield the expected entries whose stored fingerprint is absent or different, noting which."""
    for entry in expected:
        differences.expected.add(entry.id)
        fingerprint = stored.get(entry.id)
        if fingerprint == entry.fingerprint:
            continue
        (differences.missing if fingerprint is None else differences.stale).append(entry.id)
        yield entry


def catch_up_with(expected: Iterable[SearchDocument], backend: SearchBackend,
                  batch_size: int = DEFAULT_BATCH_SIZE) -> tuple[list[str], list[str]]:
    """Make the live version hold exactly ``expected``; return the ids (re-)indexed and deleted."""
    stored = backend.fingerprints()
    differences = Differences()
    for batch in batches(differing(expected, stored, differences), batch_size):
        backend.index(batch, refresh=False)
    indexed = differences.missing + differences.stale
    removed = differences.orphaned(stored)
    if removed:
        backend.delete(removed, refresh=False)
    if indexed or removed:
        backend.refresh()  # once, not per batch
        logger.info("Catch-up: %s entries (re-)indexed, %s removed", len(indexed), len(removed))
    return indexed, removed


def batches(entries: Iterable[SearchDocument], size: int) -> Iterator[list[SearchDocument]]:
    iterator = iter(entries)
    while batch := list(islice(iterator, size)):
        yield batch


def _abort(backend: SearchBackend, target: str) -> None:
    try:
        backend.abort_rebuild(target)
    except Exception as exc:  # the original error matters more; say what is left behind
        logger.error("Could not remove the unfinished version %s (%s); delete it by hand.", target, exc)


def _sentence(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if text.endswith((".", "!", "?")) else text + "."
