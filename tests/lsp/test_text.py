"""Offsets and the protocol's positions, in each encoding a client may choose."""

import pytest

from pointrules.lsp.text import Place, offset, place
from pointrules.source import Source

# line 1: `a "🎁会" b`: 🎁 is one character, two UTF-16 units, four UTF-8 bytes; 会 is 1, 1 and 3
SOURCE = Source('x\na "🎁会" b\n')
B = SOURCE.text.index("b")  # offset 9: `x\n` (2) + `a "🎁会" ` (7 characters)


@pytest.mark.parametrize("encoding, column", [("utf-16", 8), ("utf-8", 12), ("utf-32", 7)])
def test_a_column_counts_the_encodings_units(encoding: str, column: int) -> None:
    # before `b`: `a "` (3) + 🎁 (2 / 4 / 1) + 会 (1 / 3 / 1) + `" ` (2)
    assert place(SOURCE, B, encoding) == Place(1, column)
    assert offset(SOURCE, Place(1, column), encoding) == B


def test_past_the_end_of_a_line_or_the_text() -> None:
    assert offset(SOURCE, Place(0, 99)) == 1  # the end of `x`
    assert offset(SOURCE, Place(9, 0)) == len(SOURCE.text)
