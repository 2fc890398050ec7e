"""Distances and the map projection: pure functions of coordinates in degrees.

The map uses an equirectangular projection with the longitudes scaled by
the cosine of the central latitude, which over a region of a few hundred
kilometres distorts distances by well under one per cent, and fits it to the
bounding box of what it shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

#: the mean Earth radius (IUGG), km
EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180  # along a meridian, about 111.2 km
#: a box is never narrower than this (degrees of latitude), so one institution still shows its surroundings
MIN_SPAN_DEGREES = 0.12
NICE_STEPS = (1, 2, 5)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Box:
    """A bounding box in degrees."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def around(cls, points: Iterable[tuple[float, float]]) -> "Box":
        """The smallest box holding every ``(lat, lon)`` of ``points`` (at least one)."""
        points = list(points)
        if not points:
            raise ValueError("A bounding box needs at least one point.")
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        return cls(west=min(lons), south=min(lats), east=max(lons), north=max(lats))

    @property
    def centre(self) -> tuple[float, float]:
        """``(lat, lon)`` of the middle."""
        return (self.south + self.north) / 2, (self.west + self.east) / 2

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


@dataclass(frozen=True)
class Projection:
    """Degrees to SVG user units: ``x`` grows east, ``y`` grows south."""

    lat0: float
    lon0: float
    scale: float  # user units per degree of latitude
    x0: float  # where (lat0, lon0) lands
    y0: float

    @property
    def cos_lat0(self) -> float:
        return math.cos(math.radians(self.lat0))

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        return (self.x0 + (lon - self.lon0) * self.cos_lat0 * self.scale,
                self.y0 - (lat - self.lat0) * self.scale)

    def unproject(self, x: float, y: float) -> tuple[float, float]:
        """``(lat, lon)`` of a point of the map."""
        return (self.lat0 - (y - self.y0) / self.scale,
                self.lon0 + (x - self.x0) / (self.cos_lat0 * self.scale))

    @property
    def units_per_km(self) -> float:
        return self.scale / KM_PER_DEGREE


def fit(box: Box, width: float, height: float, margin: float) -> Projection:
    """The projection that shows ``box`` as large as fits ``width`` × ``height`` less ``margin`` on every side,
    centred; a box narrower than :data:`MIN_SPAN_DEGREES` is widened to it around its centre."""
    if width <= 2 * margin or height <= 2 * margin:
        raise ValueError(f"A margin of {margin} leaves no room in {width} × {height}.")
    lat0, lon0 = box.centre
    cos_lat0 = math.cos(math.radians(lat0))
    span_y = max(box.north - box.south, MIN_SPAN_DEGREES)
    span_x = max((box.east - box.west) * cos_lat0, MIN_SPAN_DEGREES)
    scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
    return Projection(lat0=lat0, lon0=lon0, scale=scale, x0=width / 2, y0=height / 2)


def fitted_height(box: Box, width: float, margin: float, min_height: float, max_height: float) -> float:
    """The height at which ``box`` fits ``width`` without empty bands above and below, within the limits."""
    lat0, _lon0 = box.centre
    span_y = max(box.north - box.south, MIN_SPAN_DEGREES)
    span_x = max((box.east - box.west) * math.cos(math.radians(lat0)), MIN_SPAN_DEGREES)
    needed = span_y * (width - 2 * margin) / span_x + 2 * margin
    return min(max_height, max(min_height, needed))


def nice_length(maximum: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ not above ``maximum`` (> 0)."""
    if maximum <= 0:
        raise ValueError("A scale bar needs a positive length.")
    exponent = math.floor(math.log10(maximum))
    for step in reversed(NICE_STEPS):
        value = step * 10 ** exponent
        if value <= maximum * (1 + 1e-9):
            return value
    return 10 ** exponent  # unreachable: step 1 always fits


def scale_bar(units_per_km: float, max_units: float) -> tuple[float, float]:
    """``(km, length in user units)`` of a scale bar with a round length in km, at most ``max_units`` long."""
    km = nice_length(max_units / units_per_km)
    return km, km * units_per_km
