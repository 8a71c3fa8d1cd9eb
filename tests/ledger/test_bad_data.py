"""Bad data never becomes a traceback (issue 15): a damaged or foreign ledger file is a StoreError
naming the file (exit status 2 on the command line); points that would overflow a 64-bit column
are refused before anything is written; ids have a maximum length."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pointrules
from pointrules.cli import main
from pointrules.events import MAX_ID_LENGTH, EventError
from pointrules.ledger import MAX_POINTS, Ledger, LedgerError, SQLiteStore, StoreError
from pointrules.ledger.stream import record_stream
from pointrules.stream.simulate import Rejection, simulate

from ledger_helpers import PROGRAM, ROOT, at

SHOP = pointrules.load(ROOT / "examples" / "shop.points")
EVENTS = ROOT / "examples" / "shop.events.jsonl"
LATER = dt.datetime(2027, 6, 1, tzinfo=dt.timezone.utc)
EXAMPLES = 1000 if os.environ.get("POINTRULES_FUZZ") == "long" else 40
BIG = pointrules.loads('program "Big" currency CNY timezone "Asia/Shanghai" event purchase { amount: money }'
                       ' rule base on purchase { earn 1000 points per 1 CNY of amount }')


def _purchase(eid: str, amount: str, member: str = "m1") -> dict[str, object]:
    return {"id": eid, "kind": "purchase", "member": member, "time": "2026-03-02T10:00:00+08:00", "amount": amount}


@pytest.fixture(scope="module")
def good_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real ledger: the bundled shop stream, a redemption, a return and an expiry."""
    path = tmp_path_factory.mktemp("ledger") / "good.db"
    ledger = Ledger(SHOP, SQLiteStore(str(path)))
    record_stream(ledger, EVENTS.read_text(encoding="utf-8").splitlines())
    member = max(ledger.balances(LATER), key=lambda b: b.available).member
    ledger.adjust("a1", member, -10, "goodwill reversed", LATER)
    ledger.expire(LATER)
    ledger.close()
    return path


def _damage(source: Path, target: Path, patches: list[tuple[float, bytes]], cut: float | None) -> None:
    data = bytearray(source.read_bytes())
    for where, junk in patches:
        i = int(where * len(data))
        data[i:i + len(junk)] = junk[:len(data) - i]
    if cut is not None:
        del data[int(cut * len(data)):]
    target.write_bytes(bytes(data))


def _api(path: Path) -> None:
    """Open and use a ledger file: every call succeeds, refuses as the ledger does, or raises StoreError."""
    try:
        ledger = Ledger(SHOP, SQLiteStore(str(path)))
    except StoreError as error:
        assert str(path) in str(error)
        return
    calls: list[Callable[[], object]] = [
        lambda: ledger.balances(LATER), lambda: ledger.summary(LATER), lambda: ledger.liability(LATER),
        lambda: ledger.history("m5"), lambda: ledger.expiring(LATER, 30), lambda: ledger.expire(LATER, "x"),
        lambda: ledger.process_event({"id": "new1", "kind": "checkin", "member": "m5",
                                      "time": "2026-01-02T10:00:00+08:00", "streak": 3}),
        lambda: ledger.adjust("new2", "m5", -1, "test", LATER)]
    try:
        for call in calls:
            try:
                call()
            except (LedgerError, EventError):
                pass  # a refusal the (damaged but readable) data allows
            except StoreError as error:
                assert str(path) in str(error)
    finally:
        ledger.close()


def _cli(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for action in ("balances", "summary", "history", "expire"):
        args = ["ledger", action, str(path)] + (["--member", "m5"] if action == "history" else [])
        status = main(args)
        err = capsys.readouterr().err
        assert status in (0, 2), (action, status, err)
        if status == 2:
            assert str(path) in err and err.startswith("error: "), err


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(patches=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.binary(min_size=1, max_size=300)),
                        min_size=1, max_size=6),
       cut=st.none() | st.floats(0, 1))
