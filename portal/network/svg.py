"""Drawing the network map and the works-by-year chart as inline SVG: pure functions, no database.

Everything a viewer reads comes in as plain values (names, translated
labels, links already filtered by who may see them) and goes out escaped:
the markup is assembled here, and only here, with :func:`_esc` on every
piece of text, so a name like ``<script>`` is drawn as text.  Colours and
shapes are presentation attributes (the Content Security Policy allows no
``style=``); the stylesheet adds hover and focus.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Sequence

from django.utils.safestring import SafeString, mark_safe

from portal.network import outline as outline_data
from portal.network.geo import Box, fit, fitted_height, scale_bar
from portal.network.layout import Rect, place_labels, spread

#: kind -> (shape, colour): Okabe-Ito colours, told apart by colour-blind readers, and a shape each besides
#: outline layer -> stroke colour and width
OUTLINE_STYLES = {"coast": ("#56b4e9", 1.2), "countries": ("#50575e", 1.6), "states": ("#8c959c", 1.2)}
KIND_STYLES = {
    "company": ("square", "#0072b2"),
    "university": ("triangle", "#d55e00"),
    "institute": ("diamond", "#009e73"),
    "municipality": ("circle", "#cc79a7"),
    "association": ("hexagon", "#e69f00"),
}
DEFAULT_STYLE = ("circle", "#50575e")
#: works-by-year series colours, in the order the series are given
SERIES_COLOURS = ("#005a70", "#e69f00", "#56b4e9", "#cc79a7")

MAP_WIDTH, MAP_MIN_HEIGHT, MAP_MAX_HEIGHT, MAP_MARGIN = 800, 360, 640, 56
MARKER_RADIUS = 7
FONT_SIZE = 12


@dataclass(frozen=True)
class MapMarker:
    key: str  # unique on the map (the slug)
    name: str
    kind: str
    kind_label: str
    town: str
    lat: float
    lon: float
    url: str


@dataclass(frozen=True)
class MapLink:
    """A line between two markers: institutions that share ``count`` projects the viewer may see."""

    a: str
    b: str
    count: int
    title: str


def _esc(text: object) -> str:
    return escape(str(text), quote=True)


def _n(value: float) -> str:
    """A coordinate to one decimal, without a trailing ``.0``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def marker_shape(kind: str, x: float, y: float, r: float = MARKER_RADIUS) -> str:
    """The SVG element of a marker of ``kind`` centred on ``(x, y)``, without attributes beyond geometry."""
    shape, _colour = KIND_STYLES.get(kind, DEFAULT_STYLE)
    if shape == "circle":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"'
    if shape == "square":
        s = r * 0.9
        points = [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
    elif shape == "triangle":
        points = [(x, y - r * 1.15), (x + r * 1.05, y + r * 0.75), (x - r * 1.05, y + r * 0.75)]
    elif shape == "diamond":
        points = [(x, y - r * 1.2), (x + r * 1.2, y), (x, y + r * 1.2), (x - r * 1.2, y)]
    else:  # hexagon
        points = [(x + r * math.cos(math.pi / 6 + k * math.pi / 3), y + r * math.sin(math.pi / 6 + k * math.pi / 3))
                  for k in range(6)]
    return '<polygon points="' + " ".join(f"{_n(px)},{_n(py)}" for px, py in points) + '"'


def _marker(kind: str, x: float, y: float, r: float = MARKER_RADIUS) -> str:
    colour = KIND_STYLES.get(kind, DEFAULT_STYLE)[1]
    return f'{marker_shape(kind, x, y, r)} fill="{colour}" stroke="#fff" stroke-width="1.5"/>'


def legend_icon(kind: str) -> SafeString:
    """A 16 × 16 picture of the marker of ``kind``, for the legend beside the map (hidden from screen readers:
    the legend's text says the same)."""
    return mark_safe(f'<svg xmlns="http://www.w3.org/2000/svg" class="legend-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" '
                     f'focusable="false">{_marker(kind, 8, 8, 6)}</svg>')


def _path(line: Sequence[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{_n(x)} {_n(y)}" for x, y in line)


def network_map(markers: Sequence[MapMarker], links: Sequence[MapLink] = (), *, title: str, description: str,
                outline: dict | None = None, width: float = MAP_WIDTH) -> SafeString:
    """The map of ``markers`` (at least one) fitted to their bounding box, with ``links`` between them, the
    region's borders (``outline``: per layer, lines of ``(lat, lon)``; ``None``: the stored Natural Earth
    outline), town names placed without overlap and a scale bar in km.  The height follows the box's shape."""
    if not markers:
        raise ValueError("A map needs at least one institution with coordinates.")
    box = Box.around((m.lat, m.lon) for m in markers)
    height = round(fitted_height(box, width, MAP_MARGIN, MAP_MIN_HEIGHT, MAP_MAX_HEIGHT))
    projection = fit(box, width, height, MAP_MARGIN)
    exact = [projection.project(m.lat, m.lon) for m in markers]
    positions = spread(exact, MARKER_RADIUS * 2.4)
    where = {m.key: pos for m, pos in zip(markers, positions)}

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="network-map" viewBox="0 0 {_n(width)} {_n(height)}" '
             f'role="group" aria-labelledby="network-map-title network-map-desc">',
             f'<title id="network-map-title">{_esc(title)}</title>',
             f'<desc id="network-map-desc">{_esc(description)}</desc>',
             f'<rect class="map-background" x="0" y="0" width="{_n(width)}" height="{_n(height)}" fill="#f4f7f8"/>']

    lines = outline_data.projected(projection, width, height, source=outline)
    for layer in outline_data.LAYERS:
        if lines[layer]:
            paths = "".join(f'<path d="{_path(line)}"/>' for line in lines[layer])
            colour, stroke = OUTLINE_STYLES[layer]
            parts.append(f'<g class="map-outline map-outline-{layer}" fill="none" stroke="{colour}" '
                         f'stroke-width="{stroke}" stroke-linejoin="round" aria-hidden="true">{paths}</g>')

    drawn_links = [link for link in links if link.a in where and link.b in where]
    if drawn_links:
        parts.append('<g class="map-links" stroke="#005a70" stroke-opacity="0.55" stroke-linecap="round">')
        for link in drawn_links:
            (x1, y1), (x2, y2) = where[link.a], where[link.b]
            parts.append(f'<line class="map-link" x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
                         f'stroke-width="{_n(1.5 + 1.2 * min(link.count, 5))}"><title>{_esc(link.title)}</title>'
                         f'</line>')
        parts.append("</g>")

    towns: dict[str, list[tuple[float, float]]] = {}
    for marker, position in zip(markers, positions):
        if marker.town:
            towns.setdefault(marker.town, []).append(position)
    obstacles = [Rect(x - MARKER_RADIUS - 2, y - MARKER_RADIUS - 2, 2 * MARKER_RADIUS + 4, 2 * MARKER_RADIUS + 4)
                 for x, y in positions]
    km, bar = scale_bar(projection.units_per_km, width / 4)
    bar_x, bar_y = 16, height - 18
    obstacles.append(Rect(bar_x - 4, bar_y - 22, bar + 40, 30))
    # A town with several members spreads its markers on a circle: its name goes beside the whole group.
    anchors = []
    for town, points in sorted(towns.items(), key=lambda item: (-len(item[1]), item[0])):
        cx, cy = sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
        reach = max(math.hypot(px - cx, py - cy) for px, py in points) + MARKER_RADIUS
        anchors.append((town, cx, cy, reach))
    labels = []
    for town, cx, cy, reach in anchors:
        labels += place_labels([(town, cx, cy)], obstacles + [label.box for label in labels], width, height,
                               FONT_SIZE, gap=reach + 3)
    if labels:
        parts.append(f'<g class="map-towns" font-size="{FONT_SIZE}" fill="#1d2327" aria-hidden="true">')
        parts += [f'<text x="{_n(label.x)}" y="{_n(label.y)}" text-anchor="{label.anchor}">{_esc(label.text)}</text>'
                  for label in labels]
        parts.append("</g>")

    parts.append('<g class="map-markers">')
    for marker, (x, y) in zip(markers, positions):
        described = ", ".join(part for part in (marker.name, marker.kind_label, marker.town) if part)
        parts.append(f'<a class="map-marker" href="{_esc(marker.url)}" aria-label="{_esc(described)}">'
                     f'<title>{_esc(described)}</title>{_marker(marker.kind, x, y)}</a>')
    parts.append("</g>")

    parts.append(f'<g class="map-scale" aria-hidden="true" stroke="#1d2327" stroke-width="2" font-size="{FONT_SIZE}">'
                 f'<path fill="none" d="M{_n(bar_x)} {_n(bar_y - 5)} V{_n(bar_y)} H{_n(bar_x + bar)} '
                 f'V{_n(bar_y - 5)}"/>'
                 f'<text x="{_n(bar_x + bar + 6)}" y="{_n(bar_y + 1)}" stroke="none" fill="#1d2327">'
                 f'{_n(km)} km</text></g>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


@dataclass(frozen=True)
class Series:
    key: str
    label: str


def works_chart(rows: Sequence[tuple[object, Sequence[int]]], series: Sequence[Series], *, title: str,
                description: str) -> SafeString:
    """Bars per year (``rows``: year and one count per series), stacked by series, with a legend; the figures
    themselves belong in a table beside it.  No rows: an empty string."""
    if not rows:
        return mark_safe("")
    left, top, bar_width, step, chart_height = 36, 34, 26, 40, 150
    legend_width = sum(28 + len(item.label) * FONT_SIZE * 0.6 for item in series)
    width = max(left + step * len(rows) + 12, left + legend_width, 280)
    height = top + chart_height + 26
    highest = max(sum(counts) for _year, counts in rows) or 1
    unit = chart_height / highest
    baseline = top + chart_height
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="works-chart" viewBox="0 0 {_n(width)} {_n(height)}" '
             f'role="img" aria-labelledby="works-chart-title works-chart-desc">',
             f'<title id="works-chart-title">{_esc(title)}</title>',
             f'<desc id="works-chart-desc">{_esc(description)}</desc>']
    x = left
    for index, item in enumerate(series):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        parts.append(f'<rect x="{_n(x)}" y="6" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{_n(x + 14)}" y="15" font-size="{FONT_SIZE}" fill="#1d2327">{_esc(item.label)}</text>')
        x += 14 + len(item.label) * FONT_SIZE * 0.6 + 14
    parts.append(f'<g font-size="{FONT_SIZE}" fill="#50575e">'
                 f'<text x="{left - 6}" y="{_n(top + 4)}" text-anchor="end">{highest}</text>'
                 f'<text x="{left - 6}" y="{_n(baseline + 4)}" text-anchor="end">0</text></g>'
                 f'<path d="M{left} {_n(top)} H{_n(width - 4)}" stroke="#d0d5d9" stroke-dasharray="3 3"/>'
                 f'<path d="M{left} {_n(baseline)} H{_n(width - 4)}" stroke="#1d2327"/>')
    for position, (year, counts) in enumerate(rows):
        bar_x = left + 8 + position * step
        y = baseline
        for index, (item, count) in enumerate(zip(series, counts)):
            if not count:
                continue
            colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
            y -= count * unit
            parts.append(f'<rect class="works-bar works-{_esc(item.key)}" x="{_n(bar_x)}" y="{_n(y)}" '
                         f'width="{bar_width}" height="{_n(count * unit)}" fill="{colour}">'
                         f'<title>{_esc(year)} · {_esc(item.label)}: {count}</title></rect>')
        parts.append(f'<text x="{_n(bar_x + bar_width / 2)}" y="{_n(baseline + 16)}" text-anchor="middle" '
                     f'font-size="{FONT_SIZE}" fill="#1d2327">{_esc(year)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
