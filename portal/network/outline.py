"""The region's borders and coast, drawn under the map's markers.

``data/outline.json`` holds Natural Earth's 1:10m state borders, national
borders and coastline (public domain) around Lower Saxony and the Harz,
clipped and simplified by ``data/build_outline.py``, which names the exact
source.  It is read once per process; nothing is fetched at run time.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Iterable, Sequence

from portal.network.geo import Box, Projection

DATA = Path(__file__).with_name("data") / "outline.json"
#: drawing order: coast below national borders below state borders
LAYERS = ("coast", "countries", "states")

Line = list[tuple[float, float]]


@cache
def _stored(path: Path = DATA) -> tuple[Box, dict[str, tuple[tuple[tuple[float, float], ...], ...]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    west, south, east, north = data["box"]
    layers = {name: tuple(tuple((lat, lon) for lon, lat in line) for line in data["layers"].get(name, ()))
              for name in LAYERS}
    return Box(west=west, south=south, east=east, north=north), layers


def coverage() -> Box:
    """Where the stored outline has data: outside it the map draws no borders."""
    return _stored()[0]


def layers() -> dict[str, tuple[tuple[tuple[float, float], ...], ...]]:
    """Per layer, the stored lines as ``(lat, lon)`` points."""
    return _stored()[1]


def clip(line: Sequence[tuple[float, float]], width: float, height: float, pad: float = 0) -> list[Line]:
    """The runs of the projected ``line`` that may cross the rectangle ``(-pad, -pad)``–``(width + pad,
    height + pad)``: every segment whose bounding box meets it is kept, whole (the SVG's viewport cuts the
    rest), and consecutive kept segments form one run."""
    left, top, right, bottom = -pad, -pad, width + pad, height + pad
    runs: list[Line] = []
    current: Line = []
    for (x1, y1), (x2, y2) in zip(line, line[1:]):
        meets = min(x1, x2) <= right and max(x1, x2) >= left and min(y1, y2) <= bottom and max(y1, y2) >= top
        if meets:
            if not current:
                current.append((x1, y1))
            current.append((x2, y2))
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def projected(projection: Projection, width: float, height: float,
              source: dict[str, Iterable[Iterable[tuple[float, float]]]] | None = None) -> dict[str, list[Line]]:
    """Per layer, the outline's lines in map units, only what falls inside the map."""
    source = layers() if source is None else source
    return {name: [run for line in source.get(name, ())
                   for run in clip([projection.project(lat, lon) for lat, lon in line], width, height, pad=2)]
            for name in LAYERS}
