"""Four writer processes race on one ledger (a SQLite file, a PostgreSQL schema): the same members,
the same points and the last unit of a reward's stock. Whatever the interleaving, nothing is lost,
nothing is paid twice, no balance goes below zero and the stock is never oversold: the final
balances are exact (the arithmetic is in the comments)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from pointrules.ledger import Ledger

from ledger_helpers import PROGRAM, at, event, open_target

WORKER = Path(__file__).resolve().parent / "race_worker.py"


def _seed(ledger: Ledger) -> None:
    """Before the race (program of ledger_helpers: 1 point per CNY, usable after 3 days, valid 30
    days; a mug costs 200 points, stock 3): a has 500 points, b and c 300 each, e 400, and e takes
    two mugs, so one mug is left."""
    for member, amount in (("a", 500), ("b", 300), ("c", 300), ("e", 400)):
        ledger.process_event(event(f"seed-{member}", "purchase", member, at(1), amount=str(amount)))
    ledger.redeem_reward("mug-e1", "e", "mug", at(5))
    ledger.redeem_reward("mug-e2", "e", "mug", at(5))


def test_four_writers_racing_end_with_exact_balances(make_target: Callable[[str], str], tmp_path: Path) -> None:
    target = make_target("race4")
    seeded = Ledger(PROGRAM, open_target(target))
    _seed(seeded)
    seeded.close()
    go = tmp_path / "go"
    writers = [subprocess.Popen([sys.executable, str(WORKER), target, str(w), str(go)], stdout=subprocess.PIPE)
               for w in range(4)]
    go.touch()  # all four start together
    outputs = [w.communicate(timeout=600)[0] for w in writers]
    assert [w.returncode for w in writers] == [0, 0, 0, 0]
    won = [json.loads(out) for out in outputs]
    ledger = Ledger(PROGRAM, open_target(target))
    later = at(11)
    balances = {b.member: b for b in ledger.balances(later)}
    # a: 8 tries of 100 points on 500 → exactly 5 succeed, 3 are refused; 500 − 5 × 100 = 0.
    assert sum(w["orders"] for w in won) == 5
    assert (balances["a"].available, balances["a"].spent) == (0, 500)
    # The last mug: 4 tries (b, c, b, c), exactly 1 succeeds: one of b and c keeps 300, the other 300 − 200 = 100.
    assert sum(w["mugs"] for w in won) == 1
    assert sorted([balances["b"].available, balances["c"].available]) == [100, 300]
    with ledger.store.transaction() as tx:
        assert tx.stock_used("mug") == 3  # 2 of e's + 1: the stock of 3, never more
    # d: check-ins k0…k4 sent by all four writers are paid once (5 × 10 = 50), and each writer's own
    # five (4 × 5 × 10 = 200): 250, never to expire.
    assert (balances["d"].available, balances["d"].lifetime) == (250, 250)
    # e: 400 − 2 × 200 = 0. Nobody is below zero, and the movements add up for everyone.
    assert balances["e"].available == 0
    assert all(b.available >= 0 for b in balances.values())
    total = 500 + 300 + 300 + 400 + 250 - 500 - 200 - 400
    assert sum(b.available for b in balances.values()) == total == 650
    assert len([e for e in ledger.history("d") if e.reason == "earn"]) == 25
    ledger.close()
