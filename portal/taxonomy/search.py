"""Institutions as search results: members look for partners as much as for findings.

An institution's entry carries its description, town, kind and expertise,
and the titles of the public projects, papers and technologies it took part
in, so that "who worked on indium recovery?" finds the institutions to call.
The body reads as prose, since its fragments are what a result shows: the
description, then one German and one English sentence naming the expertise
("Fachgebiete: Kupfer, Indium und Germanium; Hydrometallurgie und
Solventextraktion."), then one sentence on the work.  Its facet values are its
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
    return SearchDocument(
        id=institution_entry_id(institution.pk),
        content_type="institution",
        title=institution.name,
        url=institution.get_absolute_url(),
        summary=" · ".join(part for part in (str(institution.get_kind_display()), institution.town) if part),
        body=institution_body(institution.description, metals, processes, [_work_title(page) for page in work]),
        language="de",
        date=None,
        metals=with_groups(metal.slug for metal in metals),
        processes=with_ancestors(process.slug for process in processes),
        institutions=(institution.slug,),
        visibility=("public",),
    )


def institution_body(description: str, metals, processes, work: list[str]) -> str:
    """The entry's body as sentences: description, expertise in German and in English, the work."""
    sentences = [description.strip()]
    for language, lead, conjunction in (("de", "Fachgebiete", "und"), ("en", "Expertise", "and")):
        parts = [_enumeration([_name(item, language) for item in items], conjunction)
                 for items in (metals, processes) if items]
        if parts:
            sentences.append(f"{lead}: {'; '.join(parts)}.")
    if work:
        sentences.append(f"Beteiligt an (took part in): {'; '.join(work)}.")
    return " ".join(sentence for sentence in sentences if sentence)


def _name(item, language: str) -> str:
    return item.name_en if language == "en" else item.name_de


def _enumeration(names: list[str], conjunction: str) -> str:
    """``Kupfer, Indium und Germanium``."""
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def _work_title(page) -> str:
    acronym = getattr(page, "acronym", "")  # projects are known by their acronyms
    return f"{acronym} {page.title}" if acronym else page.title
