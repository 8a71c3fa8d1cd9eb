"""Run ``shop_operations`` into a ledger (a subprocess the kill and concurrency tests start): a SQLite
file or ``postgresql://…#SCHEMA``; with a fourth argument BATCH, record the generated shop stream of N
events in batches of BATCH."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pointrules  # noqa: E402
from pointrules.ledger import Ledger  # noqa: E402

from ledger_helpers import ROOT, apply_operation, open_target, shop_operations  # noqa: E402

if __name__ == "__main__":
    target, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    ledger = Ledger(pointrules.load(ROOT / "examples" / "shop.points"), open_target(target))
    if len(sys.argv) > 4:
        sys.path.insert(0, str(ROOT / "bench"))
        from gen_events import generate
        from pointrules.ledger.stream import record_stream
        record_stream(ledger, generate(n, seed, None, 0.02)[0], batch=int(sys.argv[4]))
    else:
        for op in shop_operations(n, seed):
            apply_operation(ledger, op)
    ledger.close()
