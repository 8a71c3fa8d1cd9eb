"""A ledger from before entries kept their program's version (its ``entries`` without ``version``,
meta ``format`` 4, its caps' counters named by their place) is brought to this format when it is opened, in SQLite and PostgreSQL:
its entries are kept, each with no version (they were made under one program file), every balance,
history, lot, summary and liability is what it was, and the operations after the upgrade give what
they give on a ledger never of the older format."""

from __future__ import annotations

from pathlib import Path

from pointrules.ledger import Ledger, MemoryStore
from pointrules.ledger.schema import FORMAT

from old_format import positional_caps
from test_format_upgrade import AFTER, BEFORE, SHOP, Target, _instants, run, snapshot, target  # noqa: F401

PREVIOUS = "4"


def make_previous(target: Target) -> None:
    """What pointrules wrote before entries kept the version of the program (issue 14)."""
    target.sql("ALTER TABLE entries DROP COLUMN version", f"UPDATE meta SET value = '{PREVIOUS}' WHERE key = 'format'",
               *positional_caps(SHOP))


def test_a_ledger_of_the_previous_format_opens_upgrades_and_keeps_every_balance(target: Target) -> None:
    control = run(Ledger(SHOP, MemoryStore()), BEFORE)  # never of the previous format
    before = snapshot(control)
    old = run(Ledger(SHOP, target.open()), BEFORE)
    assert snapshot(old) == before
    entries = target.sql("SELECT member, seq, operation, reason, points, lot FROM entries ORDER BY member, seq")
    old.close()
    make_previous(target)

    reader = Ledger(None, target.open())  # as `pointrules ledger balances` opens it: upgraded
    assert [b.row() for b in reader.balances(_instants()[0])] == [b.row() for b in before["balances"][0]]
    reader.close()
    assert target.sql("SELECT value FROM meta WHERE key = 'format'") == [(FORMAT,)]
    assert target.sql("SELECT member, seq, operation, reason, points, lot FROM entries ORDER BY member, seq") == entries
    assert target.sql("SELECT DISTINCT version FROM entries") == [(None,)]  # one program file: no version

    upgraded = Ledger(SHOP, target.open())
    assert snapshot(upgraded) == before
    assert snapshot(run(upgraded, AFTER)) == snapshot(run(control, AFTER))
    upgraded.close()
    control.close()


def test_a_file_of_the_previous_format_is_upgraded_by_the_command_line(tmp_path: Path) -> None:
    from pointrules.cli import main

    made = Target("sqlite", tmp_path)
    run(Ledger(SHOP, made.open()), BEFORE).close()
    make_previous(made)
    assert main(["ledger", "summary", made.path, "--at", _instants()[1].isoformat()]) == 0
    assert made.sql("SELECT value FROM meta WHERE key = 'format'") == [(FORMAT,)]
