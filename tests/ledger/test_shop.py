"""Shop Rewards over a generated stream: the ledger holds exactly what the evaluator awards, and
expiry removes exactly the points whose time has come."""

from __future__ import annotations

import datetime as dt
import sys

import pointrules
from pointrules.ledger import Ledger, MemoryStore, SQLiteStore
from pointrules.ledger.stream import record_stream
from pointrules.stream.simulate import read_members, simulate

from ledger_helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from gen_events import generate  # noqa: E402

SHOP = pointrules.load(ROOT / "examples" / "shop.points")
UTC = dt.timezone.utc
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def test_balances_equal_the_sum_of_the_awards_and_expiry_takes_what_is_due(tmp_path):
    lines, members = generate(1500, 21, None, 0.02)
    profiles = read_members(SHOP, members)
    expected = simulate(SHOP, lines, profiles=profiles).by_member
    for store in (MemoryStore(), SQLiteStore(str(tmp_path / "shop.db"))):
        ledger = Ledger(SHOP, store)
        ledger.set_profiles({m: {"tier": p["tier"]} for m, p in profiles.items()})
        recorded = record_stream(ledger, lines)
        assert recorded.summary.by_member == expected
        assert record_stream(ledger, lines).skipped == recorded.summary.accepted  # a rerun pays nothing
        # The shop has no pending points, so everything is available once earned.
        end = dt.datetime(2028, 1, 1, tzinfo=SHANGHAI) - dt.timedelta(seconds=1)
        assert {b.member: b.lifetime for b in ledger.balances(end) if b.lifetime} == expected
        # Points earned in year Y expire at the end of Y+1: on 2027-01-01 00:00 Shanghai, the 2025 points.
        cut = dt.datetime(2027, 1, 1, tzinfo=SHANGHAI)
        due = {}
        for member in ledger.balances(cut):
            for lot in ledger.lots(member.member):
                if lot.earned_at < dt.datetime(2026, 1, 1, tzinfo=SHANGHAI):
                    assert lot.expires_at == cut
                    due[lot.member] = due.get(lot.member, 0) + lot.remaining
                else:
                    assert lot.expires_at is not None and lot.expires_at > cut
        receipt = ledger.expire(cut)
        assert {m: -p for m, p in receipt.totals} == {m: p for m, p in due.items() if p}
        after = {b.member: b for b in ledger.balances(cut)}
        for member, points in expected.items():
            assert after[member].available + after[member].pending == points - due.get(member, 0)
            assert after[member].expired == due.get(member, 0)
        ledger.close()