def test_fuzz_a_damaged_ledger_file_is_a_clear_error(good_file: Path, tmp_path: Path, capsys, patches, cut) -> None:
    api, cli = tmp_path / "api.db", tmp_path / "cli.db"
    for target in (api, cli):
        for extra in ("-wal", "-shm"):
            Path(str(target) + extra).unlink(missing_ok=True)
        _damage(good_file, target, patches, cut)
    _api(api)
    _cli(cli, capsys)


def test_damage_at_every_page_is_a_clear_error(good_file: Path, tmp_path: Path, capsys) -> None:
    """A deterministic sweep: junk over each 4 kB page in turn (the schema, the tables, the indexes)."""
    pages = good_file.stat().st_size // 4096
    for page in range(0, pages, max(1, pages // 20)):
        target = tmp_path / f"p{page}.db"
        _damage(good_file, target, [(page / pages, bytes(range(256)) * 4)], None)
        _api(target)
        _cli(target, capsys)


def test_another_programs_database_is_refused_and_left_alone(tmp_path: Path, capsys) -> None:
    other = tmp_path / "shop.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    before = other.read_bytes()
    with pytest.raises(StoreError, match="not a pointrules ledger.*customers") as info:
        SQLiteStore(str(other))
    assert info.value.where == str(other)
    assert main(["ledger", "balances", str(other)]) == 2
    assert "not a pointrules ledger" in capsys.readouterr().err
    events = tmp_path / "e.jsonl"
    events.write_text(json.dumps({"id": "c1", "kind": "checkin", "member": "m1",
                                  "time": "2026-01-02T10:00:00+08:00", "streak": 1}) + "\n")
    assert main(["simulate", str(ROOT / "examples" / "shop.points"), str(events), "--ledger", str(other)]) == 2
    assert f"error: ledger {other}: not a pointrules ledger" in capsys.readouterr().err
    assert other.read_bytes() == before  # no table of ours was added to it


def test_a_file_that_is_not_sqlite_and_a_later_format_are_refused(tmp_path: Path, capsys) -> None:
    text = tmp_path / "notes.db"
    text.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError, match="not a pointrules ledger"):
        SQLiteStore(str(text))
    newer = tmp_path / "newer.db"
    SQLiteStore(str(newer)).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'format'")
    with pytest.raises(StoreError, match="format '99'"):
        SQLiteStore(str(newer))
    assert main(["ledger", "summary", str(newer)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_value_of_the_wrong_type_is_damage_not_a_type_error(tmp_path: Path) -> None:
    path = tmp_path / "typed.db"
    ledger = Ledger(PROGRAM, SQLiteStore(str(path)))
    ledger.process_event({"id": "c1", "kind": "checkin", "member": "m1", "time": at(2).isoformat()})
    ledger.close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE lots SET remaining = 'ten'")
    ledger = Ledger(PROGRAM, SQLiteStore(str(path)))
    with pytest.raises(StoreError, match="damaged: lot 'c1#1'"):
        ledger.balance("m1", LATER)
    ledger.close()


# ---- points beyond a 64-bit column ---------------------------------------------------------------

def test_one_award_beyond_64_bits_is_refused_and_the_stream_goes_on(make_ledger: Callable[..., Ledger]) -> None:
    ledger = make_ledger(program=BIG)
    # 9,300,000,000,000,000 CNY × 1000 = 9.3 × 10^18 points > 2^63 − 1 ≈ 9.22 × 10^18
    lines = [json.dumps(_purchase("b1", "9300000000000000")), json.dumps(_purchase("b2", "1.00"))]
    rejected: list[Rejection] = []
    recorded = record_stream(ledger, lines, on_reject=rejected.append)
    assert [(r.line, r.field) for r in rejected] == [(1, "-")]
    assert "past 9,223,372,036,854,775,807 points" in rejected[0].message
    assert recorded.summary.accepted == 1
    assert [(b.member, b.available) for b in ledger.balances(LATER)] == [("m1", 1000)]  # b2 only


def test_two_large_awards_leave_a_readable_ledger(make_ledger: Callable[..., Ledger]) -> None:
    ledger = make_ledger(program=BIG)
    first = ledger.process_event(_purchase("b1", "9000000000000000"))  # 9 × 10^18 points: fits
    assert first.totals == (("m1", 9 * 10**18),)
    with pytest.raises(EventError) as info:
        ledger.process_event(_purchase("b2", "9000000000000000", member="m2"))  # 18 × 10^18 in all: no
    assert info.value.field == "-" and "nothing was recorded" in info.value.message
    assert [b.available for b in ledger.balances(LATER)] == [9 * 10**18]
    assert ledger.summary(LATER).earned == 9 * 10**18
    with pytest.raises(LedgerError, match="past"):
        ledger.adjust("a1", "m1", MAX_POINTS, "too generous", LATER)
    assert ledger.history("m1")[-1].operation == "b1"  # neither refusal wrote anything
    ledger.process_event(_purchase("b3", "1.00", member="m2"))  # what still fits is recorded
    assert ledger.balance("m2", LATER).available == 1000


# ---- ids -----------------------------------------------------------------------------------------

def test_ids_longer_than_the_maximum_are_refused_naming_the_field(make_ledger: Callable[..., Ledger]) -> None:
    ledger = make_ledger()
    ok = "i" * MAX_ID_LENGTH
    checkin = {"id": ok, "kind": "checkin", "member": ok, "time": at(2).isoformat()}
    assert ledger.process_event(checkin).totals == ((ok, 10),)
    for field in ("id", "member"):
        with pytest.raises(EventError) as info:
            ledger.process_event({**checkin, field: "x" * (MAX_ID_LENGTH + 1)})
        assert info.value.field == field and "201 characters long; an id has at most 200" in info.value.message
    referral = {"id": "r1", "kind": "referral", "member": "m1", "time": at(2).isoformat(), "referee": "y" * 201}
    with pytest.raises(EventError) as info:
        ledger.process_event(referral)
    assert info.value.field == "referee"
    long = "z" * (MAX_ID_LENGTH + 1)
    with pytest.raises(ValueError, match="an operation id is 201 characters long"):
        ledger.adjust(long, "m1", 5, "welcome", at(3))
    with pytest.raises(ValueError, match="a member id is 201 characters long"):
        ledger.adjust("a1", long, 5, "welcome", at(3))
    with pytest.raises(ValueError, match="201 characters long"):
        ledger.set_profile(long, {"tier": "gold"})
    assert ledger.adjust("a1", ok, 5, "welcome", at(3)).totals == ((ok, 5),)


def test_every_evaluator_refuses_a_long_id_alike() -> None:
    lines = [json.dumps({"id": "x" * 201, "kind": "checkin", "member": "m1", "time": at(2).isoformat()}),
             json.dumps({"id": "c2", "kind": "checkin", "member": "m" * 201, "time": at(2).isoformat()})]
    for evaluator in ("compiled", "reference"):
        rejected: list[Rejection] = []
        simulate(PROGRAM, lines, on_reject=rejected.append, evaluator=evaluator)
        assert [r.field for r in rejected] == ["id", "member"], evaluator


def test_damaged_copy_is_left_untouched_by_the_suite(good_file: Path, tmp_path: Path) -> None:
    """The module's good file stays a good ledger (the damage tests work on copies)."""
    copy = tmp_path / "copy.db"
    shutil.copy(good_file, copy)
    ledger = Ledger(None, SQLiteStore(str(copy)))
    assert ledger.balances(LATER)
    ledger.close()


@pytest.mark.parametrize("word", [b"CREATE TABLE", b"meta", b"m5", b"purchase"])
def test_text_that_is_not_utf8_is_a_clear_error(good_file: Path, tmp_path: Path, capsys, word: bytes) -> None:
    """SQLite hands TEXT back as UTF-8: a byte 0x80 at the start of a word (in the schema, a table's
    name, a member id, an event kind in the rows) made a UnicodeDecodeError traceback (found by
    `make fuzz`: one byte 0x80 at 1.6% of the file); it is a StoreError naming the file."""
    data = good_file.read_bytes()
    assert word in data
    for n, start in enumerate(i for i in range(len(data)) if data.startswith(word, i)):
        if n >= 5:
            break
        target = tmp_path / f"{word[:4].decode()}{n}.db"
        target.write_bytes(data[:start] + b"\x80" + data[start + 1:])
        _api(target)
        _cli(target, capsys)
