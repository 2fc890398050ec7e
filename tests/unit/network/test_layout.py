"""Markers that would hide each other are spread; town names are placed without overlap."""

import math

import pytest

from portal.network.layout import Rect, place_labels, spread, text_box


def test_points_far_apart_stay_where_they_are():
    points = [(10, 10), (100, 10), (10, 100)]
    assert spread(points, 14) == points


def test_coincident_points_move_onto_a_circle_around_their_centre_at_the_minimum_distance():
    points = [(50, 50), (50.5, 50), (200, 200), (50, 50.5)]
    placed = spread(points, 14)
    assert placed[2] == (200, 200)
    group = [placed[i] for i in (0, 1, 3)]
    for a in range(3):
        for b in range(a + 1, 3):
            assert math.dist(group[a], group[b]) >= 14 - 1e-9
    cx, cy = sum(p[0] for p in group) / 3, sum(p[1] for p in group) / 3
    assert (cx, cy) == pytest.approx((50 + 0.5 / 3, 50 + 0.5 / 3))


def test_rectangles_overlap_only_when_they_share_area():
    a = Rect(0, 0, 10, 10)
    assert a.overlaps(Rect(5, 5, 10, 10))
    assert not a.overlaps(Rect(10, 0, 5, 5))  # touching edges
    assert not a.overlaps(Rect(20, 20, 5, 5))
    assert a.inside(10, 10) and not Rect(-1, 0, 5, 5).inside(10, 10)


def test_text_boxes_follow_the_anchor():
    start, middle, end = (text_box("Goslar", 100, 50, anchor, 10) for anchor in ("start", "middle", "end"))
    assert start.x == 100 and end.x + end.width == 100
    assert middle.x + middle.width / 2 == 100
    assert start.width == middle.width == end.width > 0


def test_labels_never_overlap_each_other_nor_the_obstacles_and_stay_inside():
    anchors = [("Goslar", 100, 100), ("Langelsheim", 104, 102), ("Clausthal-Zellerfeld", 98, 108),
               ("Seesen", 300, 100), ("Bad Harzburg", 102, 96)]
    markers = [Rect(x - 7, y - 7, 14, 14) for _, x, y in anchors]
    labels = place_labels(anchors, markers, 400, 300)
    boxes = [label.box for label in labels]
    for i, box in enumerate(boxes):
        assert box.inside(400, 300)
        assert not any(box.overlaps(marker) for marker in markers)
        assert not any(box.overlaps(other) for other in boxes[i + 1:])
    names = {label.text for label in labels}
    assert "Seesen" in names and len(names) >= 3  # a lone town always fits; of the crowd, what fits


def test_a_label_goes_right_of_its_point_when_there_is_room_and_left_at_the_right_edge():
    right, = place_labels([("Seesen", 50, 50)], [], 400, 200)
    assert (right.anchor, right.x > 50) == ("start", True)
    left, = place_labels([("Halberstadt", 395, 50)], [], 400, 200)
    assert left.anchor == "end" and left.x < 395


def test_a_label_that_fits_nowhere_is_left_out():
    assert place_labels([("Clausthal-Zellerfeld", 20, 10)], [Rect(0, 0, 40, 20)], 40, 20) == []
