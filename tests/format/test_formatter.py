"""The formatter: one canonical layout, every comment kept, idempotent, meaning unchanged."""

from pathlib import Path

import pytest

from pointrules.formatter import format_text, shape
from pointrules.syntax.parser import parse
from pointrules.source import Source

EXAMPLES = sorted(Path("examples").glob("*.points"))


def _tree(text: str):  # type: ignore[no-untyped-def]
    tree, diagnostics = parse(Source(text))
    assert tree is not None, diagnostics
    return tree


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_are_formatted(path: Path) -> None:
    text = path.read_text("utf-8")
    assert format_text(text) == text


def test_messy_layout_becomes_canonical() -> None:
    messy = (
        'program   "Demo"  currency CNY timezone "Asia/Shanghai"\n'
        "event purchase { amount: money,channel: \"app\"|\"store\" }\n"
        "rule base on purchase when (channel = \"app\") { earn 10 points per 100 CNY of amount limit 3 times per day }\n"
    )
    assert format_text(messy) == (
        'program "Demo"\n'
        "currency CNY\n"
        'timezone "Asia/Shanghai"\n'
        'event purchase { amount: money, channel: "app" | "store" }\n'
        'rule base on purchase when channel = "app" {\n'
        "  earn 10 points per 100 CNY of amount\n"
        "  limit 3 times per day\n"
        "}\n"
    )


def test_comments_are_kept_in_place() -> None:
    text = (
        "# the header\n"
        'program "Demo"  # trailing\n'
        "\n"
        "# before the rule\n"
        "rule base on purchase {\n"
        "  # inside, before earn\n"
        "  earn 5 points # after earn\n"
        "  # before the closing brace\n"
        "}\n"
        "# at the very end\n"
    )
    out = format_text(text)
    assert out == (
        "# the header\n"
        'program "Demo"  # trailing\n'
        "\n"
        "# before the rule\n"
        "rule base on purchase {\n"
        "  # inside, before earn\n"
        "  earn 5 points  # after earn\n"
        "  # before the closing brace\n"
        "}\n"
        "\n"
        "# at the very end\n"
    )
    assert format_text(out) == out


def test_parentheses_kept_only_where_precedence_needs_them() -> None:
    text = "rule r on purchase when (a or b) and not (c = 1) and (d - (e - f)) * 2 > 3 { earn 1 point }\n"
    out = format_text(text)
    assert "when (a or b) and not c = 1 and (d - (e - f)) * 2 > 3 {" in out
    assert shape(_tree(out)) == shape(_tree(text))


def test_blank_lines_collapse_to_one() -> None:
    out = format_text('program "A"\n\n\n\ncurrency CNY\n')
    assert out == 'program "A"\n\ncurrency CNY\n'


def test_trailing_comments_of_consecutive_lines_line_up() -> None:
    out = format_text('version 1 # a\nrounding down # b\n')
    assert out == "version 1      # a\nrounding down  # b\n"


def test_points_per_unit_print_as_written_and_round_trip() -> None:
    text = (
        "rule cups on purchase { earn 10 points per unit of cups  earn 5 points per 2 units of cups prorated\n"
        'earn 1 point per units of items.quantity   where category = "coffee" to friend when cups > 1 }\n'
    )
    out = format_text(text)
    assert out == (
        "rule cups on purchase {\n"
        "  earn 10 points per unit of cups\n"
        "  earn 5 points per 2 units of cups prorated\n"
        '  earn 1 point per units of items.quantity where category = "coffee" to friend when cups > 1\n'
        "}\n"
    )
    assert format_text(out) == out
    assert shape(_tree(out)) == shape(_tree(text))


def test_ladders_print_one_space_after_each_comma_and_round_trip() -> None:
    text = (
        "rule signin on checkin { earn 5,  10 ,15 points by streak\n"
        "earn 1, 2 points per 100 CNY of amount by amount from 0 CNY,1,000 CNY to friend when amount > 0 CNY\n"
        "earn 3, 4 points by (streak + 1) * 2  earn 7 points by streak from 30 }\n"
    )
    out = format_text(text)
    assert out == (
        "rule signin on checkin {\n"
        "  earn 5, 10, 15 points by streak\n"
        "  earn 1, 2 points per 100 CNY of amount by amount from 0 CNY, 1,000 CNY to friend when amount > 0 CNY\n"
        "  earn 3, 4 points by (streak + 1) * 2\n"
        "  earn 7 points by streak from 30\n"
        "}\n"
    )
    assert format_text(out) == out
    assert shape(_tree(out)) == shape(_tree(text))


def test_points_from_the_event_print_in_one_spelling_and_round_trip() -> None:
    text = (
        "event grant { beans: point   up to 1,500, tip: optional points up to 50 }\n"
        "rule merchant on grant { earn beans   earn tip to friend when tip >= 10 points }\n"
    )
    out = format_text(text)
    assert out == (
        "event grant { beans: points up to 1,500, tip: optional points up to 50 }\n"
        "rule merchant on grant {\n"
        "  earn beans\n"
        "  earn tip to friend when tip >= 10 points\n"
        "}\n"
    )
    assert format_text(out) == out
    assert shape(_tree(out)) == shape(_tree(text))
