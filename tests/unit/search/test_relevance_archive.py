"""The archive collection: its documents, its metadata sheet, its judged queries, and the report across collections.

The archive is what a new member would import (search.relevance.archive);
these tests keep it well-formed, so that figures on it mean something.
"""

import csv
import io
from collections import Counter
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from search.facets import FACETS_BY_NAME
from search.relevance.archive import holdout, holdout2, judgements
from search.relevance.archive.documents import (METADATA, METADATA_COLUMNS, ArchiveError, _parse, archive_keys,
                                                documents, key_of, pdf_bytes)
from search.relevance.judgements import LANGUAGES, PROBES, QUERIES as DEMO_QUERIES, JudgedQuery, problems
from search.relevance.metrics import DEFAULT_K, RECALL_MIN_GRADE
from search.relevance.report import collection_figures, collections_of, compare, figures, table
from search.service import FILTER_VALUE_PATTERN

QUERIES = judgements.QUERIES


# --- the documents ------------------------------------------------------------------


def test_the_archive_has_at_least_64_documents_in_both_languages():
    docs = documents()
    assert len(docs) >= 64
    languages = Counter(document.language for document in docs)
    assert set(languages) == set(LANGUAGES)
    for language in LANGUAGES:
        assert languages[language] / len(docs) >= 0.4, languages


def test_every_document_has_two_to_six_pages_of_text():
    for document in documents():
        assert 2 <= len(document.pages) <= 6, document.file
        assert all(len(page) >= 150 for page in document.pages), document.file
        assert document.title and document.kind and document.author, document.file


def test_file_names_are_unique_pdf_names_and_keys_name_them():
    files = [document.file for document in documents()]
    assert len(files) == len(set(files)) == len({name.casefold() for name in files})
    assert all(name.endswith(".pdf") and "/" not in name for name in files)
    assert key_of("black-mass-leaching-2021.pdf") == "archive/black-mass-leaching-2021.pdf"
    assert set(archive_keys()) == {f"archive/{name}" for name in files}


def test_the_text_is_latin_1_safe():
    # portal.demo.pdf.make_pdf uses a core font: anything else would be replaced by '?'
    for document in documents():
        for text in (document.title, document.author, *document.pages):
            text.encode("latin-1")  # raises on an en dash, >=, subscripts, the euro sign


def test_every_pdf_builds_and_keeps_its_pages_and_text():
    for document in documents():
        data = pdf_bytes(document)
        assert data.startswith(b"%PDF"), document.file
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) == len(document.pages), document.file
        # each page's first words come back from the text layer (so the page fits and nothing was replaced)
        for page, text in zip(reader.pages, document.pages):
            first = " ".join(text.split()[:4])
            assert first in " ".join(page.extract_text().split()), (document.file, first)


def test_a_malformed_text_file_is_named_in_the_error():
    with pytest.raises(ArchiveError, match="broken.txt: x.pdf: no language"):
        _parse("broken.txt", "=== x.pdf\ntitle: X\nkind: note\nauthor: A\n\nText")
    with pytest.raises(ArchiveError, match="header line 'Titel: X'"):
        _parse("broken.txt", "=== x.pdf\nTitel: X\n\nText")


# --- the metadata sheet ---------------------------------------------------------------


def _metadata_rows():
    with METADATA.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        rows = list(reader)
    return reader.fieldnames, rows


def test_the_metadata_sheet_is_a_semicolon_csv_with_the_expected_columns():
    columns, rows = _metadata_rows()
    assert tuple(columns) == METADATA_COLUMNS == ("file", "title", "metals", "processes", "institution", "language")
    assert len(rows) >= 60
    assert not [row for row in rows if None in row], "a ';' inside a value must be quoted"


