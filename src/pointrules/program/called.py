"""What a program calls its points (``points are called "京豆" / "beans"``) in the words shown to
people: explanations, terms, summaries, reports and the ledger's messages. Only words: JSON keys,
rows and the language itself keep ``points``."""

from __future__ import annotations

from typing import Any

__all__ = ["DEFAULT", "called", "counted", "singular", "unit"]

DEFAULT = {"en": "points", "zh": "积分"}  # a program that does not name its points


def called(program: Any, lang: str = "en") -> str:
    """The program's name for its points in ``lang`` (``en`` or ``zh``), the language's word when
    it gives none."""
    return program.points_names.get(lang) or DEFAULT[lang]


def singular(name: str) -> str:
    """English says `1 point`: the singular of a name ending in a single s drops it (beans, 1 bean);
    any other name (金币, stars' plural aside) is its own singular."""
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def unit(count: int, name: str = "points") -> str:
    """The English word for ``count`` points, ``name`` being the plural: `bean` for 1 or -1."""
    return singular(name) if abs(count) == 1 else name


def counted(count: int, name: str = "points") -> str:
    """``count`` points in English words: `3,000 beans`, `1 bean`, `-1 bean`."""
    return f"{count:,} {unit(count, name)}"
