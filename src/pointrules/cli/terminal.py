"""What the command line shows only on a terminal: colour, progress and the columns text takes.
Anything written to a file or a pipe stays plain, and NO_COLOR (https://no-color.org) switches
colour off."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

from pointrules.source import display_width

try:  # the `cli` extra (docs/decisions.md): widths as terminals count them, combining marks and emoji too
    import wcwidth
except ImportError:  # without it: wide and full-width characters take two columns, everything else one
    wcwidth = None  # type: ignore[assignment]

T = TypeVar("T")


def columns(text: str) -> int:
    """The columns ``text`` takes on a terminal (张三 takes four)."""
    return wcwidth.width(text) if wcwidth is not None else display_width(text)


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` terminal columns, on the left when ``right``."""
    fill = " " * max(0, width - columns(text))
    return fill + text if right else text + fill


def colour_on(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR")


def paint(text: str, colour: str, stream: TextIO | None = None) -> str:
    """``text`` in an ANSI colour (e.g. "31" red) when ``stream`` (stdout by default) is a terminal."""
    if colour_on(stream or sys.stdout):
        return f"\x1b[{colour}m{text}\x1b[0m"
    return text


class Progress:
    """A one-line counter on a terminal's standard error; silent anywhere else."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.shown = False

    def show(self, text: str) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K" + text)
            sys.stderr.flush()
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.shown = False

    def count(self, items: Iterable[T], what: str, every: int = 10_000) -> Iterable[T]:
        """Pass ``items`` through, showing how many went by every ``every`` items (untouched, at no
        cost, when not on a terminal)."""
        return self._count(items, what, every) if self.enabled else items

    def _count(self, items: Iterable[T], what: str, every: int) -> Iterator[T]:
        n = 0
        for n, item in enumerate(items, 1):
            if n % every == 0:
                self.show(f"{n:,} {what}…")
            yield item
        self.clear()
