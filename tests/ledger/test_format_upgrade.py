"""A ledger of format 3 (instants as text, fingerprints as hex, every receipt as JSON: before
issue 15) or of format 2 (also before tier points: no ``history.tier_points``) is brought to format
4 when it is opened, in SQLite and in PostgreSQL, and keeps everything: every member's balances at
several instants, history, lots, the summary and the liability are what they were, a format 2 tier
history counts 0 tier points, a rerun of the old events pays nothing twice, and the operations after
the upgrade give what they give on a ledger that was never of an older format."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import pointrules
from pointrules.cli import main
from pointrules.ledger import Ledger, MemoryStore, SQLiteStore, Store
from pointrules.ledger.schema import FORMAT

from ledger_helpers import ROOT, apply_operation, shop_operations
from old_format import positional_caps, postgres_to_format_3, sqlite_to_format_3
from postgres_server import drop_schema, new_schema, postgres_url

# examples/shop.points with tiers it computes from spend, so that the ledger keeps a tier history
SHOP = pointrules.loads((ROOT / "examples" / "shop.points").read_text("utf-8").replace("""tiers {
  member   "普通会员"
  silver   "银卡"      multiplier 1.2
  gold     "金卡"      multiplier 1.5
  diamond  "钻石卡"    multiplier 2
}""", """tiers by spend over last 12 months {
  member   "普通会员"  from 0 CNY
  silver   "银卡"      from 1,000 CNY  multiplier 1.2
  gold     "金卡"      from 5,000 CNY  multiplier 1.5
  diamond  "钻石卡"    from 20,000 CNY  multiplier 2
}"""), "shop.points")
OPERATIONS = shop_operations(240, 13)  # events, redemptions, returns, adjustments and expiry runs
BEFORE, AFTER = OPERATIONS[:200], OPERATIONS[200:]


class Target:
    """A store of one kind, opened again and again, and the format 2 it is turned back into."""

    def __init__(self, kind: str, tmp_path: Path) -> None:
        self.kind = kind
        if kind == "sqlite":
            self.path = str(tmp_path / "old.db")
        else:
            self.url, self.schema = postgres_url(), new_schema()

    def open(self) -> Store:
        if self.kind == "sqlite":
            return SQLiteStore(self.path)
        from pointrules.ledger.postgres import PostgresStore

        return PostgresStore(self.url, schema=self.schema)

    def sql(self, *statements: str) -> list[Any]:
        """Run statements on the database itself, as another program would; the last one's rows."""
        if self.kind == "sqlite":
            with sqlite3.connect(self.path) as conn:
                rows = [conn.execute(s).fetchall() for s in statements]
            conn.close()
            return rows[-1]
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'SET search_path TO "{self.schema}"')
            rows = [conn.execute(s) for s in statements]
            return rows[-1].fetchall() if rows[-1].description else []

    def make_format_3(self) -> None:
        """What pointrules wrote before issue 15 (format 3), its caps' counters named by their place."""
        if self.kind == "sqlite":
            sqlite_to_format_3(self.path)
        else:
            postgres_to_format_3(self.url, self.schema)
        self.sql(*positional_caps(SHOP))

    def make_format_2(self) -> None:
        """What pointrules wrote before tier points were kept (format 2, issue 13)."""
        self.make_format_3()
        self.sql("ALTER TABLE history DROP COLUMN tier_points", "UPDATE meta SET value = '2' WHERE key = 'format'")


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Target]:
    made = Target(request.param, tmp_path)
    yield made
    if made.kind == "postgres":
        drop_schema(made.url, made.schema)


