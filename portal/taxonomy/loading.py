"""Loading the reference vocabulary: add the metals, groups and processes that are missing, change nothing else.

:func:`load_reference_vocabulary` is the one way :mod:`portal.taxonomy.reference`
reaches the database.  Three callers use it: the data migration
``0004_reference_vocabulary`` (so that ``migrate`` on an empty database gives
the full vocabulary), ``manage.py load_vocabulary`` and ``manage.py
seed_demo``.  It takes the model classes as parameters because a migration
must pass its historical models (``apps.get_model``); it reads and writes
only the fields every version of the models since ``0003`` has.  A field
added to the models later is filled by the migration that adds it.

The rules
---------
* A row is identified by its slug.  A reference entry whose slug is missing
  is created with the reference names, symbol, flags and its group or
  parent.  A slug that exists is **kept as it is**: an editor's renamed
  metal, changed group, changed flags or re-parented process survive every
  later load.
* Groups and parents are linked only for rows created in the same run.  A
  created row is linked to an existing group or parent of the right slug
  (a group must still be a group, i.e. have no symbol); if that row is gone,
  the new row stays unlinked.
* Deleted reference rows: the explicit command re-creates them (that is what
  it is for: "give me back what the portal ships").  Migrations do not: the
  first one loads everything once, and a later data migration that adds new
  reference entries passes exactly the slugs it introduces (``metals=``,
  ``processes=``), so an upgrade never brings back what an editor deleted.
* Nothing is ever deleted or updated, so loading twice creates nothing the
  second time, and the reverse of the data migration does nothing (the rows
  may be edited and tagged on content by then).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence, TypeVar

from django.db import transaction

from portal.taxonomy import reference
from portal.taxonomy.reference import ReferenceMetal, ReferenceProcess

Entry = TypeVar("Entry", ReferenceMetal, ReferenceProcess)


@dataclass(frozen=True)
class LoadResult:
    """What a load created and what it found already there (slugs, in reference order)."""

    created_metals: tuple[str, ...] = ()
    created_processes: tuple[str, ...] = ()
    kept_metals: tuple[str, ...] = ()
    kept_processes: tuple[str, ...] = ()
    dry_run: bool = False

    @property
    def created(self) -> int:
        return len(self.created_metals) + len(self.created_processes)

    @property
    def kept(self) -> int:
        return len(self.kept_metals) + len(self.kept_processes)

    def summary(self) -> str:
        """One line for the command's output."""
        verb = "would create" if self.dry_run else "created"
        line = (
            f"Reference vocabulary: {verb} {_count(self.created_metals, 'metal')} and "
            f"{_count(self.created_processes, 'process')}; {_count(self.kept_metals, 'metal')} and "
            f"{_count(self.kept_processes, 'process')} already there, left as they are."
        )
        return f"Dry run, nothing changed. {line}" if self.dry_run else line


def load_reference_vocabulary(
    metal_model,
    process_model,
    *,
    metals: Iterable[str] | None = None,
    processes: Iterable[str] | None = None,
    dry_run: bool = False,
) -> LoadResult:
    """Create every reference metal and process whose slug is missing; never change an existing row.

    ``metal_model`` and ``process_model`` are ``Metal`` and ``Process``, or their
    historical versions in a migration.  ``metals`` and ``processes`` restrict
    the load to those reference slugs (None: all of them; a later data
    migration names the entries it adds).  With ``dry_run`` nothing is
    written and the result says what would have been created.
    """
    metal_entries = _chosen(reference.METALS, metals, "metal")
    process_entries = _chosen(reference.PROCESSES, processes, "process")
    existing_metals = _existing(metal_model, metal_entries)
    existing_processes = _existing(process_model, process_entries)
    new_metals = [entry for entry in metal_entries if entry.slug not in existing_metals]
    new_processes = [entry for entry in process_entries if entry.slug not in existing_processes]
    result = LoadResult(
        created_metals=tuple(entry.slug for entry in new_metals),
        created_processes=tuple(entry.slug for entry in new_processes),
        kept_metals=tuple(entry.slug for entry in metal_entries if entry.slug in existing_metals),
        kept_processes=tuple(entry.slug for entry in process_entries if entry.slug in existing_processes),
        dry_run=dry_run,
    )
    if not dry_run and result.created:
        with transaction.atomic():
            _create_metals(metal_model, new_metals)
            _create_processes(process_model, new_processes)
    return result


def _chosen(entries: Sequence[Entry], slugs: Iterable[str] | None, kind: str) -> list[Entry]:
    if slugs is None:
        return list(entries)
    wanted = set(slugs)
    unknown = sorted(wanted - {entry.slug for entry in entries})
    if unknown:
        raise ValueError(
            f"Not in the reference vocabulary ({kind}): {', '.join(unknown)}. "
            "Add them to portal/taxonomy/reference.py before a migration loads them."
        )
    return [entry for entry in entries if entry.slug in wanted]


def _existing(model, entries: Sequence[Entry]) -> set[str]:
    return set(model.objects.filter(slug__in=[entry.slug for entry in entries]).values_list("slug", flat=True))


def _create_metals(model, entries: list[ReferenceMetal]) -> None:
    # Groups first (reference.METALS lists them first; a chosen subset keeps that order).
    wanted_groups = {entry.group for entry in entries if entry.group}
    groups = {row.slug: row for row in model.objects.filter(slug__in=wanted_groups, symbol="")}
    for entry in entries:
        row = model.objects.create(
            slug=entry.slug,
            symbol=entry.symbol,
            name_de=entry.name_de,
            name_en=entry.name_en,
            group=groups.get(entry.group) if entry.group else None,
            critical_raw_material=entry.critical,
            strategic_raw_material=entry.strategic,
        )
        if entry.is_group:
            groups[entry.slug] = row


def _create_processes(model, entries: list[ReferenceProcess]) -> None:
    # reference.PROCESSES lists broader processes before narrower ones.
    wanted_parents = {entry.parent for entry in entries if entry.parent}
    parents = {row.slug: row for row in model.objects.filter(slug__in=wanted_parents)}
    for entry in entries:
        parents[entry.slug] = model.objects.create(
            slug=entry.slug,
            name_de=entry.name_de,
            name_en=entry.name_en,
            parent=parents.get(entry.parent) if entry.parent else None,
        )


def _count(slugs: Sequence[str], noun: str) -> str:
    plural = "processes" if noun == "process" else f"{noun}s"
    return f"{len(slugs)} {noun if len(slugs) == 1 else plural}"
