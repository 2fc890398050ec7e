"""The pure parts of the benchmarks: the growth table and plot, and the reference query of the search benchmark."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from benchmarks.growth import format_value, growth_table, metrics_of, write_growth_plot

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "benchmark_search.py"
ROWS = [
    {"size": 5000, "series": "portal ES", "1-client median ms": 12.34, "RSS gunicorn MB": 210.0},
    {"size": 50000, "series": "portal ES", "1-client median ms": 15.0, "RSS gunicorn MB": None},
    {"size": 5000, "series": "ref", "1-client median ms": 4.0},
]


@pytest.fixture(scope="module")
def benchmark_search():
    """The search benchmark as a module, with an empty editors' vocabulary (no database to read it from)."""
    from search import vocabulary

    spec = importlib.util.spec_from_file_location("benchmark_search", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
        with vocabulary.override(vocabulary.EMPTY):
            yield module
    finally:
        sys.modules.pop(spec.name, None)


def test_the_table_has_a_column_per_metric_and_a_row_per_measurement():
    lines = growth_table(ROWS, size_label="pages").splitlines()
    assert lines[0].split() == ["pages", "series", "1-client", "median", "ms", "RSS", "gunicorn", "MB"]
    assert set(lines[1]) == {"-"}
    assert lines[2].split() == ["5,000", "portal", "ES", "12.3", "210"]
    assert lines[3].split() == ["50,000", "portal", "ES", "15.0", "-"]  # None is shown, not dropped
    assert lines[4].split() == ["5,000", "ref", "4.0", "-"]  # a metric the row lacks
    assert len({len(line) for line in lines[:3]}) == 1  # aligned columns


def test_figures_are_formatted_by_size():
    assert [format_value(value) for value in (None, 250000, 1234.5, 12.345, 0.123, "x")] == [
        "-", "250,000", "1,234", "12.3", "0.12", "x"]
    assert metrics_of(ROWS) == ["1-client median ms", "RSS gunicorn MB"]


def test_the_table_without_series_has_no_series_column():
    table = growth_table([{"size": 1000, "pages/s": 40.0}, {"size": 10000, "pages/s": 38.5}], size_label="pages")
    assert table.splitlines()[0].split() == ["pages", "pages/s"]


def test_the_plot_is_written_as_png(tmp_path):
    pytest.importorskip("matplotlib")
    written = write_growth_plot(ROWS, tmp_path / "deeper" / "growth.png", title="search")
    assert written == tmp_path / "deeper" / "growth.png"
    assert written.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_plot_needs_a_metric(tmp_path):
    pytest.importorskip("matplotlib")
    with pytest.raises(ValueError, match="no metric"):
        write_growth_plot([{"size": 1}], tmp_path / "empty.png")


def test_the_reference_query_keeps_the_portal_filters_and_facets_but_not_its_extras(benchmark_search):
    query = benchmark_search.visitor_query({"q": '"Laugung mit Schwefelsäure" Kupfer', "metal": ["cu", "in"],
                                            "type": "project", "page": 2})
    portal = benchmark_search.bare_body(query)
    reference = benchmark_search.reference_body(query)

    assert "inner_hits" in json.dumps(portal) and "highlight" in portal  # what the reference leaves out
    text = json.dumps(reference)
    assert "inner_hits" not in text and "highlight" not in text and "stems" not in json.dumps(reference["query"])
    for key in ("aggs", "post_filter", "from", "size", "track_total_hits", "_source"):
        assert reference[key] == portal[key], key
    assert reference["post_filter"]  # the facets selected are filtered as the portal filters them
    assert reference["sort"] == ["_score"]
    main = reference["query"]["bool"]
    assert main["filter"] == [{"terms": {"visibility": ["public"]}}]
    assert main["minimum_should_match"] == 1
    own, pages = main["should"]
    assert own["multi_match"]["query"] == "Laugung mit Schwefelsäure Kupfer"
    assert own["multi_match"]["fields"] == ["title^3", "summary^2", "body^1"]
    assert pages["nested"]["query"] == {"match": {"pages.text": {"query": "Laugung mit Schwefelsäure Kupfer",
                                                                 "operator": "and"}}}


def test_the_reference_query_without_text_only_filters(benchmark_search):
    query = benchmark_search.visitor_query({"metal": "pt"})
    reference = benchmark_search.reference_body(query)
    assert reference["query"] == {"bool": {"filter": [{"terms": {"visibility": ["public"]}}]}}
    assert reference["aggs"] == benchmark_search.bare_body(query)["aggs"]