def _instants() -> list[dt.datetime]:
    """A quarter, half and three quarters into the first operations' events, and two years on."""
    times = sorted(dt.datetime.fromisoformat(json.loads(str(op["line"]))["time"]) for op in BEFORE
                   if op["op"] == "event")
    return [times[len(times) // 4], times[len(times) // 2], times[3 * len(times) // 4],
            times[-1] + dt.timedelta(days=800)]


def snapshot(ledger: Ledger) -> dict[str, Any]:
    """Everything a ledger reports: balances at each instant, each member's history and lots, the
    summary and the liability."""
    instants = _instants()
    members = sorted(b.member for b in ledger.balances(instants[0]))
    return {
        "balances": [ledger.balances(t) for t in instants],
        "history": {m: ledger.history(m) for m in members},
        "lots": {m: ledger.lots(m) for m in members},
        "summary": [ledger.summary(t) for t in instants],
        "liability": [ledger.liability(t) for t in instants],
    }


def run(ledger: Ledger, operations: list[dict[str, object]]) -> Ledger:
    for op in operations:
        apply_operation(ledger, op)
    return ledger


def test_a_format_2_ledger_opens_upgrades_and_keeps_every_balance(target: Target) -> None:
    control = run(Ledger(SHOP, MemoryStore()), BEFORE)  # never of format 2
    before = snapshot(control)
    assert all(sum(b.available + b.pending for b in found) > 0 for found in before["balances"][:3])  # points to keep

    old = run(Ledger(SHOP, target.open()), BEFORE)
    assert snapshot(old) == before
    tiers_before = target.sql("SELECT seq, member, at, spend, purchases, points FROM history ORDER BY seq")
    assert tiers_before and SHOP.tier_policy.qualification is not None  # purchases made a tier history
    old.close()
    target.make_format_2()
    assert target.sql("SELECT value FROM meta WHERE key = 'format'") == [("2",)]

    # opened without the program, as `pointrules ledger balances` does: upgraded, nothing lost
    reader = Ledger(None, target.open())
    assert [b.row() for b in reader.balances(_instants()[0])] == [b.row() for b in before["balances"][0]]
    reader.close()
    assert target.sql("SELECT value FROM meta WHERE key = 'format'") == [(FORMAT,)]
    # the old tier history is kept, each entry with 0 tier points (none were earned before)
    assert target.sql("SELECT seq, member, at, spend, purchases, points FROM history ORDER BY seq") == tiers_before
    assert target.sql("SELECT DISTINCT tier_points FROM history") == [(0,)]

    upgraded = Ledger(SHOP, target.open())
    assert snapshot(upgraded) == before
    # and it goes on as a ledger that never was of format 2
    assert snapshot(run(upgraded, AFTER)) == snapshot(run(control, AFTER))
    upgraded.close()
    control.close()


def test_the_command_line_upgrades_a_format_2_file_and_shows_its_balances(tmp_path: Path, capsys) -> None:
    target = Target("sqlite", tmp_path)
    control = run(Ledger(SHOP, MemoryStore()), BEFORE)
    run(Ledger(SHOP, target.open()), BEFORE).close()
    target.make_format_2()
    at = _instants()[1].isoformat()
    assert main(["ledger", "balances", target.path, "--at", at, "--format", "jsonl"]) == 0
    shown = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert shown == [b.row() for b in control.balances(_instants()[1])]
    assert target.sql("SELECT value FROM meta WHERE key = 'format'") == [(FORMAT,)]


def test_a_format_3_ledger_opens_upgrades_keeps_everything_and_pays_nothing_twice(target: Target) -> None:
    control = run(Ledger(SHOP, MemoryStore()), BEFORE)
    before = snapshot(control)
    old = run(Ledger(SHOP, target.open()), BEFORE)
    old.close()
    target.make_format_3()
    assert target.sql("SELECT value FROM meta WHERE key = 'format'") == [("3",)]
    assert all(len(f) == 64 for (f,) in target.sql("SELECT fingerprint FROM results"))  # hex text, as format 3 kept it
    stamps = target.sql("SELECT at FROM entries ORDER BY seq")
    assert stamps and all(isinstance(t, str) and t.endswith("Z") for (t,) in stamps)

    upgraded = Ledger(SHOP, target.open())
    assert target.sql("SELECT value FROM meta WHERE key = 'format'") == [(FORMAT,)]
    assert all(isinstance(t, int) for (t,) in target.sql("SELECT at FROM entries ORDER BY seq"))
    assert snapshot(upgraded) == before
    # every operation done again returns its first receipt and changes nothing (fingerprints kept)
    replayed = [apply_operation(upgraded, op) for op in BEFORE]
    assert replayed == [apply_operation(control, op) for op in BEFORE]
    assert snapshot(upgraded) == before
    assert snapshot(run(upgraded, AFTER)) == snapshot(run(control, AFTER))
    upgraded.close()
    control.close()
