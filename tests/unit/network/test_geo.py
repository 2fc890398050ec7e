"""Distances, the projection fitted to the shown institutions, and the scale bar."""

import math

import pytest

from portal.network.geo import MIN_SPAN_DEGREES, Box, fit, fitted_height, haversine_km, nice_length, scale_bar

GOSLAR = (51.906, 10.429)
WERNIGERODE = (51.835, 10.785)
CLAUSTHAL = (51.805, 10.335)
OSTERODE = (51.727, 10.252)


def test_haversine_measures_known_distances():
    assert haversine_km(*GOSLAR, *GOSLAR) == 0
    # Goslar – Wernigerode: about 26 km as the crow flies
    assert haversine_km(*GOSLAR, *WERNIGERODE) == pytest.approx(25.8, abs=0.3)
    # a degree of latitude is 111.2 km, a degree of longitude at 60° half of that
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.19, abs=0.01)
    assert haversine_km(60, 10, 60, 11) == pytest.approx(55.6, abs=0.1)
    # symmetric, and sane across the globe (Berlin – Sydney about 16,090 km)
    assert haversine_km(*GOSLAR, *CLAUSTHAL) == pytest.approx(haversine_km(*CLAUSTHAL, *GOSLAR))
    assert haversine_km(52.52, 13.405, -33.87, 151.21) == pytest.approx(16_090, rel=0.005)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088)


def test_the_bounding_box_holds_every_point():
    box = Box.around([GOSLAR, WERNIGERODE, CLAUSTHAL])
    assert (box.west, box.south, box.east, box.north) == (10.335, 51.805, 10.785, 51.906)
    assert all(box.contains(*point) for point in (GOSLAR, WERNIGERODE, CLAUSTHAL))
    assert box.centre == pytest.approx(((51.805 + 51.906) / 2, (10.335 + 10.785) / 2))
    with pytest.raises(ValueError):
        Box.around([])


def test_the_fitted_projection_puts_the_box_inside_the_margins_centred():
    box = Box.around([GOSLAR, WERNIGERODE, OSTERODE])
    projection = fit(box, 800, 400, margin=50)
    corners = [projection.project(lat, lon) for lat in (box.south, box.north) for lon in (box.west, box.east)]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    assert min(xs) >= 50 - 1e-9 and max(xs) <= 750 + 1e-9
    assert min(ys) >= 50 - 1e-9 and max(ys) <= 350 + 1e-9
    # the box fills the width or the height, and sits in the middle
    assert max(xs) - min(xs) == pytest.approx(700) or max(ys) - min(ys) == pytest.approx(300)
    assert (min(xs) + max(xs)) / 2 == pytest.approx(400)
    assert (min(ys) + max(ys)) / 2 == pytest.approx(200)


def test_north_is_up_east_is_right_and_longitudes_shrink_with_the_cosine():
    projection = fit(Box.around([GOSLAR, WERNIGERODE]), 800, 600, margin=40)
    gx, gy = projection.project(*GOSLAR)
    wx, wy = projection.project(*WERNIGERODE)
    assert wx > gx and wy > gy  # Wernigerode lies east and a little south
    # one km is as long east-west as north-south (equal scale in both directions)
    north = projection.project(GOSLAR[0] + 0.1, GOSLAR[1])
    east_lon = GOSLAR[1] + 0.1 / math.cos(math.radians(projection.lat0))
    east = projection.project(GOSLAR[0], east_lon)
    assert abs(gy - north[1]) == pytest.approx(abs(east[0] - gx), rel=1e-9)
    # units per km follow from the scale: the distance Goslar – Wernigerode on the map matches haversine
    on_map = math.hypot(wx - gx, wy - gy) / projection.units_per_km
    assert on_map == pytest.approx(haversine_km(*GOSLAR, *WERNIGERODE), rel=0.01)


def test_unproject_inverts_project():
    projection = fit(Box.around([GOSLAR, WERNIGERODE, CLAUSTHAL]), 800, 500, margin=30)
    for point in (GOSLAR, WERNIGERODE, CLAUSTHAL, (52.0, 11.0)):
        assert projection.unproject(*projection.project(*point)) == pytest.approx(point)


def test_a_single_institution_is_shown_with_its_surroundings():
    projection = fit(Box.around([GOSLAR]), 800, 500, margin=50)
    assert projection.project(*GOSLAR) == pytest.approx((400, 250))
    # the shown span is at least MIN_SPAN_DEGREES of latitude, so the scale stays finite
    assert projection.scale == pytest.approx(400 / MIN_SPAN_DEGREES)


def test_a_margin_that_leaves_no_room_is_refused():
    with pytest.raises(ValueError):
        fit(Box.around([GOSLAR]), 100, 100, margin=50)


def test_the_height_follows_the_shape_of_the_box_within_limits():
    wide = Box(west=10.0, south=51.8, east=11.0, north=51.9)
    tall = Box(west=10.0, south=51.0, east=10.1, north=53.0)
    assert fitted_height(wide, 800, 50, 300, 640) == 300
    assert fitted_height(tall, 800, 50, 300, 640) == 640
    square = Box(west=10.0, south=51.8, east=10.0 + 0.5 / math.cos(math.radians(52.05)), north=52.3)
    assert fitted_height(square, 800, 50, 300, 900) == pytest.approx(800, rel=1e-6)


@pytest.mark.parametrize("maximum, expected", [
    (1, 1), (1.9, 1), (2, 2), (4.99, 2), (5, 5), (9.9, 5), (10, 10), (37, 20), (75, 50), (0.3, 0.2), (180, 100),
])
def test_scale_bars_have_round_lengths(maximum, expected):
    assert nice_length(maximum) == pytest.approx(expected)


def test_the_scale_bar_is_a_round_number_of_km_no_longer_than_allowed():
    km, length = scale_bar(units_per_km=11.7, max_units=200)
    assert (km, length) == (10, pytest.approx(117))
    km, length = scale_bar(units_per_km=2.0, max_units=200)
    assert (km, length) == (100, pytest.approx(200))
    with pytest.raises(ValueError):
        nice_length(0)
