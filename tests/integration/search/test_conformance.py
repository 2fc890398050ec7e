"""What every search backend does: one specification, run on each backend.

Matching semantics (both backends, see ``search.matching``): the text is
split into words and "quoted phrases"; ranked retrieval, not boolean
matching.  An item holds a clause if it occurs in its own fields (title,
summary, body) or on any page of its PDFs; it is found when the clauses it
holds weigh enough (rare words weigh more; a quoted phrase must match, as
written or word by word, and as written ranks first), and
items holding more of the query rank higher.  Pages holding a clause are
reported, best first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from search.documents import Attachment, AttachmentPage, SearchDocument
from search.facets import FACETS
from search.query import MAX_QUERY_LENGTH, FacetCount, SearchQuery, SearchResults
from tests.integration.search.conftest import (BIOLEACHING_HARZ, CABLE_UNDATED, COPPER_PCB, CORPUS, GALLIUM_LED,
                                               INDIUM_LCD, LCD_DATASHEET_URL, LCD_REPORT_URL, MAGNETS_REE,
                                               PDF_ONLY_WORD, PDF_ONLY_WORD_EN, PUBLIC, TANTALUM_MEMBERS,
                                               WORKSHOP_NEWS)

MEMBERS = ("public", "members")


def search(backend, text: str = "", viewer_groups=("public",), page: int = 1, page_size: int = 10,
           sort: str = "relevance", **filters: tuple[str, ...]) -> SearchResults:
    return backend.search(SearchQuery(text=text, filters=filters, page=page, page_size=page_size,
                                      viewer_groups=viewer_groups, sort=sort))


def ids(results: SearchResults) -> list[str]:
    return [hit.id for hit in results.hits]


def found(backend, text: str, **kwargs) -> set[str]:
    return set(ids(search(backend, text, **kwargs)))


def counts(results: SearchResults, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in results.facets[facet]}


def selected(results: SearchResults, facet: str) -> set[str]:
    return {value.value for value in results.facets[facet] if value.selected}


def without_marks(fragment: str) -> str:
    return fragment.replace("<mark>", "").replace("</mark>", "")


# --- capabilities ---------------------------------------------------------------


def test_declares_facets_and_page_hits(backend):
    assert backend.supports_facets is True
    assert backend.supports_page_hits is True


def test_setup_is_safe_to_repeat(backend):
    backend.setup()
    assert backend.count() == len(CORPUS)


# --- words, phrases and fields --------------------------------------------------------


def test_a_word_in_the_title_finds_the_document(backend):
    results = search(backend, "Kabelschrott")
    assert ids(results) == [CABLE_UNDATED.id]
    hit = results.hits[0]
    assert (hit.title, hit.url, hit.content_type, hit.summary) == (
        CABLE_UNDATED.title, CABLE_UNDATED.url, "project", CABLE_UNDATED.summary)
    assert hit.date is None
    assert hit.metals == ("cu",) and hit.processes == ("mechanical-processing",) and hit.institutions == ("cutec",)


def test_a_hit_carries_its_date_and_facet_values_in_order(backend):
    hit = search(backend, "Neodymium").hits[0]
    assert hit.id == MAGNETS_REE.id
    assert hit.date == dt.date(2024, 6, 30)
    assert hit.metals == ("nd", "dy", "ree")
    assert hit.score > 0


def test_case_does_not_matter(backend):
    assert found(backend, "GALLIUM") == found(backend, "gallium") == {GALLIUM_LED.id, WORKSHOP_NEWS.id}


def test_umlauts_match_as_written(backend):
    assert found(backend, "Bergbaurückständen") == {BIOLEACHING_HARZ.id}


def test_one_word_must_occur(backend):
    assert found(backend, "Indium") == {INDIUM_LCD.id, GALLIUM_LED.id, BIOLEACHING_HARZ.id, WORKSHOP_NEWS.id}
    assert found(backend, "Neodymium") == {MAGNETS_REE.id}


def test_of_two_words_the_rarer_alone_finds_an_item_the_common_one_does_not(backend):
    # Neodymium stands in one item, Indium in four: the magnets are found for their rare word,
    # the four indium items are not found for the common one
    assert found(backend, "Indium Neodymium") == {MAGNETS_REE.id}
    # both items with Gallium also hold Indium
    assert found(backend, "Indium Gallium") == {GALLIUM_LED.id, WORKSHOP_NEWS.id}


def test_an_item_holding_more_of_the_query_ranks_higher(backend):
    # "Indium Gallium Magneten": the workshop holds all three, the LED project two
    assert ids(search(backend, "Indium Gallium Magneten"))[:2] == [WORKSHOP_NEWS.id, GALLIUM_LED.id]


def test_stop_words_never_decide(backend):
    # "aus" and "from" are optional: "Kupfer aus Kabelschrott" needs only its two words
    assert ids(search(backend, "Kupfer aus Kabelschrott"))[0] == CABLE_UNDATED.id
    assert ids(search(backend, "copper from boards"))[0] == COPPER_PCB.id
    assert found(backend, "Gallium aus Neodymium") == found(backend, "Gallium Neodymium")
    # a query of stop words only asks for them
    assert found(backend, "aus") == found(backend, '"aus"')


def test_a_quoted_phrase_must_match_whatever_the_other_words(backend):
    # the other words are a query of their own: of "LED Neodymium" either rare word is enough
    assert found(backend, '"Gallium aus Produktionsabfällen" LED Neodymium') == {GALLIUM_LED.id}
    assert found(backend, '"Neodymium aus Produktionsabfällen" LED Gallium') == set()


def test_words_may_come_from_different_own_fields(backend):
    # "Altglas" is in the title, "Salzsäure" in the body
    assert found(backend, "Altglas Salzsäure") == {INDIUM_LCD.id}


def test_a_quoted_phrase_matches_word_by_word_and_as_written_ranks_first(backend):
    assert found(backend, '"printed circuit boards"') == {COPPER_PCB.id}
    assert found(backend, '"boards circuit printed"') == {COPPER_PCB.id}  # each word by its stems
    assert found(backend, '"Neodymium Kabelschrott"') == set()  # no item holds both words


def test_the_stop_words_of_a_quoted_phrase_are_optional(backend):
    assert found(backend, '"Gallium aus Produktionsabfällen"') == {GALLIUM_LED.id}
    assert found(backend, '"Gallium von Produktionsabfällen"') == {GALLIUM_LED.id}


def test_a_hyphenated_chunk_matches_as_written_or_word_by_word(backend):
    assert found(backend, "LCD-Altglas") == {INDIUM_LCD.id}
    assert found(backend, "Altglas-LCD") == {INDIUM_LCD.id}  # each word by its stems, in any order
    assert found(backend, "LCD-Glas") == {INDIUM_LCD.id}  # "Altglas" holds "Glas"
    assert found(backend, "LCD-Neodymium") == set()


def test_inflected_forms_find_each_other_but_prefixes_do_not(backend):
    assert found(backend, "Zinkpulver") == found(backend, "Zinkpulvers") == {INDIUM_LCD.id}
    assert found(backend, "Zinkpu") == set()
    assert found(backend, "magnet") == found(backend, "Magneten") == {MAGNETS_REE.id, WORKSHOP_NEWS.id}
    assert found(backend, "Reststoff") == {GALLIUM_LED.id}  # "Reststoffen"
    assert found(backend, "boards") == found(backend, "board")


def test_umlauts_and_their_absence_find_each_other_through_stems(backend):
    assert found(backend, "Ruckgewinnung") == found(backend, "Rückgewinnung")
    assert {INDIUM_LCD.id, WORKSHOP_NEWS.id} <= found(backend, "Rückgewinnung")


def test_a_word_finds_its_translation(backend):
    # "copper" finds the German "Kupfer" items; "Kupfer" the English one; "Rückgewinnung" the "recovery", and
    # the rare earths "recovered as oxides" (any form of the English word)
    assert found(backend, "copper") == found(backend, "Kupfer") == {COPPER_PCB.id, BIOLEACHING_HARZ.id,
                                                                     CABLE_UNDATED.id}
    assert found(backend, "Rückgewinnung") == {INDIUM_LCD.id, WORKSHOP_NEWS.id, COPPER_PCB.id, MAGNETS_REE.id}
    assert found(backend, "recovery") == found(backend, "recovered")
    # "scrap boards" in English; "Kabelschrott" in German, where "Schrott" is a part
    assert set(ids(search(backend, "copper scrap"))[:2]) == {COPPER_PCB.id, CABLE_UNDATED.id}


def test_a_german_compound_finds_its_parts_written_apart(backend):
    # "Kupfergranulat" in CABLE_UNDATED; BIOLEACHING_HARZ has "Kupfer" but no "Granulat"
    assert found(backend, "Kupfergranulat") == {CABLE_UNDATED.id}
    # "Indiumrückgewinnung": Indium and Rückgewinnung stand apart in the LCD project
    assert INDIUM_LCD.id in found(backend, "Indiumrückgewinnung")


def test_inflected_forms_are_highlighted(backend):
    hit = next(hit for hit in search(backend, "Magnet").hits if hit.id == WORKSHOP_NEWS.id)
    assert any("<mark>Magneten</mark>" in fragment for fragment in hit.highlights)


def test_stop_words_and_words_that_merely_start_like_them_are_not_highlighted(backend):
    # "aus" decides nothing, so it marks nothing: neither "aus" nor "Aus dem Glas ausgedienter ..."
    hit = next(hit for hit in search(backend, "Indium aus Glas").hits if hit.id == INDIUM_LCD.id)
    marked = re.findall(r"<mark>(.*?)</mark>", " ".join(hit.highlights))
    assert marked and not [word for word in marked if word.lower().startswith("aus")]
    assert {"Indium", "Glas"} & set(marked)


def test_a_quoted_word_matches_only_as_written(backend):
    assert found(backend, '"Zinkpulvers"') == set()
    assert found(backend, '"Zinkpulver"') == {INDIUM_LCD.id}


def test_title_matches_rank_above_body_matches(backend):
    # GALLIUM_LED has "Gallium" in its title; WORKSHOP_NEWS only in summary and body
    assert ids(search(backend, "Gallium")) == [GALLIUM_LED.id, WORKSHOP_NEWS.id]


# --- PDF pages -----------------------------------------------------------------------


def test_a_word_only_in_a_pdf_page_finds_the_document_and_the_page(backend):
    assert PDF_ONLY_WORD.lower() not in f"{INDIUM_LCD.title} {INDIUM_LCD.summary} {INDIUM_LCD.body}".lower()
    results = search(backend, PDF_ONLY_WORD)
    assert ids(results) == [INDIUM_LCD.id]
    (page_hit,) = results.hits[0].page_hits
    assert (page_hit.attachment_title, page_hit.attachment_url, page_hit.number) == (
        "Abschlussbericht InLCD", LCD_REPORT_URL, 3)
    assert page_hit.url == f"{LCD_REPORT_URL}#page=3"
    assert f"<mark>{PDF_ONLY_WORD}</mark>" in page_hit.highlight


def test_an_english_pdf_word_is_found_too(backend):
    results = search(backend, PDF_ONLY_WORD_EN)
    assert ids(results) == [COPPER_PCB.id]
    assert [page.number for page in results.hits[0].page_hits] == [2]


def test_every_page_with_all_words_is_reported_across_attachments(backend):
    (hit,) = search(backend, "Zinkpulver").hits
    assert {(page.attachment_url, page.number) for page in hit.page_hits} == {
        (LCD_REPORT_URL, 3), (LCD_DATASHEET_URL, 1)}


def test_the_page_holding_all_words_is_reported_first(backend):
    (hit,) = search(backend, f"{PDF_ONLY_WORD} Zinkpulver").hits
    assert [(page.attachment_url, page.number) for page in hit.page_hits][0] == (LCD_REPORT_URL, 3)
    # the data sheet holds only "Zinkpulver": reported, after the page that holds both
    assert (LCD_DATASHEET_URL, 1) in [(page.attachment_url, page.number) for page in hit.page_hits]


def test_an_item_holds_the_words_of_all_its_pages_and_own_fields_together(backend):
    # "zerlegt" is on page 2 of the report, the PDF-only word on page 3, "Flachbildschirme" in the summary
    (hit,) = search(backend, f"{PDF_ONLY_WORD} zerlegt").hits
    assert hit.id == INDIUM_LCD.id
    assert {page.number for page in hit.page_hits if page.attachment_url == LCD_REPORT_URL} == {2, 3}
    assert ids(search(backend, f"Flachbildschirme {PDF_ONLY_WORD}")) == [INDIUM_LCD.id]


def test_a_document_found_by_its_own_fields_reports_matching_pages_too(backend):
    (hit,) = search(backend, "Goslar").hits  # in the summary and on page 1
    assert hit.id == BIOLEACHING_HARZ.id
    assert [page.number for page in hit.page_hits] == [1]
    assert any("<mark>Goslar</mark>" in fragment for fragment in hit.highlights)


def test_a_phrase_in_a_pdf_page(backend):
    # the report's first page holds the phrase as written
    hit = search(backend, '"Rückgewinnung von Indium"').hits[0]
    assert hit.id == INDIUM_LCD.id
    assert hit.page_hits[0].number == 1


# --- highlights -------------------------------------------------------------------------


def test_highlights_mark_the_words_in_own_fields(backend):
    (hit,) = search(backend, "Salzsäure").hits
    assert any("<mark>Salzsäure</mark>" in fragment for fragment in hit.highlights)


def test_highlights_escape_html_except_the_marks(backend):
    (hit,) = search(backend, "alert").hits
    assert hit.id == INDIUM_LCD.id
    text = " ".join(hit.highlights)
    assert "<mark>alert</mark>" in text
    assert "&lt;script&gt;" in text
    assert "<script>" not in text
    for fragment in hit.highlights:
        assert not re.search(r"[<>]", without_marks(fragment))


def test_page_highlights_escape_html_except_the_marks(backend):
    (hit,) = search(backend, "Temperaturen").hits
    (page_hit,) = hit.page_hits
    assert "<mark>Temperaturen</mark>" in page_hit.highlight
    assert "&lt;" in page_hit.highlight and "&gt;" in page_hit.highlight
    assert not re.search(r"[<>]", without_marks(page_hit.highlight))


def test_no_text_means_no_highlights(backend):
    for hit in search(backend).hits:
        assert hit.highlights == () and hit.page_hits == ()


# --- hostile and odd input -------------------------------------------------------------------


HOSTILE = [
    '"unbalanced', "((", "))", "AND OR NOT", "*", "-", "+", "|", "NEAR(", "NEAR(indium gallium, 2)",
    "title:indium", "indium~2", "in^3dium", "\\", "indium\\", '"indium\\" gallium', "[", "{!}", '""', '" "',
    "🔥♻️", "😀 indium", "\x00\x1f", "a" * 2000, "indium " * 400, '"' * 99, "-(*)-", "ÄÖÜß", "日本語", "½",
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda text: repr(text[:20]))
def test_no_input_is_a_syntax_error(backend, text):
    results = search(backend, text)
    assert 0 <= len(results.hits) <= results.total
    assert set(results.facets) == {facet.name for facet in FACETS}


def test_operators_are_plain_text(backend):
    assert found(backend, f'"{PDF_ONLY_WORD}') == {INDIUM_LCD.id}  # unpaired quote ignored
    assert found(backend, f"-{PDF_ONLY_WORD}") == {INDIUM_LCD.id}  # minus is not NOT
    assert found(backend, f"({PDF_ONLY_WORD} ((") == {INDIUM_LCD.id}
    assert found(backend, f"{PDF_ONLY_WORD}*") == {INDIUM_LCD.id}


def test_text_without_words_is_like_no_text(backend):
    assert search(backend, "(( * - 🔥").total == search(backend, "").total == len(PUBLIC)


def test_text_is_cut_at_the_maximum_length(backend):
    assert found(backend, "Kabelschrott" + " " * (MAX_QUERY_LENGTH - 20) + "zzzz") == set()
    assert found(backend, "Kabelschrott" + " " * MAX_QUERY_LENGTH + "zzzz") == {CABLE_UNDATED.id}


# --- visibility -------------------------------------------------------------------------------


def test_members_only_documents_never_reach_the_public(backend):
    results = search(backend)
    assert TANTALUM_MEMBERS.id not in ids(results)
    assert results.total == len(PUBLIC)
    assert "ta" not in counts(results, "metal")
    assert counts(results, "process")["pyrometallurgy"] == 1  # COPPER_PCB only
    assert search(backend, "Kondensatorschrott").total == 0
    assert search(backend, "", metal=("ta",)).total == 0


def test_members_see_members_only_documents(backend):
    results = search(backend, viewer_groups=MEMBERS)
    assert results.total == len(CORPUS)
    assert ids(results)[0] == TANTALUM_MEMBERS.id  # the newest
    assert counts(results, "metal")["ta"] == 1
    assert counts(results, "process")["pyrometallurgy"] == 2
    assert found(backend, "Kondensatorschrott", viewer_groups=MEMBERS) == {TANTALUM_MEMBERS.id}


def test_a_viewer_without_groups_sees_nothing(backend):
    results = search(backend, viewer_groups=())
    assert (results.total, results.hits) == (0, ())
    assert all(values == () for values in results.facets.values())


# --- facets -------------------------------------------------------------------------------------


def test_facet_counts_without_filters(backend):
    results = search(backend)
    assert counts(results, "metal") == {"in": 4, "cu": 3, "ga": 2, "ree": 2, "ag": 1, "au": 1, "dy": 1,
                                        "nd": 1, "sn": 1, "zn": 1}
    assert [value.value for value in results.facets["metal"]][:4] == ["in", "cu", "ga", "ree"]  # by count, then value
    assert counts(results, "institution")["tu-clausthal"] == 3
    assert not any(value.selected for facet in results.facets.values() for value in facet)


def test_facet_counts_follow_the_text(backend):
    results = search(backend, PDF_ONLY_WORD)
    assert counts(results, "metal") == {"in": 1, "sn": 1}
    assert counts(results, "process") == {"hydrometallurgy": 1, "leaching": 1, "solvent-extraction": 1}


def test_values_of_one_facet_are_ored(backend):
    results = search(backend, metal=("in", "cu"))
    assert set(ids(results)) == {INDIUM_LCD.id, COPPER_PCB.id, GALLIUM_LED.id, BIOLEACHING_HARZ.id,
                                 CABLE_UNDATED.id, WORKSHOP_NEWS.id}
    assert results.total == 6


def test_facets_are_anded(backend):
    results = search(backend, metal=("in",), process=("leaching",))
    assert set(ids(results)) == {INDIUM_LCD.id, GALLIUM_LED.id, BIOLEACHING_HARZ.id}
    assert results.total == 3


def test_a_facet_counts_without_its_own_filter_but_with_the_others(backend):
    results = search(backend, metal=("in",), process=("leaching",))
    # metal counts: only the process filter applies (INDIUM_LCD, GALLIUM_LED, BIOLEACHING_HARZ)
    assert counts(results, "metal") == {"in": 3, "sn": 1, "ga": 1, "cu": 1, "zn": 1}
    # process counts: only the metal filter applies (the three and WORKSHOP_NEWS, which has none)
    assert counts(results, "process") == {"leaching": 3, "hydrometallurgy": 2, "solvent-extraction": 1,
                                          "bioleaching": 1}
    # institution counts: both apply
    assert counts(results, "institution") == {"tu-clausthal": 2, "tu-bergakademie-freiberg": 1, "lbeg": 1}
    assert selected(results, "metal") == {"in"} and selected(results, "process") == {"leaching"}
    assert selected(results, "institution") == set()


def test_a_single_filter_leaves_its_own_counts_unchanged(backend):
    unfiltered = search(backend)
    filtered = search(backend, metal=("ga",))
    assert counts(filtered, "metal") == counts(unfiltered, "metal")
    assert filtered.total == 2
    assert counts(filtered, "institution") == {"tu-bergakademie-freiberg": 1, "tu-clausthal": 1,
                                               "helmholtz-freiberg": 1}


def test_a_selected_value_is_listed_even_at_zero(backend):
    results = search(backend, metal=("in",), process=("pyrometallurgy",))
    assert results.total == 0 and results.hits == ()
    # metal counts under process=pyrometallurgy: COPPER_PCB only; "in" stays listed
    assert counts(results, "metal") == {"cu": 1, "au": 1, "ag": 1, "in": 0}
    assert FacetCount("in", 0, True) in results.facets["metal"]
    assert FacetCount("pyrometallurgy", 0, True) in results.facets["process"]


def test_an_unknown_selected_value_is_listed_at_zero_and_matches_nothing(backend):
    results = search(backend, metal=("unobtainium",))
    assert results.total == 0
    assert results.facets["metal"][-1] == FacetCount("unobtainium", 0, True)
    assert counts(results, "metal")["in"] == 4


def test_selected_values_with_hits_are_flagged(backend):
    results = search(backend, metal=("cu", "ga"))
    assert {value for value in results.facets["metal"] if value.selected} == {
        FacetCount("cu", 3, True), FacetCount("ga", 2, True)}


def test_filters_of_unknown_facets_are_ignored(backend):
    assert search(backend, colour=("red",)).total == len(PUBLIC)


# --- order and pages ---------------------------------------------------------------------------


NEWEST_FIRST = [MAGNETS_REE.id, WORKSHOP_NEWS.id,  # 2024-06-30, by title
                COPPER_PCB.id, INDIUM_LCD.id, GALLIUM_LED.id, BIOLEACHING_HARZ.id,
                CABLE_UNDATED.id]  # no date: last


def test_content_type_year_and_language_are_facets_of_their_own(backend):
    results = search(backend)
    assert counts(results, "type") == {"project": 6, "news": 1}
    assert counts(results, "year") == {"2021": 1, "2022": 1, "2023": 1, "2024": 3}  # the undated one has none
    assert counts(results, "language") == {"de": 5, "en": 2}


def test_content_type_year_and_language_filter_like_any_facet(backend):
    assert set(ids(search(backend, type=("news",)))) == {WORKSHOP_NEWS.id}
    assert set(ids(search(backend, year=("2024",), language=("en",)))) == {COPPER_PCB.id, MAGNETS_REE.id}
    results = search(backend, "Indium", year=("2022", "2023"))
    assert set(ids(results)) == {INDIUM_LCD.id, GALLIUM_LED.id}
    # the year facet counts without its own filter, with the text
    assert counts(results, "year") == {"2021": 1, "2022": 1, "2023": 1, "2024": 1}
    assert counts(results, "type") == {"project": 2}


def test_sorting_by_date_puts_the_newest_first_whatever_the_relevance(backend):
    by_relevance = ids(search(backend, "Gallium"))
    by_date = ids(search(backend, "Gallium", sort="date"))
    assert by_relevance == [GALLIUM_LED.id, WORKSHOP_NEWS.id]
    assert by_date == [WORKSHOP_NEWS.id, GALLIUM_LED.id]  # 2024 before 2022
    everything = [hit.id for hit in backend.search(SearchQuery(text="Indium", sort="date")).hits]
    assert everything == [WORKSHOP_NEWS.id, INDIUM_LCD.id, GALLIUM_LED.id, BIOLEACHING_HARZ.id]


def test_an_event_edition_gathers_its_papers(empty_backend):
    edition = dataclasses.replace(WORKSHOP_NEWS, id="page:40", content_type="event", title="Symposium 2023",
                                  editions=("symposium-2023",), date=dt.date(2023, 9, 14))
    paper = dataclasses.replace(INDIUM_LCD, id="page:41", content_type="paper", editions=("symposium-2023",))
    other = dataclasses.replace(GALLIUM_LED, id="page:42", content_type="paper", editions=("forum-2024",))
    empty_backend.index([edition, paper, other])
    assert counts(search(empty_backend), "edition") == {"symposium-2023": 2, "forum-2024": 1}
    results = search(empty_backend, edition=("symposium-2023",), type=("paper",))
    assert ids(results) == [paper.id]
    assert counts(results, "edition") == {"symposium-2023": 1, "forum-2024": 1}
    assert counts(results, "type") == {"event": 1, "paper": 1}


def test_without_text_the_newest_come_first_then_by_title(backend):
    assert ids(search(backend)) == NEWEST_FIRST


def test_pages_split_the_results_and_keep_the_total(backend):
    pages = [search(backend, page=number, page_size=3) for number in (1, 2, 3)]
    assert [ids(page) for page in pages] == [NEWEST_FIRST[0:3], NEWEST_FIRST[3:6], NEWEST_FIRST[6:]]
    assert {page.total for page in pages} == {len(PUBLIC)}
    assert [(page.page, page.page_size, page.page_count) for page in pages] == [(1, 3, 3), (2, 3, 3), (3, 3, 3)]


def test_a_page_beyond_the_end_is_empty_with_the_right_total(backend):
    for number in (4, 100, 5000):
        results = search(backend, page=number, page_size=3)
        assert results.hits == ()
        assert results.total == len(PUBLIC)
        assert counts(results, "metal")["in"] == 4


def test_pages_of_a_text_query(backend):
    first, second = search(backend, "Indium", page_size=2), search(backend, "Indium", page=2, page_size=2)
    assert first.total == second.total == 4
    assert len(first.hits) == len(second.hits) == 2
    assert set(ids(first)).isdisjoint(ids(second))


# --- writing ---------------------------------------------------------------------------------------


def test_an_empty_index_finds_nothing(empty_backend):
    results = search(empty_backend)
    assert (empty_backend.count(), results.total, results.hits) == (0, 0, ())
    assert results.facets == {facet.name: () for facet in FACETS}


def test_indexed_documents_are_searchable_at_once(empty_backend):
    empty_backend.index([GALLIUM_LED, CABLE_UNDATED])
    assert empty_backend.count() == 2
    assert found(empty_backend, "Schleifschlamm") == {GALLIUM_LED.id}


def test_the_parts_of_a_compound_must_stand_on_one_page(empty_backend):
    # "Kupfer" on one page and "Granulat" on another say nothing about copper granulate; together they do
    apart = SearchDocument(id="page:71", content_type="document", title="Jahresbericht", url="/d/71/",
                           attachments=(Attachment("Bericht", "/documents/71/b.pdf", (
                               AttachmentPage(1, "Die Kupferpreise stiegen; Kupfer blieb knapp."),
                               AttachmentPage(2, "Das Granulat der Kunststofffraktion wurde verbrannt."))),))
    together = dataclasses.replace(apart, id="page:72", url="/d/72/", attachments=(Attachment(
        "Bericht", "/documents/72/b.pdf", (AttachmentPage(1, "Einleitung."),
                                           AttachmentPage(2, "Das Kupfer fiel als Granulat an."))),))
    empty_backend.index([apart, together])
    assert found(empty_backend, "Kupfergranulat") == {together.id}
    assert found(empty_backend, "Kupfer") == {apart.id, together.id}  # each word alone: any page


def test_words_the_glossary_lacks_are_translated_by_the_general_dictionary(empty_backend):
    # neither "Destillation" nor "bromiert" is a word of the field glossary; the dictionary knows both
    german = SearchDocument(id="page:73", content_type="paper", title="Germanium aus Glasfaserabfällen",
                            url="/d/73/", body="Das Tetrachlorid wird durch Destillation gereinigt.")
    english = SearchDocument(id="page:74", content_type="paper", title="Circuit board pyrolysis", url="/d/74/",
                             body="Brominated flame retardants decompose above 300 °C.")
    bulky = SearchDocument(id="page:75", content_type="project", title="Metalle aus dem Sperrmüll", url="/d/75/",
                           body="Wertstoffhöfe trennen Eisen und Kupfer vor der Verbrennung ab.")
    empty_backend.index([german, english, bulky])
    # English says in two words what German says in one: each word also finds the compound
    assert found(empty_backend, "bulky waste") == {bulky.id}
    assert found(empty_backend, "distillation") == {german.id}
    assert found(empty_backend, "bromierte") == {english.id}
    assert found(empty_backend, "Destillation") == {german.id}  # and the word itself still finds its own


def test_writes_without_refresh_are_searchable_after_refresh(empty_backend):
    # bulk work nobody watches (imports, reconciliation) refreshes once at its end
    empty_backend.index([GALLIUM_LED, CABLE_UNDATED], refresh=False)
    empty_backend.delete([CABLE_UNDATED.id], refresh=False)
    empty_backend.refresh()
    assert empty_backend.count() == 1
    assert found(empty_backend, "Schleifschlamm") == {GALLIUM_LED.id}
    assert found(empty_backend, "Kabelschrott") == set()


def test_indexing_nothing_is_fine(empty_backend):
    empty_backend.index([])
    empty_backend.index(iter(()))
    assert empty_backend.count() == 0


def test_indexing_replaces_a_document_by_id(empty_backend):
    empty_backend.index([INDIUM_LCD, COPPER_PCB])
    revised = SearchDocument(
        id=INDIUM_LCD.id, content_type="project", title="Indium aus Displayglas, zweite Projektphase",
        url=INDIUM_LCD.url, summary="Fortsetzung mit Membranverfahren.", date=dt.date(2025, 3, 1),
        metals=("in",), processes=("membrane-separation",),
        attachments=(Attachment("Phase 2", "/documents/40/phase2.pdf",
                                (AttachmentPage(1, "Die Membranfiltration trennt Indium von Zinn."),)),),
    )
    empty_backend.index([revised])
    assert empty_backend.count() == 2
    assert found(empty_backend, "Altglas") == set()
    assert found(empty_backend, PDF_ONLY_WORD) == set()  # old PDF pages are gone
    (hit,) = search(empty_backend, "Membranfiltration").hits
    assert (hit.id, hit.title, hit.date) == (INDIUM_LCD.id, revised.title, dt.date(2025, 3, 1))
    assert [(page.attachment_url, page.number) for page in hit.page_hits] == [("/documents/40/phase2.pdf", 1)]
    results = search(empty_backend)
    assert counts(results, "metal") == {"in": 1, "cu": 1, "au": 1, "ag": 1}  # "sn" went with the old version
    assert counts(results, "process")["membrane-separation"] == 1


def test_visibility_changes_on_reindexing(empty_backend):
    empty_backend.index([CABLE_UNDATED])
    empty_backend.index([dataclasses.replace(CABLE_UNDATED, visibility=("members",))])
    assert search(empty_backend, "Kabelschrott").total == 0
    assert search(empty_backend, "Kabelschrott", viewer_groups=MEMBERS).total == 1


def test_delete_removes_documents(empty_backend):
    empty_backend.index([INDIUM_LCD, COPPER_PCB, GALLIUM_LED])
    empty_backend.delete([INDIUM_LCD.id, GALLIUM_LED.id])
    assert empty_backend.count() == 1
    assert found(empty_backend, PDF_ONLY_WORD) == set()
    assert ids(search(empty_backend)) == [COPPER_PCB.id]
    assert counts(search(empty_backend), "metal") == {"cu": 1, "au": 1, "ag": 1}


def test_deleting_unknown_ids_is_fine(empty_backend):
    empty_backend.index([COPPER_PCB])
    empty_backend.delete(["page:999", "no such id"])
    empty_backend.delete([])
    empty_backend.delete([COPPER_PCB.id, COPPER_PCB.id])
    assert empty_backend.count() == 0


def test_clear_removes_everything(empty_backend):
    empty_backend.index(CORPUS)
    assert empty_backend.count() == len(CORPUS)
    empty_backend.clear()
    assert empty_backend.count() == 0
    assert search(empty_backend, "Indium", viewer_groups=MEMBERS).total == 0
    empty_backend.clear()
    empty_backend.index([COPPER_PCB])
    assert found(empty_backend, PDF_ONLY_WORD_EN) == {COPPER_PCB.id}
