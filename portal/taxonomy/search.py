"""Institutions as search results: members look for partners as much as for findings.

An institution's entry carries its description, town, kind and expertise
(metal and process names in both languages), and the titles of the public
projects, papers and technologies it took part in, so that "who worked on
indium recovery?" finds the institutions to call.  Its facet values are its
expertise and itself.  Entries change when the institution is edited (see
``ingest.signals``); a new project of the institution reaches its entry at
the next reconcile, through the changed fingerprint.
"""

from __future__ import annotations

from portal.taxonomy.expand import with_ancestors, with_groups
from portal.taxonomy.models import Institution
from search.documents import SearchDocument


def institution_entry_id(institution_id: int) -> str:
    """The index id of an institution, stable across reindexing."""
    return f"institution:{institution_id}"


def institution_document(institution: Institution) -> SearchDocument:
    """The index entry of ``institution`` (its profile is public, so the entry is)."""
    from portal.events.models import PaperPage
    from portal.projects.models import ProjectPage
    from portal.technologies.models import TechnologyProfilePage

    metals = list(institution.expertise_metals.all())
    processes = list(institution.expertise_processes.all())
    work = [
        *ProjectPage.objects.live().public().filter(partners__institution=institution).distinct(),
        *PaperPage.objects.live().public().filter(authors__institution=institution).distinct(),
        *TechnologyProfilePage.objects.live().public().filter(providers=institution),
    ]
    expertise = [name for item in [*metals, *processes] for name in (item.name_de, item.name_en)]
    return SearchDocument(
        id=institution_entry_id(institution.pk),
        content_type="institution",
        title=institution.name,
        url=institution.get_absolute_url(),
        summary=" · ".join(part for part in (str(institution.get_kind_display()), institution.town) if part),
        body=" ".join([institution.description, *dict.fromkeys(expertise), *(_work_title(page) for page in work)]),
        language="de",
        date=None,
        metals=with_groups(metal.slug for metal in metals),
        processes=with_ancestors(process.slug for process in processes),
        institutions=(institution.slug,),
        visibility=("public",),
    )


def _work_title(page) -> str:
    acronym = getattr(page, "acronym", "")  # projects are known by their acronyms
    return f"{acronym} {page.title}" if acronym else page.title
