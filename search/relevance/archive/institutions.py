"""The archive's institutions as they would present themselves: profiles for what ``--create-missing`` creates.

``import_pdfs --create-missing`` creates each institution the metadata sheet
names with its name only (a slug, and a type guessed from the name).  A
member who joins fills in the profile; ``institutions.csv`` holds what they
would write: type, town and coordinates, a short self-description in general
terms (what the institution offers, not a summary of its documents) and the
metals and processes it names as expertise (slugs of
``portal.taxonomy.reference``).  The columns, separated by ``;``::

    name;kind;town;latitude;longitude;description;metals;processes

``name`` is exactly as ``metadata.csv`` writes it; ``metals`` and
``processes`` are comma-separated slugs (empty: none listed).  Towns are
where the documents place each institution, so the foreign members
(Skellefteå, Birmingham, Liège, Gliwice, Ostrava) are abroad.

:func:`profiles` reads the file (no Django); :func:`apply_profiles` writes
the profiles onto the institutions of a database after the import
(:func:`search.relevance.archive.install.install` calls it).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from search.relevance.archive.documents import HERE

INSTITUTIONS = HERE / "institutions.csv"
COLUMNS = ("name", "kind", "town", "latitude", "longitude", "description", "metals", "processes")


@dataclass(frozen=True)
class Profile:
    name: str
    kind: str  # an Institution.Kind value
    town: str
    latitude: Decimal
    longitude: Decimal
    description: str
    metals: tuple[str, ...]
    processes: tuple[str, ...]


def profiles(path: Path = INSTITUTIONS) -> tuple[Profile, ...]:
    """The profiles of ``institutions.csv``, in the file's order."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path.name}: the columns must be {';'.join(COLUMNS)}, not {reader.fieldnames}")
        return tuple(Profile(name=row["name"].strip(), kind=row["kind"].strip(), town=row["town"].strip(),
                             latitude=Decimal(row["latitude"]), longitude=Decimal(row["longitude"]),
                             description=row["description"].strip(), metals=_slugs(row["metals"]),
                             processes=_slugs(row["processes"]))
                     for row in reader)


def apply_profiles(path: Path = INSTITUTIONS) -> int:
    """Fill in the profile of every institution of ``path`` that the database holds; how many were updated.

    Needs Django.  An institution of the file that the import did not create
    is an error (the name in the file and in ``metadata.csv`` differ), as is
    a metal or process slug the vocabulary lacks.
    """
    from portal.taxonomy.models import Institution, Metal, Process

    updated = 0
    for profile in profiles(path):
        institution = Institution.objects.filter(name=profile.name).first()
        if institution is None:
            raise LookupError(f"{path.name}: no institution is called {profile.name!r}; the import creates those "
                              f"that metadata.csv names, so the two files must spell it alike.")
        metals = list(Metal.objects.filter(slug__in=profile.metals))
        processes = list(Process.objects.filter(slug__in=profile.processes))
        unknown = (set(profile.metals) - {m.slug for m in metals}) | (set(profile.processes) - {p.slug for p in processes})
        if unknown:
            raise LookupError(f"{path.name}: {profile.name}: the vocabulary has no {', '.join(sorted(unknown))}.")
        institution.kind = profile.kind
        institution.town = profile.town
        institution.latitude = profile.latitude
        institution.longitude = profile.longitude
        institution.description = profile.description
        institution.full_clean(validate_unique=False)
        institution.save()
        institution.expertise_metals.set(metals)
        institution.expertise_processes.set(processes)
        updated += 1
    return updated


def _slugs(cell: str) -> tuple[str, ...]:
    return tuple(slug.strip() for slug in (cell or "").split(",") if slug.strip())