def test_the_metadata_sheet_is_as_people_write_it():
    _, rows = _metadata_rows()
    files = {document.file.casefold(): document.file for document in documents()}
    named = [row["file"] for row in rows]
    # one row names a file that is not there (hyphens for underscores), one differs in case only
    assert [name for name in named if name.casefold() not in files] == ["Wolfram-Factsheet-2022.pdf"]
    assert any(name not in files.values() and name.casefold() in files for name in named)
    described = {files[name.casefold()] for name in named if name.casefold() in files}
    assert sorted(set(files.values()) - described) == [
        "Biolaugung_Zwischenbericht_2020.pdf", "Displayglas_Verwertung_Factsheet.pdf", "Wolfram_Factsheet_2022.pdf",
        "symposium-programme-2023.pdf"]
    metals = " ".join(row["metals"] for row in rows)
    # symbols, lower-case slugs, German and English names, groups, abbreviations, ';' and ','
    for written in ("Li; Co", "Li,Co", "li; co", "Kupfer", "Gold", "Cobalt", "PGM", "SEE", "rare earths", "dy"):
        assert written in metals, written
    assert any(";" in row["processes"] for row in rows) and any("," in row["processes"] for row in rows)
    assert any(not row["metals"] for row in rows) and any(not row["language"] for row in rows)
    assert {row["language"] for row in rows} >= {"de", "en", "DE", "EN"}


# --- the judged queries -------------------------------------------------------------


def test_the_archive_judgements_are_consistent_with_the_archive():
    assert problems(QUERIES, archive_keys(), RECALL_MIN_GRADE, judgements.GROUPS, "archive") == []


@pytest.mark.parametrize("held_out, earlier", [
    (holdout.QUERIES, QUERIES),
    (holdout2.QUERIES, QUERIES + holdout.QUERIES),
])
def test_the_holdout_judgements_are_consistent_with_the_archive_and_new(held_out, earlier):
    assert problems(held_out, archive_keys(), RECALL_MIN_GRADE, judgements.GROUPS, "archive") == []
    assert not {query.id for query in held_out} & {query.id for query in earlier}
    assert not {query.text.lower() for query in held_out} & {query.text.lower() for query in earlier}
    assert len(held_out) >= 30 and {query.language for query in held_out} == {"de", "en"}


def test_every_judged_key_names_an_archive_document():
    keys = set(archive_keys())
    for query in QUERIES:
        assert set(query.grades) <= keys, query.id


def test_ids_are_unique_and_every_query_has_a_relevant_document_within_k():
    ids = [query.id for query in QUERIES]
    assert len(ids) == len(set(ids))
    for query in QUERIES:
        relevant = [key for key, grade in query.grades.items() if grade >= RECALL_MIN_GRADE]
        assert 1 <= len(relevant) <= DEFAULT_K, query.id
        assert query.id[:2] == query.language


def test_filters_name_real_facets_with_slug_values():
    filtered = [query for query in QUERIES if query.filters]
    assert len(filtered) >= 6
    for query in filtered:
        assert query.group == "filter" and "filter" in query.probes, query.id
        for name, values in query.filters.items():
            assert name in FACETS_BY_NAME, (query.id, name)
            assert isinstance(values, tuple) and values, query.id
    # the judged set checks values with the service's own pattern
    from search.relevance.judgements import _FILTER_VALUE

    assert _FILTER_VALUE.pattern == FILTER_VALUE_PATTERN


def test_the_archive_queries_are_many_bilingual_and_of_every_kind():
    assert len(QUERIES) >= 44
    for language in LANGUAGES:
        share = sum(1 for query in QUERIES if query.language == language) / len(QUERIES)
        assert 0.4 <= share <= 0.6, (language, share)
    groups = Counter(query.group for query in QUERIES)
    assert set(groups) == set(judgements.GROUPS)
    assert {probe for query in QUERIES for probe in query.probes} >= {
        "symbol", "abbreviation", "multi-word-synonym", "filter", "late-page", "near-duplicate", "question",
        "typo", "phrase", "cross-language"}
    texts = {query.text for query in QUERIES}
    for text in ("Wie wird Lithium aus Schwarzmasse zurückgewonnen?", "Li Co Ni black mass", "PGM Autokatalysator",
                 "SEE Magnete", "WEEE gold"):
        assert text in texts
    assert sum(1 for text in texts if text.startswith('"')) >= 3


def test_the_demo_and_the_archive_together_use_every_probe():
    assert {probe for query in (*DEMO_QUERIES, *QUERIES) for probe in query.probes} == PROBES


