"""Tags recognised in a document's text count as facet values, and results say which ones were only detected."""

from __future__ import annotations

from search.documents import Attachment, AttachmentPage, SearchDocument
from search.query import SearchQuery

ARCHIVED = SearchDocument(
    id="document:9001",
    content_type="document",
    title="Tagungsband Recycling-Symposium 2011",
    url="/documents/9001/tagungsband-2011.pdf",
    summary="Beiträge zur Rückgewinnung von Indium und Gallium.",
    attachments=(Attachment("Tagungsband 2011", "/documents/9001/tagungsband-2011.pdf",
                            (AttachmentPage(4, "Indium wurde aus Displayglas gelaugt."),)),),
    metals=("ga", "in"),  # gallium chosen by the editor, indium only detected
    processes=("leaching",),
    detected=("metals:in", "processes:leaching"),
)


def test_detected_values_filter_and_count_like_chosen_ones(empty_backend):
    empty_backend.index([ARCHIVED])
    results = empty_backend.search(SearchQuery(text="Tagungsband", filters={"metal": ("in",)}))
    assert [hit.id for hit in results.hits] == [ARCHIVED.id]
    counts = {count.value: count.count for count in results.facets["metal"]}
    assert counts == {"ga": 1, "in": 1}


def test_a_hit_says_which_values_were_only_detected(empty_backend):
    empty_backend.index([ARCHIVED])
    (hit,) = empty_backend.search(SearchQuery(text="Tagungsband")).hits
    assert set(hit.detected) == {"metals:in", "processes:leaching"}
    assert set(hit.metals) == {"ga", "in"}
