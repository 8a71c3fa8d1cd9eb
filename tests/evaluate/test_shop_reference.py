"""A worked example of SHOP-REFERENCE.md as the Award records it: the cap's trim on the line. The
points of every worked example are in tests/conformance/shop_reference.toml, run through every
backend."""

from __future__ import annotations

PROFILES = {"m_diamond": {"tier": "diamond"}}


def test_diamond_electronics_on_double_eleven_is_capped_at_5000(shop, run):
    r = run(shop, PROFILES)
    award = r("purchase", "2026-11-11T10:00:00+08:00", "m_diamond", amount="1500.00", category="electronics", channel="web")
    # 1500 x 2 x 2 x 2 = 12000, daily cap 5000
    assert award.points == 5000
    (line,) = award.lines
    assert line.rounded == 12000 and line.trims[0].kind == "cap" and line.trims[0].after == 5000
