"""Where things go on the map: markers that would hide each other, and town names that must not overlap.

Pure geometry in SVG user units (``y`` grows downwards).  Text widths are
estimated from the number of characters, since the server cannot measure a
font it does not render; the estimate errs on the wide side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

#: estimated advance of one character, as a fraction of the font size (system sans-serif, slightly wide)
CHAR_WIDTH = 0.6


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: "Rect") -> bool:
        return (self.x < other.x + other.width and other.x < self.x + self.width
                and self.y < other.y + other.height and other.y < self.y + self.height)

    def inside(self, width: float, height: float) -> bool:
        return self.x >= 0 and self.y >= 0 and self.x + self.width <= width and self.y + self.height <= height


@dataclass(frozen=True)
class Label:
    text: str
    x: float  # where the text is anchored (its baseline)
    y: float
    anchor: str  # SVG text-anchor: start, middle, end
    box: Rect


def spread(points: Sequence[tuple[float, float]], min_distance: float) -> list[tuple[float, float]]:
    """``points`` with those closer than ``min_distance`` to a group's first point moved onto a small circle
    around the group's centre, ``min_distance`` apart, so that no marker hides another; the order is kept."""
    groups: list[list[int]] = []
    for index, (x, y) in enumerate(points):
        for group in groups:
            gx, gy = points[group[0]]
            if math.hypot(x - gx, y - gy) < min_distance:
                group.append(index)
                break
        else:
            groups.append([index])
    placed = list(points)
    for group in groups:
        if len(group) < 2:
            continue
        cx = sum(points[i][0] for i in group) / len(group)
        cy = sum(points[i][1] for i in group) / len(group)
        radius = min_distance / (2 * math.sin(math.pi / len(group)))
        for position, index in enumerate(group):
            angle = -math.pi / 2 + 2 * math.pi * position / len(group)
            placed[index] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    return placed


def text_box(text: str, x: float, y: float, anchor: str, font_size: float) -> Rect:
    """The estimated box of ``text`` drawn at baseline ``(x, y)``."""
    width = len(text) * CHAR_WIDTH * font_size
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Rect(left, y - font_size * 0.8, width, font_size)


def place_labels(anchors: Sequence[tuple[str, float, float]], obstacles: Sequence[Rect], width: float,
                 height: float, font_size: float = 12, gap: float = 8) -> list[Label]:
    """Names for ``anchors`` (text, x, y), in their order, each at the first of eight positions around its
    point (right, left, above, below, then the diagonals) where it stays inside the map and overlaps no
    obstacle and no label placed before it.  A name that fits nowhere is left out (the list below the map
    names every town)."""
    placed: list[Label] = []
    taken = list(obstacles)
    lift = font_size * 0.35  # baseline offset that centres a line of text on a point
    for text, x, y in anchors:
        candidates = (
            (x + gap, y + lift, "start"), (x - gap, y + lift, "end"),
            (x, y - gap, "middle"), (x, y + gap + font_size * 0.8, "middle"),
            (x + gap * 0.7, y - gap * 0.7, "start"), (x - gap * 0.7, y - gap * 0.7, "end"),
            (x + gap * 0.7, y + gap * 0.7 + font_size * 0.8, "start"),
            (x - gap * 0.7, y + gap * 0.7 + font_size * 0.8, "end"),
        )
        for cx, cy, anchor in candidates:
            box = text_box(text, cx, cy, anchor, font_size)
            if box.inside(width, height) and not any(box.overlaps(other) for other in taken):
                placed.append(Label(text, cx, cy, anchor, box))
                taken.append(box)
                break
    return placed
