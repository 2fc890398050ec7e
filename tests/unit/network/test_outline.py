"""The stored region outline (Natural Earth, public domain) and its clipping to the map."""

import json

import pytest

from portal.network import outline
from portal.network.geo import Box, fit


def test_the_stored_outline_covers_lower_saxony_and_the_harz_and_names_its_source():
    data = json.loads(outline.DATA.read_text(encoding="utf-8"))
    assert "Natural Earth" in data["source"] and "public domain" in data["source"]
    box = outline.coverage()
    assert box.west <= 6.6 and box.east >= 11.7 and box.south <= 51.2 and box.north >= 53.9  # Lower Saxony
    layers = outline.layers()
    assert set(layers) == {"coast", "countries", "states"} and all(layers.values())
    for lines in layers.values():
        for line in lines:
            assert len(line) >= 2
            assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in line)


def test_the_state_border_runs_through_the_harz_between_bad_harzburg_and_wernigerode():
    # Lower Saxony / Saxony-Anhalt: some border point lies between 10.56 °E and 10.78 °E at 51.85 °N ± 0.05
    crossing = [(lat, lon) for line in outline.layers()["states"] for lat, lon in line
                if 51.8 <= lat <= 51.9 and 10.56 < lon < 10.78]
    assert crossing


def test_clipping_keeps_segments_that_meet_the_map_and_drops_the_rest():
    line = [(-50, 10), (-10, 10), (10, 10), (50, 10), (90, 10), (150, 10), (300, 10)]
    assert outline.clip(line, 100, 100) == [[(-10, 10), (10, 10), (50, 10), (90, 10), (150, 10)]]
    # a segment crossing the map with both ends outside is kept
    assert outline.clip([(-10, 50), (110, 50)], 100, 100) == [[(-10, 50), (110, 50)]]
    # leaving and coming back: two runs
    runs = outline.clip([(50, 50), (50, 150), (50, 300), (50, 400), (50, 60)], 100, 100)
    assert runs == [[(50, 50), (50, 150)], [(50, 400), (50, 60)]]
    assert outline.clip([(200, 200), (300, 300)], 100, 100) == []


def test_projected_lines_are_those_inside_the_map():
    projection = fit(Box(west=10.2, south=51.7, east=10.8, north=51.95), 800, 400, 40)
    source = {"states": [[(51.8, 10.6), (51.9, 10.62)], [(40.0, 0.0), (40.1, 0.1)]], "coast": [], "countries": []}
    lines = outline.projected(projection, 800, 400, source=source)
    assert len(lines["states"]) == 1 and lines["coast"] == [] and lines["countries"] == []
    (x, y), _ = lines["states"][0]
    assert (x, y) == pytest.approx(projection.project(51.8, 10.6))
