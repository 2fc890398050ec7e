"""Search within a scope on every backend: one project, or one symposium edition and its papers.

An entry lists the scopes it belongs to (``SearchDocument.scopes``: a
project's entry ``project:<slug>``, an edition and its papers
``edition:<slug>``); ``SearchQuery.scope`` keeps only the entries of one
scope.  It is a filter: it decides what is found, never the order, the
facets count within it, and visibility applies inside it as everywhere.
Each test indexes the corpus below into ``empty_backend`` (both backends).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from search.documents import Attachment, AttachmentPage, SearchDocument
from search.facets import FACETS
from search.query import SearchQuery, SearchResults

MEMBERS = ("public", "members")
INREC = "project:inrec"
SYMPOSIUM = "edition:symposium-2023"

INREC_PROJECT = SearchDocument(
    id="page:1", content_type="project", title="InRec: Indium aus Flachbildschirmen", url="/projekte/inrec/",
    summary="Das Indium der ITO-Schicht wird aus zerkleinertem Displayglas gelaugt.",
    body="Die Laugung mit Salzsäure löst das Indium; Zinn bleibt im Rückstand.",
    date=dt.date(2023, 4, 1), metals=("in", "sn"), processes=("leaching",), institutions=("tu-harz",),
    scopes=(INREC,),
    attachments=(Attachment("Abschlussbericht InRec", "/documents/1/inrec.pdf", (
        AttachmentPage(1, "Abschlussbericht. Indium aus Flüssigkristallbildschirmen."),
        AttachmentPage(2, "Kapitel 2: Bei der Zementation mit Zinkpulver fiel das Indium quantitativ aus."),
    )),),
)
# an entry of the project that only members may see (an internal protocol listed in its scope)
INREC_INTERNAL = SearchDocument(
    id="document:7", content_type="document", title="Protokoll des Projekttreffens InRec",
    url="/documents/7/protokoll.pdf", summary="Vertraulich: die Laugung im Technikum und ihre Kosten.",
    date=dt.date(2024, 1, 15), metals=("in",), processes=("leaching",), scopes=(INREC,), visibility=("members",),
)
OTHER_PROJECT = SearchDocument(
    id="page:2", content_type="project", title="Gallium aus LED-Schleifschlamm", url="/projekte/gallium/",
    summary="Eine alkalische Laugung löst das Gallium und etwas Indium aus dem Schlamm.",
    body="Die Zementation mit Zinkpulver gelang hier nicht.",
    date=dt.date(2022, 9, 1), metals=("ga", "in"), processes=("leaching",), institutions=("tu-harz",),
    scopes=("project:gallium",),
)
EDITION = SearchDocument(
    id="page:10", content_type="event", title="Recycling-Symposium 2023", url="/veranstaltungen/symposium-2023/",
    summary="Zwei Tage Vorträge über die Laugung strategischer Metalle.", date=dt.date(2023, 9, 20),
    editions=("symposium-2023",), scopes=(SYMPOSIUM,),
)
PAPER_GALLIUM = SearchDocument(
    id="page:11", content_type="paper", title="Laugung von Gallium aus Reststoffen",
    url="/veranstaltungen/symposium-2023/gallium/", summary="Gallium wird bei pH 1 gelaugt.",
    date=dt.date(2023, 9, 20), language="de", metals=("ga",), processes=("leaching",),
    institutions=("tu-harz",), editions=("symposium-2023",), scopes=(SYMPOSIUM,),
)
PAPER_INDIUM = SearchDocument(
    id="page:12", content_type="paper", title="Indium recovery by solvent extraction",
    url="/veranstaltungen/symposium-2023/indium/", summary="Indium is extracted from the leach liquor.",
    date=dt.date(2023, 9, 20), language="en", metals=("in",), processes=("solvent-extraction",),
    institutions=("huette-nord",), editions=("symposium-2023",), scopes=(SYMPOSIUM,),
)
PAPER_MEMBERS = SearchDocument(
    id="page:13", content_type="paper", title="Tantal aus Kondensatoren: Laugung im Technikum",
    url="/veranstaltungen/symposium-2023/tantal/", summary="Vertrauliche Ergebnisse zur Laugung von Tantal.",
    date=dt.date(2023, 9, 20), metals=("ta",), processes=("leaching",), editions=("symposium-2023",),
    scopes=(SYMPOSIUM,), visibility=("members",),
)
PAPER_OTHER_EDITION = SearchDocument(
    id="page:21", content_type="paper", title="Laugung von Indium im Säulenversuch",
    url="/veranstaltungen/forum-2024/indium/", summary="Indium und Gallium werden im Säulenversuch gelaugt.",
    date=dt.date(2024, 5, 2), metals=("in", "ga"), processes=("leaching",), editions=("forum-2024",),
    scopes=("edition:forum-2024",),
)
NEWS = SearchDocument(
    id="page:30", content_type="news", title="Laugung von Indium: der Cluster berichtet",
    url="/aktuelles/laugung/", summary="Neues über die Laugung von Indium und Gallium.", date=dt.date(2024, 6, 1),
    metals=("in", "ga"),
)

CORPUS = (INREC_PROJECT, INREC_INTERNAL, OTHER_PROJECT, EDITION, PAPER_GALLIUM, PAPER_INDIUM, PAPER_MEMBERS,
          PAPER_OTHER_EDITION, NEWS)


@pytest.fixture
def scoped(empty_backend):
    empty_backend.index(CORPUS)
    return empty_backend


def search(backend, text: str = "", scope: str | None = None, viewer_groups=("public",), page: int = 1,
           page_size: int = 10, sort: str = "relevance", **filters: tuple[str, ...]) -> SearchResults:
    return backend.search(SearchQuery(text=text, filters=filters, page=page, page_size=page_size,
                                      viewer_groups=viewer_groups, sort=sort, scope=scope))


def ids(results: SearchResults) -> list[str]:
    return [hit.id for hit in results.hits]


def counts(results: SearchResults, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in results.facets[facet]}


# --- only the items of the scope ------------------------------------------------------


def test_a_project_scope_finds_the_project_and_nothing_else(scoped):
    results = search(scoped, scope=INREC)
    assert (results.total, ids(results)) == (1, ["page:1"])


def test_an_edition_scope_finds_the_edition_and_its_papers(scoped):
    results = search(scoped, scope=SYMPOSIUM)
    assert results.total == 3
    assert set(ids(results)) == {"page:10", "page:11", "page:12"}


def test_a_word_is_searched_within_the_scope_only(scoped):
    assert set(ids(search(scoped, "Laugung"))) >= {"page:1", "page:2", "page:10", "page:11", "page:21", "page:30"}
    # the English paper says "leach": the word's translation
    assert set(ids(search(scoped, "Laugung", scope=SYMPOSIUM))) == {"page:10", "page:11", "page:12"}
    assert ids(search(scoped, "Gallium", scope=INREC)) == []


def test_a_word_of_a_report_finds_the_project_with_the_page_that_holds_it(scoped):
    (hit,) = search(scoped, "Zementation", scope=INREC).hits
    assert hit.id == "page:1"
    assert [(page.attachment_title, page.number) for page in hit.page_hits] == [("Abschlussbericht InRec", 2)]
    # the other project says the word too, but outside the scope
    assert set(ids(search(scoped, "Zementation"))) == {"page:1", "page:2"}


def test_a_scope_never_changes_the_order(scoped):
    for text, scope in (("Indium Laugung", SYMPOSIUM), ("Indium", "edition:forum-2024"), ("Laugung Gallium", None),
                        ("", SYMPOSIUM), ("Indium Zinkpulver", INREC)):
        everywhere = ids(search(scoped, text, page_size=50))
        members = {document.id for document in CORPUS if scope is None or scope in document.scopes}
        assert ids(search(scoped, text, scope=scope, page_size=50)) == [id_ for id_ in everywhere if id_ in members]
    # the same day: by title
    assert ids(search(scoped, "Laugung", scope=SYMPOSIUM, sort="date")) == ["page:12", "page:11", "page:10"]


def test_a_scope_that_no_entry_lists_finds_nothing(scoped):
    for scope in ("project:gibt-es-nicht", "edition:inrec", "project:symposium-2023"):
        results = search(scoped, scope=scope)
        assert (results.total, results.hits) == (0, ())
        assert all(values == () for values in results.facets.values()), scope


def test_results_are_paged_within_the_scope(scoped):
    pages = [search(scoped, scope=SYMPOSIUM, page=number, page_size=2) for number in (1, 2)]
    assert [results.total for results in pages] == [3, 3]
    assert [len(results.hits) for results in pages] == [2, 1]
    assert {id_ for results in pages for id_ in ids(results)} == {"page:10", "page:11", "page:12"}


# --- facets count within the scope -----------------------------------------------------


def test_facets_count_within_the_scope(scoped):
    results = search(scoped, scope=SYMPOSIUM)
    assert counts(results, "type") == {"event": 1, "paper": 2}
    assert counts(results, "metal") == {"ga": 1, "in": 1}
    assert counts(results, "edition") == {"symposium-2023": 3}
    assert counts(results, "institution") == {"tu-harz": 1, "huette-nord": 1}
    assert counts(results, "language") == {"de": 2, "en": 1}
    assert counts(search(scoped, scope=INREC), "metal") == {"in": 1, "sn": 1}


def test_facets_count_the_text_matches_within_the_scope(scoped):
    results = search(scoped, "Indium", scope=SYMPOSIUM)
    assert ids(results) == ["page:12"]
    assert counts(results, "metal") == {"in": 1}
    assert set(results.facets) == {facet.name for facet in FACETS}


# --- visibility inside a scope -----------------------------------------------------------


def test_a_members_only_item_of_the_scope_is_not_found_by_a_visitor(scoped):
    assert ids(search(scoped, "Protokoll", scope=INREC)) == []
    assert ids(search(scoped, "Tantal", scope=SYMPOSIUM)) == []
    visitor = search(scoped, scope=SYMPOSIUM)
    assert "ta" not in counts(visitor, "metal")
    assert counts(visitor, "type") == {"event": 1, "paper": 2}


def test_a_member_finds_the_members_only_items_of_the_scope(scoped):
    assert ids(search(scoped, "Protokoll", scope=INREC, viewer_groups=MEMBERS)) == ["document:7"]
    member = search(scoped, scope=SYMPOSIUM, viewer_groups=MEMBERS)
    assert set(ids(member)) == {"page:10", "page:11", "page:12", "page:13"}
    assert counts(member, "metal") == {"ga": 1, "in": 1, "ta": 1}
    assert set(ids(search(scoped, scope=INREC, viewer_groups=MEMBERS))) == {"page:1", "document:7"}


# --- with filters and text ----------------------------------------------------------------


def test_a_filter_narrows_the_scope_and_counts_other_values_within_it(scoped):
    results = search(scoped, scope=SYMPOSIUM, metal=("ga",))
    assert ids(results) == ["page:11"]
    # the metal facet ignores its own filter but not the scope; the others apply both
    assert counts(results, "metal") == {"ga": 1, "in": 1}
    assert counts(results, "type") == {"paper": 1}
    assert counts(results, "edition") == {"symposium-2023": 1}


def test_text_filters_and_scope_together(scoped):
    assert set(ids(search(scoped, "Laugung", scope=SYMPOSIUM, type=("paper",)))) == {"page:11", "page:12"}
    assert ids(search(scoped, "Gallium Laugung", scope=SYMPOSIUM, type=("paper",))) == ["page:11"]
    assert ids(search(scoped, "Laugung", scope=SYMPOSIUM, type=("news",))) == []
    assert ids(search(scoped, "Indium", scope=INREC, process=("leaching",))) == ["page:1"]
    assert set(ids(search(scoped, "Laugung", scope=SYMPOSIUM, type=("paper",), viewer_groups=MEMBERS))) == {
        "page:11", "page:12", "page:13"}


def test_a_scope_and_a_facet_of_another_edition_find_nothing(scoped):
    results = search(scoped, scope=SYMPOSIUM, edition=("forum-2024",))
    assert (results.total, results.hits) == (0, ())
    # the edition facet counts within the scope without its own filter; the selected value shows with 0
    assert {value.value: (value.count, value.selected) for value in results.facets["edition"]} == {
        "symposium-2023": (3, False), "forum-2024": (0, True)}


# --- writing ------------------------------------------------------------------------------


def test_reindexing_an_entry_replaces_its_scopes_and_deleting_it_removes_it(scoped):
    moved = dataclasses.replace(PAPER_INDIUM, scopes=("edition:forum-2024",), editions=("forum-2024",))
    scoped.index([moved])
    assert set(ids(search(scoped, scope=SYMPOSIUM))) == {"page:10", "page:11"}
    assert set(ids(search(scoped, scope="edition:forum-2024"))) == {"page:12", "page:21"}
    scoped.delete(["page:21"])
    assert ids(search(scoped, scope="edition:forum-2024")) == ["page:12"]


def test_an_entry_in_two_scopes_is_found_in_each(scoped):
    shared = dataclasses.replace(PAPER_OTHER_EDITION, id="page:40", scopes=(SYMPOSIUM, INREC))
    scoped.index([shared])
    assert "page:40" in ids(search(scoped, scope=SYMPOSIUM))
    assert set(ids(search(scoped, scope=INREC))) == {"page:1", "page:40"}
