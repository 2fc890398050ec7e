"""Partner finding on every backend: institutions ranked by the evidence of their visible work.

The need is searched like any query; each item found is evidence for the
institutions it names, weighted by their role in it, its recency and the
readiness level it reached (``search.partners``).  Each test indexes the
corpus below into ``empty_backend`` (both backends).
"""

from __future__ import annotations

import datetime as dt

import pytest

from search.documents import Attachment, AttachmentPage, SearchDocument
from search.partners import PartnerQuery, rank_partners

TODAY = dt.date(2026, 6, 1)
MEMBERS = ("public", "members")


def _institution(slug: str, name: str, body: str, metals: tuple[str, ...] = ()) -> SearchDocument:
    return SearchDocument(id=f"institution:{slug}", content_type="institution", title=name, url=f"/members/{slug}/",
                          summary="Forschungsinstitut · Clausthal", body=body, institutions=(slug,), metals=metals)


def _project(id_: str, title: str, summary: str, roles: tuple[str, ...], year: int, readiness: int | None = None,
             visibility: tuple[str, ...] = ("public",), metals: tuple[str, ...] = (), pages: tuple[str, ...] = ()):
    attachments = (Attachment("Abschlussbericht", f"/documents/{id_}.pdf",
                              tuple(AttachmentPage(n, text) for n, text in enumerate(pages, start=1))),) if pages else ()
    return SearchDocument(id=id_, content_type="project", title=title, url=f"/projekte/{id_}/", summary=summary,
                          date=dt.date(year, 3, 1), institutions=tuple(role.split(":")[1] for role in roles),
                          roles=roles, readiness=readiness, visibility=visibility, metals=metals,
                          attachments=attachments)


CORPUS = [
    _institution("tu-harz", "Technische Universität Harz", "Lehrstuhl für Rohstoffaufbereitung und Recycling."),
    _institution("huette-nord", "Hütte Nord GmbH",
                 "Kupferhütte; wir verarbeiten auch Indium-haltige Reststoffe.", metals=("cu", "in")),
    _institution("kreis-goslar", "Landkreis Goslar", "Abfallwirtschaft und Wertstoffhöfe."),
    _institution("recycling-ost", "Recycling Ost GmbH", "Demontage von Elektroaltgeräten."),
    _project("lcd-1", "Indium aus LCD-Altglas", "Das Indium wird aus zerkleinertem LCD-Glas mit Säure gelaugt.",
             ("coordinator:tu-harz", "partner:recycling-ost"), 2024, readiness=6, metals=("in",)),
    _project("lcd-2", "Laugung von Indium aus Displayglas", "Pilotversuche zur Laugung von Indium im 100-L-Reaktor.",
             ("coordinator:tu-harz",), 2022, readiness=5, metals=("in",)),
    _project("lcd-3", "Indiumrückgewinnung im Technikum", "Indium aus Flachbildschirmen, vertrauliche Ergebnisse.",
             ("coordinator:recycling-ost",), 2025, readiness=7, visibility=("members",), metals=("in",)),
    _project("sammlung", "Sammlung von Flachbildschirmen", "Wertstoffhöfe sammeln Altgeräte getrennt.",
             ("coordinator:kreis-goslar",), 2023, pages=("Die Bildschirme enthalten Indium in der ITO-Schicht.",)),
    _project("kupfer", "Kupfer aus Kabelschrott", "Kabel werden zerkleinert und sortiert.",
             ("coordinator:huette-nord",), 2021, metals=("cu",)),
]


@pytest.fixture
def partners_backend(empty_backend):
    empty_backend.index(CORPUS)
    return empty_backend


def rank(backend, text: str, **kwargs) -> list[str]:
    query = PartnerQuery(text=text, today=TODAY, **kwargs)
    return [partner.institution for partner in rank_partners(query, backend=backend).partners]


def test_institutions_with_strong_work_on_the_need_rank_above_a_profile_that_names_it(partners_backend):
    ranked = rank(partners_backend, "Indium")
    assert ranked[0] == "tu-harz"  # coordinated both indium projects
    assert ranked.index("tu-harz") < ranked.index("huette-nord")  # its profile only names indium


def test_an_institution_without_evidence_is_not_listed(partners_backend):
    assert "huette-nord" not in rank(partners_backend, "Flachbildschirme sammeln")
    assert rank(partners_backend, "Flachbildschirme sammeln")[0] == "kreis-goslar"


def test_the_coordinator_ranks_above_a_partner_of_the_same_work(partners_backend):
    ranked = rank(partners_backend, "LCD-Altglas")
    assert ranked[:2] == ["tu-harz", "recycling-ost"]


def test_members_only_work_is_evidence_for_members_only(partners_backend):
    public = rank_partners(PartnerQuery("Indium Flachbildschirme", today=TODAY), backend=partners_backend)
    members = rank_partners(PartnerQuery("Indium Flachbildschirme", viewer_groups=MEMBERS, today=TODAY),
                            backend=partners_backend)
    public_titles = {item.hit.title for partner in public.partners for item in partner.evidence}
    assert "Indiumrückgewinnung im Technikum" not in public_titles
    assert "Indiumrückgewinnung im Technikum" in {item.hit.title for partner in members.partners
                                                   for item in partner.evidence}
    by_slug = {partner.institution: partner for partner in public.partners}
    assert "recycling-ost" not in by_slug or by_slug["recycling-ost"].readiness != 7


def test_evidence_explains_the_rank_with_role_year_and_marked_passage(partners_backend):
    (best, *_rest) = rank_partners(PartnerQuery("Indium", today=TODAY), backend=partners_backend).partners
    assert best.institution == "tu-harz"
    assert {item.hit.id for item in best.evidence} == {"lcd-1", "lcd-2"}
    assert all(item.role == "coordinator" for item in best.evidence)
    assert {item.year for item in best.evidence} == {2022, 2024}
    assert all("<mark>" in item.highlight for item in best.evidence)
    assert best.readiness == 6 and best.evidence_count == 2
    assert best.metals == ("in",)


def test_a_page_of_a_report_is_evidence_and_its_passage_is_shown(partners_backend):
    (partner,) = [partner for partner in rank_partners(PartnerQuery("ITO-Schicht", today=TODAY),
                                                       backend=partners_backend).partners]
    assert partner.institution == "kreis-goslar"
    assert "<mark>" in partner.evidence[0].highlight


def test_a_minimum_readiness_keeps_institutions_whose_work_reached_it(partners_backend):
    assert rank(partners_backend, "Indium", min_readiness=6) == ["tu-harz", "recycling-ost"]
    assert rank(partners_backend, "Indium", min_readiness=7) == []
    assert rank(partners_backend, "Indium", min_readiness=7, viewer_groups=MEMBERS) == ["recycling-ost"]


def test_filters_decide_which_work_counts(partners_backend):
    assert rank(partners_backend, "zerkleinert", filters={"metal": ("cu",)}) == ["huette-nord"]
    assert set(rank(partners_backend, "zerkleinert")) == {"huette-nord", "tu-harz", "recycling-ost"}


def test_among_keeps_only_the_given_institutions(partners_backend):
    assert set(rank(partners_backend, "Indium", among=frozenset({"huette-nord", "kreis-goslar"}))) == {
        "huette-nord", "kreis-goslar"}
    assert rank(partners_backend, "Indium", among=frozenset()) == []


def test_a_malformed_need_finds_nothing_and_raises_nothing(partners_backend):
    for text in ('"', "((( AND", "*", "🙂", "x" * 600):
        rank(partners_backend, text)
