"""A progress bar for long-running management commands.

Drawn in place on the command's stdout::

    [ 120/1000]  12%  3.4 docs/s  eta 4m

It draws only when stdout is a terminal and the verbosity is at least 1; in
a log file, a cron mail or under ``--verbosity 0`` it stays quiet (the
command's summary says what happened).  Lines written with :meth:`Progress.write`
appear above the bar without tearing it.
"""

from __future__ import annotations

import time
from typing import Callable, TextIO

from django.core.management.base import OutputWrapper

REDRAW_SECONDS = 0.1  # at most ten redraws a second: a terminal is slow too


def format_duration(seconds: float) -> str:
    """``2.5s``, ``45s``, ``4m``, ``1h05m``: precise enough for an estimate."""
    if seconds < 10:
        return f"{max(0.0, seconds):.1f}s"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h{rest // 60:02d}m"


class Progress:
    """Count work done out of ``total`` (``None`` if unknown) and show it.

    Use as a context manager, or call :meth:`finish` at the end.  The
    instance is also a callable taking the number done, so it can be handed
    to code that knows nothing about terminals (``search.rebuild``).
    """

    def __init__(self, stdout: OutputWrapper | TextIO, total: int | None, *, unit: str = "docs",
                 verbosity: int = 1, interactive: bool | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stdout = stdout
        self.total = total
        self.unit = unit
        self.done = 0
        self._clock = clock
        self._started = clock()
        self._drawn_at: float | None = None
        self._width = 0  # of the line drawn last, to blank it out
        if interactive is None:
            interactive = bool(getattr(stdout, "isatty", lambda: False)())
        self.enabled = verbosity > 0 and interactive

    # --- counting ---------------------------------------------------------

    def update(self, done: int, total: int | None = None) -> None:
        """Set the number done (and the total, if it became known)."""
        self.done = done
        if total is not None:
            self.total = total
        if self.total is not None and self.done > self.total:
            self.total = self.done  # an estimate was low: never show more than 100 %
        self._draw()

    def advance(self, count: int = 1) -> None:
        self.update(self.done + count)

    def __call__(self, done: int) -> None:
        self.update(done)

    # --- what it looks like -----------------------------------------------

    @property
    def elapsed(self) -> float:
        return self._clock() - self._started

    @property
    def rate(self) -> float:
        """Items per second since the start."""
        elapsed = self.elapsed
        return self.done / elapsed if elapsed > 0 else 0.0

    def line(self, final: bool = False) -> str:
        """The text of the bar: ``[ 120/1000]  12%  3.4 docs/s  eta 4m``."""
        if self.total is None:
            parts = [f"[{self.done}/?]"]
        else:
            width = len(str(self.total))
            percent = 100 * self.done // self.total if self.total else 100
            parts = [f"[{self.done:>{width}}/{self.total}] {percent:3d}%"]
        parts.append(f"{self.rate:.1f} {self.unit}/s")
        if final:
            parts.append(f"in {format_duration(self.elapsed)}")
        elif self.total is not None and self.rate > 0:
            parts.append(f"eta {format_duration((self.total - self.done) / self.rate)}")
        return "  ".join(parts)

    # --- drawing ----------------------------------------------------------

    def write(self, text: str) -> None:
        """Print a line of text above the bar (always, even when the bar is quiet)."""
        self._clear()
        self._emit(text + "\n")
        self._drawn_at = None
        self._draw()

    def finish(self) -> None:
        """Draw the final state and end the line."""
        if self.enabled:
            self._emit("\r" + self._padded(self.line(final=True)) + "\n")
            self._width = 0

    def __enter__(self) -> Progress:
        self._draw(force=True)
        return self

    def __exit__(self, *exc_info) -> None:
        if exc_info[0] is None:
            self.finish()
        else:
            self._clear()  # the error message should start on a clean line

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = self._clock()
        if not force and self._drawn_at is not None and now - self._drawn_at < REDRAW_SECONDS:
            return
        self._drawn_at = now
        self._emit("\r" + self._padded(self.line()))

    def _padded(self, text: str) -> str:
        padded = text.ljust(self._width)
        self._width = len(text)
        return padded

    def _clear(self) -> None:
        if self.enabled and self._width:
            self._emit("\r" + " " * self._width + "\r")
            self._width = 0

    def _emit(self, text: str) -> None:
        if isinstance(self.stdout, OutputWrapper):
            self.stdout.write(text, ending="")
        else:
            self.stdout.write(text)
        self.stdout.flush()
