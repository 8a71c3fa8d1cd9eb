"""Fenced code blocks of a Markdown text, for the tests that run the documentation's examples."""

from __future__ import annotations


def fences(text: str) -> list[tuple[str, str]]:
    """Every fenced block as (info string, text), in order; fences are paired in order, as Markdown
    does."""
    found: list[tuple[str, str]] = []
    current: list[str] | None = None
    info = ""
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            if current is None:
                current, info = [], line[3:].strip()
            else:
                found.append((info, "".join(current)))
                current = None
        elif current is not None:
            current.append(line)
    return found


def fenced_blocks(text: str, lang: str) -> list[str]:
    """The blocks whose info string is ``lang`` ("" for plain fences), in order."""
    return [block for info, block in fences(text) if info == lang]
