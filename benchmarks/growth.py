"""How cost grows with the corpus: a small table and a PNG plot of rows measured at several sizes.

A row is one measurement at one corpus size::

    {"size": 5000, "series": "elasticsearch", "one-client median ms": 12.5, "p95 ms": 80.1}

``size`` is required (pages, documents: whatever ``size_label`` says);
``series`` is optional and tells apart what was measured at the same size
(a backend, a worker count).  Every other key is a metric; a missing or
``None`` value is shown as ``-`` and left out of the plot.  Metric names
carry their unit (``ms``, ``MB``, ``bytes/page``).

The plot has one panel per metric with the size on a logarithmic x axis and
a dotted guide per series that grows in proportion to the size from the
series' first point: a curve along it is linear, one flat below it is
constant, one above it grows worse than linearly.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Iterable, TextIO

Row = dict[str, Any]


def metrics_of(rows: Iterable[Row]) -> list[str]:
    """The metric names of ``rows`` in the order they first appear (not ``size`` or ``series``)."""
    names: dict[str, None] = {}
    for row in rows:
        names.update((key, None) for key in row if key not in ("size", "series"))
    return list(names)


def series_of(rows: Iterable[Row]) -> list[str]:
    """The series of ``rows`` in the order they first appear ("" for rows without one)."""
    return list(dict.fromkeys(str(row.get("series", "")) for row in rows))


def format_value(value: Any) -> str:
    """A figure for the table: ``-`` for none, integers grouped, small numbers with a decimal or two."""
    if value is None:
        return "-"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int) or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}" if abs(value) >= 1 else f"{value:.2f}"


def growth_table(rows: list[Row], size_label: str = "pages") -> str:
    """The rows as a plain-text table: a column for the size, the series (if any) and each metric."""
    metrics = metrics_of(rows)
    with_series = any(row.get("series") for row in rows)
    header = [size_label, *(["series"] if with_series else []), *metrics]
    lines = [[format_value(row["size"]), *([str(row.get("series", ""))] if with_series else []),
              *(format_value(row.get(name)) for name in metrics)] for row in rows]
    widths = [max(len(cell) for cell in column) for column in zip(header, *lines)]

    def joined(cells: list[str]) -> str:
        first = 2 if with_series else 1  # size and series left-aligned, the figures right-aligned
        return "  ".join(cell.ljust(width) if number < first else cell.rjust(width)
                         for number, (cell, width) in enumerate(zip(cells, widths))).rstrip()

    rule = "-" * len(joined(header))
    return "\n".join([joined(header), rule, *(joined(cells) for cells in lines)])


def print_growth_table(rows: list[Row], title: str = "", size_label: str = "pages", file: TextIO | None = None) -> None:
    """Print :func:`growth_table` under ``title`` (to stdout unless ``file``)."""
    out = file or sys.stdout
    if title:
        print(title, file=out)
    print(growth_table(rows, size_label), file=out, flush=True)


def write_growth_plot(rows: list[Row], path: Path | str, title: str = "", size_label: str = "pages") -> Path:
    """Write a PNG with one panel per metric against the size (log x axis); return its path.

    Needs matplotlib (requirements-dev.txt); it draws with the Agg backend, so no display is needed.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = metrics_of(rows)
    if not metrics:
        raise ValueError("no metric to plot: every row holds only its size and series")
    columns = min(3, len(metrics))
    lines = -(-len(metrics) // columns)
    figure, axes = plt.subplots(lines, columns, figsize=(4.6 * columns, 3.4 * lines + 0.9), squeeze=False)
    legend: dict[str, Any] = {}  # one legend for the figure: a line per series, and what the dotted guides are
    for panel, metric in zip(axes.flat, metrics):
        highest = 0.0
        for number, series in enumerate(series_of(rows)):
            points = sorted((row["size"], row[metric]) for row in rows if str(row.get("series", "")) == series
                            and isinstance(row.get(metric), (int, float)))
            if not points:
                continue
            colour = f"C{number}"
            sizes, values = zip(*points)
            highest = max(highest, *values)
            (line,) = panel.plot(sizes, values, marker="o", color=colour)
            legend.setdefault(series or "measured", line)
            if len(points) > 1 and values[0] > 0:  # what linear growth from the first point would be
                (guide,) = panel.plot(sizes, [values[0] * size / sizes[0] for size in sizes], linestyle=":",
                                      color=colour, alpha=0.6)
                legend.setdefault("dotted: linear growth from the first point", guide)
        panel.set_xscale("log")
        panel.set_title(metric, fontsize=10)
        panel.set_xlabel(size_label)
        panel.set_ylim(0, highest * 1.25 or 1)  # the measured values fill the panel; the guides may leave it
        panel.grid(True, which="both", alpha=0.3)
    for panel in list(axes.flat)[len(metrics):]:
        panel.set_visible(False)
    if title:
        figure.suptitle(title, fontsize=11)
    figure.legend(list(legend.values()), list(legend), loc="lower center", ncol=min(4, len(legend)), fontsize=8,
                  frameon=False)
    figure.tight_layout(rect=(0, 0.5 / (3.4 * lines + 0.9), 1, 1))
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, format="png", dpi=110)
    plt.close(figure)
    return target