def test_problems_names_bad_filters_and_groups():
    bad = [JudgedQuery("de-01", "de", "Kupfer", ("filter",), {"archive/black-mass-leaching-2021.pdf": 3},
                       group="filtre", filters={"metall": ("cu",), "metal": ("Cu!",)}),
           JudgedQuery("de-02", "de", "Zinn", ("exact",), {"archive/none.pdf": 3}, group="single word")]
    found = "\n".join(problems(bad, archive_keys(), groups=judgements.GROUPS, collection="archive"))
    assert "filter 'metall' is no facet" in found
    assert "filter 'metal' values ['Cu!'] are not slugs" in found
    assert "group 'filtre' is not one of" in found
    assert "'archive/none.pdf' is no archive item (see search.relevance.archive.documents.archive_keys)" in found


# --- figures across collections -------------------------------------------------------

_Q = [
    JudgedQuery("de-01", "de", "Laugung", ("filter",), {"archive/a.pdf": 3}, group="filter",
                filters={"metal": ("co",)}),
    JudgedQuery("en-01", "en", "black mass", ("exact",), {"archive/a.pdf": 3}, group="multi-word"),
    JudgedQuery("en-02", "en", "WEEE gold", ("abbreviation",), {"archive/b.pdf": 3}, group="multi-word"),
]


def _run(name, scores, totals=None):
    queries = {query.id: query for query in _Q}
    outcomes = tuple(SimpleNamespace(query=queries[id_], ndcg=ndcg, recall=recall,
                                     total=(totals or {}).get(id_, 5), top=("archive/a.pdf",))
                     for id_, (ndcg, recall) in scores.items())
    return SimpleNamespace(name=name, engine="test", documents=3, outcomes=outcomes)


_IMPORT = {"create_missing": False, "rows": 2, "rows_without_file": ["x.pdf"], "files_without_row": [],
           "placed": {"metals": {"written": 4, "placed": 1}}, "warnings": ["metadata line 2 (a.pdf): unknown metals"],
           "failed": ""}


def test_means_per_group_and_the_table_shows_collections_filters_few_results_and_the_import():
    archive = collection_figures([_run("embedded", {"de-01": (1.0, 1.0), "en-01": (0.5, 1.0), "en-02": (0.0, 0.0)},
                                       totals={"en-02": 0, "en-01": 1})],
                                 _Q, facets={"metal": {"co": {"documents": 2, "detected_only": 1}}, "process": {}},
                                 imported=_IMPORT)
    assert archive["backends"]["embedded"]["groups"] == {
        "filter": {"ndcg": 1.0, "recall": 1.0, "queries": 1},
        "multi-word": {"ndcg": 0.25, "recall": 0.5, "queries": 2}}
    assert archive["queries"]["de-01"]["filters"] == {"metal": ["co"]}
    text = table(figures({"archive": archive}, 10, 2, {"commit": "abc"}))
    assert "Relevance on the archive collection: 3 queries" in text
    assert "Laugung [metal=co]" in text
    assert "multi-word (2)" in text
    assert "embedded: no result 1 (en-02); one result 1 (en-01)" in text
    assert "metal: 1 values: co 2 (1)" in text and "process: no item carries a value" in text
    assert "--create-missing NOT AVAILABLE" in text
    assert "metals: 4 values written, 1 placed as tags, 3 not placed" in text
    assert "archive      embedded" in text  # the summary line


def test_compare_reads_a_file_from_before_collections_as_the_demo_collection():
    old = {"k": 10, "recall_min_grade": 2, "commit": "old", "created": "",
           "queries": {"en-01": {"language": "en", "text": "black mass", "probes": ["exact"]}},
           "backends": {"embedded": {"engine": "x", "documents": 3,
                                     "means": {"all": {"ndcg": 0.2, "recall": 0.5, "queries": 1}},
                                     "queries": {"en-01": {"ndcg": 0.2, "recall": 0.5, "total": 3, "top": []}}}}}
    assert set(collections_of(old)) == {"demo"}
    new = figures({"demo": collection_figures([_run("embedded", {"en-01": (0.5, 1.0)})], _Q[1:2]),
                   "archive": collection_figures([_run("embedded", {"de-01": (1.0, 1.0)})], _Q[:1])},
                  10, 2, {"commit": "new"})
    text = compare(old, new)
    assert "demo embedded:" in text
    assert "all                  nDCG 0.200 -> 0.500 (+0.300)" in text
    assert "archive: not in the earlier run" in text
