"""A ledger from before format 6 (its caps' counters named by their place, ``cap0:day``) keeps its
caps' counts when it is opened with its program, in SQLite and PostgreSQL (schema.py, ledger/caps.py).
The program and its worked figures: tests/caps_versions.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from caps_versions import COUNTS, EVENTS, POINTS, review_club
from old_format import positional_caps
from test_format_upgrade import Target, target  # noqa: F401

from pointrules.ledger import Ledger, SQLiteStore, StoreError
from pointrules.ledger.schema import FORMAT


def make_format_5(target: Target, renames: list[str]) -> None:
    """What pointrules wrote before caps were counted by what they are (format 5)."""
    target.sql(*renames, "UPDATE meta SET value = '5' WHERE key = 'format'")


def test_upgraded_on_the_morning_of_the_switch_the_daily_cap_keeps_its_count(target: Target, tmp_path: Path) -> None:
    versions = review_club(tmp_path / "club")
    ledger = Ledger(versions, target.open())
    assert [ledger.process_event(e).totals for e in EVENTS[:2]] == [(("m1", 300),), (("m1", 100),)]
    ledger.close()
    # e1 and e2 were version 1's, whose one cap, over every kind, counted at place 0: 300 + 100
    make_format_5(target, positional_caps(versions.programs[0]))
    assert target.sql("SELECT member, scope, period, amount FROM counters WHERE scope LIKE 'cap%'") == [
        ("m1", "cap0:day", "2026-07-01", 400)]

    # Opened with the versions before version 2 takes effect (12:00): m1's latest activity is 11:00,
    # under version 1, so place 0 is version 1's daily cap over every kind (version 2's place 0 is its
    # review cap: counted by that, e3 would earn 0)
    upgraded = Ledger(versions, target.open())
    assert target.sql("SELECT value FROM meta WHERE key = 'format'") == [(FORMAT,)]
    assert target.sql("SELECT member, scope, period, amount FROM counters WHERE scope LIKE 'cap%'") == [
        ("m1", "cap:day:*", "2026-07-01", 400)]
    assert [upgraded.process_event(e).totals for e in EVENTS[2:]] == [(("m1", p),) for p in POINTS[2:]]
    upgraded.close()
    found = target.sql("SELECT member, scope, period, amount FROM counters WHERE scope LIKE 'cap%'")
    assert {(m, s, p): a for m, s, p, a in found} == COUNTS  # as on a ledger never of format 5


def test_a_program_of_two_caps_is_named_place_by_place(target: Target, tmp_path: Path) -> None:
    # version 2 alone, as a single program: its caps are reviews 150 (place 0) and every kind 600 (place 1)
    program = review_club(tmp_path / "club").programs[1]
    ledger = Ledger(program, target.open())
    # e3 review 100 (reviews 100, the day 100); e4 review: 50 left of reviews, 100 -> 50 (reviews 150, the day 150)
    assert [ledger.process_event(e).totals for e in EVENTS[2:4]] == [(("m1", 100),), (("m1", 50),)]
    ledger.close()
    make_format_5(target, positional_caps(program))
    assert sorted(target.sql("SELECT scope, amount FROM counters WHERE scope LIKE 'cap%'")) == [
        ("cap0:day", 150), ("cap1:day", 150)]
    Ledger(None, target.open()).close()  # `pointrules ledger balances`: format 6, the names wait for the program
    assert target.sql("SELECT value FROM meta WHERE key = 'caps'") == [("by position",)]
    upgraded = Ledger(program, target.open())
    # e5 purchase 200.00: the day has 600 - 150 = 450 left, so all 200; e2 another review: 0 left of reviews
    assert [upgraded.process_event(e).totals for e in (EVENTS[4], EVENTS[1].replace("11:00", "15:00"))] == [
        (("m1", 200),), (("m1", 0),)]
    upgraded.close()
    assert sorted(target.sql("SELECT scope, amount FROM counters WHERE scope LIKE 'cap%'")) == [
        ("cap:day:*", 350), ("cap:day:review", 150)]
    assert target.sql("SELECT value FROM meta WHERE key = 'caps'") == [("by identity",)]


def test_read_without_being_written_before_its_caps_are_named_it_is_refused(tmp_path: Path) -> None:
    versions = review_club(tmp_path / "club")
    made = Target("sqlite", tmp_path)
    ledger = Ledger(versions, made.open())
    ledger.process_event(EVENTS[0])
    ledger.close()
    make_format_5(made, positional_caps(versions.programs[0]))
    Ledger(None, made.open()).close()  # brought to format 6, its caps' counters still named by place
    store = SQLiteStore(made.path, readonly=True)  # as `pointrules eval --ledger` opens it
    with pytest.raises(StoreError, match="caps' counters are named as before format 6"):
        Ledger(versions, store)
    store.close()
