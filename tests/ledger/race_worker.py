"""One of the four writers of test_race.py: waits for the start signal (a file), then runs its
share of the race against the ledger at TARGET and prints what it won as one JSON line."""

import json
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pointrules.ledger import Ledger, LedgerError  # noqa: E402

from ledger_helpers import PROGRAM, at, event, open_target  # noqa: E402

if __name__ == "__main__":
    target, writer, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    ledger = Ledger(PROGRAM, open_target(target))
    won = {"orders": 0, "mugs": 0}
    while not go.exists():
        time.sleep(0.001)
    when = at(10)
    for i in range(5):
        # The same five check-ins of d from every writer (paid once), and one of d's own per writer and round.
        ledger.process_event(event(f"k{i}", "checkin", "d", when))
        ledger.process_event(event(f"k{writer}-{i}", "checkin", "d", when))
        if i < 2:  # eight orders of 100 points in all on a's 500
            try:
                ledger.redeem_order(f"order-{writer}-{i}", "a", Decimal("1000"), when, points=100)
                won["orders"] += 1
            except LedgerError:
                pass
        if i == 1:  # four tries at the last mug, for b and c
            try:
                ledger.redeem_reward(f"mug-{writer}", "bc"[writer % 2], "mug", when)
                won["mugs"] += 1
            except LedgerError:
                pass
    ledger.close()
    print(json.dumps(won))
